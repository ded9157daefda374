"""Digital signatures (PAdES): a self-signed organisation certificate, a signed PDF that verifies against the trust root,
and every kind of later change (one byte, an incremental update, trailing bytes) making `handover verify` fail."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from handover.signing import pki

PASSWORD = "县委组织部-2026-密码"


@pytest.fixture(scope="module")
def org(tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    """One certificate for the module: making an RSA-3072 key takes a moment."""
    return make_org(tmp_path_factory)


def make_org(tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    folder = tmp_path_factory.mktemp("org")
    new = pki.create_org_certificate("中共景宁县委组织部", PASSWORD)
    (folder / "org.p12").write_bytes(new.p12)
    (folder / "org.pem").write_bytes(new.certificate_pem)
    return {"p12": folder / "org.p12", "pem": folder / "org.pem"}


def chinese_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    from handover.report import fonts

    fonts.register()
    font = fonts.BODY
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    for page in (1, 2):
        pdf.setFont(font, 14)
        pdf.drawString(72, 760, f"党建交接单 第{page}页：五星级村党组织数从2个增至3个")
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@pytest.fixture
def signed(run, org, tmp_path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    source = tmp_path / "sheet.pdf"
    source.write_bytes(chinese_pdf())
    monkeypatch.setenv("ORG_P12_PASSWORD", PASSWORD)
    out = tmp_path / "sheet-signed.pdf"
    result = run("sign-pdf", str(source), "-o", str(out), "--p12", str(org["p12"]), "--password-env", "ORG_P12_PASSWORD")
    assert result.code == 0, result.err
    assert "中共景宁县委组织部" in result.out
    return out


def verify(run, path: Path, *args: str):  # type: ignore[no-untyped-def]
    return run("verify", str(path), *args)


def test_cert_create_makes_a_p12_a_pem_a_trust_root_and_says_what_it_proves(run, tmp_path, monkeypatch, data_home) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("P12_PW", PASSWORD)
    target = tmp_path / "certs" / "org.p12"
    result = run("cert", "create", "--org", "中共某某县委组织部", "-o", str(target), "--password-env", "P12_PW")
    assert result.code == 0, result.err
    assert target.exists() and target.with_suffix(".pem").exists()
    assert "它能证明" in result.out and "它不能证明" in result.out and "电子签名法" in result.out
    key = pki.load_p12(target.read_bytes(), PASSWORD)
    assert key.name == "中共某某县委组织部"
    assert pki.cert_fingerprint(key.certificate) in result.out
    assert [t.name for t in pki.list_trust()] == ["中共某某县委组织部"]
    assert "中共某某县委组织部" in run("cert", "list").out
    # the password is never written anywhere
    for path in [*data_home.rglob("*"), target.with_suffix(".pem")]:
        if path.is_file():
            assert PASSWORD.encode() not in path.read_bytes(), path
    assert PASSWORD not in result.out + result.err
    # refusals: an existing file is not overwritten, a short password, a missing variable
    assert run("cert", "create", "--org", "某部", "-o", str(target), "--password-env", "P12_PW").code == 2
    monkeypatch.setenv("SHORT_PW", "123")
    assert "至少" in run("cert", "create", "--org", "某部", "-o", str(tmp_path / "b.p12"), "--password-env", "SHORT_PW").err
    assert "未设置" in run("cert", "create", "--org", "某部", "-o", str(tmp_path / "c.p12"), "--password-env", "NO_SUCH_VAR").err


def test_wrong_password_is_refused(run, org, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    source = tmp_path / "a.pdf"
    source.write_bytes(chinese_pdf())
    monkeypatch.setenv("PW", "not-the-password")
    result = run("sign-pdf", str(source), "-o", str(tmp_path / "b.pdf"), "--p12", str(org["p12"]), "--password-env", "PW")
    assert result.code == 2 and "密码不正确" in result.err
    assert not (tmp_path / "b.pdf").exists()


def test_an_untouched_signed_pdf_passes_with_the_trust_root_given(run, org, signed) -> None:  # type: ignore[no-untyped-def]
    result = verify(run, signed, "--trust", str(org["pem"]))
    assert result.code == 0, result.out
    assert "数字签名有效" in result.out and "中共景宁县委组织部" in result.out
    assert "签名之后没有追加任何内容" in result.out


def test_without_the_trust_root_the_signer_is_not_trusted(run, signed) -> None:  # type: ignore[no-untyped-def]
    result = verify(run, signed)
    assert result.code == 3
    assert "不受信任" in result.out and "签名后签名所覆盖的内容没有被改动" in result.out


def test_trust_added_to_the_installation_is_used(run, org, signed) -> None:  # type: ignore[no-untyped-def]
    assert run("cert", "trust", str(org["pem"])).code == 0
    assert verify(run, signed).code == 0


def test_a_one_byte_change_fails(run, org, signed) -> None:  # type: ignore[no-untyped-def]
    data = bytearray(signed.read_bytes())
    position = data.index(b"/MediaBox") + len(b"/MediaBox [ 0 0 ")
    assert data[position : position + 1].isdigit()
    data[position] = ord("7") if data[position] != ord("7") else ord("8")
    signed.write_bytes(bytes(data))
    result = verify(run, signed, "--trust", str(org["pem"]))
    assert result.code == 3
    assert "数字签名无效" in result.out and "已被改动" in result.out


def test_an_appended_incremental_update_fails(run, org, signed) -> None:  # type: ignore[no-untyped-def]
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(signed.read_bytes()))
    # what a forger would do with any PDF editor: change something and save (PDF editors append an update)
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    signed.write_bytes(out.getvalue())
    result = verify(run, signed, "--trust", str(org["pem"]))
    assert result.code == 3
    assert "签名后内容被修改" in result.out and "增量更新" in result.out


def test_trailing_garbage_fails(run, org, signed) -> None:  # type: ignore[no-untyped-def]
    signed.write_bytes(signed.read_bytes() + b"\n% appended after signing\n")
    result = verify(run, signed, "--trust", str(org["pem"]))
    assert result.code == 3
    assert "文件末尾多出了数据" in result.out


def test_not_a_pdf_and_an_unsigned_pdf(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(b"this is not a pdf")
    result = verify(run, junk)
    assert result.code == 2 and "无法作为 PDF 读取" in result.out
    plain = tmp_path / "plain.pdf"
    plain.write_bytes(chinese_pdf())
    result = verify(run, plain)
    assert result.code == 2 and "没有数字签名" in result.out and "不是本系统生成的报告" in result.out


def test_the_visible_stamp_is_chinese_text_with_an_embedded_font(org, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    from handover.signing import pades

    key = pki.load_p12(org["p12"].read_bytes(), PASSWORD)
    signed = pades.sign_pdf(chinese_pdf(), key, stamp=pades.StampText(("文号：景组〔2026〕1号",)))
    reader = PdfReader(io.BytesIO(signed))
    annots = [a.get_object() for a in reader.pages[-1]["/Annots"]]
    widget = next(a for a in annots if a.get("/FT") == "/Sig" or a.get("/Parent", {}).get("/FT") == "/Sig")
    appearance = widget["/AP"]["/N"].get_object()
    # the stamp page is imported as a form XObject inside the appearance: find its font
    forms = [x.get_object() for x in appearance["/Resources"]["/XObject"].values()]
    fonts = [f.get_object() for form in forms for f in form["/Resources"]["/Font"].values()]
    assert any("WenQuanYi" in str(f["/BaseFont"]) or "+" in str(f["/BaseFont"]) for f in fonts)
    for font in fonts:
        # a font without a descriptor is one of the standard 14 (Helvetica): never embedded, not allowed in PDF/A
        assert "/FontDescriptor" in font, f"{font['/BaseFont']} in the stamp is not embedded"
        assert "/FontFile2" in font["/FontDescriptor"].get_object(), "the stamp font must be embedded"
    rendered = tmp_path / "stamp.pdf"
    rendered.write_bytes(signed)
    import shutil
    import subprocess

    if shutil.which("pdftotext"):
        text = subprocess.run(["pdftotext", str(rendered), "-"], capture_output=True, text=True, check=True).stdout
        assert "党建交接单" in text


# --- countersignatures: a later signature is not a change of content; a real change after it still fails ---


def countersign(run, org, signed: Path, tmp_path: Path, monkeypatch) -> Path:  # type: ignore[no-untyped-def]
    """A second digital signature added to the signed PDF (an incremental update that only adds a signature)."""
    monkeypatch.setenv("ORG_P12_PASSWORD", PASSWORD)
    out = tmp_path / "sheet-countersigned.pdf"
    result = run("sign-pdf", str(signed), "-o", str(out), "--p12", str(org["p12"]), "--password-env", "ORG_P12_PASSWORD")
    assert result.code == 0, result.err
    return out


def rotate_first_page(pdf: bytes) -> bytes:
    """What a forger does with any PDF editor: change something and save (PDF editors append an update)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = generic.NumberObject(90)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def replace_page_text(pdf: bytes) -> bytes:
    """An incremental update that gives the first page new content (the numbers on it changed)."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    forged = generic.StreamObject(stream_data=b"BT /F1 14 Tf 72 760 Td (9) Tj ET")
    page["/Contents"] = writer.add_object(forged)
    writer.update_container(page)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_a_countersignature_keeps_the_first_signature_valid(run, org, signed, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    both = countersign(run, org, signed, tmp_path, monkeypatch)
    result = verify(run, both, "--trust", str(org["pem"]))
    assert result.code == 0, result.out
    assert result.out.count("数字签名：中共景宁县委组织部") == 2
    assert "之后仅追加了签名，内容未改变" in result.out
    assert "签名后内容被修改" not in result.out and "✘" not in result.out
    # the second signature is the last revision: nothing after it
    assert "签名之后没有追加任何内容" in result.out


def test_a_content_change_after_a_countersignature_fails(run, org, signed, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    both = countersign(run, org, signed, tmp_path, monkeypatch)
    for forge in (rotate_first_page, replace_page_text):
        forged = tmp_path / f"forged-{forge.__name__}.pdf"
        forged.write_bytes(forge(both.read_bytes()))
        result = verify(run, forged, "--trust", str(org["pem"]))
        assert result.code == 3, (forge.__name__, result.out)
        assert result.out.count("✘ 签名后内容被修改") == 2, result.out
        assert "之后仅追加了签名" not in result.out


def test_a_change_signed_over_by_a_countersignature_still_fails(run, org, signed, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Signing a forged file again does not launder the change: the first signature still reports it."""
    changed = tmp_path / "changed.pdf"
    changed.write_bytes(replace_page_text(signed.read_bytes()))
    resigned = countersign(run, org, changed, tmp_path, monkeypatch)
    result = verify(run, resigned, "--trust", str(org["pem"]))
    assert result.code == 3, result.out
    assert "签名后内容被修改" in result.out and "之后仅追加了签名" not in result.out


