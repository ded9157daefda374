"""Files attached to a case: photos and documents from the visits (evidence) and the scan of the ink-signed sheet."""

from __future__ import annotations

import hashlib
import mimetypes
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import col, func, select

from handover import audit, catalogue
from handover.db import Database
from handover.errors import NotFound, Refused
from handover.identity import current_user
from handover.models import Attachment, HandoverCase

KINDS = {"evidence": "佐证材料", "scan": "签字扫描件"}
MAX_SIZE = 50 * 1024 * 1024
#: how a scan's file starts: PDF, PNG, JPEG, TIFF (both byte orders)
SCAN_SIGNATURES = (b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


def _indicator(code: str | None, kind: str) -> str | None:
    """Evidence may belong to one indicator of the catalogue; the signed sheet's scan belongs to the whole case."""
    if code is None or not code.strip():
        return None
    if kind == "scan":
        raise Refused("签字扫描件属于整个案件，不能指定指标（--indicator 只用于佐证材料）")
    cat = catalogue.load()
    code = code.strip().upper()
    if not cat.has(code):
        raise Refused(f"没有代码为 “{code}” 的指标（可用 handover catalogue 查看）")
    return code


@dataclass(frozen=True)
class AttachmentView:
    id: int
    case_id: int
    indicator_code: str | None
    kind: str
    filename: str
    media_type: str
    sha256: str
    size: int
    created_at: datetime
    created_by: str


def _view(row: Attachment) -> AttachmentView:
    assert row.id is not None
    return AttachmentView(
        row.id, row.case_id, row.indicator_code, row.kind, row.filename, row.media_type, row.sha256, row.size,
        row.created_at, row.created_by,
    )  # fmt: skip


def add(db: Database, case_id: int, path: str | Path, kind: str, indicator_code: str | None = None) -> AttachmentView:
    """Store a copy of the file in the database (so it travels with the case) with its SHA-256."""
    if kind not in KINDS:
        raise Refused(f"附件类型应为 {'、'.join(f'{k}（{v}）' for k, v in KINDS.items())} 之一")
    path = Path(path)
    if not path.is_file():
        raise Refused(f"文件不存在：{path}")
    size = path.stat().st_size
    if size == 0:
        raise Refused(f"{path.name}：文件是空的")
    if size > MAX_SIZE:
        raise Refused(f"{path.name}：文件过大（{size // 1024 // 1024} MB，上限 {MAX_SIZE // 1024 // 1024} MB）")
    content = path.read_bytes()
    indicator_code = _indicator(indicator_code, kind)
    if kind == "scan" and not content.startswith(SCAN_SIGNATURES):
        raise Refused(f"{path.name}：签字扫描件应为 PDF 或图片（PNG、JPEG、TIFF），这个文件不是")
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    with db.session() as session:
        case = session.get(HandoverCase, case_id)
        if case is None:
            raise NotFound(f"没有编号为 {case_id} 的案件")
        if case.status == "signed" and kind != "scan":
            raise Refused(f"案件 {case_id} 已签署，只能再附加签字扫描件")
        row = Attachment(
            case_id=case_id,
            indicator_code=indicator_code,
            kind=kind,
            filename=path.name,
            media_type=media_type,
            sha256=hashlib.sha256(content).hexdigest(),
            size=size,
            content=content,
            created_by=current_user(),
        )
        session.add(row)
        session.flush()
        audit.record(session, "attachment.add", case_id, {
            "attachment_id": row.id, "kind": kind, "filename": row.filename, "sha256": row.sha256, "size": size,
            "indicator_code": indicator_code,
        })  # fmt: skip
        return _view(row)


def list_for_case(db: Database, case_id: int) -> list[AttachmentView]:
    with db.session() as session:
        rows = session.exec(select(Attachment).where(Attachment.case_id == case_id).order_by(col(Attachment.id)))
        return [_view(r) for r in rows]


def content(db: Database, attachment_id: int) -> bytes:
    with db.session() as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            raise NotFound(f"没有编号为 {attachment_id} 的附件")
        return row.content


def counts_by_indicator(db: Database, case_id: int) -> dict[str, int]:
    """How many files each indicator has (the checklist's "Files" buttons), without reading the files."""
    with db.session() as session:
        rows = session.exec(
            select(Attachment.indicator_code, func.count())
            .where(Attachment.case_id == case_id, col(Attachment.indicator_code).is_not(None))
            .group_by(col(Attachment.indicator_code))
        )
        return {code: count for code, count in rows if code is not None}
