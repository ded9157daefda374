"""Bulk-load N cases × 40 values into a fresh SQLite file, then time the case list, one case's load and completeness.

    .venv/bin/python benchmarks/bench_core.py [--cases 10000] [--db URL]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import insert, select
from timing import show, timed  # benchmarks/timing.py: one timing and output format

from handover import catalogue
from handover.db import open_database
from handover.models import HandoverCase, IndicatorValue, Unit
from handover.services import cases

SAMPLE = {
    catalogue.Kind.COUNT: ("0", "0"),
    catalogue.Kind.PERCENT: ("80", "95.5"),
    catalogue.Kind.RANK: ("2", "1"),
    catalogue.Kind.AMOUNT: ("10.5", "20"),
    catalogue.Kind.GRADE: ("较好", "好"),
    catalogue.Kind.YEARS: ("50", "48.5"),
}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--db", help="a database URL (default: a new SQLite file in a temp folder)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    db = open_database(args.db or folder / "bench.sqlite3")
    cat = catalogue.load()
    now = datetime.now(UTC)
    units = 200
    t0 = time.perf_counter()
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
                for i in range(args.cases)
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
    load_s = time.perf_counter() - t0
    print(f"database: {db.url}")
    print(f"bulk load: {args.cases} cases × {len(cat.indicators)} values = {len(rows)} rows in {load_s:.2f} s "
          f"({len(rows) / load_s:,.0f} rows/s)")  # fmt: skip
    listed = cases.list_cases(db)
    assert len(listed) == args.cases
    show("case list (all cases, with progress)", timed(lambda: cases.list_cases(db), 5))
    show("case list filtered (search '离任42')", timed(lambda: cases.list_cases(db, search="离任42"), 5))
    middle = case_ids[len(case_ids) // 2]
    show("one case's load (40 values)", timed(lambda: cases.get_case(db, middle), 20))
    show("completeness of one case", timed(lambda: cases.completeness(db, middle), 20))
    show("one value edit (set_value)", timed(lambda: cases.set_value(db, middle, "ORG05", start="3"), 20))


if __name__ == "__main__":
    main()