def test_a_countersigned_pdf_with_a_changed_byte_or_trailing_garbage_fails(run, org, signed, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    both = countersign(run, org, signed, tmp_path, monkeypatch)
    garbage = tmp_path / "garbage.pdf"
    garbage.write_bytes(both.read_bytes() + b"\n% appended after signing\n")
    result = verify(run, garbage, "--trust", str(org["pem"]))
    assert result.code == 3 and "文件末尾多出了数据" in result.out, result.out
    data = bytearray(both.read_bytes())
    position = data.index(b"/MediaBox") + len(b"/MediaBox [ 0 0 ")
    data[position] = ord("7") if data[position] != ord("7") else ord("8")
    byte = tmp_path / "byte.pdf"
    byte.write_bytes(bytes(data))
    result = verify(run, byte, "--trust", str(org["pem"]))
    assert result.code == 3 and "已被改动" in result.out, result.out


def test_an_unsigned_visible_field_added_after_signing_fails(org) -> None:  # type: ignore[no-untyped-def]
    """pyHanko rates a new signature field with an appearance as mere form filling, yet its appearance can paint over
    the signed page (here a white box over the text): an unsigned later form change is not accepted."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields

    from handover.signing import pades

    key = pki.load_p12(org["p12"].read_bytes(), PASSWORD)
    signed = pades.sign_pdf(chinese_pdf(), key)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    fields.append_signature_field(writer, fields.SigFieldSpec("Cover", on_page=0, box=(60, 740, 560, 790)))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    widget = next(a.get_object() for a in page["/Annots"] if a.get_object().get("/T") == "Cover")
    cover = generic.StreamObject(
        {generic.NameObject("/Type"): generic.NameObject("/XObject"), generic.NameObject("/Subtype"): generic.NameObject("/Form"),
         generic.NameObject("/BBox"): generic.ArrayObject(map(generic.NumberObject, (0, 0, 500, 50)))},
        stream_data=b"1 1 1 rg 0 0 500 50 re f",
    )  # fmt: skip
    widget[generic.NameObject("/AP")] = generic.DictionaryObject({generic.NameObject("/N"): writer.add_object(cover)})
    writer.update_container(widget)
    out = io.BytesIO()
    writer.write(out)
    verdict = pades.verify_pdf(out.getvalue(), [key.certificate])
    assert not verdict.ok
    assert verdict.signatures[0].intact and verdict.signatures[0].valid
    assert "未经签名" in "\n".join(verdict.lines())
    # an invisible empty signature field for a later signer changes nothing that shows: accepted
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    fields.append_signature_field(writer, fields.SigFieldSpec("NextSigner"))
    out = io.BytesIO()
    writer.write(out)
    verdict = pades.verify_pdf(out.getvalue(), [key.certificate])
    assert verdict.ok, verdict.lines()
    assert "内容未改变" in "\n".join(verdict.lines())


def test_a_change_smuggled_into_a_countersignature_fails(org) -> None:  # type: ignore[no-untyped-def]
    """One incremental update that both changes the page and adds a signature: the first signature reports the change."""
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import signers

    from handover.signing import pades

    key = pki.load_p12(org["p12"].read_bytes(), PASSWORD)
    signed = pades.sign_pdf(chinese_pdf(), key)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Contents"] = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 14 Tf 72 760 Td (9) Tj ET"))
    writer.update_container(page)
    signer = signers.SimpleSigner.load_pkcs12(str(org["p12"]), passphrase=PASSWORD.encode())
    assert signer is not None
    out = io.BytesIO()
    signers.PdfSigner(signers.PdfSignatureMetadata(field_name="Second"), signer=signer).sign_pdf(writer, output=out)
    verdict = pades.verify_pdf(out.getvalue(), [key.certificate])
    first, second = verdict.signatures
    assert not verdict.ok and first.after == pades.AFTER_MODIFIED and second.ok
    assert "签名后内容被修改（增量更新：签名后追加的签名中夹带了改动" in "\n".join(first.lines())
