"""Documents for the personnel file: every PDF the program writes is PDF/A-2b, signed or not, with XMP metadata naming
the document, the issuing body, the case and the fingerprint."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from handover.db import Database
from handover.report.data import gather
from handover.report.render import render_pdf
from handover.signing import documents, pki
from tests.report_support import assert_pdfa


def test_xmp_names_the_title_issuing_body_case_and_fingerprint(run, demo, db: Database) -> None:  # type: ignore[no-untyped-def]
    assert run("settings", "set", "issuing_body", "中共青溪县委组织部").code == 0
    data = gather(db, 1)
    pdf = render_pdf(data, "all").pdf
    assert_pdfa(pdf)
    with pikepdf.open(io.BytesIO(pdf)) as doc:
        meta = doc.open_metadata()
        assert meta["pdfaid:part"] == "2" and meta["pdfaid:conformance"] == "B"
        assert meta["dc:title"].startswith("党建绩效离任评审报告及交接单（云岭镇")
        assert meta["dc:creator"] == ["中共青溪县委组织部"]
        assert f"案件{data.case.id}" in meta["dc:description"] and data.fingerprint in meta["dc:description"]
        assert data.fingerprint in meta["pdf:Keywords"] and data.document_id in meta["pdf:Keywords"]
        intent = doc.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFA1" and len(intent.DestOutputProfile.read_bytes()) > 1000
        assert not any("/Trans" in page.obj for page in doc.pages)


def test_a_half_filled_case_signed_in_the_program_is_pdfa_and_verifies(  # type: ignore[no-untyped-def]
    run, demo, db: Database, tmp_path: Path
) -> None:
    assert run("settings", "set", "issuing_body", "中共青溪县委组织部").code == 0
    key = pki.load_p12(pki.create_org_certificate("中共青溪县委组织部", "pw-123456").p12, "pw-123456")
    pem = tmp_path / "org.pem"
    from cryptography.hazmat.primitives import serialization

    pem.write_bytes(key.certificate.public_bytes(serialization.Encoding.PEM))
    out = tmp_path / "half.pdf"
    document = documents.sign(documents.prepare(db, 2, "all"), key)
    documents.save(db, document, out)
    assert_pdfa(out)
    result = run("verify", str(out), "--trust", str(pem))
    assert result.code == 0, result.out
    assert "数字签名有效" in result.out and "核验通过" in result.out
