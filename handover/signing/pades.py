"""PAdES digital signatures with pyHanko: sign a PDF with a visible Chinese stamp, and check one with a plain verdict.

A signed PDF passes only when all of these hold: the signed bytes are unchanged (intact), the cryptography is sound
(valid), the certificate leads to one of the trust roots (trusted), and the signature covers the whole file: nothing was
appended after signing, neither an incremental update nor stray bytes.
"""

from __future__ import annotations

import io
import logging
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from handover.errors import Refused
from handover.signing import pki

log = logging.getLogger(__name__)

FIELD_NAME = "OrganisationSignature"
#: where the stamp goes when the caller gives no box: bottom right of the last page (A4, PDF points)
DEFAULT_BOX = (330.0, 28.0, 565.0, 96.0)


def stamp_pdf(lines: list[str], width: float, height: float) -> bytes:
    """The visible stamp as a one-page PDF drawn by reportlab (which embeds a subset of the Chinese font).

    pyHanko's own text stamp lays out Chinese with wide gaps and reads the whole 5 MB font on every signature; a
    prepared page costs a few milliseconds, uses the fonts shipped for the reports and looks like them.
    """
    from reportlab.pdfgen import canvas

    from handover.report import fonts

    fonts.register()
    font = fonts.HEADING
    buffer = io.BytesIO()
    # reportlab's default initial font is Helvetica, never embedded: it would enter the signed file through the stamp
    pdf = canvas.Canvas(buffer, pagesize=(width, height), pageCompression=1, initialFontName=font)
    pdf.setStrokeColorRGB(0.7, 0.05, 0.05)
    pdf.setFillColorRGB(0.7, 0.05, 0.05)
    pdf.setLineWidth(1.2)
    pdf.roundRect(1, 1, width - 2, height - 2, 4, stroke=1, fill=0)
    size = min(9.0, (height - 8) / max(len(lines), 1) / 1.3)
    y = height - 5 - size
    for index, line in enumerate(lines):
        while line and fonts.width(line, font, size) > width - 10:
            line = line[:-1]
        fonts.draw(pdf, 6, y, line, font, size + (1 if index == 0 else 0))  # every character with a glyph
        y -= size * 1.3
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@dataclass(frozen=True)
class StampText:
    """The lines of the visible stamp besides the signer and time, e.g. the document number and the fingerprint."""

    lines: tuple[str, ...] = ()


def sign_pdf(
    pdf: bytes,
    key: pki.OrgKey,
    *,
    reason: str = "确认文件内容",
    location: str = "",
    stamp: StampText = StampText(),
    box: tuple[float, float, float, float] = DEFAULT_BOX,
    page: int = -1,
) -> bytes:
    """The PDF signed (PAdES baseline B) with the organisation's key, with a visible stamp in the box on the page."""
    from asn1crypto import keys as asn1_keys
    from pyhanko.sign import signers
    from pyhanko.stamp import StaticStampStyle
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    class LoadedKeySigner(signers.SimpleSigner):
        """pyHanko's signer re-reads the private key on every signature (0.1 s of RSA key checks); reuse ours."""

        def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
            from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
            from pyhanko_certvalidator.util import get_pyca_cryptography_hash

            mechanism = self.get_signature_mechanism_for_digest(digest_algorithm).signature_algo
            digest = get_pyca_cryptography_hash(digest_algorithm)
            private = key.private_key
            if isinstance(private, rsa.RSAPrivateKey) and mechanism == "rsassa_pkcs1v15":
                return private.sign(data, padding.PKCS1v15(), digest)
            if isinstance(private, ec.EllipticCurvePrivateKey) and mechanism == "ecdsa":
                return private.sign(data, ec.ECDSA(digest))
            return bytes(super().sign_raw(data, digest_algorithm))

    cert, *chain = _to_asn1([key.certificate, *key.chain])
    signer = LoadedKeySigner(
        signing_cert=cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(key.key_der),
        cert_registry=SimpleCertificateStore.from_certs([cert, *chain]),  # type: ignore[no-untyped-call]
    )
    lines = ["数字签名", f"签署单位：{key.name}", f"签署时间：{datetime.now().strftime('%Y-%m-%d %H:%M')}", *stamp.lines]
    width, height = box[2] - box[0], box[3] - box[1]
    with tempfile.TemporaryDirectory() as folder:
        # pyHanko imports the stamp page from a file, lazily, while writing
        stamp_file = Path(folder) / "stamp.pdf"
        stamp_file.write_bytes(stamp_pdf(lines, width, height))
        style = StaticStampStyle.from_pdf_file(str(stamp_file), border_width=0)
        return _sign(pdf, signer, style, reason, location, box, page)


