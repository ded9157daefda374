"""The TrueType fonts shipped in resources/fonts/, registered with reportlab once per process (embedded as subsets)."""

from __future__ import annotations

import threading
from pathlib import Path

from handover.paths import resources_dir

#: Song (宋体/明体) style for the body of an official document
BODY = "HandoverSong"
#: Hei (黑体) style for headings
HEADING = "HandoverHei"

FILES = {BODY: "uming-cn.ttf", HEADING: "wqy-microhei.ttf"}

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
