"""The content fingerprint of a case: SHA-256 over a canonical serialisation, bound into signatures and printed on reports.

Canonical form, version 1: the UTF-8 bytes of
`json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))` where obj is

    {"format": 1,
     "case": {"id", "unit", "unit_type", "outgoing", "incoming", "term_start", "term_end", "handover_date",
              "catalogue_version"},                      # dates as YYYY-MM-DD or null
     "values": [{"code", "start", "end", "na_reason", "note", "villages_start", "villages_end"}, ...],  # catalogue order
     "evaluation": {"grade", "comment"}}

Values are the stored text (e.g. "97.5"), village lists in their recorded order. The status is left out on purpose:
signing changes the status, not the content that was signed.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from handover.views import CaseDetail

FORMAT = 1


def canonical_case(detail: CaseDetail) -> dict[str, Any]:
    s = detail.summary
    return {
        "format": FORMAT,
        "case": {
            "id": s.id,
            "unit": s.unit,
            "unit_type": s.unit_type,
            "outgoing": s.outgoing,
            "incoming": s.incoming,
            "term_start": s.term_start.isoformat(),
            "term_end": s.term_end.isoformat(),
            "handover_date": s.handover_date.isoformat() if s.handover_date else None,
            "catalogue_version": detail.catalogue_version,
        },
        "values": [
            {
                "code": v.code,
                "start": v.start,
                "end": v.end,
                "na_reason": v.na_reason,
                "note": v.note,
                "villages_start": list(v.villages_start),
                "villages_end": list(v.villages_end),
            }
            for v in detail.values
        ],
        "evaluation": {"grade": detail.evaluation_grade, "comment": detail.evaluation_comment},
    }


def canonical_bytes(detail: CaseDetail) -> bytes:
    return json.dumps(canonical_case(detail), ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def case_fingerprint(detail: CaseDetail) -> str:
    """The full SHA-256 (64 hex digits) of the case's canonical content."""
    return hashlib.sha256(canonical_bytes(detail)).hexdigest()
