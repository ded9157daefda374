"""How values, changes and dates are written on paper (shared by the report, the sheet and the draw record)."""

from __future__ import annotations

import re
from datetime import date
from xml.sax.saxutils import escape

from handover.trend import Trend
from handover.views import ValueView
from handover.words import PARTY_BODIES, POINTS

#: what a document prints for anything not entered: never a 0, a "—" or an empty list for it
NOT_ENTERED = "未填写"


def esc(text: str | None) -> str:
    """Text made safe for a reportlab Paragraph (which reads a little XML), its quotation marks full width."""
    return escape(full_width_quotes(text or ""))


_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef\U00020000-\U0003ffff]")


def full_width_quotes(text: str) -> str:
    """Straight ASCII quotes in Chinese text as the full-width marks a Chinese document uses: "大赶考" → “大赶考”, and
    '…' → ‘…’ where a single quote stands next to a Chinese character (an English apostrophe stays)."""
    if not _CJK.search(text):
        return text
    out: list[str] = []
    double = single = False
    for i, ch in enumerate(text):
        if ch == '"':
            out.append("”" if double else "“")
            double = not double
        elif ch == "'" and any(_CJK.match(c) for c in text[max(i - 1, 0) : i + 2].replace("'", "")):
            out.append("’" if single else "‘")
            single = not single
        else:
            out.append(ch)
    return "".join(out)


#: a date left blank for ink; no-break spaces, which a Paragraph does not collapse as it does ordinary and ideographic ones
BLANK_DATE = "\u00a0" * 6 + "年" + "\u00a0" * 4 + "月" + "\u00a0" * 4 + "日"


def cn_date(value: date | None, blank: str = BLANK_DATE) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if value else blank


def with_unit(v: ValueView, value: str | None) -> str:
    """A value as said in a sentence: 第2位, 97%, 8.6万元, “好”, 46.8岁, 3个; 未填写 when not entered."""
    if value is None:
        return NOT_ENTERED
    if v.kind == "rank":
        return f"第{value}位"
    if v.kind == "grade":
        return f"“{value}”"
    return f"{value}{v.unit_label}"


_PAREN = re.compile(r"（([^（）]*)）$")


def change_short(v: ValueView) -> str:
    """The change for a table cell: the part of the words in brackets (增加1个, 上升1位, 提高10.5个百分点) or 持平."""
    if not v.change_words:
        return ""
    if v.trend == Trend.HELD:
        return Trend.HELD.value
    found = _PAREN.search(v.change_words)
    return found.group(1) if found else v.change_words


def key_sentence(v: ValueView) -> str:
    """One key indicator in a plain sentence, in the seed's words: 五星级村党组织数从2个增至3个（增加1个），趋势为“提升”。"""
    if v.na_reason:
        return f"{v.name}：不适用（{v.na_reason}）。"
    if not v.change_words:
        return f"{v.name}：尚未填写完整（{POINTS['start']} {with_unit(v, v.start)}，{POINTS['end']} {with_unit(v, v.end)}）。"
    if v.trend == Trend.HELD:
        if v.change_words == Trend.HELD:
            return f"{v.name}{Trend.HELD}（{POINTS['start']}、{POINTS['end']}均为{with_unit(v, v.end)}）。"
        return f"{v.name}{v.change_words}。"
    return f"{v.name}{v.change_words}，趋势为“{v.trend}”。"


def unit_heading(unit: str, unit_type: str) -> str:
    return f"{unit}{PARTY_BODIES.get(unit_type, '党组织')}书记"


def term_words(start: date, end: date) -> str:
    return f"{cn_date(start)}至{cn_date(end)}"


def names(items: tuple[str, ...] | list[str]) -> str:
    return "、".join(items) if items else "无"


def village_lines(v: ValueView) -> list[str]:
    """A village list indicator's lines: 届初（2个）：甲村、乙村 for a point entered (无 for an entered empty list), 届初：
    未填写 for a point not entered (its value is None: never "（0个）：无" for it), and the change once both are entered."""
    out = []
    for point, value, listed in (("start", v.start, v.villages_start), ("end", v.end, v.villages_end)):
        entered = f"（{len(listed)}个）：{names(listed)}"
        out.append(f"{POINTS[point]}{entered if value is not None else '：' + NOT_ENTERED}")
    if v.start is not None and v.end is not None:
        out.append(f"新增：{names(v.villages_added)}；减少：{names(v.villages_removed)}")
    return out


def cn_count(n: int) -> str:
    """七 for 7: small counts in running text are written in Chinese numerals."""
    return "一二三四五六七八九十"[n - 1] if 1 <= n <= 10 else str(n)
