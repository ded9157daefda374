"""benchmarks/bench_lists.py runs (a smoke run on small databases) and prints the rows benchmarks/run_all.py reads:
only a JSON list of {what, figure, reference, ratio, goal, met}. Its figures are not judged here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_the_quick_run_prints_only_json_rows(tmp_path: Path) -> None:
    env = {**os.environ, "HANDOVER_BENCH_CACHE": str(tmp_path / "cache"), "QT_QPA_PLATFORM": "offscreen"}
    env.pop("HANDOVER_TEST_PG_URL", None)  # the smoke run stays on SQLite
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_lists.py"), "--quick", "--json"],
                          capture_output=True, text=True, timeout=900, env=env, cwd=ROOT)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    rows = json.loads(done.stdout)
    assert isinstance(rows, list) and len(rows) >= 8
    for r in rows:
        assert set(r) == {"what", "figure", "reference", "ratio", "goal", "met"}
        assert isinstance(r["what"], str) and isinstance(r["figure"], str) and isinstance(r["reference"], str)
        assert isinstance(r["ratio"], float | int)
        if r["goal"] is None:  # shown for information (the GUI keystroke below the 100,000 cases)
            assert r["met"] is None and "keystroke" in r["what"]
        else:
            assert isinstance(r["goal"], float | int) and isinstance(r["met"], bool)
            assert r["met"] == (r["ratio"] <= r["goal"])
    whats = " | ".join(r["what"] for r in rows)
    for expected in ("GUI start", "peak RSS", "list first page", "search", "keystroke", "--version", "case list"):
        assert expected in whats