def _sign(pdf: bytes, signer: Any, style: Any, reason: str, location: str, box: Any, page: int) -> bytes:
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    try:
        writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    except Exception as exc:  # noqa: BLE001 - any parse failure means "not a PDF we can sign"
        raise Refused(f"无法读取要签名的 PDF：{exc}") from None
    # a PDF may already carry signatures (a countersignature): each needs a field of its own
    taken = {name for name, *_ in fields.enumerate_sig_fields(writer)}
    field_name = next(f"{FIELD_NAME}{n or ''}" for n in range(len(taken) + 2) if f"{FIELD_NAME}{n or ''}" not in taken)
    meta = signers.PdfSignatureMetadata(
        field_name=field_name, reason=reason, location=location or None,
        subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256",
    )  # fmt: skip
    spec = fields.SigFieldSpec(field_name, on_page=page, box=box)
    pdf_signer = signers.PdfSigner(meta, signer=signer, stamp_style=style, new_field_spec=spec)
    out = io.BytesIO()
    pdf_signer.sign_pdf(writer, output=out)
    return out.getvalue()


#: what happened to the file after a signature (`SignatureCheck.after`); the first three still pass
AFTER_NOTHING = "nothing"  # the signature covers the whole file
AFTER_SIGNATURES = "signatures"  # each later revision only adds a signature of its own: content unchanged
AFTER_INVISIBLE = "invisible"  # only what never shows: an empty invisible signature field, validation data
AFTER_UNSIGNED_FORM = "unsigned_form"  # a form filled or a visible field added, unsigned: it can cover the page
AFTER_MODIFIED = "modified"  # page content, annotations or document structure changed after signing
AFTER_TRAILING = "trailing"  # bytes after the end of the last revision
ALLOWED_AFTER = (AFTER_NOTHING, AFTER_SIGNATURES, AFTER_INVISIBLE)

AFTER_LINES = {
    AFTER_NOTHING: "  ✔ 签名之后没有追加任何内容",
    AFTER_SIGNATURES: "  ✔ 之后仅追加了签名，内容未改变",
    AFTER_INVISIBLE: "  ✔ 之后仅添加了空白签名栏或核验信息（页面上不显示），内容未改变",
    AFTER_UNSIGNED_FORM: "  ✘ 签名后有人填写了表单或添加了可见的签名栏，但未经签名：这类改动能遮盖页面上的内容，不受签名担保",
    AFTER_MODIFIED: "  ✘ 签名后内容被修改（{detail}）：签名只担保修改之前的版本",
    AFTER_TRAILING: "  ✘ 签名之后文件被追加了内容（文件末尾多出了数据）：签名只担保追加之前的版本",
}


