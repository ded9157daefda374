"""The one output of every benchmark module (issue 15): rows of figure, reference, ratio, goal and whether it is met.

`python benchmarks/bench_X.py --json` prints ONLY a JSON list of rows
`{"what": str, "figure": str, "reference": str, "ratio": float, "goal": float, "met": bool}`, without --json the same
rows as a table (a row printed for information only has goal and met null, shown as —); `--quick` runs small sizes (a smoke run). benchmarks/run_all.py merges the rows of every module.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

Row = dict[str, Any]


def parser(doc: str | None) -> argparse.ArgumentParser:
    """The arguments every benchmark module takes: --json and --quick."""
    found = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    found.add_argument("--json", action="store_true", help="print only the rows, as a JSON list")
    found.add_argument("--quick", action="store_true", help="small sizes: a smoke run, not a measurement")
    return found


def alternating(figure: Callable[[], object], reference: Callable[[], object], runs: int) -> tuple[list[float], list[float]]:
    """Milliseconds of `runs` calls of each, in turn (figure, reference, figure, ...), so both see the same machine."""
    mine: list[float] = []
    theirs: list[float] = []
    for _ in range(runs):
        for fn, into in ((figure, mine), (reference, theirs)):
            t0 = time.perf_counter()
            fn()
            into.append((time.perf_counter() - t0) * 1000)
    return mine, theirs


def ms(times: list[float]) -> str:
    return f"{statistics.median(times):.1f} ms"


def at_most(what: str, figure: list[float], reference_name: str, reference: list[float], goal: float) -> Row:
    """A row whose goal is a ratio of medians no higher than `goal` (figure / reference)."""
    ratio = statistics.median(figure) / statistics.median(reference)
    return row(what, ms(figure), f"{reference_name} {ms(reference)}", ratio, goal, ratio <= goal)


def row(what: str, figure: str, reference: str, ratio: float, goal: float | None, met: bool | None) -> Row:
    return {"what": what, "figure": figure, "reference": reference, "ratio": round(ratio, 3), "goal": goal, "met": met}


def table(rows: list[Row]) -> str:
    """The rows as a plain text table (goal shown as ≤ or ≥ by whether a higher ratio is what is wanted)."""
    head = ("what", "figure", "reference", "ratio", "goal", "met")
    lines = [
        (r["what"], r["figure"], r["reference"], f"{r['ratio']:.2f}×", *_verdict(r)) for r in rows
    ]
    widths = [max(len(str(x)) for x in column) for column in zip(head, *lines, strict=False)]
    out = ["  ".join(str(x).ljust(w) for x, w in zip(line, widths, strict=True)) for line in (head, *lines)]
    return "\n".join(out)


def _verdict(r: Row) -> tuple[str, str]:
    """The goal and whether it is met; — and — for a row shown for information (no goal set for it)."""
    if r["goal"] is None:
        return "—", "—"
    return f"{_sign(r)} {r['goal']:g}×", "yes" if r["met"] else "NO"


def goals_met(rows: list[Row]) -> str:
    """The closing line of a table: how many of the rows with a goal met it."""
    judged = [r for r in rows if r["goal"] is not None]
    shown = len(rows) - len(judged)
    return f"{sum(bool(r['met']) for r in judged)} of {len(judged)} goals met" + (f" ({shown} {'row' if shown == 1 else 'rows'} for information)" if shown else "")


def _sign(r: Row) -> str:
    """≥ for a speed-up that must reach the goal, else ≤ (a row does not say which: its verdict does)."""
    return "≥" if r["met"] == (r["ratio"] >= r["goal"]) and r["ratio"] != r["goal"] else "≤"


def emit(rows: list[Row], as_json: bool) -> None:
    """Print the rows: only JSON with --json (run_all.py reads it), else the table."""
    if as_json:
        json.dump(rows, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(table(rows))


def say(text: str, as_json: bool) -> None:
    """Progress for a person; kept off stdout when the rows are printed as JSON."""
    print(text, file=sys.stderr if as_json else sys.stdout, flush=True)
