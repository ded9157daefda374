"""Draw and verify a panel from a pool of N reviewers (default 10,000): import, preview, draw, show, verify, replace.

    .venv/bin/python benchmarks/bench_draw.py [--reviewers 10000] [--db URL]
"""

from __future__ import annotations

import argparse
import csv
import os
import tempfile
from datetime import date, timedelta
from pathlib import Path

from timing import show, timed  # benchmarks/timing.py: one timing and output format

from handover.db import open_database
from handover.draw import algorithm
from handover.draw import service as draws
from handover.services import cases, reviewer_import, reviewers, units


def write_pool(path: Path, count: int) -> None:
    """A county-sized pool scaled up: 1 in 10 from the organisation department, 1 in 20 expired, 1 in 25 untrained."""
    today = date.today()
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["姓名", "工作单位", "性别", "是否组织部", "证书编号", "证书有效期至", "最近培训日期", "回避对象"])
        for i in range(count):
            org = i % 10 == 0
            unit = "县委组织部" if org else f"单位{i % 1000:04d}"
            until = today + timedelta(days=-30 if i % 20 == 7 else 400)
            trained = today - timedelta(days=500 if i % 25 == 3 else 60)
            conflict = "林晓梅（亲属）" if i % 200 == 5 else ("云岭镇（曾任职）" if i % 333 == 4 else "")
            out.writerow([f"评审{i:05d}", unit, "男女"[i % 2], "是" if org else "否", f"BP-{i:06d}", until.isoformat(),
                          trained.isoformat(), conflict])  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reviewers", type=int, default=10_000)
    parser.add_argument("--db", help="a database URL (default: a new SQLite file in a temp folder)")
    args = parser.parse_args()
    os.environ.setdefault("HANDOVER_USER", "benchmark")
    folder = Path(tempfile.mkdtemp())
    db = open_database(args.db or folder / "bench.sqlite3")
    units.add_unit(db, "云岭镇", "township")
    case_id = cases.create_case(db, cases.NewCase("云岭镇", "林晓梅", "周建国", "2021-09-01", "2026-08-20"))
    sheet = folder / "pool.csv"
    write_pool(sheet, args.reviewers)
    print(f"database: {db.url}; pool: {args.reviewers} reviewers")
    show(f"import {args.reviewers} reviewers from CSV (first)", timed(lambda: reviewer_import.import_reviewers(db, sheet), 1))
    show("re-import the same sheet (all updates)", timed(lambda: reviewer_import.import_reviewers(db, sheet), 1))
    show("reviewer list (whole pool, as the GUI loads it)", timed(lambda: reviewers.list_reviewers(db), 3))

    preview = draws.preview(db, case_id)
    print(f"eligible {len(preview.eligible)}, excluded {len(preview.excluded)}, pool hash {preview.pool_hash[:16]}…")
    show("preview (snapshot + SHA-256, no draw)", timed(lambda: draws.preview(db, case_id), 5))
    first = draws.draw(db, case_id, witness="benchmark")
    drawn: list[int] = []
    show("draw (snapshot, seed, select, store)", timed(lambda: drawn.append(draws.draw(db, case_id, reason="bench").id), 5))
    show("show one draw record", timed(lambda: draws.get_draw(db, first.id), 5))
    verdicts = []
    show("verify one draw record", timed(lambda: verdicts.append(draws.verify(db, drawn[-1]).ok), 5))
    assert all(verdicts), "a fresh draw must verify"
    latest = draws.get_draw(db, drawn[-1])
    member = next(m for m in latest.panel if m.role == "member")
    show("replace a member by the next alternate", timed(lambda: draws.replace_member(db, latest.id, member.name, "因病"), 1))

    pool = tuple(algorithm.Candidate(c.certificate_no, c.name, c.organization, c.org_dept) for c in preview.eligible)
    snapshot = algorithm.Snapshot({"id": case_id}, date.today().isoformat(), 3, 2, pool, ())
    seed = algorithm.derive_seed(algorithm.fresh_entropy(), "")
    show("pure select() on the frozen pool (no database)", timed(lambda: algorithm.select(snapshot, seed), 20))
    size = len(snapshot.canonical())
    print(f"snapshot size {size / 1024:.0f} KiB for {len(pool)} eligible + {len(preview.excluded)} excluded reviewers")


if __name__ == "__main__":
    main()
