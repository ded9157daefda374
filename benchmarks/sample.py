"""A large sample county for the benchmarks: N cases of 40 valid values each, written with bulk inserts."""

from __future__ import annotations

import csv
import os
import shutil
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import insert, select, text

from handover import catalogue
from handover.case_list import RECOUNT_ALL
from handover.db import SCHEMA_HEADS, Database, open_database
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


# --- databases built once and kept between runs (benchmarks/run_all.py builds them first) -----------------------------


def cache_folder() -> Path:
    """Where built databases are kept: $HANDOVER_BENCH_CACHE, else benchmarks/.cache (not in git)."""
    folder = Path(os.environ.get("HANDOVER_BENCH_CACHE") or Path(__file__).with_name(".cache"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def cached(name: str, build: Callable[[Path], None]) -> Path:
    """The database `name` in the cache folder, built by `build(path)` the first time (for this schema version)."""
    path = cache_folder() / f"{name}-{'-'.join(sorted(SCHEMA_HEADS))}.sqlite3"
    if not path.exists():
        partial = path.with_suffix(".building")
        partial.unlink(missing_ok=True)
        build(partial)
        partial.rename(path)
    return path


def working_copy(path: Path, folder: Path) -> Path:
    """A copy of a cached database for a benchmark that writes to it (draws, imports): the cache stays as built."""
    target = folder / path.name
    shutil.copyfile(path, target)
    return target


def county(cases: int) -> Path:
    """A county database with `cases` cases of 40 values each (10,000 or 100,000 for issue 15)."""

    def build(path: Path) -> None:
        db = open_database(path)
        bulk_load(db, cases)
        db.close()

    return cached(f"county-{cases}", build)


def write_pool(path: Path, count: int, today: date | None = None) -> None:
    """A county-sized reviewer pool as a CSV sheet: 1 in 10 from the organisation department, 1 in 20 expired, 1 in 25
    untrained, a few declared conflicts with the case of `pool()`."""
    today = today or date.today()
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


def pool(size: int) -> Path:
    """A database with one township, one case (number 1) and a pool of `size` reviewers (200, 2,000, 10,000)."""

    def build(path: Path) -> None:
        from handover.services import cases, reviewer_import, units

        db = open_database(path)
        units.add_unit(db, "云岭镇", "township")
        cases.create_case(db, cases.NewCase("云岭镇", "林晓梅", "周建国", "2021-09-01", "2026-08-20"))
        sheet = path.with_suffix(".csv")
        write_pool(sheet, size)
        reviewer_import.import_reviewers(db, sheet)
        sheet.unlink()
        db.close()

    return cached(f"pool-{size}-{date.today().isoformat()}", build)
