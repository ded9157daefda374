"""A case as the three-way merge compares it: its content (the canonical form the fingerprint covers), its status,
its unit's villages, its attachments and signatures. The same reading serves the base (at checkout), the office and
the field, so the three are compared field by field on equal terms."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from sqlmodel import Session, col, select

from handover import reading
from handover.draw import service as draws
from handover.models import Attachment, Village
from handover.signoff import fingerprint as content
from handover.signoff.models import Signature

#: the pseudo-indicator code under which the overall evaluation (总体评价) is merged and decided
EVALUATION = "EVALUATION"


def case_state(session: Session, case_id: int) -> dict[str, Any]:
    """The case as JSON data: `content` (values, evaluation, panel: docs/fingerprint.md), `fingerprint`, `status`,
    `villages` of its unit, and the SHA-256 of each attachment and the id of each signature it has."""
    detail = reading.read_case(session, case_id)
    data = content.content(detail, content.panel_of(draws.current_draw_in(session, case_id)))
    row = reading.case_row(session, case_id)
    villages = session.exec(select(Village.name).where(Village.unit_id == row.unit_id).order_by(col(Village.id)))
    attached = session.exec(select(Attachment.sha256).where(Attachment.case_id == case_id).order_by(col(Attachment.id)))
    signed = session.exec(select(Signature.id).where(Signature.case_id == case_id).order_by(col(Signature.id)))
    return {
        "case_id": case_id,
        "status": row.status,
        "content": data,
        "fingerprint": content.fingerprint_of(content.serialise(data)),
        "villages": list(villages),
        "attachments": list(attached),
        "signatures": [s for s in signed if s is not None],
    }


def canonical(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(bases: dict[int, dict[str, Any]]) -> str:
    """The SHA-256 of the bases of a field file, recorded by the office at checkout and checked at check-in."""
    return hashlib.sha256(canonical({str(k): v for k, v in sorted(bases.items())}).encode("utf-8")).hexdigest()


def values_of(state: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each indicator's fields by code, and the evaluation under EVALUATION: the units the merge decides on."""
    found = {v["code"]: {k: x for k, x in v.items() if k != "code"} for v in state["content"]["values"]}
    found[EVALUATION] = dict(state["content"]["evaluation"])
    return found
