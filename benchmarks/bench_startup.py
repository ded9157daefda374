"""Time from process start to the case list shown with 10,000 cases, next to a bare PySide6 window in the same run.

    .venv/bin/python benchmarks/bench_startup.py [--cases 10000] [--runs 5]

Each measurement starts a fresh Python process and stops when that process reports its window shown (for the
application: the case list filled and painted). QT_QPA_PLATFORM defaults to offscreen; run under xvfb-run with
QT_QPA_PLATFORM=xcb for a real X server.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_lists import BARE  # benchmarks/bench_lists.py: the same bare window (it also prints its RSS)

APP = """
import sys
from ui.app import Application
app = Application(sys.argv[1])
app.window.resize(1366, 740)
app.window.show()
app.qapp.processEvents()
rows = app.window.cases.proxy.rowCount()
heavy = sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'pyhanko', 'openpyxl'})
print("shown", rows, heavy, flush=True)
app.window.close()
app.close()
"""


def fill(path: Path, count: int) -> None:
    """A county database with `count` cases of 40 values each (bulk inserts, as a migration would)."""
    from sample import bulk_load  # benchmarks/sample.py, shared with bench_core

    from handover.db import open_database

    db = open_database(path)
    bulk_load(db, count)
    db.close()


def measure(code: str, *args: str) -> tuple[float, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE, text=True, env=env)
    assert child.stdout is not None
    line = child.stdout.readline()
    elapsed = (time.perf_counter() - started) * 1000
    child.wait()
    if not line.startswith("shown"):
        raise SystemExit(f"the child did not show its window: {line!r}")
    return elapsed, line.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    os.environ["HANDOVER_HOME"] = str(folder / "home")
    db = folder / "county.sqlite3"
    fill(db, args.cases)
    measure(BARE)  # warm the file cache for both
    measure(APP, str(db))
    bare, app = [], []
    detail = ""
    for _ in range(args.runs):  # interleaved, so both see the same machine load
        bare.append(measure(BARE)[0])
        elapsed, detail = measure(APP, str(db))
        app.append(elapsed)
    print(f"platform: {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}, {args.cases} cases, {args.runs} runs each")
    print(f"bare PySide6 window shown          median {statistics.median(bare):7.0f} ms   min {min(bare):7.0f} ms")
    print(f"handover: case list shown          median {statistics.median(app):7.0f} ms   min {min(app):7.0f} ms")
    print(f"ratio (median)                     {statistics.median(app) / statistics.median(bare):7.1f} ×")
    print(f"child reported: {detail}  (rows shown, heavy modules loaded)")


if __name__ == "__main__":
    main()