@dataclass(frozen=True)
class SignatureCheck:
    """One digital signature in a PDF, checked.

    `after` says what the file underwent after this signature (one of the AFTER_ codes): a countersignature added
    later is fine, a content change is not. `detail` names the change for AFTER_MODIFIED.
    """

    field: str
    signer: str
    certificate_fingerprint: str
    signed_at: datetime | None
    intact: bool
    valid: bool
    trusted: bool
    after: str
    detail: str = ""
    later_signatures: int = 0

    @property
    def whole_file(self) -> bool:
        return self.after == AFTER_NOTHING

    @property
    def unchanged_since(self) -> bool:
        """Nothing that shows was changed after this signature (later signatures and invisible additions aside)."""
        return self.after in ALLOWED_AFTER

    @property
    def ok(self) -> bool:
        return self.intact and self.valid and self.trusted and self.unchanged_since

    def lines(self) -> list[str]:
        when = self.signed_at.astimezone().strftime("%Y-%m-%d %H:%M") if self.signed_at else "时间不详"
        out = [f"数字签名：{self.signer}（{when}）"]
        out.append("  ✔ 签名后签名所覆盖的内容没有被改动" if self.intact else "  ✘ 签名所覆盖的内容已被改动：文件被篡改或损坏")
        if self.intact:
            out.append("  ✔ 签名的密码学校验通过" if self.valid else "  ✘ 签名本身无效（签名数据不正确）")
        if self.trusted:
            out.append("  ✔ 签名证书属于受信任的单位")
        else:
            out.append("  ✘ 签名证书不在信任列表中：无法确认是谁签的。若确认证书来自签发单位，可用 --trust 证书.pem 指定，"
                       "或用 handover cert trust 加入信任列表")  # fmt: skip
        line = AFTER_LINES[self.after].format(detail=self.detail)
        if self.after == AFTER_SIGNATURES:
            line += f"（其后又有 {self.later_signatures} 个签名）"
        out.append(line)
        out.append(f"  证书指纹（SHA-256）：{self.certificate_fingerprint}")
        return out


@dataclass(frozen=True)
class PdfVerdict:
    """All digital signatures of a file; `readable` is False for a damaged file or not a PDF."""

    readable: bool
    signatures: tuple[SignatureCheck, ...] = ()
    problem: str | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def signed(self) -> bool:
        return bool(self.signatures)

    @property
    def ok(self) -> bool:
        return self.readable and self.signed and all(s.ok for s in self.signatures)

    def lines(self) -> list[str]:
        if not self.readable:
            return [f"✘ 文件无法作为 PDF 读取：{self.problem}（文件已损坏或被改动）"]
        if not self.signatures:
            return ["文件没有数字签名。"]
        out: list[str] = []
        for sig in self.signatures:
            out.extend(sig.lines())
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok, "signed": self.signed, "readable": self.readable, "summary": self.summary,
            "signatures": [{"signer": s.signer, "intact": s.intact, "valid": s.valid, "trusted": s.trusted,
                            "whole_file": s.whole_file, "after_signing": s.after, "content_unchanged": s.unchanged_since,
                            "certificate_fingerprint": s.certificate_fingerprint} for s in self.signatures],
        }  # fmt: skip

    @property
    def summary(self) -> str:
        if self.ok:
            if any(s.after == AFTER_SIGNATURES for s in self.signatures):
                return f"数字签名有效：共 {len(self.signatures)} 个签名，先签的签名之后仅追加了签名，内容未改变；签名单位受信任。"
            return "数字签名有效：文件自签名以来内容未被改动，签名单位受信任。"
        if not self.readable:
            return "文件已损坏或不是 PDF，无法核验数字签名。"
        if any(not s.intact or not s.valid for s in self.signatures):
            return "数字签名无效：文件在签名后被改动或已损坏，不能作为正式文件使用。"
        if any(s.after == AFTER_TRAILING for s in self.signatures):
            return "数字签名有问题：签名之后文件被追加了内容，追加部分不受签名担保。"
        if any(not s.unchanged_since for s in self.signatures):
            return "数字签名有问题：签名后内容被修改，修改部分不受签名担保，不能作为正式文件使用。"
        if not self.signatures:
            return "文件没有数字签名。"
        return "数字签名本身完好，但签名证书不受信任：无法确认签名单位。"


def _to_asn1(certs: Iterable[x509.Certificate]) -> list[Any]:
    from asn1crypto import x509 as asn1_x509

    return [asn1_x509.Certificate.load(c.public_bytes(serialization.Encoding.DER)) for c in certs]


