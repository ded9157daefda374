"""Reading the spreadsheets counties keep (Excel .xlsx or CSV) into rows of text, with clear refusals."""

from __future__ import annotations

import csv
import io
import re
import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zipfile import BadZipFile, ZipFile

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
        text = _decode(path, data, "utf-16")  # Excel's “Unicode 文本” (.txt): UTF-16 with a byte-order mark, tab-separated
    elif b"\x00" in data[:4096] or any(data.startswith(magic) for magic, _ in _WHAT_IT_IS):
        raise _not_a_spreadsheet(path, data)
    else:
        text = _decode(path, data, _encoding(data))
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = "\t" if "\t" in first and "," not in first else ","
    # newline="": the csv module itself splits lines, so a Mac's bare CR ends a row and a quoted line break stays in its cell
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[str]] = []
    try:
        for row in reader:
            rows.append(row)
    except csv.Error as exc:
        problem = "单元格内容过长" if "field larger" in str(exc) else "含有空字符（NUL）" if "NUL" in str(exc) else "格式错误"
        raise Refused(f"{path.name} 第{reader.line_num}行：{problem}，文件可能已损坏") from None
    return rows


def _encoding(data: bytes) -> str:
    """UTF-8, or GB18030 for a file Excel saved as GBK; a UTF-8 file with a few damaged bytes is not read as GBK, which
    would turn every Chinese character into another one (mojibake) without an error."""
    try:
        data.decode("utf-8-sig")
    except UnicodeDecodeError:
        high = sum(1 for byte in data if byte >= 0x80)
        in_utf8 = sum(len(m.group()) for m in _UTF8_SEQUENCE.finditer(data))
        return "utf-8-sig" if high and in_utf8 / high > 0.8 else "gb18030"
    return "utf-8-sig"


