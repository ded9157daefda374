"""The complete export of a draw record (`handover draw show ID --json`): all a verifier needs, and nothing of this program.

docs/draw-algorithm.md §9 lists the members; docs/verify_draw.py checks an export with the Python standard library
alone. Times are exactly the text that was hashed; `snapshot` and `result` are the exact canonical text that was stored.
"""

from __future__ import annotations

from typing import Any

from handover.db import Database
from handover.draw import record as records
from handover.draw.reading import record_of, refusals_of, replacements_of
from handover.models import DrawRecord, DrawReplacement, DrawReplacementRefusal

FORMAT = "handover-draw-export/1"
#: the members in the order they are written (a reader's order: what was drawn from, then how, then who and when)
ORDER = ("format", "draw_id", "algorithm", "case_id", "attempt", "draw_date", "snapshot", "pool_hash", "prepared_at",
         "commitment", "os_entropy", "witness", "public_source", "public_value", "seed", "result", "created_at",
         "operator", "reason_kind", "reason", "previous_hash", "record_hash")  # fmt: skip


def export(db: Database, draw_id: int) -> dict[str, Any]:
    """The draw record with its replacements and refused replacements, as hashed."""
    with db.session() as session:
        record = record_of(session, draw_id)
        assert record.id is not None
        return export_of(record, replacements_of(session, record.id), refusals_of(session, record.id))


def export_of(
    record: DrawRecord, rows: list[DrawReplacement], refusals: list[DrawReplacementRefusal]
) -> dict[str, Any]:
    # a v1 record has no commitment: those members are null (and a verifier insists they stay so)
    known = {"format": FORMAT, "draw_id": record.id, "snapshot": record.snapshot, "record_hash": record.record_hash,
             **records.record_fields(record)}  # fmt: skip
    data: dict[str, Any] = {key: known.get(key) for key in ORDER}
    previous = record.record_hash
    data["replacements"] = []
    for row in rows:
        data["replacements"].append({
            "seq": row.seq, "replaced": row.replaced_certificate_no, "replacement": row.replacement_certificate_no,
            "reason": row.reason, "operator": row.operator, "created_at": records.utc_text(row.created_at),
            "previous_hash": previous, "record_hash": row.record_hash,
        })  # fmt: skip
        previous = row.record_hash
    previous = record.record_hash
    data["refused_replacements"] = []
    for refusal in refusals:
        data["refused_replacements"].append({
            "seq": refusal.seq, "after_replacements": refusal.after_replacements,
            "leaving": refusal.leaving_certificate_no, "reason": refusal.reason, "refusal": refusal.refusal,
            "operator": refusal.operator, "created_at": records.utc_text(refusal.created_at),
            "previous_hash": previous, "record_hash": refusal.record_hash,
        })  # fmt: skip
        previous = refusal.record_hash
    return data
