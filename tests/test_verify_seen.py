"""`handover verify` judges what a reader of the PDF sees: anything added after the program wrote the file, and page
text that differs from what the database prints, on real PDFs changed with pypdf as a forger would."""

from __future__ import annotations

import hashlib
import io
import json
import random
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, FloatObject, NameObject, NumberObject, TextStringObject
from reportlab.pdfgen.canvas import Canvas

from handover import reading
from handover.db import Database
from handover.report.data import gather, qr_payload
from tests.report_support import decode_qr, pages_text


@pytest.fixture
def printed(run, demo, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    out = tmp_path / "报告.pdf"
    result = run("report", "1", "-o", str(out), "--supervisor", "组织部 何监交")
    assert result.code == 0, result.err
    ok = run("verify", str(out))
    assert ok.code == 0 and "核验通过" in ok.out, ok.out
    return out


def where_printed(pdf: Path, text: str) -> tuple[int, float, float, float]:
    """(page index, x, y, font size) of the first place `text` is drawn on its own."""
    for index, page in enumerate(PdfReader(pdf).pages):
        hits: list[tuple[float, float, float]] = []

        def visit(found, cm, tm, font, size, hits=hits) -> None:  # type: ignore[no-untyped-def]
            if found.strip() == text:
                hits.append((cm[4] + tm[4], cm[5] + tm[5], size))

        page.extract_text(visitor_text=visit)
        if hits:
            return (index, *hits[0])
    raise AssertionError(f"{text} is not printed")


def incremental(pdf: Path, out: Path, change) -> Path:  # type: ignore[no-untyped-def]
    """`pdf` with an incremental update made by `change(writer)`: the original bytes stay, the update follows."""
    writer = PdfWriter(str(pdf), incremental=True)
    change(writer)
    with out.open("wb") as f:
        writer.write(f)
    assert out.read_bytes().startswith(pdf.read_bytes())
    return out


def overlay(page_size: tuple[float, float], x: float, y: float, size: float, text: str) -> PdfReader:
    """A page with a white box at (x, y) and `text` painted on it: how a forger changes a printed number."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=page_size)
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x - 1, y - 2, 8 * size, size + 3, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont("Helvetica", size)
    canvas.drawString(x, y, text)
    canvas.save()
    return PdfReader(buffer)


def stored_end(db: Database, code: str) -> str:
    value = next(v for v in reading.get_case(db, 1).values if v.code == code)
    assert value.end is not None
    return value.end


def test_a_number_painted_over_a_value_names_the_indicator_and_both_values(run, printed: Path, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    stored = stored_end(db, "MEM01")
    page, x, y, size = where_printed(printed, stored)
    box = PdfReader(printed).pages[page].mediabox

    def paint(writer: PdfWriter) -> None:
        writer.pages[page].merge_page(overlay((float(box.width), float(box.height)), x, y, size, "57").pages[0])

    forged = incremental(printed, tmp_path / "forged.pdf", paint)
    assert any("57" in text for text in pages_text(forged))  # a reader sees 57 where the database says otherwise
    result = run("verify", str(forged))
    assert result.code == 3, result.out
    assert f"第 {page + 1} 页 MEM01 党员总数：页面上为 “57”，数据库中为 “{stored}”" in result.out
    assert f"第 {page + 1} 页的页面内容被改动" in result.out and "增量更新" in result.out
    data = json.loads(run("verify", str(forged), "--json").out)
    assert data["ok"] is False and data["fingerprint_file"] == data["fingerprint_db"]
    assert any("MEM01" in d and "57" in d and stored in d for d in data["page_differences"])


def _annotation(kind: str, **entries: object) -> DictionaryObject:
    annotation = DictionaryObject({
        NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject(kind),
        NameObject("/Rect"): ArrayObject([FloatObject(100), FloatObject(600), FloatObject(300), FloatObject(640)]),
    })  # fmt: skip
    for key, value in entries.items():
        annotation[NameObject(f"/{key}")] = value  # type: ignore[assignment]
    return annotation


def test_an_annotation_added_afterwards_fails_and_is_named(run, printed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def annotate(writer: PdfWriter) -> None:
        writer.add_annotation(1, _annotation("/FreeText", Contents=TextStringObject("届末值应为 57"), DA=TextStringObject("/Helv 12 Tf 0 g")))

    result = run("verify", str(incremental(printed, tmp_path / "note.pdf", annotate)))
    assert result.code == 3, result.out
    assert "第 2 页新增了文字批注（FreeText）：届末值应为 57" in result.out


def test_a_form_field_added_afterwards_fails_and_is_named(run, printed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    def add_field(writer: PdfWriter) -> None:
        field = _annotation("/Widget", FT=NameObject("/Tx"), T=TextStringObject("cover"), V=TextStringObject("57"),
                            F=NumberObject(4), DA=TextStringObject("/Helv 12 Tf 0 g"))  # fmt: skip
        reference = writer.add_annotation(2, field)
        writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
            {NameObject("/Fields"): ArrayObject([reference.indirect_reference or reference])}
        )

    result = run("verify", str(incremental(printed, tmp_path / "field.pdf", add_field)))
    assert result.code == 3, result.out
    assert "第 3 页新增了表单域 “cover”" in result.out


def test_appended_bytes_fail(run, printed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    appended = tmp_path / "appended.pdf"
    appended.write_bytes(printed.read_bytes() + b"\n% a note nobody wrote\n")
    result = run("verify", str(appended))
    assert result.code == 3, result.out
    assert "文件末尾追加了 23 字节数据" in result.out and "【结论】不通过" in result.out


def _content_stream(pdf: bytes, page: int) -> tuple[int, int]:
    """(start, end) of the page's content stream as stored in the file (compressed)."""
    contents = PdfReader(io.BytesIO(pdf)).pages[page]["/Contents"].get_object()
    raw = contents._data
    start = pdf.find(raw)
    assert start > 0 and pdf.find(raw, start + 1) == -1
    return start, start + len(raw)


def test_a_changed_byte_in_a_page_content_stream_fails_naming_the_page(run, printed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    pdf = bytearray(printed.read_bytes())
    start, end = _content_stream(bytes(pdf), 3)
    pdf[(start + end) // 2] ^= 0x01
    flipped = tmp_path / "flipped.pdf"
    flipped.write_bytes(bytes(pdf))
    result = run("verify", str(flipped))
    assert result.code == 3, result.out
    assert "文件与本系统写出的版本不同" in result.out and "第 4 页的页面内容被改动" in result.out


def test_random_byte_changes_never_pass(run, printed: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    original = printed.read_bytes()
    chance = random.Random(11)
    changed = tmp_path / "changed.pdf"
    for _ in range(12):
        pdf = bytearray(original)
        pdf[chance.randrange(len(pdf))] ^= 1 << chance.randrange(8)
        changed.write_bytes(bytes(pdf))
        result = run("verify", str(changed))
        assert result.code in (2, 3), result.out  # 3: changed; 2: no longer readable as one of our documents


def test_a_full_rewrite_fails_and_a_rewritten_value_is_named(run, printed: Path, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rewritten = tmp_path / "rewritten.pdf"
    PdfWriter(clone_from=PdfReader(printed)).write(rewritten)
    result = run("verify", str(rewritten))
    assert result.code == 3, result.out
    assert "文件与本系统写出的版本不同" in result.out and "页面内容与写出时相同" in result.out
    # the same, with the number in the page's drawing instructions changed: the page says something else
    stored = stored_end(db, "MEM01")
    page, *_ = where_printed(printed, stored)
    writer = PdfWriter(clone_from=PdfReader(printed))
    contents = writer.pages[page].get_contents()
    assert contents is not None and f"({stored}) Tj".encode() in contents.get_data()
    contents.set_data(contents.get_data().replace(f"({stored}) Tj".encode(), b"(57) Tj", 1))
    writer.pages[page].replace_contents(contents)
    writer.write(rewritten)
    result = run("verify", str(rewritten))
    assert result.code == 3, result.out
    assert f"第 {page + 1} 页的页面内容被改动" in result.out
    assert f"第 {page + 1} 页 MEM01 党员总数：页面上为 “57”，数据库中为 “{stored}”" in result.out


def test_the_qr_path_checks_the_document_was_issued_and_says_what_it_cannot_see(run, printed: Path, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    ok = run("verify", "--qr", decode_qr(printed, 1, tmp_path)[0])
    assert ok.code == 0, ok.out
    assert "不能证明纸面上的字没有被涂改" in ok.out
    assert "MEM01 党员总数：届初 " in ok.out and stored_end(db, "MEM01") in ok.out
    # a QR code made up for content the program never printed: the fingerprint matches, but no such document exists
    data = gather(db, 2)
    made_up = run("verify", "--qr", qr_payload(data.document_id, 2, data.fingerprint))
    assert made_up.code == 3, made_up.out
    assert f"没有本系统生成过文档 {data.document_id} 的记录" in made_up.out


def test_a_later_incremental_update_to_a_signed_report_names_what_was_added(run, demo, tmp_path_factory, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from tests.test_pades import PASSWORD, make_org

    org = make_org(tmp_path_factory)
    monkeypatch.setenv("ORG_PW", PASSWORD)
    assert run("settings", "set", "issuing_body", "中共青溪县委组织部").code == 0  # a draft (样稿) is never signed
    out = tmp_path / "signed.pdf"
    assert run("report", "1", "-o", str(out), "--p12", str(org["p12"]), "--password-env", "ORG_PW").code == 0
    ok = run("verify", str(out), "--trust", str(org["pem"]))
    assert ok.code == 0, ok.out  # pyHanko's own incremental update is part of what the program wrote
    noted = incremental(out, tmp_path / "noted.pdf", lambda w: w.add_annotation(0, _annotation("/Square")))
    result = run("verify", str(noted), "--trust", str(org["pem"]))
    assert result.code == 3, result.out
    assert "第 1 页新增了方框批注（Square）" in result.out
    assert hashlib.sha256(out.read_bytes()).hexdigest() in run("audit", "log", "--json").out
