"""Check a printed document against the database: read its document id and fingerprint, recompute, list what differs.

A PDF file is also judged on what a reader sees: anything added or changed since the program wrote it (written.py),
and page text that differs from what the database would print (pagetext.py). `verify_pdf` returns a structured
`VerifyResult`; the command line and the GUI only present it. Signature checks (issue 6) add their own findings next to
these.
"""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from handover import catalogue as catalogue_mod
from handover import reading
from handover.db import Database
from handover.errors import NotFound
from handover.report import pagetext, written
from handover.report.data import document_id, gather, parse_qr_payload
from handover.signoff import fingerprint as canonical
from handover.signoff.fingerprint import Difference
from handover.words import POINTS

SOURCE_WORDS = {"metadata": "PDF 元数据", "qr": "二维码文字", "scan": "扫描件中的二维码"}


@dataclass(frozen=True)
class Claim:
    """What a document says about itself: from the PDF metadata, or from its QR code."""

    source: str  # "metadata" | "qr" | "scan"
    document_id: str
    case_id: int
    fingerprint: str
    canonical: bytes | None = None  # the content as it was printed (embedded in the PDF; a QR code has none)


@dataclass(frozen=True)
class VerifyResult:
    """The verdict: `ok` only when the document's fingerprint is that of the case as now stored."""

    claim: Claim | None
    fingerprint_now: str | None = None
    differences: tuple[Difference, ...] = ()
    problems: tuple[str, ...] = ()  # anything that prevents a match: unreadable file, unknown case, inconsistencies
    notes: tuple[str, ...] = field(default_factory=tuple)
    added: tuple[str, ...] = ()  # what the file underwent after the program wrote it
    page_differences: tuple[str, ...] = ()  # what the pages show differently from what the database prints
    later_signatures: int = 0  # digital signatures added after the program wrote the file (the signature check judges)

    @property
    def ok(self) -> bool:
        return (
            not self.problems
            and not self.added
            and not self.page_differences
            and self.claim is not None
            and self.fingerprint_now is not None
            and self.claim.fingerprint == self.fingerprint_now
        )

    def lines(self) -> list[str]:
        """The verdict in plain Chinese, for the command line and the GUI."""
        c = self.claim
        out = []
        if c is not None:
            out.append(f"文档编号 {c.document_id}，案件 {c.case_id}（读自{SOURCE_WORDS.get(c.source, c.source)}）")
            out.append(f"文件中的内容指纹：{c.fingerprint}")
        if self.fingerprint_now:
            out.append(f"数据库中的内容指纹：{self.fingerprint_now}")
        out += [f"问题：{p}" for p in self.problems]
        if self.added:
            out.append("文件在本系统写出后被追加或改动：")
            out += [f"  {a}" for a in self.added]
        if self.page_differences:
            out.append(f"页面上印的与数据库中的不一致（{len(self.page_differences)} 处）：")
            out += [f"  {d}" for d in self.page_differences]
        if self.ok:
            out.append("核验通过：文件内容与数据库中的案件一致。")
            return out + list(self.notes)
        if self.differences:
            out.append(f"核验不通过：以下 {len(self.differences)} 处与数据库不一致：")
            out += [f"  {d}" for d in self.differences]
        elif self.added or self.page_differences:
            out.append("核验不通过：文件不是本系统写出时的样子，读者看到的内容不可信。")
        elif c is not None and self.fingerprint_now and c.fingerprint != self.fingerprint_now:
            out.append("核验不通过：内容指纹不一致（二维码不含明细，无法列出具体差异；请用 PDF 文件核验以查看明细）。")
        else:
            out.append("核验不通过。")
        return out + list(self.notes)

    def to_dict(self) -> dict[str, Any]:
        c = self.claim
        return {
            "ok": self.ok,
            "document_id": c.document_id if c else None,
            "case": c.case_id if c else None,
            "source": c.source if c else None,
            "fingerprint_file": c.fingerprint if c else None,
            "fingerprint_db": self.fingerprint_now,
            "differences": [
                {"where": d.where, "field": d.field, "file": d.before, "db": d.after} for d in self.differences
            ],
            "problems": list(self.problems),
            "added": list(self.added),
            "page_differences": list(self.page_differences),
        }


class UnreadableDocument(Exception):
    """The file is not a PDF made by this application (or is damaged)."""


