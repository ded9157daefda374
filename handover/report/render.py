"""Lay out a ReportData as an A4 PDF: the chosen parts, a running header and footer, QR codes, metadata.

`render_pdf(data, part)` returns the PDF bytes, the page count and where the signature boxes and the seal ended up.
"""

from __future__ import annotations

import base64
import io
import itertools
import zlib
from dataclasses import dataclass
from functools import partial
from typing import Any

import qrcode
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFInfo, PDFString
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageBreak, PageTemplate

from handover import __version__, glyphs, settings
from handover.report import fonts, pdfa
from handover.report.appendix import draw_story
from handover.report.data import PARTS, ReportData
from handover.report.flowables import Box, RedHead
from handover.report.meeting_part import meeting_story
from handover.report.report_part import report_story
from handover.report.sheet_part import sheet_story
from handover.report.signature_page import signature_story
from handover.report.styles import (
    BOTTOM,
    GREY,
    LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    QR_EDGE,
    QR_SIZE,
    RED,
    RIGHT,
    TOP,
    WATERMARK,
    styles,
)
from handover.report.watermark import draw_draft_watermark

#: custom keys of the PDF document information dictionary, read back by `verify`
META_DOC = "HandoverDocId"
META_CASE = "HandoverCase"
META_FINGERPRINT = "HandoverFingerprint"
META_CANONICAL = "HandoverCanonical"  # base64 of the zlib-compressed canonical serialisation
META_PART = "HandoverPart"

#: on every page of a document made before the county set its issuing body (发文机关)
DRAFT_MARK = "样稿"

PART_TITLES = {
    "report": "党建绩效离任评审报告",
    "sheet": "党建交接单",
    "draw": "抽签记录",
    "all": "党建绩效离任评审报告及交接单",
    "meeting": "党建工作交接单（交接会议用）",
}


@dataclass(frozen=True)
class RenderResult:
    pdf: bytes
    pages: int
    part: str
    boxes: tuple[Box, ...]  # signature boxes (role, name) and the seal ("seal"), with page and position in points
    missing: tuple[str, ...] = ()  # characters of the case that the shipped font cannot draw (rare 生僻字, emoji)

    def box(self, role: str, name: str | None = None) -> Box:
        return next(b for b in self.boxes if b.role == role and (name is None or b.name == name))


def missing_characters(data: ReportData) -> tuple[str, ...]:
    """Characters in the case's own text (names, villages, notes, comments) that none of the bundled fonts has.

    They would print as blanks or boxes on an official document, so the user must be told. Entry refuses them
    (value_rules.check_glyphs), so only text stored before that rule can hold one. Fixed wording and the catalogue are
    covered by the fonts (a test checks the catalogue).
    """
    text = data.canonical.decode("utf-8") + data.issuing_body + data.doc_number + data.supervisor
    text += "".join(s.name for s in data.signatures)
    return tuple(sorted(ch for ch in glyphs.unprintable(text) if ord(ch) >= 32))


def encode_canonical(canonical: bytes) -> str:
    return base64.b64encode(zlib.compress(canonical, 9)).decode("ascii")


def decode_canonical(text: str) -> bytes:
    return zlib.decompress(base64.b64decode(text))


class _Info(PDFInfo):  # type: ignore[misc]
    """The document information dictionary with our keys added (reportlab writes only the standard ones)."""

    extra: dict[str, str] = {}

    def format(self, document: Any) -> bytes:
        standard = bytes(super().format(document)).rstrip()
        extra = bytes(PDFDictionary({k: PDFString(v) for k, v in self.extra.items()}).format(document)).strip()
        # splice our entries into the standard dictionary: both are "<< ... >>"
        assert standard.endswith(b">>") and extra.startswith(b"<<")
        return standard[:-2] + b"\n" + extra[2:]


