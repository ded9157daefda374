"""Flowables of our own: the red head (红头), a title in heavy Song, signature boxes and the seal place."""

from __future__ import annotations

import io
from dataclasses import dataclass

from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.platypus import Flowable

from handover.report import fonts
from handover.report.styles import GREY, INK, RED
from handover.signoff.slots import SignatureSlot


def _heavy_text(
    canv: object, x: float, y: float, text: str, font: str, size: float, color: Color, weight: float
) -> None:
    """Text filled and stroked (render mode 2): the heavier strokes of a 小标宋 title from a light Song face.

    It stays real text, so it can be copied and searched.
    """
    c = canv
    c.saveState()  # type: ignore[attr-defined]
    t = c.beginText(x, y)  # type: ignore[attr-defined]
    t.setFont(font, size)
    t.setTextRenderMode(2)
    c.setFillColor(color)  # type: ignore[attr-defined]
    c.setStrokeColor(color)  # type: ignore[attr-defined]
    c.setLineWidth(weight)  # type: ignore[attr-defined]
    for name, run in fonts.runs(text, font):  # a character the font lacks in the first bundled font that has it
        t.setFont(name, size)
        t.textOut(run)
    t.setTextRenderMode(0)  # the render mode outlives the text object: without this, all later text is stroked too
    c.drawText(t)  # type: ignore[attr-defined]
    c.restoreState()  # type: ignore[attr-defined]


class HeavyTitle(Flowable):  # type: ignore[misc]
    """A centred one-line title; shrinks to fit the frame rather than wrap."""

    def __init__(self, text: str, size: float = 22, color: Color = INK, space_after: float = 14) -> None:
        super().__init__()
        self.text, self.size, self.color, self.space_after = text, size, color, space_after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        natural = fonts.width(self.text, fonts.BODY, self.size)
        self.draw_size = self.size if natural <= avail_width else self.size * avail_width / natural
        self.height = self.draw_size * 1.5 + self.space_after
        return self.width, self.height

    def draw(self) -> None:
        w = fonts.width(self.text, fonts.BODY, self.draw_size)
        y = self.space_after + self.draw_size * 0.35
        _heavy_text(
            self.canv, (self.width - w) / 2, y, self.text, fonts.BODY, self.draw_size, self.color, self.draw_size / 30
        )


class RedHead(Flowable):  # type: ignore[misc]
    """The issuing body in red, the document number, and the red rule under them (版头)."""

    def __init__(self, issuing_body: str, doc_number: str) -> None:
        super().__init__()
        self.issuing_body, self.doc_number = issuing_body, doc_number

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = 30 * mm
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        size = 30.0
        natural = fonts.width(self.issuing_body, fonts.BODY, size)
        if natural > self.width:
            size *= self.width / natural
        w = fonts.width(self.issuing_body, fonts.BODY, size)
        _heavy_text(c, (self.width - w) / 2, self.height - size, self.issuing_body, fonts.BODY, size, RED, 0.9)
        c.setFillColor(INK)
        fonts.draw(c, self.width / 2, 9 * mm, self.doc_number, fonts.BODY, 14, "centre")
        c.setStrokeColor(RED)
        c.setLineWidth(1.6)
        c.line(0, 5 * mm, self.width, 5 * mm)
        c.setLineWidth(0.5)
        c.line(0, 5 * mm - 2.2, self.width, 5 * mm - 2.2)


@dataclass(frozen=True)
class Box:
    """Where a signature (or the seal) sits on the rendered page, in PDF points from the bottom-left corner."""

    role: str
    name: str
    page: int
    x: float
    y: float
    width: float
    height: float


class SignatureBox(Flowable):  # type: ignore[misc]
    """The space for one signature: a line to sign on, or the captured image scaled into the box.

    When drawn it appends its absolute position to `sink`, so a later step can place ink or a stamp exactly there.
    """

    def __init__(self, slot: SignatureSlot, width: float, height: float, sink: list[Box]) -> None:
        super().__init__()
        self.slot, self.width, self.height, self.sink = slot, width, height, sink

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        x0, y0 = c.absolutePosition(0, 0)
        self.sink.append(Box(self.slot.role, self.slot.name, c.getPageNumber(), x0, y0, self.width, self.height))
        c.setStrokeColor(GREY)
        c.setLineWidth(0.6)
        c.line(2, 4, self.width - 2, 4)
        if self.slot.image:
            image = ImageReader(io.BytesIO(self.slot.image))
            iw, ih = image.getSize()
            scale = min((self.width - 6) / iw, (self.height - 6) / ih)
            w, h = iw * scale, ih * scale
            c.drawImage(image, (self.width - w) / 2, 3, w, h, mask="auto")


class SealPlace(Flowable):  # type: ignore[misc]
    """Where the organisation department's seal goes (盖章): a dashed circle over the issuing body and the date."""

    def __init__(self, issuing_body: str, date_text: str, sink: list[Box], diameter: float = 34 * mm) -> None:
        super().__init__()
        self.issuing_body, self.date_text, self.sink, self.diameter = issuing_body, date_text, sink, diameter

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.height = self.diameter + 2 * mm
        return self.width, self.height

    def draw(self) -> None:
        c = self.canv
        d = self.diameter
        cx, cy = self.width - d / 2 - 10 * mm, self.height / 2
        x0, y0 = c.absolutePosition(cx - d / 2, cy - d / 2)
        self.sink.append(Box("seal", self.issuing_body, c.getPageNumber(), x0, y0, d, d))
        c.setStrokeColor(GREY)
        c.setLineWidth(0.6)
        c.setDash(3, 3)
        c.circle(cx, cy, d / 2)
        c.setDash()
        c.setFillColor(GREY)
        c.setFont(fonts.BODY, 10)
        c.drawCentredString(cx, cy + d / 2 - 9 * mm, "（盖章）")
        c.setFillColor(INK)
        # centred on the seal, so it may spread as far left as right: up to the right edge of the text frame
        room = 2 * (self.width - cx)
        size = min(13.0, 13.0 * room / max(fonts.width(self.issuing_body, fonts.BODY, 13), 1.0))
        fonts.draw(c, cx, cy + 2, self.issuing_body, fonts.BODY, size, "centre")
        c.setFont(fonts.BODY, 13)
        c.drawCentredString(cx, cy - 18, self.date_text)