def read_claim(path: Path) -> Claim:
    """The document id, case, fingerprint and embedded content from a PDF's metadata."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    from handover.report.render import META_CANONICAL, META_CASE, META_DOC, META_FINGERPRINT, decode_canonical

    meta: Any
    try:
        meta = PdfReader(str(path)).metadata or {}
    except (PdfReadError, OSError, ValueError) as exc:
        raise UnreadableDocument(f"无法读取 PDF 文件 {path}：{exc}") from exc
    try:
        doc, case, fp = (str(meta[f"/{key}"]) for key in (META_DOC, META_CASE, META_FINGERPRINT))
    except KeyError:
        scanned = claim_from_scan(path)
        if scanned is not None:
            return scanned
        raise UnreadableDocument(
            f"{path} 不含本系统写入的文档编号和内容指纹，也没有可识别的本系统二维码（不是本系统生成的文件，或已被其他软件改写）"
        ) from None
    embedded = meta.get(f"/{META_CANONICAL}")
    content = None
    if embedded:
        try:
            content = decode_canonical(str(embedded))
        except (ValueError, zlib.error) as exc:
            raise UnreadableDocument(f"{path} 内嵌的案件内容已损坏：{exc}") from exc
    if not case.isdigit():
        raise UnreadableDocument(f"{path} 中的案件编号 “{case}” 无效")
    return Claim("metadata", doc, int(case), fp.lower(), content)


def claim_from_scan(path: Path) -> Claim | None:
    """The claim from the QR code in a scanned printout (a PDF of page images), or None when none is found.

    Decoding needs zbar (`pyzbar`); without it a scan cannot be read and None is returned.
    """
    try:
        from pypdf import PdfReader
        from pyzbar.pyzbar import ZBarSymbol, decode
    except ImportError:  # zbar is optional at run time
        return None
    reader = PdfReader(str(path))
    pages = list(reader.pages)
    for page in pages[:1] + pages[-1:]:
        for image in page.images:
            for symbol in decode(image.image, symbols=[ZBarSymbol.QRCODE]):
                try:
                    return _from_scan(claim_from_qr(symbol.data.decode("ascii", "replace")))
                except UnreadableDocument:
                    continue
    return None


def claim_from_qr(text: str) -> Claim:
    """A claim from the text of the QR code (as a phone or a USB scanner reads it)."""
    try:
        fields = parse_qr_payload(text)
    except ValueError as exc:
        raise UnreadableDocument(str(exc)) from exc
    if not fields["case"].isdigit():
        raise UnreadableDocument(f"二维码中的案件编号 “{fields['case']}” 无效")
    return Claim("qr", fields["doc"], int(fields["case"]), fields["sha256"].lower())


def _from_scan(claim: Claim) -> Claim:
    return Claim("scan", claim.document_id, claim.case_id, claim.fingerprint)


def verify_claim(db: Database, claim: Claim) -> VerifyResult:
    """Recompute the case's fingerprint from the database and compare; list the differing fields when possible."""
    problems: list[str] = []
    if claim.document_id != document_id(claim.case_id, claim.fingerprint):
        problems.append(f"文档编号 {claim.document_id} 与案件编号、内容指纹不对应（文件可能被改动）")
    printed: dict[str, Any] | None = None
    if claim.canonical is not None:
        if canonical.fingerprint_of(claim.canonical) != claim.fingerprint:
            problems.append("文件内嵌的案件内容与其内容指纹不符（文件可能被改动）")
        try:
            printed = json.loads(claim.canonical)
        except ValueError:
            problems.append("文件内嵌的案件内容无法解析")
    try:
        now = gather(db, claim.case_id)
    except NotFound:
        return VerifyResult(claim, None, (), (*problems, f"数据库中没有案件 {claim.case_id}"))
    differences: tuple[Difference, ...] = ()
    if printed is not None and now.fingerprint != claim.fingerprint:
        names = {ind.code: ind.name for ind in catalogue_mod.load().indicators}
        differences = tuple(canonical.differences(printed, json.loads(now.canonical), names))
    return VerifyResult(claim, now.fingerprint, differences, tuple(problems))


def verify_pdf(db: Database, path: Path) -> VerifyResult:
    try:
        claim = read_claim(path)
    except UnreadableDocument as exc:
        return VerifyResult(None, problems=(str(exc),))
    result = verify_claim(db, claim)
    if claim.source == "scan":
        return _qr_checks(db, claim, result)  # a scan is pictures of pages: only its QR code can be read
    if result.fingerprint_now is None:
        return result  # an unknown case has no records
    pdf = path.read_bytes()
    integrity = written.check(pdf, written.records(db, claim.case_id), claim.document_id)
    result = replace(result, added=integrity.added, later_signatures=integrity.signatures)
    if integrity.added and integrity.record is not None and result.fingerprint_now == claim.fingerprint:
        result = replace(result, page_differences=pagetext.differences(pdf, reprint(db, claim.case_id, integrity.record)))
    return result


def reprint(db: Database, case_id: int, record: written.Written) -> bytes:
    """The pages the database prints today for a recorded document, with what it was printed with then (date,
    supervisor, issuing body, document number, audit head in the footer): the renderer is deterministic, so unchanged
    content prints the same."""
    from handover.report.render import render_pdf

    data = gather(db, case_id, supervisor=record.supervisor or None, generated_on=record.generated_on)
    data = replace(data, audit_head=record.audit_head, generated_on=record.generated_on, layout=record.layout or "standard")
    if record.issuing_body and record.doc_number:
        data = replace(data, issuing_body=record.issuing_body, doc_number=record.doc_number)
    return render_pdf(data, record.part).pdf


QR_LIMITS = (
    "二维码只含文档编号和内容指纹：能证明这份文件印的是哪个版本的案件内容、该版本与数据库是否一致；"
    "不能证明纸面上的字没有被涂改或覆盖。请将纸面上的数值与下列数据库中的数值逐项核对，或用 PDF 文件核验。"
)


def verify_qr(db: Database, text: str) -> VerifyResult:
    try:
        claim = claim_from_qr(text)
    except UnreadableDocument as exc:
        return VerifyResult(None, problems=(str(exc),))
    return _qr_checks(db, claim, verify_claim(db, claim))


def _qr_checks(db: Database, claim: Claim, result: VerifyResult) -> VerifyResult:
    """What a QR code can add: the program did issue this document; and what it cannot, said plainly."""
    if result.fingerprint_now is None:
        return result
    if not any(w.document_id == claim.document_id for w in written.records(db, claim.case_id)):
        result = replace(result, problems=(*result.problems, f"数据库中没有本系统生成过文档 {claim.document_id} 的记录"))
    return replace(result, notes=(*result.notes, QR_LIMITS, *stored_values(db, claim.case_id)))


def stored_values(db: Database, case_id: int) -> tuple[str, ...]:
    """Each indicator's values as stored, one line each, to hold against a printout by eye."""
    start, end = POINTS["start"], POINTS["end"]
    return tuple(f"  {v.code} {v.name}：{start} {v.start or '-'}，{end} {v.end or '-'}" for v in reading.get_case(db, case_id).values)
