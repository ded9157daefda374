"""Checking a field file in (带回): every case all or nothing, idempotent, conflicts decided at the office first.

Values go through the same path as an edit in the office (services/cases.py `_apply`: the rules, the named villages,
the value.edit entry); the evaluation, villages, attachments, the status and the signatures are written as their own
services write them, with the same audit entries. The field's own log entries of the case (who, when, what) enter
the office log inside one field.checkin entry, so the office chain stays one chain.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from handover import audit, catalogue
from handover.db import Database
from handover.errors import Refused
from handover.field import fieldfile, writes
from handover.field import merge as merging
from handover.field import state as states
from handover.field.models import FieldCheckout, FieldDecision
from handover.identity import current_user
from handover.reading import lock_case
from handover.words import STATUSES


@dataclass
class CheckinResult:
    """What a check-in did: the cases applied (with what), the conflicts waiting, the cases refused and why, and the
    cases that had come back before (a second check-in of the same file)."""

    applied: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[merging.Conflict] = field(default_factory=list)
    refused: list[dict[str, Any]] = field(default_factory=list)
    already: list[int] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.conflicts and not self.refused

    def to_dict(self) -> dict[str, Any]:
        return {"applied": self.applied, "conflicts": [c.to_dict() for c in self.conflicts], "refused": self.refused,
                "already": self.already}  # fmt: skip


def decisions(session: Session, file_id: str, case_id: int) -> dict[str, str]:
    rows = session.exec(select(FieldDecision).where(FieldDecision.file_id == file_id, FieldDecision.case_id == case_id))
    return {r.code: r.take for r in rows}


def _checkouts(office: Database, file_id: str) -> list[FieldCheckout]:
    with office.session() as session:
        query = select(FieldCheckout).where(FieldCheckout.file_id == file_id).order_by(col(FieldCheckout.case_id))
        return list(session.exec(query))


def plans(office: Database, path: str | Path, passphrase: str | None) -> list[merging.Plan]:
    """What a check-in would do with each case not yet back (for `field conflicts` and the GUI); changes nothing."""
    found = fieldfile.check(office, path, passphrase)
    try:
        out = []
        for row in _checkouts(office, found.file_id):
            if row.checked_in_at is None:
                with found.db.session() as fs, office.session() as session:
                    fielded = states.case_state(fs, row.case_id)
                    office_now = states.case_state(session, row.case_id)
                    out.append(merging.plan(found.bases[row.case_id], office_now, fielded, decisions(session, found.file_id, row.case_id)))
        return out
    finally:
        found.db.close()


def checkin(office: Database, path: str | Path, passphrase: str | None = None) -> CheckinResult:
    """Check every case of the field file in that can be; see the module docstring."""
    found = fieldfile.check(office, path, passphrase)
    result = CheckinResult()
    try:
        for row in _checkouts(office, found.file_id):
            unit = found.bases[row.case_id]["content"]["case"]["unit"]
            if row.checked_in_at is not None and fieldfile.changed_after(found.db, row.field_head, row.case_id, unit):
                result.refused.append({"case": row.case_id, "reason": (
                    f"案件 {row.case_id} 已于 {row.checked_in_at:%Y-%m-%d %H:%M} 带回，此后文件中又有改动：一个外出核查文件只带回一次，"
                    "这些改动没有带回；请在办公室修改，或重新带出"
                )})  # fmt: skip
                continue
            if row.checked_in_at is not None:
                result.already.append(row.case_id)
                continue
            try:
                _case(office, found, row, result)
            except Refused as exc:
                result.refused.append({"case": row.case_id, "reason": exc.message})
    finally:
        found.db.close()
    return result


def _case(office: Database, found: fieldfile.FieldFile, row: FieldCheckout, result: CheckinResult) -> None:
    with found.db.session() as fs:
        fielded = states.case_state(fs, row.case_id)
    with office.session() as session:
        case = lock_case(session, row.case_id)
        office_now = states.case_state(session, row.case_id)
        plan = merging.plan(found.bases[row.case_id], office_now, fielded, decisions(session, found.file_id, row.case_id))
        if plan.undecided:
            result.conflicts.extend(plan.undecided)
            return
        if plan.changes and case.status == "signed":
            raise Refused(f"案件 {row.case_id} 在办公室已{STATUSES['signed']}，外出核查的改动不能再带回；如需更正请建立修订版本")
        if plan.signatures and plan.office_changed:
            raise Refused(
                f"案件 {row.case_id} 在现场已有签字，而带出之后办公室也改动了这个案件：签字对应的是现场的内容，"
                "不能把办公室的改动合并到签字之下，这个案件没有带回。请核对办公室的改动：撤回后重新带回，"
                "或在办公室重新请各方签字（已签署的案件只能通过修订版本更正）"
            )
        cat = catalogue.load()
        writes.apply(session, cat, case, plan, fielded, found.db)
        entries = fieldfile.field_entries(found.db, row.log_seq, row.case_id, fielded["content"]["case"]["unit"])
        audit.record(session, "field.checkin", row.case_id, {
            "file_id": found.file_id, "field_head": found.head, "taken": sorted(plan.take), "villages": plan.villages,
            "attachments": len(plan.attachments), "signatures": len(plan.signatures), "field_entries": entries,
        })  # fmt: skip
        stored = session.get(FieldCheckout, row.id)
        assert stored is not None
        stored.checked_in_at, stored.checked_in_by, stored.field_head = datetime.now(UTC), current_user(), found.head
        result.applied.append({"case": row.case_id, "taken": sorted(plan.take), "villages": plan.villages,
                               "attachments": len(plan.attachments), "signatures": len(plan.signatures)})  # fmt: skip


def resolve(office: Database, path: str | Path, case_id: int, code: str, take: str, passphrase: str | None = None) -> merging.Conflict:
    """Decide one conflict: take the field's value or keep the office's. Refuses what is no conflict of that file."""
    if take not in merging.TAKES:
        raise Refused(f"--take 应为 field（采用外出核查的值）或 office（保留办公室的值），收到 “{take}”")
    wanted = code.strip().upper()
    conflict = next(
        (c for p in plans(office, path, passphrase) if p.case_id == case_id for c in p.conflicts if c.code == wanted), None
    )
    if conflict is None:
        raise Refused(f"{Path(path).name} 中案件 {case_id} 的 {wanted} 没有待裁决的冲突（可用 handover field conflicts 查看）")
    file_id = fieldfile.check(office, path, passphrase)
    try:
        with office.session() as session:
            row = session.exec(select(FieldDecision).where(
                FieldDecision.file_id == file_id.file_id, FieldDecision.case_id == case_id, FieldDecision.code == wanted
            )).first()  # fmt: skip
            if row is None:
                row = FieldDecision(file_id=file_id.file_id, case_id=case_id, code=wanted, take=take,
                                    decided_by=current_user(), decided_at=datetime.now(UTC))  # fmt: skip
                session.add(row)
            row.take = take
            audit.record(session, "field.resolve", case_id, {"file_id": file_id.file_id, "code": wanted, "take": take,
                                                            "base": conflict.base, "office": conflict.office, "field": conflict.field})  # fmt: skip
    finally:
        file_id.db.close()
    return merging.Conflict(case_id, wanted, conflict.name, conflict.base, conflict.office, conflict.field, take)
