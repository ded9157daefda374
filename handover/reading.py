"""Reading cases into plain views: one case with its 40 values (`get_case`), the case list, completeness.

Below the services and the sign-off: the content fingerprint and the report read a case through here, inside whatever
transaction they hold (`read_case` takes a session)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy import text
from sqlmodel import Session, col, select

from handover import case_list, signed_names, trend
from handover import catalogue as catalogue_mod
from handover.catalogue import Catalogue, Indicator
from handover.db import Database, hold_write_lock
from handover.errors import NotFound
from handover.models import DrawRecord, HandoverCase, IndicatorValue, NamedVillage, Unit, Village
from handover.views import CaseDetail, CaseSummary, Missing, ValueView


def case_row(session: Session, case_id: int, *, fresh: bool = False) -> HandoverCase:
    """The case's row; `fresh` reads it again even if the session has it already."""
    row = session.get(HandoverCase, case_id, populate_existing=fresh)
    if row is None:
        raise NotFound(f"没有编号为 {case_id} 的案件（可用 handover case list 查看）")
    return row


def lock_case(session: Session, case_id: int) -> HandoverCase:
    """The case's row, locked until the transaction ends; call it first in the transaction, before reading the case.

    Signing and every change to a case's content take this lock, so they happen one after the other: a signature is
    bound to the content as committed, and no edit that read the case before a signature commits after it
    (docs/signatures.md). PostgreSQL: SELECT ... FOR UPDATE of the case row. SQLite locks the whole file: its write
    lock (db.hold_write_lock), as a no-op UPDATE of the row would be refused by the lock triggers on a signed case,
    which still takes the panel's late signatures.
    """
    if session.connection().dialect.name == "postgresql":
        session.exec(select(HandoverCase.id).where(col(HandoverCase.id) == case_id).with_for_update()).first()
    else:
        hold_write_lock(session)
    return case_row(session, case_id, fresh=True)


def named_villages(session: Session, value_id: int | None) -> dict[str, list[str]]:
    named: dict[str, list[str]] = {"start": [], "end": []}
    if value_id is None:
        return named
    rows = session.exec(
        select(NamedVillage.point, Village.name)
        .join(Village, col(Village.id) == NamedVillage.village_id)
        .where(NamedVillage.value_id == value_id)
        .order_by(col(NamedVillage.point), col(NamedVillage.position))
    )
    for point, name in rows:
        named[point].append(name)
    return named


def value_view(
    ind: Indicator, cat: Catalogue, value: IndicatorValue | None, villages: dict[str, tuple[str, ...]]
) -> ValueView:
    start = value.start_value if value else None
    end = value.end_value if value else None
    na = value.na_reason if value else None
    change = trend.compute(ind, start, end, cat.grades) if start is not None and end is not None and not na else None
    return ValueView(
        code=ind.code,
        name=ind.name,
        area_code=ind.area_code,
        kind=ind.kind.value,
        unit_label=ind.unit_label,
        direction=ind.direction.value,
        key=ind.key,
        lists_villages=ind.villages,
        start=start,
        end=end,
        change=change.delta if change else None,
        trend=change.trend.value if change else None,
        change_words=change.words if change else None,
        villages_start=villages.get("start", ()),
        villages_end=villages.get("end", ()),
        na_reason=na,
        note=value.note if value else None,
    )


def _missing(values: Sequence[ValueView]) -> tuple[Missing, ...]:
    missing = []
    for v in values:
        if v.complete:
            continue
        parts = [label for label, present in (("届初值", v.start is not None), ("届末值", v.end is not None)) if not present]
        missing.append(Missing(v.code, v.name, "缺" + "、".join(parts)))
    return tuple(missing)


def get_case(db: Database, case_id: int) -> CaseDetail:
    """One case with its 40 values, change and trend, and what is still missing."""
    with db.session() as session:
        return read_case(session, case_id)