_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def _decode(path: Path, data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        names = {"utf-8-sig": "UTF-8", "gb18030": "GBK", "utf-16": "UTF-16"}
        raise Refused(
            f"{path.name} 第{line}行：文字编码损坏（按 {names[encoding]} 无法读取第 {exc.start + 1} 字节），文件可能已损坏；"
            "请在 Excel 中重新保存为 CSV（UTF-8）或 Excel 工作簿（.xlsx）"
        ) from None


def _read_xlsx(path: Path) -> list[list[str]]:
    import openpyxl

    where = _Where()
    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl meets a damaged file with whatever its parser raises
        raise _damaged(path, exc, where) from None
    try:
        # the first sheet with anything in it: counties often keep a 说明 (notes) sheet in front, or leave Sheet1 empty
        for position, sheet in enumerate(book.worksheets):
            where.sheet, where.row = sheet.title, -1
            rows, blanks = _sheet_rows(sheet, where)
            if any(cell for row in rows for cell in row):
                _refuse_uncalculated(path, position, blanks, len(rows))
                return rows
        return []
    except Refused:
        raise
    except Exception as exc:  # noqa: BLE001 - read_only mode parses lazily: the damage shows while reading the rows
        raise _damaged(path, exc, where) from None
    finally:
        book.close()


class _Where:
    """How far the reading got, so a refusal of a damaged file can say where the damage is."""

    sheet = ""
    row = -1  # the index of the last row read whole: the damage is in the row after it


def _damaged(path: Path, exc: Exception, where: _Where) -> Refused:
    if not where.sheet:
        data = path.read_bytes()
        if not data.startswith(b"PK"):
            return _not_a_spreadsheet(path, data)
    if isinstance(exc, BadZipFile) and "CRC" in str(exc):
        problem = "内容校验失败（CRC 不符），数据已被改动或损坏"
    elif isinstance(exc, BadZipFile | EOFError):
        problem = "压缩包结构损坏或文件不完整"
    elif isinstance(exc, zlib.error):
        problem = "压缩数据损坏"
    elif isinstance(exc, KeyError):
        problem = f"缺少必需的部件 {exc}"
    elif type(exc).__name__ in ("ParseError", "XMLSyntaxError"):
        problem = "XML 内容损坏"
    else:
        problem = f"内容不合格式（{type(exc).__name__}）"
    if not where.sheet:
        return Refused(f"{path.name}：不是有效的 Excel（.xlsx）或 CSV 文件，可能已损坏（文件结构：{problem}）")
    place = f"工作表“{where.sheet}”第{where.row + 2}行附近"
    return Refused(f"{path.name}：文件已损坏，无法读取（{place}：{problem}）；请在 Excel 中打开检查后重新保存")


def _refuse_uncalculated(path: Path, position: int, blanks: list[tuple[int, int]], rows: int) -> None:
    """A formula cell whose file holds no computed value (saved by a program that does not calculate) reads as blank:
    refuse it, naming the cell, rather than import the row without that value."""
    import openpyxl
    from openpyxl.utils import get_column_letter

    wanted = {(row, column) for row, column in blanks if row <= rows}
    if not wanted or not _has_formulas(path):
        return
    book = openpyxl.load_workbook(path, read_only=True, data_only=False)
    try:
        sheet = book.worksheets[position]
        sheet.reset_dimensions()
        for number, row in enumerate(sheet.iter_rows(max_row=max(r for r, _ in wanted)), start=1):
            for column, cell in enumerate(row, start=1):
                if (number, column) in wanted and getattr(cell, "data_type", "") == "f":
                    raise Refused(
                        f"{path.name} 工作表“{sheet.title}”单元格 {get_column_letter(column)}{number}：公式 {cell.value} "
                        "没有计算结果（文件由不计算公式的程序保存）；请在 Excel 中打开、计算并保存，或把公式改成数值"
                    )
    finally:
        book.close()


def _has_formulas(path: Path) -> bool:
    """Whether any worksheet of the file holds a formula (an <f> element): most sheets have none, and then the file
    need not be read a second time. True when unsure."""
    try:
        with ZipFile(path) as book:
            parts = [n for n in book.namelist() if n.startswith("xl/worksheets/") and n.endswith(".xml")]
            return not parts or any(_FORMULA.search(book.read(n)) for n in parts)
    except (OSError, BadZipFile, zlib.error, KeyError, EOFError):
        return True


_FORMULA = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?f[\s>/]")


def _header_position(numbered: list[tuple[int, list[str]]], lookup: Mapping[str, str], required: tuple[str, ...]) -> int:
    """Which of the first rows is the header: the first that has every required column. Rows above it are a sheet's
    title (白鹤镇党建交接指标表) or notes. Without such a row, the first row, so its refusal names what is wrong."""
    for position, (_, row) in enumerate(numbered[:10]):
        fields = {lookup.get(cell.strip().lower()) for cell in row}
        if all(field in fields for field in required):
            return position
    return 0


def _sheet_rows(sheet: Any, where: _Where) -> tuple[list[list[str]], list[tuple[int, int]]]:
    """The sheet's rows as text, without the blank rows at its end, and the cells that are in the file with no value
    (a formatted blank, or a formula without its computed value).

    The sheet's own <dimension> is not trusted: a file written by another program can say A1:H10 and hold 40 rows, and
    openpyxl's read-only mode would stop at row 10. A formatted stray cell at row 1,000,000 makes openpyxl report every
    row up to it; it hands out one shared object for each row missing from the file, so such rows are converted once
    (12 s → under 1 s for a cell at row 1,000,000).
    """
    from openpyxl.cell.read_only import EmptyCell

    sheet.reset_dimensions()
    rows: list[list[str]] = []
    blanks: list[tuple[int, int]] = []
    last_with_data = -1
    previous: Any = None
    texts: list[str] = []
    has_data = False
    for where.row, row in enumerate(sheet.iter_rows()):
        if row is not previous:
            texts = [_text(c.value, getattr(c, "number_format", None) or "General") for c in row]
            has_data, previous = any(texts), row
            blanks += [(where.row + 1, i) for i, c in enumerate(row, start=1) if c.value is None and not isinstance(c, EmptyCell)]
        if has_data:
            last_with_data = len(rows)
        rows.append(texts)
    return rows[: last_with_data + 1], blanks


#: what no cell typed in Excel holds: control characters other than tab and line breaks, a byte-order mark inside the
#: text (U+FEFF), the non-characters U+FFFE and U+FFFF, and U+FFFD, the mark a program leaves where it could not
#: decode a character; each means the file was damaged or mis-saved
_DAMAGED_CELL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff\ufffd-\uffff]")


def _refuse_damaged_cells(path: Path, numbered: list[tuple[int, list[str]]]) -> None:
    for number, row in numbered:
        for index, cell in enumerate(row):
            found = _DAMAGED_CELL.search(cell)
            if found:
                raise Refused(
                    f"{path.name} 第{number}行第{index + 1}列：含有不可见的控制字符或乱码（{found.group()!r}），"
                    "文件可能已损坏；请检查该单元格后重新保存"
                )


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
    _refuse_damaged_cells(path, numbered)
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
