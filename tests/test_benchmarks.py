"""benchmarks/run_all.py (issue 15): a smoke run with --quick prints one table whose every row parses; no speed asserted
(the figures of a quick run on a shared machine mean nothing)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

BENCHMARKS = Path(__file__).parents[1] / "benchmarks"
HEAD = ["what", "figure", "reference", "ratio", "goal", "met"]


def test_run_all_quick_prints_one_table_of_every_module(tmp_path: Path) -> None:
    env = {**os.environ, "HANDOVER_BENCH_CACHE": str(tmp_path / "cache"), "HANDOVER_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, str(BENCHMARKS / "run_all.py"), "--quick"], capture_output=True, text=True,
                          env=env, timeout=900)  # fmt: skip
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert re.split(r"\s{2,}", lines[0].strip()) == HEAD, lines[0]
    table = lines[1 : lines.index("")]
    rows = [re.split(r"\s{2,}", line.strip()) for line in table]
    for cells in rows:
        assert len(cells) == len(HEAD), cells
        assert re.fullmatch(r"\d+\.\d\d×", cells[3]), cells
        # a row for information has no goal: — and —
        assert re.fullmatch(r"[≤≥] \d+(\.\d+)?×", cells[4]) and cells[5] in ("yes", "NO") or cells[4:] == ["—", "—"], cells
    assert not [cells for cells in rows if cells[0].endswith("failed")], rows
    whats = " ".join(cells[0] for cells in rows)
    for expected in ("draw, pool of 200", "verify, pool of 200", "audit verify", "value import", "report --all"):
        assert expected in whats, whats
    assert re.fullmatch(r"\d+ of \d+ goals met( \(\d+ rows? for information\))?; .*", lines[-1]), lines[-1]


def test_each_module_prints_only_json_rows_with_json(tmp_path: Path) -> None:
    """The interface run_all.py relies on (and bench_lists.py of another branch follows): --json prints ONLY rows."""
    env = {**os.environ, "HANDOVER_BENCH_CACHE": str(tmp_path / "cache"), "HANDOVER_HOME": str(tmp_path / "home")}
    done = subprocess.run([sys.executable, str(BENCHMARKS / "bench_import.py"), "--json", "--quick"],
                          capture_output=True, text=True, env=env, timeout=600)  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = json.loads(done.stdout)
    assert rows and all(set(r) == set(HEAD) for r in rows), rows
    assert all(isinstance(r["ratio"], float) and isinstance(r["goal"], float) and isinstance(r["met"], bool) for r in rows)
