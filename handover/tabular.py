"""Reading the spreadsheets counties keep (Excel .xlsx or CSV) into rows of text, with clear refusals."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from handover.errors import Refused

#: headers of a running row number, which carries no data and is skipped
ROW_NUMBER_HEADERS = frozenset({"序号", "序", "No.", "NO.", "no.", "#"})


@dataclass(frozen=True)
class Sheet:
    """The header row mapped to field names, and the data rows (with their row numbers in the file)."""

    path: Path
    columns: dict[str, int]
    rows: list[tuple[int, list[str]]]

    def cell(self, row: list[str], field: str) -> str:
        index = self.columns.get(field)
        if index is None or index >= len(row):
            return ""
        return row[index].strip()


def _text(value: object, number_format: str = "General") -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "%" in number_format:
            # Excel shows 0.855 formatted as a percentage as 85.5%: the assessor typed 85.5, so that is the value
            return _number(Decimal(repr(value)) * 100)
        if isinstance(value, float):
            # 15 significant digits is what Excel shows: 97.00000000000001 from a formula is 97
            return _number(Decimal(format(value, ".15g")))
    return str(value).strip()


def _number(value: Decimal) -> str:
    return format((value + 0).normalize(), "f")


#: what a file that is not a spreadsheet really is, by its first bytes, so the refusal can say so
_WHAT_IT_IS = (
    (b"%PDF-", "是 PDF 文件"),
    (b"\xd0\xcf\x11\xe0", "是旧版 Excel（.xls）或 Word 文件：请在 Excel 中“另存为” Excel 工作簿（.xlsx）"),
    (b"\x89PNG", "是图片"),
    (b"\xff\xd8\xff", "是图片"),
)


def _not_a_spreadsheet(path: Path, data: bytes) -> Refused:
    if not data:
        return Refused(f"{path.name}：文件是空的（0 字节）")
    what = next((words for magic, words in _WHAT_IT_IS if data.startswith(magic)), None)
    if what is not None:
        return Refused(f"{path.name} {what}，不是 Excel（.xlsx）或 CSV 表格")
    return Refused(f"{path.name}：不是有效的 Excel（.xlsx）或 CSV 文件，可能已损坏")


def _read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")  # Excel's “Unicode 文本” (.txt): UTF-16 with a byte-order mark, tab-separated
    elif b"\x00" in data[:4096] or any(data.startswith(magic) for magic, _ in _WHAT_IT_IS):
        raise _not_a_spreadsheet(path, data)
    else:
        text = data.decode("utf-8-sig") if _is_utf8(data) else data.decode("gb18030")
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if "\t" in first and "," not in first else ","
    return [row for row in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False  # a GBK file saved by Excel: gb18030 decodes any byte string
    return True


def _read_xlsx(path: Path) -> list[list[str]]:
    from zipfile import BadZipFile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError):
        raise _not_a_spreadsheet(path, path.read_bytes()) from None
    try:
        # the first sheet with anything in it: counties often keep a 说明 (notes) sheet in front, or leave Sheet1 empty
        for sheet in book.worksheets:
            rows = _sheet_rows(sheet)
            if any(cell for row in rows for cell in row):
                return rows
        return []
    finally:
        book.close()


def _header_position(numbered: list[tuple[int, list[str]]], lookup: Mapping[str, str], required: tuple[str, ...]) -> int:
    """Which of the first rows is the header: the first that has every required column. Rows above it are a sheet's
    title (白鹤镇党建交接指标表) or notes. Without such a row, the first row, so its refusal names what is wrong."""
    for position, (_, row) in enumerate(numbered[:10]):
        fields = {lookup.get(cell.strip().lower()) for cell in row}
        if all(field in fields for field in required):
            return position
    return 0


def _sheet_rows(sheet: Any) -> list[list[str]]:
    """The sheet's rows as text, without the blank rows at its end.

    A formatted stray cell at row 1,000,000 makes openpyxl report every row up to it; it hands out one shared tuple for
    each row missing from the file, so such rows are converted once (12 s → under 1 s for a cell at row 1,000,000).
    """
    rows: list[list[str]] = []
    last_with_data = -1
    previous: Any = None
    texts: list[str] = []
    has_data = False
    for row in sheet.iter_rows():
        if row is not previous:
            texts = [_text(c.value, getattr(c, "number_format", None) or "General") for c in row]
            has_data, previous = any(texts), row
        if has_data:
            last_with_data = len(rows)
        rows.append(texts)
    return rows[: last_with_data + 1]


def read_sheet(path: str | Path, headers: Mapping[str, str], required: tuple[str, ...]) -> Sheet:
    """Read a .xlsx or .csv file with a header row (after an optional title); `headers` maps header text to field names."""
    path = Path(path)
    if not path.is_file():
        raise Refused(f"文件不存在：{path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table = _read_xlsx(path)
    elif suffix in (".csv", ".txt"):
        table = _read_csv(path)
    else:
        hint = "；旧版 .xls 请在 Excel 中“另存为” Excel 工作簿（.xlsx）" if suffix in (".xls", ".et", ".wps") else ""
        raise Refused(f"{path.name}：只能导入 Excel（.xlsx）或 CSV 文件{hint}")
    numbered = [(i, row) for i, row in enumerate(table, start=1) if any(cell.strip() for cell in row)]
    if not numbered:
        raise Refused(f"{path.name}：文件是空的")
    lookup = {key.strip().lower(): value for key, value in headers.items()}
    start = _header_position(numbered, lookup, required)
    header_row, header = numbered[start]
    columns: dict[str, int] = {}
    for index, title in enumerate(header):
        title = title.strip()
        if not title:
            continue
        if title in ROW_NUMBER_HEADERS:
            continue  # the 序号 column nearly every Chinese sheet starts with
        field = lookup.get(title.lower())
        if field is None:
            raise Refused(f"{path.name} 第{header_row}行第{index + 1}列：无法识别的表头 “{title}”")
        if field in columns:
            raise Refused(f"{path.name} 第{header_row}行第{index + 1}列：表头 “{title}” 重复")
        columns[field] = index
    missing = [field for field in required if field not in columns]
    if missing:
        names = {v: k for k, v in headers.items() if not k.isascii()}
        raise Refused(f"{path.name} 第{header_row}行：缺少必需的列 {'、'.join(names.get(m, m) for m in missing)}")
    rows = [(i, [c.strip() for c in row]) for i, row in numbered[start + 1 :]]
    if not rows:
        raise Refused(f"{path.name}：只有表头，没有数据行")
    return Sheet(path, columns, rows)