def verify_pdf(pdf: bytes, extra_trust: Iterable[x509.Certificate] = ()) -> PdfVerdict:
    """Check every digital signature in the PDF against this installation's trust roots plus `extra_trust`."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    roots = _to_asn1([*pki.trust_roots(), *extra_trust])
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception as exc:  # noqa: BLE001 - a damaged file is a verdict, not a crash
        return PdfVerdict(False, problem=str(exc) or type(exc).__name__)
    ends_cleanly = _ends_at_last_revision(reader, pdf)
    signed_in = {sig.signed_revision: sig.field_name for sig in embedded}
    checks = []
    for sig in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        try:
            # the difference analysis (pyHanko's default policy) runs here: it rates every later revision
            status = validate_pdf_signature(sig, context)
        except Exception as exc:  # noqa: BLE001
            log.warning("signature %s could not be validated: %s", sig.field_name, exc)
            return PdfVerdict(False, problem=f"签名 {sig.field_name} 无法校验：{exc}")
        cert = x509.load_der_x509_certificate(status.signing_cert.dump())
        later = [r for r in range(sig.signed_revision + 1, reader.xrefs.total_revisions)]
        after, detail = _after_signing(status, later, signed_in, ends_cleanly)
        checks.append(
            SignatureCheck(
                field=sig.field_name,
                signer=pki.subject_name(cert),
                certificate_fingerprint=pki.cert_fingerprint(cert),
                signed_at=status.signer_reported_dt,
                intact=bool(status.intact),
                valid=bool(status.valid),
                trusted=bool(status.trusted),
                after=after,
                detail=detail,
                later_signatures=sum(r in signed_in for r in later),
            )
        )
    return PdfVerdict(True, tuple(checks))


def _after_signing(status: Any, later: list[int], signed_in: dict[int, str], ends_cleanly: bool) -> tuple[str, str]:
    """What the file underwent after a signature, from pyHanko's coverage and difference analysis.

    Passes only: nothing; revisions that each add a signature and change no form field but the ones signed; invisible
    additions (modification level LTA_UPDATES: an empty invisible signature field, validation data). Everything else
    fails, including form filling nobody signed: pyHanko rates a new field with an appearance as form filling, yet
    that appearance may paint over the signed page (tests/test_pades.py shows a white box hiding the text).
    """
    from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return AFTER_NOTHING, ""
    if not ends_cleanly or (status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and not later):
        return AFTER_TRAILING, ""
    if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
        return AFTER_MODIFIED, "签名范围不完整，无法确定签名的是哪个版本"
    level = status.modification_level
    diff = status.diff_result
    unsigned = sum(r not in signed_in for r in later)
    saved = f"签名后又保存了 {unsigned} 次未签名的修订" if unsigned else "签名后追加的签名中夹带了改动"
    if not isinstance(diff, DiffResult) or level is None or status.docmdp_ok is False:
        return AFTER_MODIFIED, f"增量更新：{saved}，改动了页面或文件结构"
    if level == ModificationLevel.NONE or level == ModificationLevel.LTA_UPDATES and not diff.changed_form_fields:
        return (AFTER_SIGNATURES if all(r in signed_in for r in later) else AFTER_INVISIBLE), ""
    if level == ModificationLevel.LTA_UPDATES or level == ModificationLevel.FORM_FILLING:
        signed_fields = {signed_in[r] for r in later if r in signed_in}
        if all(r in signed_in for r in later) and set(diff.changed_form_fields) <= signed_fields:
            return AFTER_SIGNATURES, ""
        return AFTER_UNSIGNED_FORM, ""
    what = "添加了批注" if level == ModificationLevel.ANNOTATIONS else "改动了页面或文件结构"
    return AFTER_MODIFIED, f"增量更新：{saved}，{what}"


_TAIL = re.compile(rb"startxref\s+(\d+)\s+%%EOF[\r\n\x00\t ]*\Z")


def _ends_at_last_revision(reader: Any, pdf: bytes) -> bool:
    """The file ends where its last revision ends: nothing but the end-of-file marker follows the last
    cross-reference section. (pyHanko's reader skips up to 1 KB of stray bytes at the end to find that marker.)"""
    xrefs = reader.xrefs
    last = xrefs.total_revisions - 1
    rest = pdf[xrefs.get_xref_container_info(last).end_location :]
    found = _TAIL.search(rest)
    return found is not None and rest.count(b"%%EOF") == 1 and int(found.group(1)) == xrefs.get_startxref_for_revision(last)
