"""Each way a spreadsheet was found to be mis-read or to crash the import, one by one: a refusal (exit 2) naming the file
and the place, or, where the file is sound but unusual (a stale <dimension>, old Mac line ends), every row read."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import openpyxl

from tests.conftest import dump

VALUES = "指标代码,届初,届末,备注\r\nORG05,3,5,村级阵地改造\r\nMEM01,1200,1250,发展党员五十名\r\nORG06,85.5,97,按季度抽查\r\n"


def _values(run, township_case: str) -> dict[str, dict]:  # type: ignore[no-untyped-def]
    return {v["code"]: v for v in json.loads(run("case", "show", township_case, "--json").out)["values"]}


def _rewrite(path: Path, member: str, change) -> None:  # type: ignore[no-untyped-def]
    """Rewrite one part of a workbook, as another program would have written it."""
    with zipfile.ZipFile(path) as book:
        parts = {name: book.read(name) for name in book.namelist()}
    parts[member] = change(parts[member])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as book:
        for name, content in parts.items():
            book.writestr(name, content)
    path.write_bytes(out.getvalue())


def test_a_stale_dimension_still_reads_every_row(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Found: a sheet saying <dimension ref="A1:I10"/> over 40 rows imported 9 of them with exit 0."""
    assert run("unit", "add", "云岭镇", "--type", "township").code == 0
    path = tmp_path / "pool.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["姓名", "工作单位", "证书编号"])
    for i in range(1, 41):
        book.active.append([f"评审员{i}", f"县直单位{i}", f"PS-{i:03d}"])
    book.save(path)
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'<dimension ref="A1:C41"/>', b'<dimension ref="A1:C10"/>'))
    assert b'ref="A1:C10"' in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    result = run("reviewer", "import", str(path))
    assert result.code == 0, result.err
    assert "新增 40 人" in result.out
    assert len(json.loads(run("reviewer", "list", "--json").out)) == 40


def test_a_formula_without_its_computed_value_is_refused_naming_the_cell(run, db_path, township_case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Found: a formula saved by a program that does not calculate (openpyxl, many web exporters) read as blank."""
    path = tmp_path / "values.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["指标代码", "届初", "届末"])
    book.active.append(["ORG05", 3, 5])
    book.active.append(["MEM01", 1200, "=B3+50"])
    book.save(path)
    before = dump(db_path)
    result = run("value", "import", township_case, str(path))
    assert result.code == 2
    assert "values.xlsx" in result.err and "C3" in result.err and "=B3+50" in result.err and "没有计算结果" in result.err
    assert dump(db_path) == before


def test_a_formula_with_its_computed_value_is_read(run, township_case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "values.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["指标代码", "届初", "届末"])
    book.active.append(["MEM01", 1200, "=B2+50"])
    book.save(path)
    # what Excel writes: the formula and the value it computed
    _rewrite(path, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b"<f>B2+50</f><v></v>", b"<f>B2+50</f><v>1250</v>"))
    assert b"<v>1250</v>" in zipfile.ZipFile(path).read("xl/worksheets/sheet1.xml")
    assert run("value", "import", township_case, str(path)).code == 0
    assert _values(run, township_case)["MEM01"]["end"] == "1250"


def test_old_mac_line_ends_read_every_row(run, township_case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Found: a CSV with bare CR line ends (Excel for Mac 2011) failed with exit 1."""
    path = tmp_path / "values.csv"
    path.write_bytes(VALUES.replace("\r\n", "\r").encode("utf-8"))
    result = run("value", "import", township_case, str(path))
    assert result.code == 0, result.err
    values = _values(run, township_case)
    assert values["ORG05"]["end"] == "5" and values["MEM01"]["end"] == "1250" and values["ORG06"]["note"] == "按季度抽查"


def _xlsx_with_flipped_data(path: Path) -> bytes:
    book = openpyxl.Workbook()
    book.active.append(["指标代码", "届初", "届末", "备注"])
    for code, note in (("ORG05", "村级阵地改造"), ("MEM01", "发展党员"), ("ORG06", "按季度抽查")):
        book.active.append([code, 3, 5, note * 20])
    book.save(path)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + info.compress_size // 2] ^= 0x55  # bits flipped in the middle of the compressed sheet
    return bytes(data)


def _damaged_csv_cases(tmp_path: Path) -> list[tuple[str, bytes, str]]:
    utf8 = VALUES.encode("utf-8")
    cut = utf8.index("阵".encode()) + 1
    return [
        ("gbk-damaged.csv", VALUES.encode("gbk") + b"ORG07,\x81\x7f,1\r\n", "第5行：文字编码损坏"),
        ("utf8-damaged.csv", utf8[:cut] + utf8[cut + 1 :], "第2行：文字编码损坏"),
        ("utf16-odd.txt", b"\xff\xfe" + VALUES.replace(",", "\t").encode("utf-16-le")[:-1], "文字编码损坏"),
        ("huge-field.csv", utf8 + b'ORG07,1,1,"' + b"x" * 200_000 + b'"\r\n', "第5行：单元格内容过长"),
        ("nul.csv", utf8 + b"x" * 5000 + b"\r\nORG07,1\x00,1\r\n", "第6行"),
        ("escape.csv", utf8.replace("按季度抽查".encode(), b"\x1b[31m\xe6\x8c\x89"), "第4行第4列：含有不可见的控制字符"),
    ]


def test_damaged_csv_files_are_refused_naming_the_row(run, db_path, township_case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Found: GBK decoding errors, the CSV field limit and NUL bytes ended with exit 1; a damaged byte in a UTF-8 file
    made it read as GBK, importing every Chinese character as another one; escape codes went into the notes."""
    before = dump(db_path)
    for name, data, words in _damaged_csv_cases(tmp_path):
        path = tmp_path / name
        path.write_bytes(data)
        result = run("value", "import", township_case, str(path))
        assert (result.code, name in result.err, words in result.err) == (2, True, True), (name, result.err)
        assert dump(db_path) == before


def test_damaged_xlsx_files_are_refused_naming_the_damage(run, db_path, township_case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Found: zlib, CRC and XML errors in a workbook ended with exit 1 and a traceback."""
    before = dump(db_path)
    flipped = tmp_path / "flipped.xlsx"
    flipped.write_bytes(_xlsx_with_flipped_data(flipped))
    broken_xml = tmp_path / "broken-xml.xlsx"
    openpyxl.Workbook().save(broken_xml)
    book = openpyxl.Workbook()
    book.active.append(["指标代码", "届初", "届末"])
    for i in range(30):
        book.active.append(["ORG05", 3, i])
    book.save(broken_xml)
    _rewrite(broken_xml, "xl/worksheets/sheet1.xml", lambda xml: xml.replace(b'<row r="20"', b'<row <r="20"'))
    for path, words in ((flipped, "内容校验失败（CRC 不符）"), (broken_xml, "工作表“Sheet”第20行附近：XML 内容损坏")):
        result = run("value", "import", township_case, str(path))
        assert (result.code, path.name in result.err, words in result.err) == (2, True, True), (path.name, result.err)
        assert dump(db_path) == before
