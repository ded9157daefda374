"""Bulk-load N cases × 40 values into a fresh SQLite file, then time the case list, one case's load and completeness.

    .venv/bin/python benchmarks/bench_core.py [--cases 10000] [--db URL]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from sample import bulk_load  # benchmarks/sample.py: the sample county
from timing import show, timed  # benchmarks/timing.py: one timing and output format

from handover import catalogue, reading
from handover.db import open_database
from handover.services import cases


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--db", help="a database URL (default: a new SQLite file in a temp folder)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    db = open_database(args.db or folder / "bench.sqlite3")
    cat = catalogue.load()
    t0 = time.perf_counter()
    case_ids = bulk_load(db, args.cases)
    rows = len(case_ids) * len(cat.indicators)
    load_s = time.perf_counter() - t0
    print(f"database: {db.url}")
    print(f"bulk load: {args.cases} cases × {len(cat.indicators)} values = {rows} rows in {load_s:.2f} s "
          f"({rows / load_s:,.0f} rows/s)")  # fmt: skip
    listed = reading.list_cases(db)
    assert len(listed) == args.cases
    show("case list (all cases, with progress)", timed(lambda: reading.list_cases(db), 5))
    show("case list filtered (search '离任42')", timed(lambda: reading.list_cases(db, search="离任42"), 5))
    middle = case_ids[len(case_ids) // 2]
    show("one case's load (40 values)", timed(lambda: reading.get_case(db, middle), 20))
    show("completeness of one case", timed(lambda: reading.completeness(db, middle), 20))
    show("one value edit (set_value)", timed(lambda: cases.set_value(db, middle, "ORG05", start="3"), 20))


if __name__ == "__main__":
    main()
