"""Handwritten signatures as captured: vector strokes from a signature pad, or a PNG image; checked, and drawn into a PDF.

Strokes JSON (what the GUI's pad and `handover sign --strokes FILE.json` give):

    {"width": 400, "height": 150, "strokes": [[[x, y], [x, y], ...], ...]}

in pad pixels with y pointing down; a point may carry a third number (pen pressure 0..1), which is kept but not needed.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from handover.errors import Refused

MAX_POINTS = 20_000
MAX_IMAGE = 2 * 1024 * 1024
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"

Point = tuple[float, float]


@dataclass(frozen=True)
class Strokes:
    """A signature drawn on a pad of width × height; each stroke is the points of one pen-down … pen-up."""

    width: float
    height: float
    strokes: tuple[tuple[Point, ...], ...]

    def to_json(self) -> str:
        return json.dumps(
            {"width": self.width, "height": self.height, "strokes": [[list(p) for p in s] for s in self.strokes]},
            separators=(",", ":"),
        )

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        xs = [p[0] for s in self.strokes for p in s]
        ys = [p[1] for s in self.strokes for p in s]
        return min(xs), min(ys), max(xs), max(ys)


def _number(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
        raise Refused(f"签名笔迹数据有误：{what} 应为数字，收到 {value!r}")
    return float(value)


def parse_strokes(text: str | bytes) -> Strokes:
    """Check a strokes JSON document; a refusal says what is wrong in it."""
    try:
        data = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise Refused(f"签名笔迹文件不是有效的 JSON：{exc}") from None
    if not isinstance(data, dict) or not isinstance(data.get("strokes"), list):
        raise Refused('签名笔迹文件应为 {"width": 宽, "height": 高, "strokes": [[[x, y], ...], ...]}')
    width = _number(data.get("width"), "width")
    height = _number(data.get("height"), "height")
    if width <= 0 or height <= 0:
        raise Refused("签名笔迹数据有误：画板的宽和高必须大于0")
    strokes = []
    total = 0
    for i, stroke in enumerate(data["strokes"], start=1):
        if not isinstance(stroke, list) or not stroke:
            raise Refused(f"签名笔迹数据有误：第 {i} 笔没有点")
        points = []
        for point in stroke:
            if not isinstance(point, list) or len(point) not in (2, 3):
                raise Refused(f"签名笔迹数据有误：第 {i} 笔的点应为 [x, y]，收到 {point!r}")
            x, y = _number(point[0], "x"), _number(point[1], "y")
            if not (0 <= x <= width and 0 <= y <= height):
                raise Refused(f"签名笔迹数据有误：第 {i} 笔的点 ({x:g}, {y:g}) 超出画板 {width:g}×{height:g}")
            points.append((x, y))
        total += len(points)
        strokes.append(tuple(points))
    if not strokes:
        raise Refused("签名是空的：请先在签名板上签字")
    if total > MAX_POINTS:
        raise Refused(f"签名笔迹点数过多（{total}，上限 {MAX_POINTS}）")
    return Strokes(width, height, tuple(strokes))


def check_png(content: bytes) -> bytes:
    if not content.startswith(PNG_MAGIC):
        raise Refused("签名图片应为 PNG 格式")
    if len(content) > MAX_IMAGE:
        raise Refused(f"签名图片过大（{len(content) // 1024} KB，上限 {MAX_IMAGE // 1024} KB）")
    return content


@dataclass(frozen=True)
class Ink:
    """What a signer left: strokes, an image, or nothing (signed in ink on paper)."""

    strokes: Strokes | None = None
    png: bytes | None = None


def draw(canvas: Any, ink: Ink, x: float, y: float, width: float, height: float) -> bool:
    """Draw the signature into the box (PDF points, origin bottom-left) keeping its proportions; False when no ink."""
    if ink.strokes is not None:
        _draw_strokes(canvas, ink.strokes, x, y, width, height)
        return True
    if ink.png is not None:
        from io import BytesIO

        from reportlab.lib.utils import ImageReader

        image = ImageReader(BytesIO(ink.png))
        iw, ih = image.getSize()
        scale = min(width / iw, height / ih)
        canvas.drawImage(image, x + (width - iw * scale) / 2, y + (height - ih * scale) / 2, iw * scale, ih * scale,
                         mask="auto")  # fmt: skip
        return True
    return False


def _draw_strokes(canvas: Any, strokes: Strokes, x: float, y: float, width: float, height: float) -> None:
    # fit the written part (not the whole pad) into the box, so a small signature in a corner still fills it
    x0, y0, x1, y1 = strokes.bounds
    w, h = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    scale = min(width / w, height / h)
    ox = x + (width - w * scale) / 2
    oy = y + (height - h * scale) / 2
    canvas.saveState()
    canvas.setStrokeColorRGB(0.05, 0.1, 0.35)
    canvas.setLineWidth(max(0.9, min(1.6, 1.2 * scale)))
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    for stroke in strokes.strokes:
        points = [(ox + (px - x0) * scale, oy + (y1 - py) * scale) for px, py in stroke]
        if len(points) == 1:
            cx, cy = points[0]
            canvas.circle(cx, cy, 0.6, stroke=0, fill=1)
            continue
        path = canvas.beginPath()
        path.moveTo(*points[0])
        for point in points[1:]:
            path.lineTo(*point)
        canvas.drawPath(path, stroke=1, fill=0)
    canvas.restoreState()
