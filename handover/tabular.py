"""Reading the spreadsheets counties keep (Excel .xlsx or CSV) into rows of text, with clear refusals."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from handover.errors import Refused


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


def _read_csv(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    if b"\x00" in data[:4096]:
        raise Refused(f"{path.name}：不是 CSV 文本文件，也不是 Excel（.xlsx）文件")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes any byte string
        raise Refused(f"{path.name}：无法识别文件编码（应为 UTF-8 或 GBK）")
    return [row for row in csv.reader(io.StringIO(text))]


def _read_xlsx(path: Path) -> list[list[str]]:
    from zipfile import BadZipFile

    import openpyxl

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, KeyError, OSError, ValueError) as exc:
        raise Refused(f"{path.name}：不是有效的 Excel（.xlsx）文件，可能已损坏（{type(exc).__name__}）") from None
    try:
        sheet = book.worksheets[0]
        return [[_text(c.value, getattr(c, "number_format", None) or "General") for c in row] for row in sheet.iter_rows()]
    finally:
        book.close()


def read_sheet(path: str | Path, headers: Mapping[str, str], required: tuple[str, ...]) -> Sheet:
    """Read a .xlsx or .csv file whose first non-empty row is a header; `headers` maps header text to field names."""
    path = Path(path)
    if not path.is_file():
        raise Refused(f"文件不存在：{path}")
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        table = _read_xlsx(path)
    elif suffix in (".csv", ".txt"):
        table = _read_csv(path)
    else:
        raise Refused(f"{path.name}：只能导入 Excel（.xlsx）或 CSV 文件")
    numbered = [(i, row) for i, row in enumerate(table, start=1) if any(cell.strip() for cell in row)]
    if not numbered:
        raise Refused(f"{path.name}：文件是空的")
    header_row, header = numbered[0]
    columns: dict[str, int] = {}
    lookup = {key.strip().lower(): value for key, value in headers.items()}
    for index, title in enumerate(header):
        title = title.strip()
        if not title:
            continue
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
    rows = [(i, [c.strip() for c in row]) for i, row in numbered[1:]]
    if not rows:
        raise Refused(f"{path.name}：只有表头，没有数据行")
    return Sheet(path, columns, rows)


def column_label(sheet: Sheet, field: str) -> str:
    index = sheet.columns.get(field, 0)
    return f"第{index + 1}列"
