"""The TrueType fonts shipped in resources/fonts/, registered with reportlab once per process (embedded as subsets)."""

from __future__ import annotations

import glob
import logging
import os
import threading
from functools import cache
from pathlib import Path
from typing import Any

from handover.glyphs import needs_no_glyph
from handover.paths import resources_dir

#: Song (宋体/明体) style for the body of an official document
BODY = "HandoverSong"
#: Hei (黑体) style for headings
HEADING = "HandoverHei"

FILES = {BODY: "uming-cn.ttf", HEADING: "wqy-microhei.ttf"}

log = logging.getLogger(__name__)
_lock = threading.Lock()
_registered = False


def font_path(name: str) -> Path:
    return resources_dir() / "fonts" / FILES[name]


def register() -> None:
    """Register both fonts with reportlab (idempotent, thread-safe). Never the built-in STSong-Light: it is not embedded."""
    global _registered
    if _registered:
        return
    with _lock:
        if _registered:
            return
        from reportlab.lib.fonts import addMapping
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont

        for name in FILES:
            pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
            # neither face has bold or italic: map them to the regular face so <b> in a paragraph cannot fall back
            # to a non-embedded standard font
            for bold in (0, 1):
                for italic in (0, 1):
                    addMapping(name, bold, italic, name)
        _registered = True


#: the fonts tried, in order, for a character the chosen font lacks (handover.glyphs.FALLBACK, as reportlab names)
FALLBACK = (BODY, HEADING)

#: 仿宋 for the body of the GB/T 9704 layout: the system's own (Windows office PCs have SimFang), never shipped
FANGSONG = "HandoverFangSong"
#: where a FangSong TrueType font is looked for, in order (glob patterns; the first file found is used)
FANGSONG_PATHS = [
    os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts", "simfang.ttf"),
    os.path.join(os.environ.get("LOCALAPPDATA", ""), "Microsoft", "Windows", "Fonts", "simfang.ttf"),
    "/usr/share/fonts/**/simfang.ttf",
    "/usr/share/fonts/**/SIMFANG.TTF",
    "/usr/local/share/fonts/**/simfang.ttf",
    os.path.expanduser("~/.fonts/simfang.ttf"),
    os.path.expanduser("~/.local/share/fonts/simfang.ttf"),
    "/Library/Fonts/simfang.ttf",
]


def fangsong_file() -> Path | None:
    """The first FangSong font file found on this computer (FANGSONG_PATHS), or None."""
    for pattern in FANGSONG_PATHS:
        for found in sorted(glob.glob(pattern, recursive=True)):
            if os.path.isfile(found):
                return Path(found)
    return None


@cache
def fangsong() -> str | None:
    """The reportlab name of the system's FangSong, registered (embedded as a subset like the others), or None when
    this computer has none: the GB/T 9704 layout then uses the bundled Song."""
    found = fangsong_file()
    if found is None:
        return None
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    register()
    try:
        pdfmetrics.registerFont(TTFont(FANGSONG, str(found)))
        from reportlab.lib.fonts import addMapping

        for bold in (0, 1):
            for italic in (0, 1):
                addMapping(FANGSONG, bold, italic, FANGSONG)
    except (TTFError, OSError) as exc:
        log.warning("FangSong font %s cannot be used: %s", found, exc)
        return None
    _cmaps.pop(FANGSONG, None)
    return FANGSONG


def body_font(layout: str) -> str:
    """The body font of a layout: 仿宋 for GB/T 9704 when the computer has it, else the bundled Song."""
    return (fangsong() or BODY) if layout == "gbt9704" else BODY


_cmaps: dict[str, Any] = {}


def _cmap(font: str) -> Any:
    """The font's character map (code point → glyph), or None for a font that is not one of our TrueType fonts."""
    found = _cmaps.get(font)
    if found is None:
        from reportlab.pdfbase import pdfmetrics

        found = _cmaps[font] = getattr(pdfmetrics.getFont(font).face, "charToGlyph", None)
    return found


def _has(font: str, ch: str) -> bool:
    return ord(ch) in _cmap(font)


def runs(text: str, font: str) -> list[tuple[str, str]]:
    """`text` cut into (font, run) pieces so that every character is drawn by a font that has it: `font` where it can,
    else the first bundled font that has the character. Variation selectors are left out (no font draws them); a
    character no font has stays with `font` (entry refuses those, see handover.glyphs)."""
    register()
    cmap = _cmap(font)
    if cmap is None or all(ord(ch) in cmap for ch in text):
        return [(font, text)]
    out: list[tuple[str, str]] = []
    for ch in text:
        if needs_no_glyph(ch) and not ch.isspace():
            continue
        use = font if ch.isspace() or _has(font, ch) else next((f for f in FALLBACK if _has(f, ch)), font)
        if out and out[-1][0] == use:
            out[-1] = (use, out[-1][1] + ch)
        else:
            out.append((use, ch))
    return out


def width(text: str, font: str, size: float) -> float:
    """The width of `text` as `draw` sets it, each run in its own font."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(sum(stringWidth(run, name, size) for name, run in runs(text, font)))


def draw(canvas: Any, x: float, y: float, text: str, font: str, size: float, anchor: str = "left") -> None:
    """canvas.drawString with the per-character fallback; `anchor` "left", "centre" or "right" as drawCentredString
    and drawRightString place the text."""
    shift = {"left": 0.0, "centre": 0.5, "right": 1.0}[anchor] * width(text, font, size)
    t = canvas.beginText(x - shift, y)
    for name, run in runs(text, font):
        t.setFont(name, size)
        t.textOut(run)
    canvas.drawText(t)
    canvas.setFont(font, size)  # as after drawString: the canvas is left in the font it was asked for
