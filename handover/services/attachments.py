"""Files attached to a case: photos and documents from the visits (evidence) and the scan of the ink-signed sheet."""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import col, func, select

from handover import audit, catalogue, reading, value_rules
from handover.db import Database
from handover.errors import NotFound, Refused
from handover.identity import current_user
from handover.models import Attachment

KINDS = {"evidence": "佐证材料", "scan": "签字扫描件"}
MAX_SIZE = 50 * 1024 * 1024
#: how a scan's file starts: PDF, PNG, JPEG, TIFF (both byte orders)
SCAN_SIGNATURES = (b"%PDF-", b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")


@dataclass(frozen=True)
class FileType:
    """What an attachment is by its content: the words the user reads, its media type, the file name endings it has."""

    label: str
    media_type: str
    extensions: tuple[str, ...]  # the first one is given to a copy written for the system's viewer


PDF = FileType("PDF 文档", "application/pdf", (".pdf",))
#: what an attachment may be, by how its file starts (docs/attachments.md says why these)
DOCUMENT_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\xff\xd8\xff", FileType("JPEG 图片", "image/jpeg", (".jpg", ".jpeg", ".jpe"))),
    (b"\x89PNG\r\n\x1a\n", FileType("PNG 图片", "image/png", (".png",))),
    (b"II*\x00", FileType("TIFF 图片", "image/tiff", (".tif", ".tiff"))),
    (b"MM\x00*", FileType("TIFF 图片", "image/tiff", (".tif", ".tiff"))),
)
#: the Office formats accepted: Word, Excel and PowerPoint without macros (a zip whose parts show which it is)
_OFFICE = (
    ("word/", FileType("Word 文档", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",))),
    ("xl/", FileType("Excel 工作簿", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",))),
    ("ppt/", FileType("PowerPoint 演示文稿",
                      "application/vnd.openxmlformats-officedocument.presentationml.presentation", (".pptx",))),
)  # fmt: skip
#: how programs start, so a refusal can say what the file really is
_PROGRAMS = (
    (b"MZ", "Windows 可执行程序（.exe、.dll 等）"), (b"\x7fELF", "Linux 可执行程序"), (b"#!", "脚本程序"),
    (b"\xcf\xfa\xed\xfe", "macOS 可执行程序"), (b"\xca\xfe\xba\xbe", "程序文件"),
)  # fmt: skip
ALLOWED = "PDF、JPEG、PNG、TIFF 图片，或 Word（.docx）、Excel（.xlsx）、PowerPoint（.pptx）文档"


def file_type(content: bytes, name: str) -> FileType:
    """What the file is by its content; refuses a program, anything not a document of the allowed kinds, and a name
    whose ending says something else (照片.jpg.exe, or a PDF named .exe), so the name cannot pass one kind off as another."""
    found = next((kind for magic, kind in DOCUMENT_SIGNATURES if content.startswith(magic)), None)
    if found is None and content.startswith(b"PK\x03\x04"):
        found = _office(content, name)
    if found is None:
        program = next((words for magic, words in _PROGRAMS if content.startswith(magic)), None)
        if program is not None:
            raise Refused(f"{name}：这是{program}，不能作为附件")
        if content.startswith(b"\xd0\xcf\x11\xe0"):
            raise Refused(f"{name}：旧版 Office 文档（.doc、.xls、.ppt）可能带有宏，不能作为附件；请另存为 .docx、.xlsx 或 PDF")
        raise Refused(f"{name}：附件只能是{ALLOWED}；这个文件的内容不是其中任何一种")
    suffix = Path(name).suffix.lower()
    if suffix and suffix not in found.extensions:
        raise Refused(f"{name}：文件名后缀 {suffix} 与内容（{found.label}，应为 {found.extensions[0]}）不符，请改正文件名后再添加")
    return found


def _office(content: bytes, name: str) -> FileType | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as book:
            parts = book.namelist()
            types = book.read("[Content_Types].xml") if "[Content_Types].xml" in parts else b""
    except (zipfile.BadZipFile, OSError, EOFError, zlib.error):
        raise Refused(f"{name}：Office 文档已损坏，无法识别") from None
    if not types:
        return None  # a zip archive, not an Office document
    if b"macroEnabled" in types or any(part.lower().endswith("vbaproject.bin") for part in parts):
        raise Refused(f"{name}：文档带有宏（可执行代码），不能作为附件；请另存为不含宏的 .docx、.xlsx、.pptx 或 PDF")
    return next((kind for prefix, kind in _OFFICE if any(part.startswith(prefix) for part in parts)), None)


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
    value_rules.check_name(path.name, "附件文件名", 255)
    content = path.read_bytes()
    indicator_code = _indicator(indicator_code, kind)
    if kind == "scan" and not content.startswith(SCAN_SIGNATURES):
        raise Refused(f"{path.name}：签字扫描件应为 PDF 或图片（PNG、JPEG、TIFF），这个文件不是")
    media_type = file_type(content, path.name).media_type
    with db.session() as session:
        case = reading.lock_case(session, case_id)  # one writer per case: a signature and an attachment wait in turn
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


@dataclass(frozen=True)
class StoredFile:
    """An attachment read back to be opened: what its content is, and why it must not be opened ("" when it may)."""

    view: AttachmentView
    content: bytes
    file_type: FileType | None
    sha256: str  # of the content as read now
    problem: str

    @property
    def copy_name(self) -> str:
        """The name of a copy for the system's viewer: the ending of the type found, not the one typed, and no
        direction or invisible characters (a file stored before names were checked keeps only its number)."""
        assert self.file_type is not None
        stem = Path(self.view.filename).stem
        try:
            stem = value_rules.check_name(stem, "附件文件名", 200)
        except Refused:
            stem = f"附件{self.view.id}"
        return stem + self.file_type.extensions[0]


def read_back(db: Database, attachment_id: int) -> StoredFile:
    """The attachment with its type found by content and its SHA-256 checked, for the GUI to show before opening it."""
    with db.session() as session:
        row = session.get(Attachment, attachment_id)
        if row is None:
            raise NotFound(f"没有编号为 {attachment_id} 的附件")
        view, data = _view(row), row.content
    digest = hashlib.sha256(data).hexdigest()
    found: FileType | None = None
    problem = ""
    try:
        found = file_type(data, Path(view.filename).stem)
    except Refused as exc:
        problem = exc.message
    if digest != view.sha256:
        problem = f"{view.filename}：内容与添加时记录的 SHA-256 不符，文件已被改动"
    return StoredFile(view, data, found, digest, problem)


def counts_by_indicator(db: Database, case_id: int) -> dict[str, int]:
    """How many files each indicator has (the checklist's "Files" buttons), without reading the files."""
    with db.session() as session:
        rows = session.exec(
            select(Attachment.indicator_code, func.count())
            .where(Attachment.case_id == case_id, col(Attachment.indicator_code).is_not(None))
            .group_by(col(Attachment.indicator_code))
        )
        return {code: count for code, count in rows if code is not None}
