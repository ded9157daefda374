"""Importing indicator values from Excel or CSV: the whole file or nothing, with row numbers in every refusal."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from tests.conftest import dump


@pytest.fixture
def case_id(township_case: str) -> str:
    return township_case


def write_xlsx(path: Path, rows: list[list[object]]) -> Path:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    book.save(path)
    return path


HEADER = ["指标代码", "指标名称", "届初", "届末", "届初村名", "届末村名", "不适用理由", "备注"]


def test_xlsx_import_applies_every_row(run, case_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "values.xlsx", [
        HEADER,
        ["ORG01", "五星级村党组织数", None, None, "甲村、乙村", "甲村，乙村，丙村", None, "新增丙村"],
        ["ORG06", "三会一课", 85.5, 97, None, None, None, None],
        ["ORG08", "述职评议等次", "较好", "好", None, None, None, None],
        ["INN04", "小区党支部数", None, None, None, None, "辖区无住宅小区", None],
    ])  # fmt: skip
    result = run("value", "import", case_id, str(path))
    assert result.code == 0, result.err
    values = {v["code"]: v for v in json.loads(run("case", "show", case_id, "--json").out)["values"]}
    assert values["ORG01"]["start"] == "2" and values["ORG01"]["villages_end"] == ["甲村", "乙村", "丙村"]
    assert values["ORG01"]["note"] == "新增丙村"
    assert values["ORG06"]["start"] == "85.5" and values["ORG06"]["end"] == "97"
    assert values["ORG08"]["trend"] == "提升"
    assert values["INN04"]["na_reason"] == "辖区无住宅小区"


def test_csv_import_in_gbk_with_english_headers(run, case_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "values.csv"
    path.write_bytes("code,start,end,note\nORG05,3,5,村级阵地改造\nMEM01,1200,1250,\n".encode("gb18030"))
    assert run("value", "import", case_id, str(path)).code == 0
    values = {v["code"]: v for v in json.loads(run("case", "show", case_id, "--json").out)["values"]}
    assert values["ORG05"]["note"] == "村级阵地改造"
    assert values["MEM01"]["trend"] == "变化"


@pytest.mark.parametrize(
    ("rows", "words"),
    [
        ([HEADER, ["ORG05", "", 3, 5], ["ORG06", "", 130, 90]], "第3行"),
        ([HEADER, ["ORG05", "", 3, 5], ["ORG05", "", 4, 5]], "已在第2行出现"),
        ([["指标代码", "数值"], ["ORG05", 3]], "无法识别的表头"),
        ([["指标名称", "届初"], ["x", 3]], "缺少必需的列"),
        ([HEADER], "没有数据行"),
        ([HEADER, ["ORG05", "", 3, 5], ["NOPE1", "", 1, 1]], "NOPE1"),
        ([HEADER, ["ORG01", "", 2, 2, "甲村", "甲村"]], "列出了 1 个村"),
    ],
)
def test_a_bad_row_refuses_the_whole_file(run, db_path, case_id, tmp_path, rows, words) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "bad.xlsx", rows)
    before = dump(db_path)
    result = run("value", "import", case_id, str(path))
    assert result.code == 2
    assert words in result.err
    assert dump(db_path) == before


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("empty.csv", b"", "空的"),
        ("corrupt.xlsx", b"PK\x03\x04 this is not really a zip file", "不是有效的 Excel"),
        ("photo.xlsx", b"\x89PNG\r\n\x1a\n" + bytes(100), "是图片，不是 Excel（.xlsx）或 CSV 表格"),
        ("binary.csv", bytes(range(256)) * 4, "不是有效的 Excel（.xlsx）或 CSV 文件"),
        ("values.docx", b"anything", "只能导入"),
        ("empty.xlsx", b"", "文件是空的（0 字节）"),
        ("report.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "report.xlsx 是 PDF 文件，不是 Excel"),
        ("report.csv", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "report.csv 是 PDF 文件"),
        ("old.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "另存为"),
        ("old.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "另存为"),
    ],
)
def test_files_that_are_not_spreadsheets(run, db_path, case_id, tmp_path, name, content, words) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(content)
    before = dump(db_path)
    result = run("value", "import", case_id, str(path))
    assert result.code == 2, result.err
    assert words in result.err
    assert dump(db_path) == before


def test_excel_numbers_are_read_as_the_assessor_sees_them(run, case_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A cell formatted as a percentage holds 0.855 for 85.5%; a formula leaves 97.00000000000001 for 97."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["指标代码", "届初", "届末"])
    sheet.append(["ORG06", 0.855, 1])
    sheet.append(["ORG07", 0.9, 0.97])
    sheet.append(["ECO01", 97.00000000000001, 120.25])
    sheet.append(["MEM01", 1186.0, 1243])
    for cell in ("B2", "C2", "B3", "C3"):
        sheet[cell].number_format = "0.0%"
    book.save(tmp_path / "formatted.xlsx")
    result = run("value", "import", case_id, str(tmp_path / "formatted.xlsx"))
    assert result.code == 0, result.err
    values = {v["code"]: v for v in json.loads(run("case", "show", case_id, "--json").out)["values"]}
    assert (values["ORG06"]["start"], values["ORG06"]["end"]) == ("85.5", "100")
    assert (values["ORG07"]["start"], values["ORG07"]["end"]) == ("90", "97")
    assert (values["ECO01"]["start"], values["ECO01"]["end"]) == ("97", "120.25")
    assert (values["MEM01"]["start"], values["MEM01"]["end"]) == ("1186", "1243")


def test_a_realistic_messy_sheet(run, case_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Blank rows above and between, padded headers and codes, full-width digits, units typed after numbers."""
    path = write_xlsx(tmp_path / "messy.xlsx", [
        [],
        [" 指标代码 ", "指标名称", " 届初", "届末 ", "届初村名", "届末村名", "不适用理由", "备注"],
        ["org06", "三会一课", "８５", "97%", None, None, None, None],
        [],
        [" ORG07 ", "主题党日", " 85 % ", "１００", None, None, None, None],
        ["ORG05", "达标村数", "３", "5 个", None, None, None, None],
        ["ECO01", "总收入", "1,234.50", "１２３４．５", None, None, None, None],
        ["ORG01", "五星级", None, None, " 甲村 , 乙村 ", "甲村；乙村；丙村", None, None],
    ])  # fmt: skip
    result = run("value", "import", case_id, str(path))
    assert result.code == 0, result.err
    values = {v["code"]: v for v in json.loads(run("case", "show", case_id, "--json").out)["values"]}
    assert (values["ORG06"]["start"], values["ORG06"]["end"]) == ("85", "97")
    assert (values["ORG07"]["start"], values["ORG07"]["end"]) == ("85", "100")
    assert (values["ORG05"]["start"], values["ORG05"]["end"]) == ("3", "5")
    assert (values["ECO01"]["start"], values["ECO01"]["end"]) == ("1234.5", "1234.5")
    assert values["ORG01"]["villages_end"] == ["甲村", "乙村", "丙村"] and values["ORG01"]["end"] == "3"


