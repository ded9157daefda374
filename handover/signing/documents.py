"""The one way a document is made, for the command line, the window and the batch: gather → render → sign → record.

`prepare` gathers the case and lays out the PDF, `sign` adds the organisation's PAdES signature, `save` writes the file
all or nothing and appends "report generated" to the audit log before the file appears at its path (so `verify` can tell
what was added to it later); `produce` does all of it for one case.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass, replace
from pathlib import Path

from handover import audit, settings
from handover.db import Database
from handover.errors import Refused
from handover.files import write_atomic
from handover.report import written
from handover.report.data import ReportData, gather
from handover.report.render import RenderResult, render_pdf
from handover.report.styles import LEFT
from handover.signing import pades, pki

SIGNING_A_DRAFT = (
    f"不能数字签名：发文机关还是占位的“{settings.DEFAULTS['issuing_body']}”，这份文件只是样稿。"
    "请先填写本县的发文机关（handover setup，或图形界面的“帮助 → 首次使用设置”），再生成并签名"
)
MM = 72 / 25.4
STAMP_WIDTH = 82 * MM
STAMP_HEIGHT = 24 * MM


@dataclass(frozen=True)
class Document:
    """A document on its way out: the data it shows, its layout, and its bytes (signed once `sign` has run)."""

    data: ReportData
    result: RenderResult
    pdf: bytes
    signed_by: str | None = None


def prepare(db: Database, case_id: int, part: str = "all", *, supervisor: str | None = None) -> Document:
    """Gather the case as it is now and lay out `part` ("report" | "sheet" | "draw" | "all")."""
    data = gather(db, case_id, supervisor=supervisor)
    result = render_pdf(data, part)
    return Document(data, result, result.pdf)


def sign(document: Document, key: pki.OrgKey) -> Document:
    """The document signed (PAdES) with a visible stamp beside the seal naming the document and its fingerprint.

    A draft (样稿: the issuing body is still the placeholder) is refused: a signature would make it look official."""
    data = document.data
    if settings.is_placeholder(data.issuing_body):
        raise Refused(SIGNING_A_DRAFT)
    page, box = _stamp_place(document.result)
    lines = (f"文号：{data.doc_number}", f"内容指纹：{data.fingerprint[:32]}")
    pdf = pades.sign_pdf(
        document.pdf, key, reason=f"{data.issuing_body}确认{data.doc_number}内容", stamp=pades.StampText(lines),
        box=box, page=page,
    )  # fmt: skip
    return replace(document, pdf=pdf, signed_by=key.name)


def save(db: Database, document: Document, path: Path, *, make_folder: bool = False) -> str:
    """Write the file all or nothing (files.write_atomic) and record it before it appears at `path`: a PDF at the
    output path always has its audit entry, also when the process is killed; returns the audit entry's hash."""
    recorded: list[str] = []
    write_atomic(path, document.pdf, make_folder=make_folder, before_replace=lambda: recorded.append(_record(db, document)))
    return recorded[0]


def produce(db: Database, case_id: int, path: Path, part: str = "all", *, supervisor: str | None = None,
            key: pki.OrgKey | None = None, make_folder: bool = False) -> Document:  # fmt: skip
    """The whole pipeline for one case: gather, render, sign when a key is given, write, record."""
    document = prepare(db, case_id, part, supervisor=supervisor)
    if key is not None:
        document = sign(document, key)
    save(db, document, path, make_folder=make_folder)
    return document


def _stamp_place(result: RenderResult) -> tuple[int, tuple[float, float, float, float]]:
    """(page index, box) of the visible stamp: beside the seal on the signature page, else the default place on the
    last page."""
    seal = next((b for b in result.boxes if b.role == "seal"), None)
    if seal is None:
        return -1, pades.DEFAULT_BOX
    y = seal.y + (seal.height - STAMP_HEIGHT) / 2
    return seal.page - 1, (LEFT, y, LEFT + STAMP_WIDTH, y + STAMP_HEIGHT)


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


def _record(db: Database, document: Document) -> str:
    """Append "report generated" to the audit log (any process may: appends are serialised, see audit.record)."""
    data = document.data
    with db.session() as session:
        return audit.record(session, "report.generate", data.case.id, {
            "document_id": data.document_id, "fingerprint": data.fingerprint, "part": document.result.part,
            "audit_head_printed": data.audit_head, "pdf_sha256": hashlib.sha256(document.pdf).hexdigest(),
            "digitally_signed_by": document.signed_by, "generated_on": data.generated_on.isoformat(),
            "supervisor": data.supervisor, "page_sha256": list(written.page_digests(document.pdf)),
            "issuing_body": data.issuing_body, "doc_number": data.doc_number, "layout": data.layout,
        })  # fmt: skip
