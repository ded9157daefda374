"""Replacing a panel member who cannot serve (递补): by certificate number, with the reason; a refusal is kept too.

A refusal because no alternate fits is stored with its reason (draw_replacement_refusal), hashed and logged, so that
anyone can check later that really no alternate fitted; every replacement and refusal has its audit-log entry in the
same transaction.
"""

from __future__ import annotations

import json

from sqlmodel import Session

from handover import audit, reading, value_rules
from handover.db import Database
from handover.draw import algorithm
from handover.draw import record as records
from handover.draw.committed import now
from handover.draw.reading import case_and_unit, draw_view, is_latest, record_of, refusals_of, replacements_of
from handover.draw.views import DrawView
from handover.errors import Refused
from handover.identity import current_user
from handover.models import DrawRecord, DrawReplacement, DrawReplacementRefusal


def replace_member(db: Database, draw_id: int, member: str, reason: str) -> DrawView:
    """A panel member cannot serve: the next fitting alternate takes their place.

    `member` is a certificate number, or a name when exactly one reviewer of the drawn pool has it. Only the latest
    draw of a case can change; the replacement is a new record, the draw record itself stays as it is.
    """
    reason = value_rules.clean_text(reason, "递补理由")  # stored clean: no escape codes or control characters in the record
    if not reason:
        raise Refused("递补须说明理由（例如：因病无法参加）")
    refused: Refused | None = None
    with db.session() as session:
        record = record_of(session, draw_id)  # a draw record never changes: it may be read before the lock
        assert record.id is not None
        reading.lock_case(session, record.case_id)
        case, _ = case_and_unit(session, record.case_id)
        if case.status == "signed":
            raise Refused(f"案件 {case.id} 已签署，评审小组不能再变更")
        if not is_latest(session, record):
            raise Refused(f"抽签记录 {draw_id} 已被同一案件后来的抽签取代，只能在最新的抽签记录上递补")
        snapshot = algorithm.parsed_snapshot(record.snapshot)
        rows = replacements_of(session, record.id)
        panel, remaining = records.state_before(snapshot, json.loads(record.result), rows, len(rows) + 1)
        leaving = _leaving(session, record, snapshot, member)
        try:
            newcomer, _skipped_ = algorithm.replacement_for(panel, remaining, leaving)
        except Refused as exc:
            # kept and committed, then refused: "no alternate fits" is a fact others must be able to check
            _store_refusal(session, record, len(rows), leaving, reason, exc.message)
            refused = exc
        else:
            _store_replacement(session, record, rows, leaving, newcomer, reason)
    if refused is not None:
        raise refused
    with db.session() as session:
        return draw_view(session, record_of(session, draw_id))


def _leaving(session: Session, record: DrawRecord, snapshot: algorithm.Snapshot, member: str) -> algorithm.Candidate:
    """The panel member meant: by certificate number, or by a name no one else in the drawn pool has."""
    view = draw_view(session, record)
    wanted = member.strip()
    on_panel = {m.certificate_no: m for m in view.panel}
    people = {c.certificate_no: c for c in snapshot.pool}
    if wanted not in on_panel:
        namesakes = [c for c in snapshot.pool if c.name == wanted]
        if len(namesakes) > 1:
            numbers = "、".join(c.certificate_no for c in namesakes)
            raise Refused(f"人员库中有 {len(namesakes)} 位 “{wanted}”，请改用证书编号：{numbers}")
        wanted = namesakes[0].certificate_no if namesakes else wanted
    if wanted not in on_panel:
        names = "、".join(f"{m.name}（{m.role_label}，{m.certificate_no}）" for m in view.panel)
        raise Refused(f"“{member}” 不是抽签记录 {record.id} 当前评审小组的成员；当前成员：{names}")
    return people[wanted]


def _store_replacement(
    session: Session,
    record: DrawRecord,
    rows: list[DrawReplacement],
    leaving: algorithm.Candidate,
    newcomer: algorithm.Candidate,
    reason: str,
) -> None:
    assert record.id is not None
    row = DrawReplacement(
        draw_id=record.id, seq=len(rows) + 1, replaced_certificate_no=leaving.certificate_no,
        replacement_certificate_no=newcomer.certificate_no, reason=reason, operator=current_user(), created_at=now(),
        record_hash="",
    )  # fmt: skip
    row.record_hash = records.replacement_hash(row, rows[-1].record_hash if rows else record.record_hash)
    session.add(row)
    audit.record(session, "draw.replace", record.case_id, {
        "draw_id": record.id, "replaced": leaving.certificate_no, "replacement": newcomer.certificate_no,
        "reason": reason, "record_hash": row.record_hash,
    })  # fmt: skip


def _store_refusal(
    session: Session, record: DrawRecord, after: int, leaving: algorithm.Candidate, reason: str, refusal: str
) -> None:
    assert record.id is not None
    earlier = refusals_of(session, record.id)
    row = DrawReplacementRefusal(
        draw_id=record.id, seq=len(earlier) + 1, after_replacements=after,
        leaving_certificate_no=leaving.certificate_no, reason=reason, refusal=refusal, operator=current_user(),
        created_at=now(), record_hash="",
    )  # fmt: skip
    row.record_hash = records.refusal_hash(row, earlier[-1].record_hash if earlier else record.record_hash)
    session.add(row)
    audit.record(session, "draw.replace.refused", record.case_id, {
        "draw_id": record.id, "seq": row.seq, "leaving": leaving.certificate_no, "reason": reason,
        "refusal": refusal, "record_hash": row.record_hash,
    })  # fmt: skip