@dataclass(frozen=True)
class QrMatrix:
    """A QR code encoded once per document (reportlab's own encoder), drawn as one filled path wherever needed.

    reportlab's QR widget re-encodes on every use and makes a shape object per run of modules: too slow for a
    document that shows the code twice and must render in well under 150 ms.
    """

    rows: tuple[tuple[bool, ...], ...]

    QUIET = 4  # modules of white around the code, as the standard asks
    MASK = 0

    @classmethod
    def encode(cls, payload: str) -> QrMatrix:
        # one mask pattern, not the least penalised of eight (encoding nine times took 12 ms): every mask is standard
        # (ISO/IEC 18004) and read alike by scanners; mask 0 is (row + column) mod 2. The qrcode package, not
        # reportlab.graphics.barcode: importing that loads every barcode widget (a third of a second per process)
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=cls.MASK, border=0)
        code.add_data(payload)
        code.make(fit=True)
        return cls(tuple(tuple(bool(m) for m in row) for row in code.modules))

    def draw(self, canvas: Canvas, x: float, y: float, size: float) -> None:
        n = len(self.rows) + 2 * self.QUIET
        module = size / n
        canvas.saveState()
        canvas.setFillColor(colors.white)
        canvas.rect(x, y, size, size, stroke=0, fill=1)
        canvas.setFillColor(colors.black)
        path = canvas.beginPath()
        for r, row in enumerate(self.rows):
            top = y + size - (r + self.QUIET + 1) * module
            c = 0
            for dark, run in itertools.groupby(row):
                count = len(list(run))
                if dark:
                    path.rect(x + (c + self.QUIET) * module, top, count * module, module)
                c += count
        canvas.drawPath(path, stroke=0, fill=1)
        canvas.restoreState()


def draw_draft_mark(canvas: Canvas) -> None:
    """样稿 in a red box at the top left of the page, in the margin above the head and the running header."""
    x, top = LEFT, PAGE_HEIGHT - 8 * mm
    canvas.setStrokeColor(RED)
    canvas.setFillColor(RED)
    canvas.setLineWidth(1.5)
    canvas.rect(x, top - 14 * mm, 24 * mm, 14 * mm, stroke=1, fill=0)
    canvas.setFont(fonts.HEADING, 22)
    canvas.drawCentredString(x + 12 * mm, top - 10 * mm, DRAFT_MARK)
    canvas.setFont(fonts.BODY, 8)
    # until the county has entered its issuing body the head says 中共××县委组织部: never an official document
    canvas.drawString(x + 27 * mm, top - 6 * mm, "尚未设置发文机关（handover setup）")
    canvas.drawString(x + 27 * mm, top - 11 * mm, "本件不是正式文件，不能签字或数字签名")


