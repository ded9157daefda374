"""`handover attach`: what may be attached as the signed sheet's scan or as evidence; refusals change nothing."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import dump


@pytest.fixture
def case_id(run) -> str:  # type: ignore[no-untyped-def]
    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0
    created = run("case", "new", "--unit", "白鹤镇", "--outgoing", "王一", "--incoming", "李二",
                  "--term-start", "2021-01-05", "--term-end", "2026-01-04", "--json")  # fmt: skip
    return str(json.loads(created.out)["id"])


@pytest.mark.parametrize(
    ("name", "content", "extra", "words"),
    [
        ("pad.json", b'{"strokes": []}', (), "应为 PDF 或图片"),
        ("scan.pdf", b"PK\x03\x04 a zip renamed to .pdf", (), "应为 PDF 或图片"),
        ("scan.pdf", b"%PDF-1.7\n...", ("--indicator", "ORG01"), "不能指定指标"),
    ],
)
def test_a_scan_must_be_a_pdf_or_an_image(run, db_path, case_id, tmp_path: Path, name, content, extra, words) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(content)
    before = dump(db_path)
    result = run("attach", case_id, str(path), "--kind", "scan", *extra)
    assert result.code == 2 and words in result.err, result.err
    assert dump(db_path) == before


@pytest.mark.parametrize("header", [b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff\xe0", b"II*\x00"])
def test_scans_in_the_usual_formats_are_kept(run, case_id, tmp_path: Path, header: bytes) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "签字页扫描"
    path.write_bytes(header + bytes(64))
    result = run("attach", case_id, str(path), "--kind", "scan")
    assert result.code == 0, result.err
    assert "SHA-256" in result.out


def test_evidence_names_an_indicator_of_the_catalogue(run, db_path, case_id, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    photo = tmp_path / "村党群服务中心.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    before = dump(db_path)
    result = run("attach", case_id, str(photo), "--kind", "evidence", "--indicator", "NOPE1")
    assert result.code == 2 and "NOPE1" in result.err
    assert dump(db_path) == before
    assert run("attach", case_id, str(photo), "--kind", "evidence", "--indicator", "org05").code == 0
    assert "'ORG05'" in dump(db_path)


def _office(path: Path, part: str) -> Path:
    """A real Word, Excel or PowerPoint file's skeleton: [Content_Types].xml and the part that says which it is."""
    import zipfile

    with zipfile.ZipFile(path, "w") as book:
        book.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
        book.writestr(part, "<document/>")
    return path


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("佐证\u202egpj.exe", b"MZ\x90\x00" + bytes(64), "U+202E"),  # shows as 佐证exe.jpg
        ("走访照片.jpg", b"MZ\x90\x00" + bytes(64), "Windows 可执行程序"),
        ("说明.hta", b"<html><hta:application/><script>x()</script></html>", "附件只能是"),
        ("运行.bat", b"@echo off\r\ndel /q *.*\r\n", "附件只能是"),
        ("安装.sh", b"#!/bin/sh\nrm -rf ~\n", "脚本程序"),
        ("照片\u200b.jpg", b"\xff\xd8\xff\xe0" + bytes(64), "U+200B"),
        ("照片.jpg.exe", b"\xff\xd8\xff\xe0" + bytes(64), "后缀 .exe 与内容（JPEG 图片"),
        ("旧版.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), "旧版 Office 文档"),
        ("压缩包.zip", b"PK\x03\x04" + bytes(64), "Office 文档已损坏"),
    ],
)
def test_evidence_is_allowed_by_content_not_by_name(run, db_path, case_id, tmp_path: Path, name, content, words) -> None:  # type: ignore[no-untyped-def]
    """Found: evidence accepted .exe, .bat and .hta files, also 佐证\u202egpj.exe, which shows as 佐证exe.jpg."""
    path = tmp_path / name
    path.write_bytes(content)
    before = dump(db_path)
    result = run("attach", case_id, str(path), "--kind", "evidence")
    assert result.code == 2 and words in result.err, result.err
    assert dump(db_path) == before


@pytest.mark.parametrize(
    ("name", "part", "media_type"),
    [
        ("述职报告.docx", "word/document.xml", "wordprocessingml"),
        ("台账.xlsx", "xl/workbook.xml", "spreadsheetml"),
        ("汇报.pptx", "ppt/presentation.xml", "presentationml"),
        ("无后缀的报告", "word/document.xml", "wordprocessingml"),
    ],
)
def test_office_documents_are_accepted_and_typed_by_content(run, case_id, tmp_path: Path, name, part, media_type) -> None:  # type: ignore[no-untyped-def]
    from handover.db import open_database
    from handover.services import attachments

    result = run("attach", case_id, str(_office(tmp_path / name, part)), "--kind", "evidence")
    assert result.code == 0, result.err
    db = open_database(tmp_path / "county.sqlite3")
    try:
        assert media_type in attachments.list_for_case(db, int(case_id))[0].media_type
    finally:
        db.close()
