"""Reading stored draws into plain views: a draw record with its replacements as the DrawView that is shown and printed."""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import partial
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from handover.draw import algorithm
from handover.draw import record as records
from handover.draw.views import DrawView, ExclusionView, PanelMember, ReplacementView
from handover.errors import NotFound, Refused
from handover.models import DrawRecord, DrawReplacement, DrawReplacementRefusal, HandoverCase, Unit


def case_and_unit(session: Session, case_id: int) -> tuple[HandoverCase, Unit]:
    """The case and its unit; refuses a case number that does not exist."""
    row = session.get(HandoverCase, case_id)
    if row is None:
        raise NotFound(f"没有编号为 {case_id} 的案件（可用 handover case list 查看）")
    unit = session.get(Unit, row.unit_id)
    assert unit is not None
    return row, unit


def exclusion_views(snapshot: algorithm.Snapshot) -> tuple[ExclusionView, ...]:
    """Who the snapshot excluded from the draw, and why."""
    return tuple(ExclusionView(e.certificate_no, e.name, e.organization, e.reasons) for e in snapshot.excluded)


def record_of(session: Session, draw_id: int) -> DrawRecord:
    """The stored draw record; refuses a number that does not exist."""
    record = session.get(DrawRecord, draw_id)
    if record is None:
        raise NotFound(f"没有编号为 {draw_id} 的抽签记录（可用 handover draw list 案件编号 查看）")
    return record


def refusals_of(session: Session, draw_id: int) -> list[DrawReplacementRefusal]:
    """The refused replacements of a draw, in the order they were tried."""
    query = select(DrawReplacementRefusal).where(DrawReplacementRefusal.draw_id == draw_id)
    return list(session.exec(query.order_by(col(DrawReplacementRefusal.seq))))


def replacements_of(session: Session, draw_id: int) -> list[DrawReplacement]:
    """The replacements of a draw, in the order they were made."""
    query = select(DrawReplacement).where(DrawReplacement.draw_id == draw_id).order_by(col(DrawReplacement.seq))
    return list(session.exec(query))


def is_latest(session: Session, record: DrawRecord) -> bool:
    """Whether this is the case's latest draw attempt (the one in force; earlier ones are superseded)."""
    latest = session.exec(select(func.max(DrawRecord.attempt)).where(DrawRecord.case_id == record.case_id)).one()
    return bool(latest == record.attempt)


def draw_view(session: Session, record: DrawRecord) -> DrawView:
    """The draw record with its replacements applied: members, alternates, the panel in force, who was excluded."""
    assert record.id is not None
    snapshot, result = _stored(record)
    _, unit = case_and_unit(session, record.case_id)
    member = partial(_member, {c.certificate_no: c for c in snapshot.pool})
    alternates = tuple(member(m["certificate_no"], "alternate") for m in result["alternates"])
    rows = replacements_of(session, record.id)
    used = {r.replacement_certificate_no for r in rows}
    return DrawView(
        id=record.id,
        case_id=record.case_id,
        unit=unit.name,
        attempt=record.attempt,
        created_at=record.created_at,
        operator=record.operator,
        reason=record.reason,
        draw_date=record.draw_date,
        algorithm=record.algorithm,
        panel_size=snapshot.panel_size,
        pool_hash=record.pool_hash,
        os_entropy=record.os_entropy,
        witness=record.witness,
        seed=record.seed,
        eligible_count=len(snapshot.pool),
        members=tuple(member(m["certificate_no"], m["role"]) for m in result["members"]),
        alternates=alternates,
        excluded=exclusion_views(snapshot),
        replacements=_replacement_views(snapshot, result, rows, member),
        panel=tuple(member(c, role) for c, role in records.panel_after(result, rows)),
        remaining_alternates=tuple(a for a in alternates if a.certificate_no not in used),
        record_hash=record.record_hash,
        previous_hash=record.previous_hash,
        superseded=not is_latest(session, record),
        commitment=record.commitment,
        public_source=record.public_source,
        public_value=record.public_value,
    )


def _stored(record: DrawRecord) -> tuple[algorithm.Snapshot, dict[str, Any]]:
    """The frozen pool and the result of a stored draw; refuses a record that no longer parses."""
    try:
        return algorithm.parsed_snapshot(record.snapshot), json.loads(record.result)
    except ValueError:
        raise Refused(
            f"抽签记录 {record.id} 已损坏，无法读取；请运行 handover draw verify {record.id} 查看详情"
        ) from None


def _member(people: dict[str, algorithm.Candidate], certificate_no: str, role: str) -> PanelMember:
    c = people.get(certificate_no)
    return PanelMember(certificate_no, c.name if c else "?", c.organization if c else "?", role)


def _replacement_views(
    snapshot: algorithm.Snapshot,
    result: dict[str, Any],
    rows: list[DrawReplacement],
    member: Callable[[str, str], PanelMember],
) -> tuple[ReplacementView, ...]:
    views = []
    for i, r in enumerate(rows):
        # the newcomer takes the role (组长 or 成员) of the one leaving, as the panel stood just before this replacement
        role = dict(records.panel_after(result, rows[:i])).get(r.replaced_certificate_no, "member")
        views.append(
            ReplacementView(
                seq=r.seq,
                replaced=member(r.replaced_certificate_no, role),
                replacement=member(r.replacement_certificate_no, role),
                reason=r.reason,
                operator=r.operator,
                created_at=r.created_at,
                skipped=records.skipped(snapshot, result, rows, r),
            )
        )
    return tuple(views)
