"""Spreadsheets out (.xlsx, openpyxl): the county summary, one case's sheet and the reviewer pool.

The case sheet and the pool are written in exactly the form `value import` and `reviewer import` read, so a township can
fill the sheet and send it back. Text that a spreadsheet would take for a formula (starting with = + - @, a tab or a
carriage return) is stored as text with Excel's quote prefix: a unit named `=HYPERLINK(...)` stays a name.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from handover import catalogue as catalogue_mod
from handover.db import Database
from handover.files import write_atomic
from handover.overview import county_overview, key_values
from handover.progress import Progress
from handover.reading import get_case, list_cases
from handover.services.reviewer_import import REVIEWER_HEADERS
from handover.services.reviewers import list_reviewers
from handover.services.value_import import VALUE_HEADERS
from handover.words import POINTS, STATUSES, STEPS, UNIT_TYPES

#: what makes Excel or WPS read a typed text as a formula (or, after a tab or CR, shift it into another cell)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: the fewest significant digits a spreadsheet number keeps exactly (Excel shows 15)
_DIGITS = 15


def header_for(headers: dict[str, str], field: str) -> str:
    """The Chinese header an import reads for `field` (the first one listed)."""
    return next(k for k, v in headers.items() if v == field and not k.isascii())


def _book() -> Any:
    import openpyxl

    return openpyxl.Workbook()


def put(sheet: Any, row: int, column: int, value: object, number_format: str | None = None) -> Any:
    """Write one cell: numbers as numbers, dates as dates, text always as text (never a formula)."""
    cell = sheet.cell(row=row, column=column)
    if isinstance(value, str):
        cell.value = value
        cell.data_type = "s"  # openpyxl would store "=..." as a formula
        if value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True  # and Excel/WPS show it as typed, even after the cell is edited
    else:
        cell.value = value
    if number_format:
        cell.number_format = number_format
    return cell


def number_or_text(text: str | None) -> object:
    """A stored value as the spreadsheet should hold it: a number when it is one (exactly), else the text."""
    if text is None:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    if not number.is_finite() or len(number.as_tuple().digits) > _DIGITS:
        return text
    return int(number) if number == number.to_integral_value() else float(number)


def _layout(sheet: Any, header_row: int, widths: Sequence[float], *, title: str | None = None) -> None:
    """A sheet that prints well: bold frozen header with borders, column widths, A4 landscape fitted to the width."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    thin = Side(style="thin", color="808080")
    for column, width in enumerate(widths, start=1):
        letter = sheet.cell(row=header_row, column=column).column_letter
        sheet.column_dimensions[letter].width = width
        head = sheet.cell(row=header_row, column=column)
        head.font = Font(bold=True)
        head.fill = PatternFill("solid", fgColor="E8E8E8")
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        head.border = Border(top=thin, bottom=thin, left=thin, right=thin)
    if title:
        cell = sheet.cell(row=1, column=1)
        cell.font = Font(bold=True, size=14)
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _save(book: Any, path: str | Path) -> Path:
    import io

    buffer = io.BytesIO()
    book.save(buffer)
    target = Path(path)
    write_atomic(target, buffer.getvalue())
    return target


def export_case(db: Database, case_id: int, path: str | Path) -> Path:
    """The case's 40 indicators with their villages, in the columns `value import` reads (round trip without loss)."""
    detail = get_case(db, case_id)
    book = _book()
    sheet = book.active
    sheet.title = "交接指标"
    s = detail.summary
    put(sheet, 1, 1, f"{s.unit} 党建工作交接指标（案件 {s.id}；离任 {s.outgoing}，接任 {s.incoming}）")
    fields = ("code", "name", "start", "end", "villages_start", "villages_end", "na", "note")
    for column, field in enumerate(fields, start=1):
        put(sheet, 2, column, header_for(VALUE_HEADERS, field))
    for row, v in enumerate(detail.values, start=3):
        cells = (
            v.code, v.name, number_or_text(v.start), number_or_text(v.end),
            "、".join(v.villages_start) or None, "、".join(v.villages_end) or None, v.na_reason, v.note,
        )  # fmt: skip
        for column, value in enumerate(cells, start=1):
            if value is not None:
                put(sheet, row, column, value)
    _layout(sheet, 2, (10, 34, 10, 10, 28, 28, 22, 30), title="title")
    notes = book.create_sheet("填写说明")
    for row, line in enumerate(_CASE_NOTES, start=1):
        put(notes, row, 1, line)
    notes.column_dimensions["A"].width = 100
    return _save(book, path)


_CASE_NOTES = (
    "填写说明",
    f"1. 每行一项指标，按“{POINTS['start']}”“{POINTS['end']}”两列填写数值；不要改动指标代码。",
    "2. 涉及村（社区）的指标，在“届初村名”“届末村名”中写出村名，用顿号“、”分隔；没有这样的村，数值填 0、村名留空。",
    "3. 不适用的指标在“不适用理由”中写明理由，数值留空。",
    "4. 留空的单元格不改动已录入的值。填好后交回县委组织部，用“导入指标值”导入。",
)


