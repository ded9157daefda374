"""Chinese line breaking (禁则) for the report's paragraphs: no line starts with 、，。；：）” and none ends with （“《.

reportlab's own CJK wrap (wordWrap="CJK") knows only some of these marks (not ，；：！？” among others) and, when it does,
lets the mark hang past the right margin. Here the break moves back instead: the last character of the line goes
down with the mark, so nothing passes the margin. Runs of Latin letters and digits (86.5, 2026) stay whole where
they can. Every report paragraph uses `Paragraph` from this module (a test checks it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START, getCharWidths
from reportlab.platypus import Paragraph as _ReportlabParagraph
from reportlab.platypus.paragraph import ParaLines, _handleBulletWidth, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

from handover.report import fonts

#: may not begin a line: closing brackets and quotes, pause and stop marks, percent signs
#: (ASCII quotes open and close alike, so they get no rule)
NO_START = frozenset("、，。；：？！）》」』】〕〉〗”’…—%％‰·,.;:?!)]}" + ALL_CANNOT_START) - {'"', "'"}
#: may not end a line: opening brackets and quotes
NO_END = frozenset("（《「『【〔〈〖“‘([{" + ALL_CANNOT_END) - {'"', "'"}
#: pairs that are one mark and are never split: —— and ……
NO_SPLIT_PAIRS = frozenset("—…")


def _is_word(ch: str) -> bool:
    return len(ch) == 1 and ch.isascii() and (ch.isalnum() or ch == ".")


def may_break(chars: Sequence[str], b: int, *, words: bool = True) -> bool:
    """May a line end before chars[b]?"""
    before, after = chars[b - 1], chars[b]
    if after in NO_START or before in NO_END:
        return False
    if before == after and after in NO_SPLIT_PAIRS:
        return False
    return not (words and _is_word(before) and _is_word(after))


def choose_break(chars: Sequence[str], start: int, overflow: int) -> int:
    """Where to end a line that runs from `start` and overflows at `overflow` (the first character that does not fit).

    First choice: the latest point obeying 禁则 that does not split a Latin word or number, at most half a line back;
    then the latest point obeying 禁则 alone; failing both (a line of nothing but closing marks), the overflow point.
    """
    for b in range(overflow, max(start + 1, (start + overflow) // 2) - 1, -1):
        if may_break(chars, b):
            return b
    for b in range(overflow, start, -1):
        if may_break(chars, b, words=False):
            return b
    return overflow


def split_lines(
    chars: Sequence[str],
    width: Callable[[int, float], float],
    max_widths: Sequence[float],
    forced: Callable[[int], bool],
) -> list[tuple[int, int, float, bool]]:
    """Greedy line filling with 禁则: (start, end, extra space, forced break) for each line of `chars`."""
    lines: list[tuple[int, int, float, bool]] = []
    start = i = 0
    used = 0.0
    max_width = max_widths[0]
    while i < len(chars):
        w = width(i, max_width)
        if forced(i):
            lines.append((start, i + 1, max_width - used - w, True))
        elif used + w > max_width + _FUZZ and i > start:
            end = choose_break(chars, start, i)
            line_width = sum(width(k, max_width) for k in range(start, end))
            lines.append((start, end, max_width - line_width, False))
            i = end
        else:
            used += w
            i += 1
            continue
        start = i = lines[-1][1]
        used = 0.0
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
    if start < len(chars):
        lines.append((start, len(chars), max_width - used, False))
    return lines


class CJKParagraph(_ReportlabParagraph):  # type: ignore[misc]
    """reportlab's Paragraph with Chinese line breaking rules for styles with wordWrap="CJK", and no missing glyph: a
    character its font lacks is set in the first bundled font that has it (fonts.runs)."""

    def _setup(self, *args: Any) -> None:
        super()._setup(*args)
        self.frags: Any = _with_fallback(self.frags)

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # noqa: N802 - reportlab's name
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        frags = self.frags
        if not frags:
            return ParaLines(kind=0, fontSize=style.fontSize, fontName=style.fontName, textColor=style.textColor,
                             lines=[], ascent=style.fontSize, descent=-0.2 * style.fontSize)  # fmt: skip
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara if len(frags) > 1 or hasattr(frags[0], "cbDefn") or style.endDots else \
                frags[0].clone(kind=0, lines=self.blPara.lines)  # fmt: skip
        if len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not style.endDots:
            return self._single_frag_lines(frags[0], maxWidths)
        autoleading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return _frag_lines(frags, maxWidths, autoleading not in ("", "off"))

    @staticmethod
    def _single_frag_lines(frag: Any, max_widths: Sequence[float]) -> Any:
        text = frag.text if hasattr(frag, "text") else "".join(getattr(frag, "words", []))
        widths = getCharWidths(text, frag.fontName, frag.fontSize)
        lines = split_lines(text, lambda k, _m: widths[k], max_widths, lambda _k: False)
        wrapped = [(extra, [text[s:e].strip()]) for s, e, extra, _ in lines]
        return frag.clone(kind=0, lines=wrapped, ascent=frag.fontSize, descent=-0.2 * frag.fontSize)


#: what the report modules import; typed Any like the rest of reportlab, so it mixes with its flowables in tables
Paragraph: Any = CJKParagraph


def _with_fallback(frags: Sequence[Any]) -> list[Any]:
    """Each text fragment cut where a character needs another font than the fragment's (like <font name=…> markup)."""
    out: list[Any] = []
    for f in frags:
        text = getattr(f, "text", None)
        if not isinstance(text, str) or not text or hasattr(f, "cbDefn"):
            out.append(f)
            continue
        pieces = fonts.runs(text, f.fontName)
        if len(pieces) == 1 and pieces[0] == (f.fontName, text):
            out.append(f)
        else:
            out.extend(f.clone(text=run, fontName=name) for name, run in pieces)
    return out


def _frag_lines(frags: Sequence[Any], max_widths: Sequence[float], calc_bounds: bool) -> Any:
    """reportlab's cjkFragSplit (one glyph at a time over several fragments) with our break rule."""
    glyphs: list[Any] = []
    for f in frags:
        text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
        glyphs.extend([cjkU(t, f, "utf8") for t in text] if text else [cjkU(text, f, "utf8")])

    def width(k: int, max_width: float) -> float:
        w = glyphs[k].width
        if hasattr(w, "normalizedValue"):
            w._normalizer = max_width
            w = w.normalizedValue(max_width)
        return float(w)

    lines = split_lines(glyphs, width, max_widths, lambda k: hasattr(glyphs[k].frag, "lineBreak"))
    para_lines = []
    for n, (s, e, extra, forced) in enumerate(lines):
        max_width = max_widths[min(n, len(max_widths) - 1)]
        para_lines.append(makeCJKParaLine(glyphs[s:e], max_width, max_width - extra, extra, forced, calc_bounds))
    return ParaLines(kind=1, lines=para_lines)