def read_case(session: Session, case_id: int) -> CaseDetail:
    """`get_case` inside a transaction the caller holds (the sign-off reads the case it locks)."""
    cat = catalogue_mod.load()
    row = case_row(session, case_id)
    unit = session.get(Unit, row.unit_id)
    assert unit is not None
    stored = {v.code: v for v in session.exec(select(IndicatorValue).where(IndicatorValue.case_id == case_id))}
    names: dict[int, dict[str, list[str]]] = {}
    rows = session.exec(
        select(NamedVillage.value_id, NamedVillage.point, Village.id, Village.name)
        .join(Village, col(Village.id) == NamedVillage.village_id)
        .join(IndicatorValue, col(IndicatorValue.id) == NamedVillage.value_id)
        .where(IndicatorValue.case_id == case_id)
        .order_by(col(NamedVillage.position))
    )
    signed = signed_names.of_case(session, case_id) if row.status == "signed" else {}  # the names it was signed with
    for value_id, point, village_id, name in rows:
        names.setdefault(value_id, {"start": [], "end": []})[point].append(signed.get(("village", village_id or 0), name))
    values = []
    for ind in cat.indicators:
        value = stored.get(ind.code)
        picked = names.get(value.id or 0, {}) if value else {}
        values.append(value_view(ind, cat, value, {p: tuple(v) for p, v in picked.items()}))
    missing = _missing(values)
    drawn = session.exec(select(DrawRecord.id).where(DrawRecord.case_id == case_id).limit(1)).first() is not None
    summary = _summary(row, unit, len(values) - len(missing), len(values), drawn)
    summary = replace(summary, unit=signed.get(("unit", unit.id or 0), unit.name))
    return CaseDetail(summary, row.catalogue_version, tuple(values), row.evaluation_grade, row.evaluation_comment, missing)


def _summary(row: HandoverCase, unit: Unit, done: int, total: int, panel_drawn: bool) -> CaseSummary:
    assert row.id is not None
    return CaseSummary(
        id=row.id,
        unit=unit.name,
        unit_type=unit.unit_type,
        outgoing=row.outgoing,
        incoming=row.incoming,
        term_start=row.term_start,
        term_end=row.term_end,
        handover_date=row.handover_date,
        status=row.status,
        done=done,
        total=total,
        grade=row.evaluation_grade,
        panel_drawn=panel_drawn,
    )


#: SQL for one case's completeness: its value rows that are not applicable, or have both values (ValueView.complete)
DONE_SQL = f"SELECT count(*) FROM indicator_value v WHERE v.case_id = :case_id AND {case_list.COMPLETE}"


def store_completeness(session: Session, case_id: int) -> int:
    """Count the case's complete indicators and store the count on the case (`handover_case.done_count`), in the
    caller's transaction. Every write of values calls it before committing (edits, not applicable, village lists,
    value import, a revision's copied values, a new case's defaults, the demo), so the case list never recounts."""
    session.flush()
    done = int(session.execute(text(DONE_SQL), {"case_id": case_id}).scalar_one())
    row = case_row(session, case_id)
    if row.done_count != done:
        row.done_count = done
        session.flush()
    return done


def list_cases(
    db: Database,
    *,
    status: str | None = None,
    year: int | None = None,
    search: str | None = None,
    unit: str | None = None,
    step: str | None = None,
    sort: str = "id",
    descending: bool = True,
    limit: int | None = None,
    offset: int = 0,
) -> list[CaseSummary]:
    """Cases with their completeness, newest first (or by `sort`); filters combine; `limit`/`offset` give one page.
    The database filters, sorts and pages (case_list.py holds the SQL)."""
    query = case_list.CaseQuery(status, year, search, unit, step, sort, descending, limit, offset)
    return case_list.fetch(db.reader(), query)


def count_cases(
    db: Database, *, status: str | None = None, year: int | None = None, search: str | None = None,
    unit: str | None = None, step: str | None = None,
) -> int:  # fmt: skip
    """How many cases `list_cases` with these filters lists in all."""
    return case_list.count(db.reader(), case_list.CaseQuery(status, year, search, unit, step))


def completeness(db: Database, case_id: int) -> tuple[int, int, tuple[Missing, ...]]:
    detail = get_case(db, case_id)
    return detail.summary.done, detail.summary.total, detail.missing
