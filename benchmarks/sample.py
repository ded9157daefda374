"""A large sample county for the benchmarks: N cases of 40 valid values each, written with bulk inserts."""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import insert, select, text

from handover import catalogue
from handover.case_list import RECOUNT_ALL
from handover.db import Database
from handover.models import HandoverCase, IndicatorValue, Unit

#: a valid (start, end) pair for each kind of indicator; every seventh case leaves its end values empty
SAMPLE = {
    catalogue.Kind.COUNT: ("0", "0"),
    catalogue.Kind.PERCENT: ("80", "95.5"),
    catalogue.Kind.RANK: ("2", "1"),
    catalogue.Kind.AMOUNT: ("10.5", "20"),
    catalogue.Kind.GRADE: ("较好", "好"),
    catalogue.Kind.YEARS: ("50", "48.5"),
}


def bulk_load(db: Database, count: int, units: int = 200) -> list[int]:
    """Add `units` townships and `count` cases with all their values; returns the case ids."""
    cat = catalogue.load()
    now = datetime.now(UTC)
    with db.session() as s:
        s.execute(insert(Unit), [{"name": f"镇{i}", "unit_type": "township", "created_at": now} for i in range(units)])
        unit_ids = list(s.execute(select(Unit.id)).scalars())
        s.execute(
            insert(HandoverCase),
            [
                {
                    "unit_id": unit_ids[i % units],
                    "outgoing": f"离任{i}",
                    "incoming": f"接任{i}",
                    "term_start": date(2000 + i % 20, 1, 1),
                    "term_end": date(2005 + i % 20, 1, 1),
                    "status": "draft",
                    "catalogue_version": cat.version,
                    "created_at": now,
                    "updated_at": now,
                }
                for i in range(count)
            ],
        )
        case_ids = list(s.execute(select(HandoverCase.id)).scalars())
        rows = [
            {
                "case_id": cid,
                "code": ind.code,
                "start_value": SAMPLE[ind.kind][0],
                "end_value": SAMPLE[ind.kind][1] if n % 7 else None,
                "updated_at": now,
            }
            for n, cid in enumerate(case_ids)
            for ind in cat.indicators
        ]
        s.execute(insert(IndicatorValue), rows)
        s.execute(text(RECOUNT_ALL))  # the completeness the list shows, as the edits would have stored it
    return case_ids
