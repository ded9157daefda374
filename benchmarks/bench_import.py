"""`value import` of a 40-row sheet (every indicator, village lists included) into a case, in-process, beside openpyxl
reading the same file: goal of issue 15, import ≤ 3× the read. Two sheets alternate so every import changes every row
(a new note each time: an update and an audit entry per row).

    .venv/bin/python benchmarks/bench_import.py [--runs 15] [--json] [--quick]
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import openpyxl
from rows import alternating, at_most, emit, parser, say  # benchmarks/rows.py: the one output format

from handover import demo
from handover.db import open_database
from handover.services import value_import

HEADER = ["指标代码", "指标名称", "届初", "届末", "届初村名", "届末村名", "不适用理由", "备注"]


def write_sheet(path: Path, note: str) -> Path:
    """The demo's complete values, one row per indicator, each with `note`."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(HEADER)
    for code, (start, end) in demo.COMPLETE.items():
        if isinstance(start, list) and isinstance(end, list):
            sheet.append([code, "", None, None, "、".join(start), "、".join(end), None, f"{note}{code}"])
        else:
            sheet.append([code, "", start, end, None, None, None, f"{note}{code}"])
    book.save(path)
    return path


def read_only(path: Path) -> int:
    """The reference: openpyxl reading every cell of the file, as the import opens it (read-only, values)."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return sum(1 for _ in book.active.iter_rows(values_only=True))  # type: ignore[union-attr]
    finally:
        book.close()


def main() -> None:
    args = parser(__doc__)
    args.add_argument("--runs", type=int, default=15)
    options = args.parse_args()
    runs = 3 if options.quick else options.runs
    folder = Path(tempfile.mkdtemp())
    os.environ.setdefault("HANDOVER_HOME", str(folder))
    os.environ.setdefault("HANDOVER_USER", "benchmark")
    db = open_database(folder / "import.sqlite3")
    demo.load_demo(db)
    sheets = [write_sheet(folder / "a.xlsx", "甲"), write_sheet(folder / "b.xlsx", "乙")]
    turn = iter(range(10**9))
    # case 1 is the demo's complete case of 云岭镇: the village lists name its villages
    value_import.import_values(db, 1, sheets[1])

    def one_import() -> None:
        assert value_import.import_values(db, 1, sheets[next(turn) % 2]) == len(demo.COMPLETE)

    say(f"value import of {len(demo.COMPLETE)} rows, {runs} runs each", options.json)
    mine, reference = alternating(one_import, lambda: read_only(sheets[0]), runs)
    db.close()
    emit([at_most(f"value import, {len(demo.COMPLETE)} rows in-process", mine, "openpyxl read", reference, 3.0)], options.json)


if __name__ == "__main__":
    main()
