"""Page geometry and text styles of an official document (GB/T 9704 margins on A4, Song body, Hei headings, red head)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, TableStyle

from handover.report import fonts
from handover.report.linebreak import Paragraph

PAGE_WIDTH, PAGE_HEIGHT = A4
# GB/T 9704-2012 (党政机关公文格式): top 37 mm, binding edge (left) 28 mm, right 26 mm, bottom 35 mm → 156 × 225 mm
TOP, BOTTOM, LEFT, RIGHT = 37 * mm, 35 * mm, 28 * mm, 26 * mm
FRAME_WIDTH = PAGE_WIDTH - LEFT - RIGHT

RED = colors.Color(0.80, 0.0, 0.0)
INK = colors.black
GREY = colors.Color(0.35, 0.35, 0.35)
RULE = colors.Color(0.25, 0.25, 0.25)
SHADE = colors.Color(0.93, 0.93, 0.93)
WATERMARK = colors.Color(0.85, 0.2, 0.2, alpha=0.18)
IMPROVED = colors.Color(0.18, 0.45, 0.25)
HELD = colors.Color(0.55, 0.55, 0.55)
DECLINED = colors.Color(0.75, 0.15, 0.12)

#: the QR codes, quiet zone included: 45 modules + 8 of quiet zone, 0.62 mm each, so a page scanned at 100 dpi still
#: decodes (about 2.5 pixels per module; tests/test_qr_scan.py); 24 mm needed 150 dpi
QR_SIZE = 33 * mm
#: the codes reach into the paper's outer 5 mm with their white quiet zone only (printers leave that edge blank)
QR_EDGE = 3.5 * mm


class Styles:
    """The paragraph styles, built once fonts are registered: the standard layout, or GB/T 9704 (`layout="gbt9704"`:
    3号 (16 pt) 仿宋 body on a 22-line grid, 3号 黑体 headings; tables and notes keep their smaller sizes)."""

    def __init__(self, layout: str = "standard") -> None:
        fonts.register()
        body, head = fonts.BODY, fonts.HEADING
        self.layout = layout

        def style(name: str, **kw: object) -> ParagraphStyle:
            # wordWrap CJK: break between any two Chinese characters, and inside long hashes and village lists
            # allowWidows 0: the last line of a paragraph never stands alone at the top of a page
            base: dict[str, object] = {"fontName": body, "fontSize": 12, "leading": 20, "wordWrap": "CJK", "allowWidows": 0}
            base.update(kw)
            return ParagraphStyle(name, **base)

        self.title = style(
            "title", fontName=body, fontSize=22, leading=34, alignment=TA_CENTER, spaceBefore=6, spaceAfter=14
        )
        self.subtitle = style("subtitle", fontSize=13, leading=20, alignment=TA_CENTER, spaceAfter=10)
        self.revision = style("revision", fontName=head, fontSize=13, leading=20, alignment=TA_CENTER, textColor=RED)
        self.revision_reason = style("revision_reason", fontSize=10, leading=15, alignment=TA_CENTER, spaceAfter=8)
        self.h1 = style("h1", fontName=head, fontSize=15, leading=24, spaceBefore=12, spaceAfter=6)
        self.h2 = style("h2", fontName=head, fontSize=12, leading=20, spaceBefore=8, spaceAfter=3)
        self.body = style("body", fontSize=12.5, leading=21, firstLineIndent=26, alignment=TA_JUSTIFY, spaceAfter=4)
        self.plain = style("plain", fontSize=12, leading=20, alignment=TA_LEFT, spaceAfter=2)
        self.item = style("item", fontSize=12, leading=20, spaceAfter=1)
        self.list = style("list", fontSize=11, leading=18, leftIndent=18, spaceAfter=2)
        self.note = style("note", fontSize=9.5, leading=14, textColor=GREY)
        self.lead = style("lead", fontSize=9.5, leading=14, textColor=GREY, spaceAfter=2)
        self.cell = style("cell", fontSize=10, leading=13.5)
        self.cell_center = style("cell_center", fontSize=10, leading=13.5, alignment=TA_CENTER)
        self.cell_head = style("cell_head", fontName=head, fontSize=10, leading=13.5, alignment=TA_CENTER)
        self.cell_area = style("cell_area", fontName=head, fontSize=10.5, leading=14)
        self.mono = style("mono", fontSize=9.5, leading=13)
        self.label = style("label", fontName=head, fontSize=11.5, leading=18)
        self.sublabel = style("sublabel", fontName=head, fontSize=11.5, leading=18, spaceBefore=8, spaceAfter=2)
        self.closing = style("closing", fontSize=13, leading=22, alignment=TA_RIGHT, rightIndent=8 * mm)
        if layout == "gbt9704":
            self._official(fonts.body_font(layout), style)

    def _official(self, text: str, style: Any) -> None:
        """GB/T 9704-2012: 正文 3号仿宋, 22 lines of 28 characters on the 156 × 225 mm text block (a line every 29 pt),
        一级标题 3号黑体, paragraphs indented two characters."""
        size, line = 16, 29
        head = fonts.HEADING
        self.body = style("body", fontName=text, fontSize=size, leading=line, firstLineIndent=2 * size,
                          alignment=TA_JUSTIFY)  # fmt: skip
        self.plain = style("plain", fontName=text, fontSize=size, leading=line, alignment=TA_LEFT)
        self.item = style("item", fontName=text, fontSize=size, leading=line, firstLineIndent=2 * size)
        self.list = style("list", fontName=text, fontSize=14, leading=24, leftIndent=2 * size)
        self.h1 = style("h1", fontName=head, fontSize=size, leading=line, spaceBefore=6, firstLineIndent=2 * size)
        self.h2 = style("h2", fontName=head, fontSize=size, leading=line, firstLineIndent=2 * size)
        self.label = style("label", fontName=head, fontSize=14, leading=22)
        self.closing = style("closing", fontName=text, fontSize=size, leading=line, alignment=TA_RIGHT,
                             rightIndent=4 * size)  # fmt: skip


@lru_cache(maxsize=4)
def styles(layout: str = "standard") -> Styles:
    return Styles(layout)


def table_style(commands: list[tuple[object, ...]]) -> TableStyle:
    """A TableStyle whose plain-text cells use our font (reportlab's default, Helvetica, is never embedded)."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.BODY), *commands])


def heading(text: str, style: ParagraphStyle, room: float = 35 * mm) -> list[Flowable]:
    """A heading that never ends a page: it starts a new page unless `room` is left below it.

    Used instead of keepWithNext, which moves a heading *and* a long table or list after it to the next page as a
    block, leaving half a page empty.
    """
    return [CondPageBreak(room), Paragraph(text, style)]
