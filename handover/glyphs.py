"""Which bundled font draws which character: no character of a printed document may come out as a box.

The body face (AR PL UMing) covers about 89.5 % of GBK and some rarer characters (𠀾); WenQuanYi Micro Hei covers all of
GBK. A character is drawn by the first font in `FALLBACK` that has it; one that no bundled font has cannot be printed,
and the program refuses it when it is entered (`unprintable`, used by value_rules), naming it.
"""

from __future__ import annotations

import threading
import unicodedata
from functools import cache
from pathlib import Path

from handover.paths import resources_dir

#: the bundled TrueType fonts, in the order they are tried for a character the style's own font lacks
FALLBACK = ("uming-cn.ttf", "wqy-microhei.ttf")

_lock = threading.Lock()


def font_file(name: str) -> Path:
    return resources_dir() / "fonts" / name


@cache
def coverage(name: str) -> frozenset[int]:
    """The code points the font's character map has (read once per process with fontTools: only the cmap table)."""
    from fontTools.ttLib import TTFont

    with _lock:
        font = TTFont(str(font_file(name)), lazy=True)
        try:
            return frozenset(font.getBestCmap())
        finally:
            font.close()


def needs_no_glyph(ch: str) -> bool:
    """White space and the variation selectors that choose a form of the character before them (葛 + U+E0100): they
    are left out when printing, the character itself is drawn."""
    return ch.isspace() or "VARIATION SELECTOR" in unicodedata.name(ch, "")


def font_for(ch: str, first: str | None = None) -> str | None:
    """The bundled font file that draws `ch`: `first` when it has it, else the first of FALLBACK; None when none does."""
    code = ord(ch)
    for name in (first, *FALLBACK) if first else FALLBACK:
        if name is not None and code in coverage(name):
            return name
    return None


def unprintable(text: str) -> list[str]:
    """The characters of `text` that no bundled font can draw, each once, in order."""
    return [ch for ch in dict.fromkeys(text) if not needs_no_glyph(ch) and font_for(ch) is None]
