"""The 草稿 mark across every page of a document of a case that is not signed, so a draft is never taken for the record."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from handover import words
from handover.report import fonts
from handover.report.styles import PAGE_HEIGHT, PAGE_WIDTH

#: light grey, see-through: the page stays legible under it
DRAFT_GREY = colors.Color(0.55, 0.55, 0.55, alpha=0.22)
#: the word printed: the status of a case that is not signed yet
DRAFT_WORD = words.STATUSES["draft"]


def draw_draft_watermark(canvas: Canvas, status: str) -> None:
    """草稿 twice on the diagonal of the page (above and below the middle, where an unfinished case says what is missing),
    unless the case is signed."""
    if status == "signed":
        return
    canvas.saveState()
    canvas.setFillColor(DRAFT_GREY)
    canvas.setFont(fonts.HEADING, 110)
    for height in (0.72, 0.28):
        canvas.saveState()
        canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT * height)
        canvas.rotate(40)
        canvas.drawCentredString(0, -38, DRAFT_WORD)
        canvas.restoreState()
    canvas.restoreState()
