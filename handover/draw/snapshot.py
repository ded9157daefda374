"""Freezing the reviewer pool for one case's draw: the snapshot that is shown, hashed, drawn from and stored."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from handover import recusal, settings
from handover.draw import algorithm
from handover.draw import record as records
from handover.models import DrawRecord, DrawReplacement, HandoverCase, Unit, Village
from handover.words import PANEL_PLACES


def _int_setting(session: Session, key: str, given: int | None) -> int:
    if given is not None:
        return given
    return settings.get_int(session, key)


def _recent_panels(session: Session, case: HandoverCase, on: date, months: int) -> dict[str, list[str]]:
    """Rule 6: who sat on the panel of another case of the same unit, drawn within `months` before `on`."""
    cutoff = recusal.months_before(on, months)
    latest = (
        select(DrawRecord.case_id, func.max(DrawRecord.attempt).label("attempt"))
        .join(HandoverCase, col(HandoverCase.id) == DrawRecord.case_id)
        .where(HandoverCase.unit_id == case.unit_id, DrawRecord.case_id != case.id)
        .group_by(col(DrawRecord.case_id))
        .subquery()
    )
    # the few columns needed, not the records: each carries its snapshot, a megabyte at 10,000 reviewers
    rows = session.exec(
        select(col(DrawRecord.id), col(DrawRecord.result), col(DrawRecord.draw_date), HandoverCase)
        .join(latest, (latest.c.case_id == DrawRecord.case_id) & (latest.c.attempt == DrawRecord.attempt))
        .join(HandoverCase, col(HandoverCase.id) == DrawRecord.case_id)
        .where(DrawRecord.draw_date >= cutoff, DrawRecord.draw_date <= on)
    ).all()
    found: dict[str, list[str]] = {}
    for draw_id, result, drawn_on, other in rows:
        replacements = session.exec(select(DrawReplacement).where(DrawReplacement.draw_id == draw_id)).all()
        for certificate_no, role in records.panel_after(json.loads(result), replacements):
            found.setdefault(certificate_no, []).append(
                f"{drawn_on.isoformat()} 抽签的案件{other.id}（{other.outgoing}离任）评审小组{PANEL_PLACES[role]}"
            )
    return found


# plain DB-API rows (fetchall), without SQLAlchemy's row processing: a county pool is thousands of rows, read twice per
# draw (prepare, then draw); dates and flags are made Python values here (SQLite gives text and 0/1, PostgreSQL the values)
_POOL = ("SELECT id, certificate_no, name, organization, org_dept, certified_until, trained_on, active FROM reviewer"
         " ORDER BY certificate_no")  # fmt: skip
_CONFLICTS = "SELECT reviewer_id, target, reason FROM reviewer_conflict ORDER BY id"


def _fetched(session: Session, sql: str) -> list[Any]:
    cursor = session.connection().connection.cursor()
    try:
        cursor.execute(sql)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _days(rows: list[Any]) -> dict[Any, date | None]:
    """Each stored date of the pool rows as a date: a pool has few distinct ones, each made once (SQLite gives text)."""
    texts = {r[5] for r in rows} | {r[6] for r in rows}
    return {t: date.fromisoformat(t) if isinstance(t, str) else t for t in texts}


# the last pool frozen in this process and everything it was made from: the draw freezes the pool again to prove it
# unchanged since the prepare, and when all that it reads is equal, the snapshot is the same one, its hash already made
_LAST: dict[str, tuple[tuple[Any, ...], algorithm.Snapshot]] = {}


def freeze_pool(
    session: Session, case: HandoverCase, unit: Unit, size: int | None, alternates: int | None, on: date
) -> algorithm.Snapshot:
    """The pool as it stands on `on` for this case: who may be drawn, who is excluded and why, the panel's size."""
    periods = settings.recusal_periods_in(session)
    facts = recusal.CaseFacts(
        unit=unit.name,
        villages=tuple(session.exec(select(Village.name).where(Village.unit_id == unit.id))),
        outgoing=case.outgoing,
        incoming=case.incoming,
    )
    assert case.id is not None
    head = (("id", case.id), ("unit", unit.name), ("outgoing", case.outgoing), ("incoming", case.incoming))
    shape = (_int_setting(session, "panel_size", size), _int_setting(session, "panel_alternates", alternates))
    conflicts = _fetched(session, _CONFLICTS)
    recent = _recent_panels(session, case, on, periods.recent_panel_months)
    rows = _fetched(session, _POOL)
    given = (head, on, shape, periods, facts, conflicts, recent, rows)
    last = _LAST.get("pool")
    if last is not None and last[0] == given:  # exact equality of every value read, not a hash of them
        return last[1]
    pool, excluded = _sorted_out(rows, conflicts, recent, facts, on, periods)
    snapshot = algorithm.Snapshot(
        case=dict(head),
        draw_date=on.isoformat(),
        panel_size=shape[0],
        alternates=shape[1],
        pool=pool,
        excluded=excluded,
        algorithm=algorithm.CURRENT,
    )
    _LAST["pool"] = (given, snapshot)
    return snapshot


def _sorted_out(
    rows: list[Any],
    conflict_rows: list[Any],
    recent: dict[str, list[str]],
    facts: recusal.CaseFacts,
    on: date,
    periods: recusal.Periods,
) -> tuple[tuple[algorithm.Candidate, ...], tuple[algorithm.Excluded, ...]]:
    """Who of the pool rows may be drawn, and who is excluded with every reason."""
    conflicts: dict[int, list[tuple[str, str]]] = {}
    for reviewer_id, target, reason in conflict_rows:
        conflicts.setdefault(reviewer_id, []).append((target, reason))
    passes = recusal.quick_pass(facts, on, periods)
    pool, excluded = [], []
    day = _days(rows)
    for reviewer_id, number, name, organization, org_dept, until, trained, active in rows:
        org_dept, until, trained, active = bool(org_dept), day[until], day[trained], bool(active)
        mine, sat = conflicts.get(reviewer_id, ()), recent.get(number, ())
        if not mine and not sat and passes(name, organization, until, trained, active):
            pool.append(algorithm.Candidate(number, name, organization, org_dept))
            continue
        person = recusal.ReviewerFacts(number, name, organization, until, trained, active, tuple(mine))
        why = recusal.reasons(person, facts, on, periods, sat)
        if why:
            excluded.append(algorithm.Excluded(number, name, organization, why))
        else:
            pool.append(algorithm.Candidate(number, name, organization, org_dept))
    return tuple(pool), tuple(excluded)
