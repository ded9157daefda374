"""What the program wrote, as its audit log recorded it, and what a PDF underwent since: added, changed or rewritten.

Every PDF the program writes is recorded (`report.generate`: its SHA-256, the SHA-256 of each page's content, and what
the pages were printed with) before it appears at its path. A file that is exactly a recorded one is as written. A file
that starts with a recorded one had something appended: an incremental update (annotations, form fields, new page
content) or stray bytes; only later digital signatures may follow, and those the digital signature check judges. A file
that starts with none was changed inside or saved again by other software.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from handover import audit
from handover.db import Database


@dataclass(frozen=True)
class Written:
    """One PDF the program recorded writing, and what its pages were printed with (to print them again)."""

    document_id: str
    part: str
    pdf_sha256: str
    audit_head: str
    generated_on: date
    supervisor: str
    page_sha256: tuple[str, ...]  # empty for a file recorded before page digests were kept
    issuing_body: str = ""  # as printed ("" when not recorded)
    doc_number: str = ""
    layout: str = ""  # settings.LAYOUTS as printed ("" when not recorded: the standard layout)


@dataclass(frozen=True)
class Integrity:
    """A PDF measured against what the program wrote: `record` is the write it is (or starts with), `added` says in
    plain Chinese what came after; `signatures` counts later digital signatures, left to the signature check."""

    record: Written | None
    added: tuple[str, ...] = ()
    signatures: int = 0

    @property
    def as_written(self) -> bool:
        return self.record is not None and not self.added


def records(db: Database, case_id: int) -> list[Written]:
    """The PDFs of a case the program wrote, oldest first."""
    out = []
    for entry in audit.entries(db, case_id):
        d = entry.details
        if entry.action != "report.generate" or not d.get("pdf_sha256"):
            continue
        printed_on = d.get("generated_on") or datetime.fromisoformat(entry.at).astimezone().date().isoformat()
        out.append(Written(
            str(d.get("document_id", "")), str(d.get("part", "all")), str(d["pdf_sha256"]),
            str(d.get("audit_head_printed") or ""), date.fromisoformat(printed_on), str(d.get("supervisor") or ""),
            tuple(d.get("page_sha256") or ()), str(d.get("issuing_body") or ""), str(d.get("doc_number") or ""),
            str(d.get("layout") or ""),
        ))  # fmt: skip
    return out


def page_digests(pdf: bytes) -> tuple[str, ...]:
    """SHA-256 of each page's content (the drawing instructions, decompressed): what a reader sees, page by page."""
    from pypdf import PdfReader

    return tuple(_page_digest(page) for page in PdfReader(io.BytesIO(pdf)).pages)


def check(pdf: bytes, written: list[Written], document_id: str) -> Integrity:
    """What `pdf` underwent since the program wrote it (see the module's docstring)."""
    by_hash = {w.pdf_sha256: w for w in written}
    whole = by_hash.get(hashlib.sha256(pdf).hexdigest())
    if whole is not None:
        return Integrity(whole)
    for end in sorted(_revision_ends(pdf), reverse=True):
        start = by_hash.get(hashlib.sha256(pdf[:end]).hexdigest())
        if start is not None:
            added, signatures = _additions(pdf[:end], pdf)
            return Integrity(start, added, signatures)
    same = [w for w in written if w.document_id == document_id]
    if not same:
        return Integrity(None, ("数据库中没有本系统写出这个文件的记录（文件不是本系统写出的原样，或来自另一个数据库）",))
    return Integrity(same[-1], _rewritten(pdf, same[-1]))


_EOF = re.compile(rb"%%EOF(\r\n|\r|\n)?")


def _revision_ends(pdf: bytes) -> set[int]:
    """Where a revision of the file may end: after each end-of-file marker, with or without its line end."""
    ends = set()
    for found in _EOF.finditer(pdf):
        ends.add(found.start() + 5)
        ends.add(found.end())
    return ends


def _page_digest(page: Any) -> str:
    contents = page.get_contents()
    return hashlib.sha256(contents.get_data() if contents is not None else b"").hexdigest()


