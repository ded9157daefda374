"""Handwritten signatures as captured: vector strokes from a signature pad, or a PNG image; checked, and rendered for a PDF.

Strokes JSON (what the GUI's pad and `handover sign --strokes FILE.json` give):

    {"width": 400, "height": 150, "strokes": [[[x, y], [x, y], ...], ...]}

in pad pixels with y pointing down; a point may carry a third number (pen pressure 0..1), which is kept but not needed.
"""

from __future__ import annotations

import io
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


#: ink colour of a rendered signature: the dark blue-black of a gel pen
INK = (20, 30, 90, 255)


def render_png(strokes: Strokes, width: float, height: float, *, dpi: int = 600, pen_mm: float = 0.6) -> bytes:
    """The strokes as a transparent PNG for a box of width × height PDF points, fitted with their proportions kept.

    600 dpi and a 0.6 mm pen keep the line solid when printed at 300 dpi; drawn at twice the size and scaled down so
    the edges are smooth.
    """
    from PIL import Image, ImageDraw

    factor = 2
    px_w = max(1, round(width / 72 * dpi))
    px_h = max(1, round(height / 72 * dpi))
    pen = max(1, round(pen_mm / 25.4 * dpi * factor))
    x0, y0, x1, y1 = strokes.bounds
    w, h = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    margin = pen
    scale = min((px_w * factor - 2 * margin) / w, (px_h * factor - 2 * margin) / h)
    ox = (px_w * factor - w * scale) / 2
    oy = (px_h * factor - h * scale) / 2
    image = Image.new("RGBA", (px_w * factor, px_h * factor), (255, 255, 255, 0))
    pen_down = ImageDraw.Draw(image)
    for stroke in strokes.strokes:
        points = [(ox + (px - x0) * scale, oy + (py - y0) * scale) for px, py in stroke]
        if len(points) > 1:
            pen_down.line(points, fill=INK, width=pen, joint="curve")
        for cx, cy in (points[0], points[-1]):  # round caps
            pen_down.ellipse((cx - pen / 2, cy - pen / 2, cx + pen / 2, cy + pen / 2), fill=INK)
    image = image.resize((px_w, px_h), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
