"""Every benchmark of issue 15 in one table: what, figure, reference (measured in the same run), ratio, goal, met or not.

    .venv/bin/python benchmarks/run_all.py [--quick] [--json] [--only draw,audit]

First builds the databases the benchmarks share (benchmarks/sample.py: 10,000 and 100,000 cases, pools of 200, 2,000
and 10,000 reviewers), kept in the cache folder ($HANDOVER_BENCH_CACHE, else benchmarks/.cache) for the next run. Then
runs each benchmarks/bench_*.py that takes --json in its own process (`bench_X.py --json [--quick]` prints only a JSON
list of rows, see benchmarks/rows.py) and merges their rows. A module that fails gives a row saying so. Run it on an
idle machine: the figures are medians of alternating runs, but other processes on the same cores still shift them.
`--quick` is a smoke run with small sizes (tests/test_benchmarks.py), not a measurement.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

from rows import Row, emit, goals_met, parser, row, say  # benchmarks/rows.py: the one output format

HERE = Path(__file__).resolve().parent


def modules(only: list[str]) -> list[Path]:
    """The benchmark modules that print rows (their --help names --json), optionally only those named."""
    found = []
    for path in sorted(HERE.glob("bench_*.py")):
        name = path.stem.removeprefix("bench_")
        if only and name not in only:
            continue
        helped = subprocess.run([sys.executable, str(path), "--help"], capture_output=True, text=True)
        if helped.returncode == 0 and "--json" in helped.stdout:
            found.append(path)
    return found


def build_databases(quick: bool) -> None:
    """The shared databases, built once into the cache folder (minutes the first time for 100,000 cases)."""
    import sample

    for cases in (200,) if quick else (10_000, 100_000):
        t0 = time.perf_counter()
        sample.county(cases)
        say(f"database: {cases:,} cases ready ({time.perf_counter() - t0:.1f} s)", True)
    for size in (200,) if quick else (200, 2_000, 10_000):
        sample.pool(size)
    say(f"databases in {sample.cache_folder()}", True)


def run(path: Path, quick: bool) -> list[Row]:
    """The rows of one module, run in its own process; a failure is a row too (met: false)."""
    command = [sys.executable, str(path), "--json", *(["--quick"] if quick else [])]
    done = subprocess.run(command, capture_output=True, text=True, env=os.environ.copy())
    sys.stderr.write(done.stderr)
    try:
        rows = json.loads(done.stdout)
        if done.returncode == 0 and isinstance(rows, list) and all(isinstance(r, dict) for r in rows):
            return rows
    except ValueError:
        pass
    last = (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1]
    return [row(f"{path.name} failed", "-", last[:80], 0.0, 0.0, False)]


def main() -> None:
    args = parser(__doc__)
    args.add_argument("--only", default="", help="comma-separated module names (draw, audit, import, report, ...)")
    options = args.parse_args()
    os.environ.setdefault("HANDOVER_USER", "benchmark")
    build_databases(options.quick)
    rows: list[Row] = []
    for path in modules([n for n in options.only.split(",") if n]):
        say(f"running {path.name}", True)  # progress on stderr: stdout is the table
        rows += run(path, options.quick)
    emit(rows, options.json)
    if not options.json:
        print(f"\n{goals_met(rows)}; {os.cpu_count()} cores, load average "
              f"{os.getloadavg()[0]:.1f} at the end")  # fmt: skip


if __name__ == "__main__":
    main()
