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