def test_sheets_as_excel_saves_them(run, case_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A notes sheet in front of an empty first sheet's data; Excel's “Unicode 文本” (UTF-16, tab-separated)."""
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"  # left empty
    data = book.create_sheet("指标")
    data.append(["指标代码", "届初", "届末"])
    data.append(["ORG05", 3, 4])
    book.save(tmp_path / "two_sheets.xlsx")
    assert run("value", "import", case_id, str(tmp_path / "two_sheets.xlsx")).code == 0
    (tmp_path / "unicode.txt").write_bytes("指标代码\t届初\t届末\r\nORG06\t85\t97\r\n".encode("utf-16"))
    result = run("value", "import", case_id, str(tmp_path / "unicode.txt"))
    assert result.code == 0, result.err
    values = {v["code"]: v for v in json.loads(run("case", "show", case_id, "--json").out)["values"]}
    assert (values["ORG05"]["start"], values["ORG05"]["end"]) == ("3", "4")
    assert (values["ORG06"]["start"], values["ORG06"]["end"]) == ("85", "97")


def test_a_row_number_column_is_skipped(run, case_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_xlsx(tmp_path / "numbered.xlsx", [["序号", "指标代码", "届初", "届末"], [1, "ORG05", 3, 4], [2, "ORG06", 85, 90]])
    result = run("value", "import", case_id, str(path))
    assert result.code == 0, result.err
    values = {v["code"]: v for v in json.loads(run("case", "show", case_id, "--json").out)["values"]}
    assert (values["ORG05"]["start"], values["ORG06"]["end"]) == ("3", "90")


def test_a_title_above_the_header(run, case_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Sheets kept by hand open with a title row (often merged across the columns) and a line of notes."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["白鹤镇党建交接指标表"])
    sheet.merge_cells("A1:D1")
    sheet.append(["填表单位：白鹤镇党委", None, "填表日期：2026年1月4日"])
    sheet.append(["序号", "指标代码", "届初", "届末"])
    sheet.append([1, "ORG05", 3, 4])
    book.save(tmp_path / "titled.xlsx")
    result = run("value", "import", case_id, str(tmp_path / "titled.xlsx"))
    assert result.code == 0, result.err
    values = {v["code"]: v for v in json.loads(run("case", "show", case_id, "--json").out)["values"]}
    assert (values["ORG05"]["start"], values["ORG05"]["end"]) == ("3", "4")


def test_rows_after_a_long_gap_and_a_stray_formatted_cell_far_below(run, case_id, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Nothing after a gap is lost; a formatted empty cell at row 200,000 adds nothing (and is read quickly:
    `time handover value import` on such a sheet with the cell at row 1,000,000: 12 s before, 0.7 s now)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["指标代码", "届初", "届末"])
    sheet.append(["ORG05", 3, 4])
    sheet.cell(row=5002, column=1, value="ORG06")
    sheet.cell(row=5002, column=2, value=85)
    sheet.cell(row=5002, column=3, value=90)
    sheet.cell(row=200_000, column=30).number_format = "0.0%"
    book.save(tmp_path / "gap.xlsx")
    result = run("value", "import", case_id, str(tmp_path / "gap.xlsx"))
    assert result.code == 0 and "已导入 2 项" in result.out, result.err
    values = {v["code"]: v for v in json.loads(run("case", "show", case_id, "--json").out)["values"]}
    assert (values["ORG05"]["end"], values["ORG06"]["end"]) == ("4", "90")
