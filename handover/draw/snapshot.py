"""Freezing the reviewer pool for one case's draw: the snapshot that is shown, hashed, drawn from and stored."""

from __future__ import annotations

import json
from datetime import date
from typing import Any, cast

from sqlalchemy import func
from sqlalchemy import select as columns
from sqlmodel import Session, col, select

from handover import recusal, settings
from handover.draw import algorithm
from handover.draw import record as records
from handover.models import DrawRecord, DrawReplacement, HandoverCase, Reviewer, ReviewerConflict, Unit, Village
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
    rows = session.exec(
        select(DrawRecord, HandoverCase)
        .join(latest, (latest.c.case_id == DrawRecord.case_id) & (latest.c.attempt == DrawRecord.attempt))
        .join(HandoverCase, col(HandoverCase.id) == DrawRecord.case_id)
        .where(DrawRecord.draw_date >= cutoff, DrawRecord.draw_date <= on)
    ).all()
    found: dict[str, list[str]] = {}
    for record, other in rows:
        replacements = session.exec(select(DrawReplacement).where(DrawReplacement.draw_id == record.id)).all()
        for certificate_no, role in records.panel_after(json.loads(record.result), replacements):
            found.setdefault(certificate_no, []).append(
                f"{record.draw_date.isoformat()} 抽签的案件{other.id}（{other.outgoing}离任）评审小组{PANEL_PLACES[role]}"
            )
    return found


_POOL = columns(*(col(c) for c in (
    Reviewer.id, Reviewer.certificate_no, Reviewer.name, Reviewer.organization, Reviewer.org_dept,
    Reviewer.certified_until, Reviewer.trained_on, Reviewer.active,
))).order_by(col(Reviewer.certificate_no))  # fmt: skip


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
    conflicts: dict[int, list[tuple[str, str]]] = {}
    connection = session.connection()  # plain rows, without the ORM loading step: thousands of them
    for reviewer_id, target, reason in connection.execute(
        select(ReviewerConflict.reviewer_id, ReviewerConflict.target, ReviewerConflict.reason).order_by(
            col(ReviewerConflict.id)
        )
    ):
        conflicts.setdefault(reviewer_id, []).append((target, reason))
    recent = _recent_panels(session, case, on, periods.recent_panel_months)
    passes = recusal.quick_pass(facts, on, periods)
    pool, excluded = [], []
    # plain columns, not ORM objects: a county pool is thousands of rows, read twice per draw (prepare, then draw)
    for reviewer_id, number, name, organization, org_dept, until, trained, active in cast(Any, connection.execute(_POOL)):
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
    assert case.id is not None
    return algorithm.Snapshot(
        case={"id": case.id, "unit": unit.name, "outgoing": case.outgoing, "incoming": case.incoming},
        draw_date=on.isoformat(),
        panel_size=_int_setting(session, "panel_size", size),
        alternates=_int_setting(session, "panel_alternates", alternates),
        pool=tuple(pool),
        excluded=tuple(excluded),
        algorithm=algorithm.CURRENT,
    )