def export_pool(db: Database, path: str | Path) -> Path:
    """The reviewer pool in the columns `reviewer import` reads."""
    book = _book()
    sheet = book.active
    sheet.title = "评审人员库"
    fields = ("name", "gender", "organization", "org_dept", "certificate_no", "certified_until", "trained_on",
              "conflicts", "active")  # fmt: skip
    for column, field in enumerate(fields, start=1):
        put(sheet, 1, column, header_for(REVIEWER_HEADERS, field))
    for row, r in enumerate(list_reviewers(db), start=2):
        cells: tuple[object, ...] = (
            r.name, r.gender, r.organization, "是" if r.org_dept else "否", r.certificate_no, r.certified_until,
            r.trained_on, "；".join(c.label for c in r.conflicts) or None, "是" if r.active else "否",
        )  # fmt: skip
        for column, value in enumerate(cells, start=1):
            if value is not None:
                put(sheet, row, column, value, "yyyy-mm-dd" if isinstance(value, date) else None)
    _layout(sheet, 1, (10, 6, 26, 10, 14, 14, 14, 36, 10))
    return _save(book, path)


SUMMARY_HEADERS = ("序号", "单位", "类型", "离任书记", "接任书记", "任期开始", "任期结束", "交接日期", "步骤", "状态",
                   "等次", "完成度")  # fmt: skip


def export_summary(db: Database, path: str | Path, *, year: int | None = None, progress: Progress | None = None) -> Path:
    """One row per case (of the year whose term ends in `year`, or all): the case, its step, grade, completeness and the
    seven key indicators at the start and end of the term with the change; a second sheet ranks the units."""
    cat = catalogue_mod.load()
    keys = cat.key_indicators
    cases = sorted(list_cases(db, year=year), key=lambda c: (c.unit, c.term_end, c.id))
    book = _book()
    sheet = book.active
    sheet.title = "交接汇总"
    put(sheet, 1, 1, f"领导班子交接党建工作汇总表（{year}年）" if year else "领导班子交接党建工作汇总表")
    headers = [*SUMMARY_HEADERS]
    for ind in keys:
        headers += [f"{ind.name}（{POINTS['start']}）", f"{ind.name}（{POINTS['end']}）", f"{ind.name}（变化情况）"]
    for column, text in enumerate(headers, start=1):
        put(sheet, 2, column, text)
    values = key_values(db, cases)
    for number, case in enumerate(cases, start=1):
        if progress:
            progress(number - 1, len(cases), case.unit)
        cells: list[object] = [
            number, case.unit, UNIT_TYPES.get(case.unit_type, case.unit_type), case.outgoing, case.incoming,
            case.term_start, case.term_end, case.handover_date, STEPS[case.step], STATUSES.get(case.status, case.status),
            case.grade, case.done / case.total if case.total else None,
        ]  # fmt: skip
        for key in values.get(case.id, ()):
            na = "不适用" if key.na_reason else None
            cells += [na or number_or_text(key.start), na or number_or_text(key.end), na or number_or_text(key.change)]
        for column, cell in enumerate(cells, start=1):
            if cell is not None:
                fmt = "yyyy-mm-dd" if isinstance(cell, date) else "0%" if column == len(SUMMARY_HEADERS) else None
                put(sheet, number + 2, column, cell, fmt)
    _layout(sheet, 2, (6, 16, 8, 10, 10, 12, 12, 12, 8, 8, 8, 8, *(12,) * (3 * len(keys))), title="title")
    _rankings(book.create_sheet("关键指标排名"), db, year)
    return _save(book, path)


def _rankings(sheet: Any, db: Database, year: int | None) -> None:
    """Each key indicator's county ranking by the end-of-term value of each unit's latest case."""
    overview = county_overview(db, year=year)
    put(sheet, 1, 1, "关键指标全县排名（按各单位最新案件的届末值；相同值并列）")
    headers = ["单位"]
    for ind in overview.key_indicators:
        headers += [f"{ind.name}（{POINTS['end']}）", f"{ind.name}（名次）"]
    for column, text in enumerate(headers, start=1):
        put(sheet, 2, column, text)
    rows = [row for row in overview.rows if row.case is not None]
    for number, row in enumerate(rows, start=3):
        put(sheet, number, 1, row.unit)
        for i, key in enumerate(row.keys):
            if key.na_reason:
                put(sheet, number, 2 + 2 * i, "不适用")
            elif key.end is not None:
                put(sheet, number, 2 + 2 * i, number_or_text(key.end))
            if key.rank is not None:
                put(sheet, number, 3 + 2 * i, key.rank)
    _layout(sheet, 2, (16, *(12,) * (2 * len(overview.key_indicators))), title="title")
