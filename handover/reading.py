"""Reading cases into plain views: one case with its 40 values (`get_case`), the case list, completeness.

Below the services and the sign-off: the content fingerprint and the report read a case through here, inside whatever
transaction they hold (`read_case` takes a session)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, or_
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from handover import catalogue as catalogue_mod
from handover import signed_names, trend
from handover.catalogue import Catalogue, Indicator
from handover.db import Database, hold_write_lock
from handover.errors import NotFound, Refused
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


def _done_expression() -> Any:
    """SQL for "this value row is complete": not applicable, or both values present."""
    complete = or_(
        col(IndicatorValue.na_reason).is_not(None),
        and_(col(IndicatorValue.start_value).is_not(None), col(IndicatorValue.end_value).is_not(None)),
    )
    return func.coalesce(func.sum(case((complete, 1), else_=0)), 0)


def list_cases(
    db: Database,
    *,
    status: str | None = None,
    year: int | None = None,
    search: str | None = None,
    unit: str | None = None,
) -> list[CaseSummary]:
    """All cases with their completeness, newest first; filters combine."""
    total = len(catalogue_mod.load().indicators)
    with db.session() as session:
        done = (
            select(IndicatorValue.case_id, _done_expression().label("done"))
            .group_by(col(IndicatorValue.case_id))
            .subquery()
        )
        h = HandoverCase
        query = (
            sa_select(
                *(col(c) for c in (h.id, Unit.name, Unit.unit_type, h.outgoing, h.incoming, h.term_start, h.term_end)),
                *(col(c) for c in (h.handover_date, h.status)),
                func.coalesce(done.c.done, 0),
                col(h.evaluation_grade),
                sa_select(col(DrawRecord.id)).where(col(DrawRecord.case_id) == h.id).exists(),
            )
            .join(Unit, col(Unit.id) == h.unit_id)
            .outerjoin(done, done.c.case_id == h.id)
        )
        if status:
            query = query.where(col(h.status) == status)
        if year is not None:
            if not 1949 <= year <= 2100:
                raise Refused(f"年份 {year} 不合理（应在 1949 至 2100 年之间）")
            query = query.where(col(h.term_end) >= date(year, 1, 1), col(h.term_end) <= date(year, 12, 31))
        if unit:
            query = query.where(col(Unit.name) == unit)
        if search:
            # % and _ typed by the user are letters, not LIKE wildcards
            escaped = search.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
            pattern = f"%{escaped}%"
            query = query.where(
                or_(*(col(c).like(pattern, escape="\\") for c in (Unit.name, h.outgoing, h.incoming)))
            )
        query = query.order_by(col(h.id).desc())
        # plain columns, not ORM objects: 10,000 rows come back several times faster
        return [
            CaseSummary(cid, uname, utype, out, inc, ts, te, hd, st, int(d), total, grade, bool(drawn))
            for cid, uname, utype, out, inc, ts, te, hd, st, d, grade, drawn in session.execute(query)
        ]


def completeness(db: Database, case_id: int) -> tuple[int, int, tuple[Missing, ...]]:
    detail = get_case(db, case_id)
    return detail.summary.done, detail.summary.total, detail.missing
