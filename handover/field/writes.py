"""The office-side writes of a check-in, inside the case's transaction: each as its own service writes it, with the
same audit entry (villages as services/units.py, values through services/cases.py `_apply`, the evaluation as
`evaluate`, attachments as services/attachments.py, signatures and the lock as signoff/service.py)."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from handover import audit
from handover.catalogue import Catalogue
from handover.db import Database
from handover.field.checkout import signature_details
from handover.field.merge import Plan
from handover.field.state import EVALUATION
from handover.models import Attachment, HandoverCase, Unit, Village, utcnow
from handover.reading import store_completeness
from handover.services.case_values import load_values
from handover.services.cases import ValueEdit, _apply, _rank_total
from handover.signoff import fingerprint as content
from handover.signoff.models import Signature
from handover.signoff.service import REQUIRED_ROLES, printed_at_lock


def apply(session: Session, cat: Catalogue, case: HandoverCase, plan: Plan, fielded: dict[str, Any], field: Database) -> None:
    unit = session.get(Unit, case.unit_id)
    assert unit is not None and case.id is not None
    for name in plan.villages:
        session.add(Village(unit_id=case.unit_id, name=name))
        session.flush()
        audit.record(session, "village.add", None, {"unit": unit.name, "village": name})
    known = {n: i for n, i in session.exec(select(Village.name, Village.id).where(Village.unit_id == unit.id)) if i}
    total = _rank_total(session, unit.unit_type)
    stored = load_values(session, case.id)  # the case's values and villages, read once for all the edits
    for code, fields in sorted(plan.take.items()):
        if code == EVALUATION:
            _evaluation(session, case, fields)
            continue
        edit = ValueEdit(
            code, start=fields["start"], end=fields["end"], villages_start=fields["villages_start"],
            villages_end=fields["villages_end"], na_reason=fields["na_reason"], note=fields["note"],
        )  # fmt: skip
        _apply(session, cat, case, unit, edit, total, known, stored)
    store_completeness(session, case.id)  # the count the case list shows, in the same transaction as the values
    case.updated_at = utcnow()
    session.flush()
    _attachments(session, case.id, plan.attachments, field)
    if plan.status in ("review", "signed") and case.status == "draft":
        case.status = "review"
        session.flush()
        audit.record(session, "case.status", case.id, {"old": "draft", "new": "review"})
    _signatures(session, case, plan.signatures, field)


def _evaluation(session: Session, case: HandoverCase, fields: dict[str, Any]) -> None:
    old = {"grade": case.evaluation_grade, "comment": case.evaluation_comment}
    new = {"grade": fields.get("grade"), "comment": fields.get("comment")}
    if old != new:
        audit.record(session, "case.evaluate", case.id, {"old": old, "new": new})
    case.evaluation_grade, case.evaluation_comment = new["grade"], new["comment"]


def _attachments(session: Session, case_id: int, wanted: list[str], field: Database) -> None:
    if not wanted:
        return
    with field.session() as fs:
        rows = list(fs.exec(select(Attachment).where(Attachment.case_id == case_id, col(Attachment.sha256).in_(wanted))))
    for source in sorted(rows, key=lambda r: r.id or 0):
        row = Attachment(**source.model_dump(exclude={"id"}))
        session.add(row)
        session.flush()
        audit.record(session, "attachment.add", case_id, {
            "attachment_id": row.id, "kind": row.kind, "filename": row.filename, "sha256": row.sha256, "size": row.size,
            "indicator_code": row.indicator_code,
        })  # fmt: skip


def _signatures(session: Session, case: HandoverCase, wanted: list[int], field: Database) -> None:
    """The signatures given at the meeting, as they were given (who, when, the content they bind); the last required
    one locks the case as the sign-off does."""
    if not wanted:
        return
    assert case.id is not None
    with field.session() as fs:
        rows = list(fs.exec(select(Signature).where(col(Signature.id).in_(wanted)).order_by(col(Signature.id))))
    for source in rows:
        row = Signature(**source.model_dump(exclude={"id"}))
        session.add(row)
        session.flush()
        audit.record(session, "signature.add", case.id, signature_details(row) | {"field": True})
    fp = content.of_case_in(session, case.id)
    signed = set(session.exec(select(Signature.role).where(Signature.case_id == case.id, Signature.fingerprint == fp)))
    if case.status == "review" and all(r in signed for r in REQUIRED_ROLES):
        case.status = "signed"
        case.updated_at = utcnow()
        session.flush()
        audit.record(session, "case.status", case.id, {"old": "review", "new": "signed", "fingerprint": fp,
                                                       "printed": printed_at_lock(session)})  # fmt: skip
