"""The PDF (issue 15): one report in-process beside plain reportlab drawing the same content (goal ≤ 1.5×), and
`handover report --all` with 2 workers over 1 (goal ≥ 1.7× on an idle 2-core machine).

    .venv/bin/python benchmarks/bench_report.py [--cases 120] [--repeat 10] [--json] [--quick]

The reference of the first: the same document (the demo case, every part) drawn with plain reportlab by
benchmarks/plain_report.py, whose docstring says exactly what it draws and what it leaves out (the 禁则 line breaking,
the per-character font fallback, the PDF/A conversion, the metadata); its page count is checked to be within one page
of ours.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from plain_report import plain_reportlab  # benchmarks/plain_report.py: the reference document
from rows import Row, alternating, at_most, emit, parser, row, say  # benchmarks/rows.py: the one output format
from sqlalchemy import insert, select

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


def installed_env() -> dict[str, str]:
    """The environment of the measured commands: with a bytecode cache, as an installed program has one (under
    PYTHONDONTWRITEBYTECODE every process would compile each module from source, about a second of start-up)."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": sys.pycache_prefix or str(Path(tempfile.gettempdir()) / "handover-pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def run_all(db_path: Path, out: Path, workers: int) -> tuple[float, float]:
    """Wall time and CPU time (all processes) of one `handover report --all`."""
    handover = Path(sys.executable).with_name("handover")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([str(handover), "--db", str(db_path), "report", "--all", "-o", str(out), "--status", "review",
                    "--workers", str(workers), "--json"], check=True, capture_output=True, env=installed_env())  # fmt: skip
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def in_process(db: Database, repeat: int) -> Row:
    fonts.register()
    data = gather(db, 1)
    ours = render_pdf(data)  # warm up: first use of each glyph, style caches
    _, pages = plain_reportlab(data)
    # the reference must draw the same document: not a page more or less than ours, give or take the 禁则 breaks
    assert abs(pages - ours.pages) <= 1, f"the reference has {pages} pages, ours {ours.pages}"
    mine, reference = alternating(lambda: render_pdf(gather(db, 1)), lambda: plain_reportlab(data), repeat)
    return at_most("one report in-process (gather + render)", mine, "plain reportlab", reference, 1.5)


def workers(db: Database, db_path: Path, folder: Path, cases: int, runs: int) -> Row:
    """`report --all` with 1 worker and with 2, in turn; the speed-up of the medians."""
    add_cases(db, cases)
    chosen = reading.list_cases(db, status="review")
    one, two, cpu_one, cpu_two = [], [], [], []
    for i in range(runs):
        for walls, cpus, n in ((one, cpu_one, 1), (two, cpu_two, 2)):
            wall, cpu = run_all(db_path, folder / f"w{n}-{i}", n)
            walls.append(wall)
            cpus.append(cpu)
    assert len(list((folder / "w2-0").glob("*.pdf"))) == len(chosen)
    speedup = statistics.median(one) / statistics.median(two)
    per = 1000 * statistics.median(two) / len(chosen)
    # CPU seconds of all processes: on a busy machine (Linux groups a session's processes for the scheduler) a second
    # worker gets no more CPU, and the wall times then say nothing of the parallelism; the CPU times still show its cost
    cpu = f"CPU {statistics.median(cpu_one):.1f} s, 2 workers {statistics.median(cpu_two):.1f} s"
    return row(f"report --all, {len(chosen)} cases, 2 workers over 1", f"{statistics.median(two):.1f} s ({per:.0f} ms each)",
               f"1 worker {statistics.median(one):.1f} s ({cpu})", speedup, 1.7, speedup >= 1.7)  # fmt: skip


def main() -> None:
    args = parser(__doc__)
    args.add_argument("--cases", type=int, default=120)
    args.add_argument("--repeat", type=int, default=10)
    args.add_argument("--runs", type=int, default=2, help="runs of report --all with each number of workers")
    options = args.parse_args()
    folder = Path(tempfile.mkdtemp())
    os.environ.setdefault("HANDOVER_HOME", str(folder))
    db_path = folder / "bench.sqlite3"
    db = open_database(db_path)
    demo.load_demo(db)
    say(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; database {db_path}", options.json)
    # one document made by the command first: its modules compiled into the bytecode cache before anything is timed
    subprocess.run([str(Path(sys.executable).with_name("handover")), "--db", str(db_path), "report", "1", "-o",
                    str(folder / "warm.pdf")], check=True, capture_output=True, env=installed_env())  # fmt: skip
    found = [in_process(db, 3 if options.quick else options.repeat)]
    found.append(workers(db, db_path, folder, 4 if options.quick else options.cases, 1 if options.quick else options.runs))
    db.close()
    emit(found, options.json)


if __name__ == "__main__":
    main()