@dataclass(frozen=True)
class _Shape:
    """The parts of a PDF a reader sees besides the text: each page's content, its annotations, the form fields."""

    pages: tuple[str, ...]
    annotations: tuple[tuple[tuple[str, str], ...], ...]  # per page: (kind, name) of each annotation
    fields: frozenset[tuple[str, str]]  # (type, name) of each form field

    @classmethod
    def of(cls, pdf: bytes) -> _Shape:
        from pypdf import PdfReader

        reader = PdfReader(io.BytesIO(pdf))
        annotations = tuple(tuple(_annotation(a.get_object()) for a in _annotations(page)) for page in reader.pages)
        fields = frozenset((str(f.get("/FT", "")), str(name)) for name, f in (reader.get_fields() or {}).items())
        return cls(tuple(_page_digest(p) for p in reader.pages), annotations, fields)


def _annotations(page: Any) -> list[Any]:
    found = page.get("/Annots")
    return list(found.get_object()) if found is not None else []


def _annotation(annotation: Any) -> tuple[str, str]:
    kind = str(annotation.get("/Subtype", "?"))
    if kind == "/Widget":
        parent = annotation.get("/Parent")
        field = parent.get_object() if parent is not None and "/FT" not in annotation else annotation
        return str(field.get("/FT", "")), str(field.get("/T", ""))
    return kind, str(annotation.get("/Contents", ""))


ANNOTATION_WORDS = {"/FreeText": "文字批注", "/Text": "便笺批注", "/Square": "方框批注", "/Stamp": "图章批注",
                    "/Ink": "手绘批注", "/Link": "链接"}  # fmt: skip


def _what_changed(before: _Shape, after: _Shape) -> tuple[list[str], int]:
    """The differences a reader can see, in words, and how many digital signature fields were added."""
    out: list[str] = []
    if len(before.pages) != len(after.pages):
        out.append(f"页数由 {len(before.pages)} 页变为 {len(after.pages)} 页")
    for i, (old, new) in enumerate(zip(before.pages, after.pages, strict=False), start=1):
        if old != new:
            out.append(f"第 {i} 页的页面内容被改动")
    signatures = 0
    for i, (old_a, new_a) in enumerate(zip(before.annotations, after.annotations, strict=False), start=1):
        for kind, name in new_a[len(old_a) :] if new_a[: len(old_a)] == old_a else new_a:
            if kind == "/Sig":
                signatures += 1
            elif kind in ("/Tx", "/Btn", "/Ch"):
                out.append(f"第 {i} 页新增了表单域 “{name}”（可填写的字段，能遮盖或改写页面上的内容）")
            else:
                out.append(f"第 {i} 页新增了{ANNOTATION_WORDS.get(kind, '批注')}（{kind[1:]}）{f'：{name}' if name else ''}")
        if new_a[: len(old_a)] != old_a:
            out.append(f"第 {i} 页原有的批注被改动或删除")
    for kind, name in sorted(after.fields - before.fields):
        if kind != "/Sig" and not any(name in line for line in out):
            out.append(f"新增了表单域 “{name}”")
    return out, signatures


def _additions(original: bytes, pdf: bytes) -> tuple[tuple[str, ...], int]:
    tail = len(pdf) - len(original)
    if b"startxref" not in pdf[len(original) :]:
        return (f"文件末尾追加了 {tail} 字节数据（本系统写出的文件到此为止）",), 0
    try:
        out, signatures = _what_changed(_Shape.of(original), _Shape.of(pdf))
    except Exception as exc:  # noqa: BLE001 - a file damaged by the addition is a finding, not a crash
        return (f"文件末尾追加的 {tail} 字节使文件无法正常读取（{type(exc).__name__}）",), 0
    if not out and not signatures:
        out.append(f"文件末尾追加了一次增量更新（{tail} 字节），改动了文件结构")
    if out:
        out.insert(0, f"本系统写出后，文件被追加了增量更新（{tail} 字节）：")
    return tuple(out), signatures


def _rewritten(pdf: bytes, record: Written) -> tuple[str, ...]:
    out = ["文件与本系统写出的版本不同：写出后在原有内容中被改动，或被其他软件重新保存"]
    try:
        after = _Shape.of(pdf)
    except Exception as exc:  # noqa: BLE001
        return (*out, f"文件无法正常读取（{type(exc).__name__}）")
    if record.page_sha256:
        before = _Shape(record.page_sha256, tuple(() for _ in record.page_sha256), frozenset())
        changed, _ = _what_changed(before, after)
        out += changed or ["页面内容与写出时相同，改动在文件的其他部分"]
    return tuple(out)
