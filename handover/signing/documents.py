"""Signing a rendered report with the organisation's certificate, and recording in the audit log that it was made."""

from __future__ import annotations

import hashlib
import io

from handover import audit, settings
from handover.db import Database
from handover.errors import Refused
from handover.report.data import ReportData
from handover.report.render import RenderResult
from handover.report.styles import LEFT
from handover.signing import pades, pki

SIGNING_A_DRAFT = (
    f"不能数字签名：发文机关还是占位的“{settings.DEFAULTS['issuing_body']}”，这份文件只是样稿。"
    "请先填写本县的发文机关（handover setup，或图形界面的“帮助 → 首次使用设置”），再生成并签名"
)
MM = 72 / 25.4
STAMP_WIDTH = 82 * MM
STAMP_HEIGHT = 24 * MM


def stamp_place(result: RenderResult) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, box) of the visible stamp: beside the seal on the signature page, else the default place on the
    last page."""
    seal = next((b for b in result.boxes if b.role == "seal"), None)
    if seal is None:
        return -1, pades.DEFAULT_BOX
    y = seal.y + (seal.height - STAMP_HEIGHT) / 2
    return seal.page - 1, (LEFT, y, LEFT + STAMP_WIDTH, y + STAMP_HEIGHT)


def sign_report(result: RenderResult, data: ReportData, key: pki.OrgKey) -> bytes:
    """The rendered report signed (PAdES) with a visible stamp naming the document and its content fingerprint.

    A draft (样稿: the issuing body is still the placeholder) is refused: a signature would make it look official."""
    if settings.is_placeholder(data.issuing_body):
        raise Refused(SIGNING_A_DRAFT)
    page, box = stamp_place(result)
    lines = (f"文号：{data.doc_number}", f"内容指纹：{data.fingerprint[:32]}")
    return pades.sign_pdf(
        result.pdf, key, reason=f"{data.issuing_body}确认{data.doc_number}内容", stamp=pades.StampText(lines),
        box=box, page=page,
    )  # fmt: skip


def refuse_a_draft(pdf: bytes) -> None:
    """`sign-pdf` signs any PDF, but never one this application made as a draft: its author is the placeholder."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        metadata = PdfReader(io.BytesIO(pdf)).metadata
    except PyPdfError:
        return  # not readable here: the signing itself says what is wrong with the file
    author = str(metadata.get("/Author", "")) if metadata is not None else ""
    if settings.is_placeholder(author):
        raise Refused(SIGNING_A_DRAFT)


def record_generated(db: Database, data: ReportData, pdf: bytes, part: str, *, signed_by: str | None) -> str:
    """Append "report generated" to the audit log (any process may: appends are serialised, see audit.record)."""
    with db.session() as session:
        return audit.record(session, "report.generate", data.case.id, {
            "document_id": data.document_id, "fingerprint": data.fingerprint, "part": part,
            "audit_head_printed": data.audit_head, "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
            "digitally_signed_by": signed_by,
        })  # fmt: skip
