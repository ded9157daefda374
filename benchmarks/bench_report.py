"""Time the PDF: one demo case rendered in-process (median of 20), then `handover report --all` on 500 cases.

    .venv/bin/python benchmarks/bench_report.py [--cases 500] [--repeat 20]

Target (issue 4): under 150 ms per report in-process on the 2-core office-class machines.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import insert, select
from timing import show, timed  # benchmarks/timing.py: one timing and output format

from handover import catalogue, demo, reading
from handover.db import Database, open_database
from handover.models import HandoverCase, IndicatorValue, NamedVillage, Unit, Village
from handover.report import fonts
from handover.report.data import gather
from handover.report.render import render_pdf


def add_cases(db: Database, count: int) -> None:
    """`count` complete cases, each in its own township with ten villages, values copied from the demo case."""
    cat = catalogue.load()
    now = datetime.now(UTC)
    with db.session() as s:
        s.execute(insert(Unit), [{"name": f"基准镇{i:04d}", "unit_type": "township", "created_at": now} for i in range(count)])
        unit_ids = list(s.execute(select(Unit.id).where(Unit.name.like("基准镇%")).order_by(Unit.name)).scalars())  # type: ignore[attr-defined]
        s.execute(insert(Village), [{"unit_id": u, "name": f"基准{u}村{k}"} for u in unit_ids for k in range(10)])
        villages: dict[int, list[int]] = {}
        for vid, uid in s.execute(select(Village.id, Village.unit_id).where(Village.unit_id.in_(unit_ids))):  # type: ignore[union-attr]
            villages.setdefault(uid, []).append(vid)
        s.execute(insert(HandoverCase), [
            {"unit_id": u, "outgoing": f"离任{n}", "incoming": f"接任{n}", "term_start": date(2021, 9, 1),
             "term_end": date(2026, 8, 20), "handover_date": date(2026, 8, 24), "status": "review",
             "catalogue_version": cat.version, "evaluation_grade": "良好", "evaluation_comment": demo.COMMENT,
             "created_at": now, "updated_at": now}
            for n, u in enumerate(unit_ids)
        ])  # fmt: skip
        case_units = dict(s.execute(select(HandoverCase.id, HandoverCase.unit_id).where(HandoverCase.unit_id.in_(unit_ids))).all())  # type: ignore[attr-defined]
        rows = []
        for cid in case_units:
            for ind in cat.indicators:
                start, end = demo.COMPLETE[ind.code]
                if isinstance(start, list) and isinstance(end, list):
                    start, end = str(len(start)), str(len(end))
                rows.append({"case_id": cid, "code": ind.code, "start_value": start, "end_value": end,
                             "note": demo.NOTES.get(ind.code), "updated_at": now})  # fmt: skip
        s.execute(insert(IndicatorValue), rows)
        listed = {ind.code: demo.COMPLETE[ind.code] for ind in cat.indicators if ind.villages}
        named = []
        for value_id, cid, code in s.execute(
            select(IndicatorValue.id, IndicatorValue.case_id, IndicatorValue.code).where(
                IndicatorValue.case_id.in_(list(case_units)), IndicatorValue.code.in_(list(listed))  # type: ignore[attr-defined]
            )
        ):
            ids = villages[case_units[cid]]
            start, end = listed[code]
            for point, names in (("start", start), ("end", end)):
                named += [{"value_id": value_id, "point": point, "village_id": ids[k], "position": k}
                          for k in range(len(names))]  # type: ignore[arg-type]  # fmt: skip
        s.execute(insert(NamedVillage), named)


def _burn(n: int) -> None:
    x = 0
    for i in range(n):
        x += i * i


def cores_available() -> float:
    """How many cores this benchmark really gets now: the same CPU-bound task alone, then one per core at once."""
    import multiprocessing

    n, workers = 10_000_000, os.cpu_count() or 2
    t0 = time.perf_counter()
    _burn(n)
    alone = time.perf_counter() - t0
    with multiprocessing.get_context("spawn").Pool(workers) as pool:
        pool.map(_burn, [1000] * workers)  # start-up outside the measurement
        t0 = time.perf_counter()
        pool.map(_burn, [n] * workers)
        together = time.perf_counter() - t0
    return workers * alone / together


def run_all(db_path: Path, out: Path, workers: int) -> tuple[float, float]:
    """Wall time and CPU time (all processes) of one `handover report --all`."""
    handover = Path(sys.executable).with_name("handover")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([str(handover), "--db", str(db_path), "report", "--all", "-o", str(out), "--status", "review",
                    "--workers", str(workers), "--json"], check=True, capture_output=True)  # fmt: skip
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=500)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    os.environ.setdefault("HANDOVER_HOME", str(folder))
    db_path = folder / "bench.sqlite3"
    db = open_database(db_path)
    demo.load_demo(db)
    print(f"machine: {os.cpu_count()} cores; database {db_path}")

    t0 = time.perf_counter()
    fonts.register()
    print(f"{'font registration (once per process)':<44} {1000 * (time.perf_counter() - t0):7.1f} ms")
    data = gather(db, 1)
    render_pdf(data)  # warm up: first use of each glyph, style caches
    show("gather case 1 (database → ReportData)", timed(lambda: gather(db, 1), args.repeat))
    result = render_pdf(data)
    show(f"render demo case, all parts ({result.pages} pages)", timed(lambda: render_pdf(data), args.repeat))
    show("gather + render (one report in-process)", timed(lambda: render_pdf(gather(db, 1)), args.repeat))
    for part in ("report", "sheet", "draw"):
        show(f"render part {part}", timed(lambda part=part: render_pdf(data, part), args.repeat))

    add_cases(db, args.cases)
    chosen = reading.list_cases(db, status="review")
    print(f"\n`handover report --all` on {len(chosen)} cases (spawned worker processes, start-up included):")
    single, single_cpu = run_all(db_path, folder / "one", 1)
    both, both_cpu = run_all(db_path, folder / "both", os.cpu_count() or 2)
    written = len(list((folder / "both").glob("*.pdf")))
    assert written == len(chosen), written
    for label, seconds, cpu in (("1 worker", single, single_cpu), (f"{os.cpu_count()} workers", both, both_cpu)):
        print(f"  {label:<12} {seconds:6.1f} s   {len(chosen) / seconds:6.1f} reports/s   "
              f"{1000 * seconds / len(chosen):6.1f} ms per report   CPU {1000 * cpu / len(chosen):5.1f} ms per report, "
              f"{cpu / seconds:4.2f} cores busy")  # fmt: skip
    print(f"  speed-up with all cores: {single / both:.2f}×; cores this process really gets now: "
          f"{cores_available():.2f} (load average {os.getloadavg()[0]:.1f})")
    db.close()


if __name__ == "__main__":
    main()
