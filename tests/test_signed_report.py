"""The signed report end to end: captured signatures drawn in their boxes, the audit head on every page, a PAdES
signature with its stamp beside the seal, and `handover verify` checking both the signature and the content."""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.conftest import ready_to_submit
from tests.report_support import assert_pdfa
from tests.test_pades import PASSWORD, make_org
from tests.test_signoff import STROKES, panel_leader, tiny_png


@pytest.fixture(scope="module")
def org(tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    return make_org(tmp_path_factory)


@pytest.fixture(autouse=True)
def issuing_body_set(run, demo) -> None:  # type: ignore[no-untyped-def]
    """Every test here signs: the demo county gets an issuing body of its own (a draft, 样稿, is never signed)."""
    assert run("settings", "set", "issuing_body", "中共青溪县委组织部").code == 0


@pytest.fixture
def signed_case(run, demo, tmp_path) -> str:  # type: ignore[no-untyped-def]
    listed = json.loads(run("case", "list", "--json").out)
    case_id = str(next(c["id"] for c in listed if c["progress"]["done"] == 40))
    detail = json.loads(run("case", "show", case_id, "--json").out)
    assert run("case", "submit", case_id).code == 0
    strokes = tmp_path / "s.json"
    strokes.write_text(json.dumps(STROKES))
    leader = tmp_path / "leader.json"
    leader.write_text(json.dumps({**STROKES, "strokes": [*STROKES["strokes"], [[20, 20], [280, 90]]]}))
    png = tmp_path / "s.png"
    png.write_bytes(tiny_png())
    for args in (
        ("--role", "outgoing", "--name", detail["outgoing"], "--strokes", str(strokes)),
        ("--role", "incoming", "--name", detail["incoming"], "--image", str(png)),
        ("--role", "leader", "--name", panel_leader(run, case_id), "--strokes", str(leader)),
        ("--role", "supervisor", "--name", "周监交"),
    ):
        result = run("sign", case_id, *args)
        assert result.code == 0, result.err
    return case_id


def make_report(run, case_id: str, out: Path, org, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ORG_PW", PASSWORD)
    result = run("report", case_id, "-o", str(out), "--p12", str(org["p12"]), "--password-env", "ORG_PW")
    assert result.code == 0, result.err
    assert "数字签名" in result.out
    assert_pdfa(out)  # PDF/A-2b also after signing: the stamp's font is embedded


def test_signed_report_shows_ink_names_dates_and_the_audit_head(run, signed_case, org, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.pdf"
    head_before = json.loads(run("audit", "log", "--json", "--limit", "1").out)[-1]["hash"]
    make_report(run, signed_case, out, org, monkeypatch)
    reader = PdfReader(str(out))
    texts = [page.extract_text() for page in reader.pages]
    signature_page = next(i for i, t in enumerate(texts) if "交接签字" in t)
    page_text = texts[signature_page]
    detail = json.loads(run("case", "show", signed_case, "--json").out)
    for name in (detail["outgoing"], detail["incoming"], "周监交", panel_leader(run, signed_case)):
        assert name in page_text
    assert "年 月 日" not in page_text.split("监交人")[0], "signed boxes carry the date"
    images = reader.pages[signature_page].images
    assert len(images) == 3, "outgoing (strokes), incoming (image), leader (strokes); the supervisor signed on paper"
    # the audit head at generation is on every page, and the log still contains it
    assert all(head_before[:16].upper() in t for t in texts)
    assert run("audit", "verify", "--head", head_before[:16]).code == 0
    entry, checkpoint = json.loads(run("audit", "log", "--json", "--limit", "2").out)
    assert checkpoint["action"] == "audit.checkpoint" and checkpoint["details"]["head"] == entry["hash"]
    assert entry["action"] == "report.generate"
    assert entry["details"]["pdf_sha256"] == hashlib.sha256(out.read_bytes()).hexdigest()
    assert entry["details"]["digitally_signed_by"] == "中共景宁县委组织部"


@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="needs poppler-utils")
def test_the_handwriting_survives_a_300_dpi_print(run, signed_case, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    from handover.report.data import gather
    from handover.report.render import render_pdf
    from handover.report.styles import PAGE_HEIGHT

    result = render_pdf(gather(db, int(signed_case)), "sheet")
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(result.pdf)
    box = result.box("outgoing")
    subprocess.run(["pdftoppm", "-r", "300", "-png", "-f", str(box.page), "-l", str(box.page), str(pdf), str(tmp_path / "p")],
                   check=True)  # fmt: skip
    page = Image.open(next(tmp_path.glob("p-*.png"))).convert("RGB")
    ink = ink_pixels(page, result.box("outgoing"), PAGE_HEIGHT)
    assert ink > 1000, f"only {ink} ink pixels in the outgoing box at 300 dpi"
    assert ink_pixels(page, result.box("supervisor"), PAGE_HEIGHT) == 0, "signed on paper: the box stays blank"


def ink_pixels(page, box, page_height: float) -> int:  # type: ignore[no-untyped-def]
    """Pixels of the pen's blue-black (not the grey signing line) inside a box of the page rendered at 300 dpi."""
    scale = 300 / 72
    area = page.crop((round(box.x * scale), round((page_height - box.y - box.height) * scale),
                      round((box.x + box.width) * scale), round((page_height - box.y) * scale)))  # fmt: skip
    raw = area.tobytes()
    return sum(1 for i in range(0, len(raw), 3) if raw[i + 2] > raw[i] + 30 and raw[i] < 120)


def test_verify_checks_the_digital_signature_and_the_content(run, signed_case, org, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.pdf"
    make_report(run, signed_case, out, org, monkeypatch)
    result = run("verify", str(out), "--trust", str(org["pem"]))
    assert result.code == 0, result.out
    assert "数字签名有效" in result.out and "核验通过" in result.out
    data = json.loads(run("verify", str(out), "--trust", str(org["pem"]), "--json").out)
    assert data["ok"] and data["digital_signature"]["ok"]
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(out.read_bytes() + b"appended")
    result = run("verify", str(tampered), "--trust", str(org["pem"]))
    assert result.code == 3 and "签名之后文件被追加了内容" in result.out and "【结论】不通过" in result.out
    # a fake end of file appended: the file no longer reads as the signed one
    tampered.write_bytes(out.read_bytes() + b"\n%%EOF\n")
    result = run("verify", str(tampered), "--trust", str(org["pem"]))
    assert result.code == 3 and "【结论】不通过" in result.out


def test_a_digitally_signed_draft_report_fails_when_the_database_changes(run, demo, org, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    listed = json.loads(run("case", "list", "--json").out)
    case_id = str(next(c["id"] for c in listed if c["progress"]["done"] < 40))
    out = tmp_path / "draft.pdf"
    make_report(run, case_id, out, org, monkeypatch)
    assert run("verify", str(out), "--trust", str(org["pem"])).code == 0
    assert run("value", "set", case_id, "MEM01", "--start", "999").code == 0
    result = run("verify", str(out), "--trust", str(org["pem"]))
    assert result.code == 3
    assert "数字签名有效" in result.out and "核验不通过" in result.out and "999" in result.out


def test_the_stamp_sits_beside_the_seal_on_the_signature_page(run, signed_case, org, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "report.pdf"
    make_report(run, signed_case, out, org, monkeypatch)
    reader = PdfReader(io.BytesIO(out.read_bytes()))
    stamped = [i for i, page in enumerate(reader.pages) for a in page.get("/Annots", []) if a.get_object().get("/FT") == "/Sig"]
    assert len(stamped) == 1
    assert "交接签字" in reader.pages[stamped[0]].extract_text()


def test_report_all_signs_every_pdf_and_records_each(run, demo, org, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ORG_PW", PASSWORD)
    out = tmp_path / "batch"
    result = run("report", "--all", "-o", str(out), "--workers", "1", "--p12", str(org["p12"]), "--password-env", "ORG_PW")
    assert result.code == 0, result.err
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == len(json.loads(run("case", "list", "--json").out)) == 2
    for pdf in pdfs:
        checked = run("verify", str(pdf), "--trust", str(org["pem"]))
        assert checked.code == 0, checked.out
        assert "数字签名有效" in checked.out
        assert_pdfa(pdf)
    recorded = [e for e in json.loads(run("audit", "log", "--json").out) if e["action"] == "report.generate"]
    assert sorted(e["details"]["pdf_sha256"] for e in recorded) == sorted(
        hashlib.sha256(p.read_bytes()).hexdigest() for p in pdfs
    )


def under_title(pdf: bytes, title: str) -> str:
    """The two lines printed right under a part's title (on the page where the title stands on a line of its own)."""
    for page in PdfReader(io.BytesIO(pdf)).pages:
        lines = [line.strip() for line in page.extract_text().splitlines()]
        if title in lines:
            at = lines.index(title)
            return "\n".join(lines[at + 1 : at + 3])
    raise AssertionError(f"no page with the title {title}")


def test_a_revision_is_marked_under_each_title(run, signed_case, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from handover.report.data import gather
    from handover.report.render import render_pdf
    from handover.signoff import revisions
    from handover.signoff import service as signoff
    original = render_pdf(gather(db, int(signed_case)), "all").pdf
    assert "修订版" not in "".join(p.extract_text() for p in PdfReader(io.BytesIO(original)).pages)
    second = revisions.revise(db, int(signed_case), "届末党员总数统计有误，更正")
    pdf = render_pdf(gather(db, second), "all").pdf
    mark = f"修订版（第2版，原案件 {signed_case} 已签署）"
    for title in ("党建绩效离任评审报告", "党建交接单"):
        assert under_title(pdf, title) == f"{mark}\n修订理由：届末党员总数统计有误，更正", title
    # the signature page has the mark without the reason, and still holds the seal
    assert under_title(pdf, "交接签字").startswith(f"{mark}\n")
    signature_page = next(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages if "交接签字\n" in p.extract_text())
    assert "（盖章）" in signature_page
    # the revision of a signed revision is the third version
    ready_to_submit(run, str(second))
    assert run("case", "submit", str(second)).code == 0
    detail = json.loads(run("case", "show", str(second), "--json").out)
    for role, name in (("outgoing", detail["outgoing"]), ("incoming", detail["incoming"]), ("supervisor", "周监交")):
        signoff.sign(db, second, role, name)
    third = revisions.revise(db, second, "再次更正村名")
    assert under_title(render_pdf(gather(db, third), "sheet").pdf, "党建交接单").startswith(
        f"修订版（第3版，原案件 {second} 已签署）\n修订理由：再次更正村名"
    )


def test_a_countersigned_report_still_verifies(run, signed_case, org, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A second organisation (e.g. the county Party committee) signs the report after the department: both hold."""
    out = tmp_path / "report.pdf"
    make_report(run, signed_case, out, org, monkeypatch)
    both = tmp_path / "countersigned.pdf"
    result = run("sign-pdf", str(out), "-o", str(both), "--p12", str(org["p12"]), "--password-env", "ORG_PW")
    assert result.code == 0, result.err
    checked = run("verify", str(both), "--trust", str(org["pem"]))
    assert checked.code == 0, checked.out
    assert "之后仅追加了签名，内容未改变" in checked.out and "核验通过" in checked.out
    assert "【结论】通过：数字签名有效，内容与数据库一致" in checked.out