class _PagedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that holds the pages back until the end, so each can say 第 x 页 共 y 页 and the last gets a QR code."""

    def __init__(self, *args: Any, data: ReportData, part: str, **kwargs: Any) -> None:
        # reportlab's default initial font is Helvetica, which is never embedded
        kwargs["initialFontName"] = fonts.BODY
        super().__init__(*args, **kwargs)
        self.data = data
        self.part = part
        self.qr = QrMatrix.encode(data.qr_payload)
        info = _Info()
        info.extra = {
            META_DOC: data.document_id,
            META_CASE: str(data.case.id),
            META_FINGERPRINT: data.fingerprint,
            META_CANONICAL: encode_canonical(data.canonical),
            META_PART: part,
        }
        self._doc.info = info
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for number, state in enumerate(self._pages, start=1):
            self.__dict__.update(state)
            self._decorate(number, total)
            super().showPage()
        super().save()

    def _decorate(self, number: int, total: int) -> None:
        self.saveState()
        self.setFillColor(GREY)
        self.setStrokeColor(GREY)
        if number > 1:
            self._running_header()
        self._footer(number, total)
        if number == 1:
            # above the red head, which starts at the top margin
            self.qr.draw(self, PAGE_WIDTH - RIGHT - QR_SIZE + 2 * mm, PAGE_HEIGHT - QR_EDGE - QR_SIZE, QR_SIZE)
        if number == total:
            self._verification_qr()
        draw_draft_watermark(self, self.data.case.summary.status)
        if self.data.case.missing:
            self._watermark()
        if settings.is_placeholder(self.data.issuing_body):
            draw_draft_mark(self)
        self.restoreState()

    def _running_header(self) -> None:
        y = PAGE_HEIGHT - TOP + 8 * mm
        fonts.draw(self, LEFT, y, f"{self.data.case.summary.unit}　{PART_TITLES[self.part]}", fonts.BODY, 9)
        fonts.draw(self, PAGE_WIDTH - RIGHT, y, self.data.doc_number, fonts.BODY, 9, "right")
        self.setLineWidth(0.4)
        self.line(LEFT, y - 2.5 * mm, PAGE_WIDTH - RIGHT, y - 2.5 * mm)

    def _footer(self, number: int, total: int) -> None:
        if self.data.layout == "gbt9704":
            # GB/T 9704: 4号 Song digits between two dashes, 7 mm under the text block; odd pages on the right, even
            # pages on the left, one character in from the edge of the block
            self.setFont(fonts.BODY, 14)
            y, text = BOTTOM - 7 * mm - 10, f"— {number} —"
            if number % 2:
                self.drawRightString(PAGE_WIDTH - RIGHT - 14, y, text)
            else:
                self.drawString(LEFT + 14, y, text)
        else:
            self.setFont(fonts.BODY, 10.5)
            self.drawCentredString(PAGE_WIDTH / 2, BOTTOM - 16 * mm, f"第 {number} 页 共 {total} 页")
        footer_left = f"{self.data.document_id}　内容指纹 {self.data.short_fingerprint}"
        if self.data.audit_head:
            footer_left += f"　操作日志 {self.data.audit_head[:16].upper()}"
        self.setFont(fonts.BODY, 8)
        self.drawString(LEFT, BOTTOM - 24 * mm, footer_left)

    def _verification_qr(self) -> None:
        # in the bottom margin, its black modules at least 5 mm from the paper's edge (printers do not print the last 5 mm)
        x, y = PAGE_WIDTH - RIGHT - QR_SIZE + 2 * mm, QR_EDGE
        self.qr.draw(self, x, y, QR_SIZE)
        self.setFont(fonts.BODY, 7)
        self.drawRightString(x - 1 * mm, y + QR_SIZE / 2 - 2, "扫码核验")

    def _watermark(self) -> None:
        # an unfinished case must not be signed by mistake: say so across every page
        self.setFillColor(WATERMARK)
        self.setFont(fonts.HEADING, 44)
        self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
        self.rotate(35)
        self.drawCentredString(0, 0, f"未完成 尚缺{len(self.data.case.missing)}项指标")
        self.setFont(fonts.HEADING, 24)
        self.drawCentredString(0, -40, "仅供核对，不能签字")


def story(data: ReportData, part: str, sink: list[Box]) -> list[Flowable]:
    """The flowables of the chosen part(s), each part starting on a new page."""
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, not {part!r}")
    st = styles(data.layout)
    if part == "meeting":  # one page: no red head, the title says what it is
        return meeting_story(data, st, sink)
    chosen = ("report", "sheet", "draw") if part == "all" else (part,)
    pieces: list[Flowable] = [RedHead(data.issuing_body, data.doc_number)]
    for i, name in enumerate(chosen):
        if i:
            pieces.append(PageBreak())
        if name == "report":
            pieces += report_story(data, st)
        elif name == "sheet":
            pieces += sheet_story(data, st)
            pieces.append(PageBreak())
            # a form that must hold every box and the seal on one page: its compact sizes in either layout
            pieces += signature_story(data, styles(), sink)
        else:
            pieces += draw_story(data, st)
    return pieces


def render_pdf(data: ReportData, part: str = "all") -> RenderResult:
    fonts.register()
    sink: list[Box] = []
    flowables = story(data, part, sink)
    buffer = io.BytesIO()
    s = data.case.summary
    doc = BaseDocTemplate(
        buffer,
        pagesize=(PAGE_WIDTH, PAGE_HEIGHT),
        leftMargin=LEFT,
        rightMargin=RIGHT,
        topMargin=TOP,
        bottomMargin=BOTTOM,
        title=("【样稿】" if settings.is_placeholder(data.issuing_body) else "")
        + f"{PART_TITLES[part]}（{s.unit} {s.outgoing}→{s.incoming}）",
        author=data.issuing_body,
        subject=f"{data.doc_number} 案件{s.id} 内容指纹 SHA-256 {data.fingerprint}",
        keywords=f"{data.document_id}, {data.fingerprint}",
        creator=f"handover {__version__}",
        lang="zh-CN",
        pageCompression=0,
    )
    frame = Frame(LEFT, BOTTOM, PAGE_WIDTH - LEFT - RIGHT, PAGE_HEIGHT - TOP - BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(flowables, canvasmaker=partial(_PagedCanvas, data=data, part=part))
    pdf = pdfa.archival(buffer.getvalue())
    pages = doc.page
    return RenderResult(pdf=pdf, pages=pages, part=part, boxes=tuple(sink), missing=missing_characters(data))

