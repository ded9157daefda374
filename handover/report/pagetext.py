"""The text a reader sees on each page of a PDF, compared with what the database would print: each difference named by
the indicator whose row it stands on (code, name, printed value, stored value).

The renderer is deterministic: the same case, settings, date and audit head give the same pages. So the pages of a file
are compared, piece of text by piece of text at its place, with the pages printed again from the database; what only
the file shows was painted there afterwards (a number over a whited-out value), what only the database prints was
removed or covered by text.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from handover import catalogue as catalogue_mod

#: how far apart (points) two pieces of text may stand and still be on one row of a table
ROW = 3.0
CODE = re.compile(r"(?<![A-Z0-9])([A-Z]{3}\d{2})(?!\d)")  # an indicator code, also right before Chinese text


@dataclass(frozen=True, order=True)
class Piece:
    """A piece of text where it is drawn (page from 1, x and y in points from the page's lower left corner)."""

    page: int
    y: float
    x: float
    text: str


def pieces(pdf: bytes) -> tuple[list[Piece], list[int]]:
    """Every piece of text drawn on the pages, where it starts; and the pages whose content cannot be read."""
    from pypdf import PdfReader

    found: list[Piece] = []
    unreadable: list[int] = []
    for number, page in enumerate(PdfReader(io.BytesIO(pdf)).pages, start=1):

        def visit(text: str, cm: Any, tm: Any, font: Any, size: Any, number: int = number) -> None:
            text = text.strip()
            if text:
                x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
                y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
                found.append(Piece(number, round(y), round(x), text))

        try:
            page.extract_text(visitor_text=visit)
        except Exception:  # noqa: BLE001 - a damaged page is a finding, not a crash
            unreadable.append(number)
    return found, unreadable


def differences(seen: bytes, printed_today: bytes) -> tuple[str, ...]:
    """What the pages of `seen` show differently from `printed_today`, row by row, in plain Chinese."""
    found, unreadable = pieces(seen)
    mine = Counter(p for p in found if p.page not in unreadable)
    today = Counter(p for p in pieces(printed_today)[0] if p.page not in unreadable)
    added, removed = mine - today, today - mine
    out = [f"第 {page} 页的页面内容已损坏，读不出文字" for page in unreadable]
    rows = sorted({(p.page, p.y) for p in (*added, *removed)}, key=lambda r: (r[0], -r[1]))
    done: set[tuple[int, float]] = set()
    for page, y in rows:
        if (page, y) in done:
            continue
        on_row = [(p.page, p.y) for p in (*added, *removed) if p.page == page and abs(p.y - y) <= ROW]
        done.update(on_row)
        extra = sorted(p for p in added if p.page == page and abs(p.y - y) <= ROW)
        gone = sorted(p for p in removed if p.page == page and abs(p.y - y) <= ROW)
        out.append(_row_words(page, _indicator(today, page, y), extra, gone, today))
    return tuple(out)


def _indicator(today: Counter[Piece], page: int, y: float) -> str:
    """'CODE name' of the indicator printed on this row, or '' when the row is not an indicator's."""
    text = "".join(p.text for p in sorted(today, key=lambda p: p.x) if p.page == page and abs(p.y - y) <= ROW)
    indicators = catalogue_mod.load().indicators
    code = CODE.search(text)
    if code:
        named = next((i for i in indicators if i.code == code.group(1)), None)
        if named is not None:
            return f"{named.code} {named.name}"
    flat = re.sub(r"\s+", "", text)
    named_here = [i for i in indicators if re.sub(r"\s+", "", i.name) in flat]
    if not named_here:
        return ""
    best = max(named_here, key=lambda i: len(i.name))
    return f"{best.code} {best.name}"


def _nearest(piece: Piece, among: Counter[Piece]) -> Piece | None:
    row = [p for p in among if p.page == piece.page and abs(p.y - piece.y) <= ROW]
    return min(row, key=lambda p: abs(p.x - piece.x)) if row else None


def _row_words(page: int, indicator: str, extra: list[Piece], gone: list[Piece], today: Counter[Piece]) -> str:
    where = f"第 {page} 页 {indicator}" if indicator else f"第 {page} 页"
    if extra:
        printed = "、".join(f"“{p.text}”" for p in extra)
        stored = [q for q in (_nearest(p, today) for p in extra) if q is not None]
        if gone:
            stored = gone
        stored_words = "、".join(dict.fromkeys(f"“{q.text}”" for q in stored)) or "（此处无内容）"
        return f"{where}：页面上为 {printed}，数据库中为 {stored_words}"
    return f"{where}：数据库中的 {'、'.join(f'“{p.text}”' for p in gone)} 在页面上没有"
