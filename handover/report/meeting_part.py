"""The handover meeting's one page (交接会议用单页): the 40 indicators, their villages and the three signatures on one A4.

The indicators stand in two tables side by side; the villages of each village-list indicator follow in full (the end of
term list and what changed, from which the start list follows); then 离任领导干部, 接任领导干部 and 监交人 sign. The type
starts at 10 pt and steps down to 9 pt (never smaller) until the page holds everything; a case too large even at 9 pt
goes on to a second page rather than losing a line. The fingerprint and QR code come with every page, as elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Spacer, Table

from handover.report import fonts
from handover.report.data import ReportData
from handover.report.flowables import Box, HeavyTitle, SignatureBox
from handover.report.linebreak import Paragraph
from handover.report.sheet_part import CHINESE_NUMERALS, LISTED
from handover.report.styles import BOTTOM, FRAME_WIDTH, PAGE_HEIGHT, RULE, SHADE, TOP, Styles, table_style
from handover.report.words import cn_date, esc, names
from handover.signoff.slots import SignatureSlot
from handover.trend import Trend
from handover.views import ValueView
from handover.words import POINTS

TITLE = "党建工作交接单（交接会议用）"
#: the type sizes tried, largest first; 9 pt is the smallest a signer is asked to read
SIZES = (10.0, 9.5, 9.0)
FRAME_HEIGHT = PAGE_HEIGHT - TOP - BOTTOM
GAP = 6.0
#: the padding left and right in a table cell
PAD = 1.5
SIGNERS = ("outgoing", "incoming", "supervisor")


class _Type:
    """The paragraph styles of one type size."""

    def __init__(self, st: Styles, size: float) -> None:
        leading = size * 1.17
        self.size = size
        self.cell = ParagraphStyle(f"m{size}", parent=st.cell, fontSize=size, leading=leading)
        self.center = ParagraphStyle(f"mc{size}", parent=st.cell_center, fontSize=size, leading=leading)
        self.head = ParagraphStyle(f"mh{size}", parent=st.cell_head, fontSize=size, leading=leading)
        self.area = ParagraphStyle(f"ma{size}", parent=st.cell_area, fontSize=size, leading=leading)
        self.line = ParagraphStyle(f"ml{size}", parent=st.plain, fontSize=size, leading=leading + 1, spaceAfter=0)
        self.title_line = ParagraphStyle(f"mt{size}", parent=self.line, alignment=TA_CENTER)


def _value(v: ValueView, point: str) -> str:
    value = v.start if point == "start" else v.end
    return "未填写" if value is None else value


def _delta(v: ValueView) -> str:
    """The change in a narrow cell: +1, -4.5, or 持平 (the sheet's 变化情况 column says it in words)."""
    if v.change is None:
        return "—"
    if v.trend == Trend.HELD or v.change in ("0", "+0", "-0"):
        return Trend.HELD.value
    return v.change if v.change.startswith("-") else f"+{v.change.lstrip('+')}"


def _value_widths(values: Sequence[ValueView], t: _Type) -> list[float]:
    """Widths of the number, start, end and change columns: wide enough that no value breaks (712.85 on one line)."""
    def fit(texts: list[str], least: float) -> float:
        return float(max([least, *(stringWidth(text, fonts.BODY, t.size) + 2 * PAD + 1 for text in texts)]))

    return [13.0, fit([_value(v, "start") for v in values], 28), fit([_value(v, "end") for v in values], 28),
            fit([_delta(v) for v in values], 28)]  # fmt: skip


def _half(areas: list[tuple[int, str, Sequence[ValueView]]], order: dict[str, int], t: _Type, width: float,
          numbers: list[float]) -> Table:  # fmt: skip
    """One of the two indicator tables: number (its place among the 40), indicator, start, end, change."""
    widths = [numbers[0], width - sum(numbers), *numbers[1:]]
    rows: list[list[object]] = [[Paragraph(h, t.head) for h in ("序号", "指标", POINTS["start"], POINTS["end"], "增减")]]
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.4, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 0.8),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.6),
        ("LEFTPADDING", (0, 0), (-1, -1), PAD),
        ("RIGHTPADDING", (0, 0), (-1, -1), PAD),
    ]
    for number, area, values in areas:
        rows.append([Paragraph(f"{CHINESE_NUMERALS[number]}、{esc(area)}", t.area)] + [""] * 4)
        style += [("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)), ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), SHADE)]
        for v in values:
            name = ("★" if v.key else "") + esc(v.name) + (LISTED if v.lists_villages and not v.na_reason else "")
            first = [Paragraph(str(order[v.code]), t.center), Paragraph(name, t.cell)]
            if v.na_reason:
                rows.append(first + [Paragraph(f"不适用：{esc(v.na_reason)}", t.cell), "", ""])
                style.append(("SPAN", (2, len(rows) - 1), (-1, len(rows) - 1)))
                continue
            rows.append(first + [Paragraph(esc(_value(v, "start")), t.center), Paragraph(esc(_value(v, "end")), t.center),
                                 Paragraph(esc(_delta(v)), t.center)])  # fmt: skip
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(table_style(style))
    return table


def _indicators(data: ReportData, t: _Type) -> Table:
    """The five areas in two tables side by side, split where the taller of the two is lowest."""
    half = (FRAME_WIDTH - GAP) / 2
    order = {v.code: i for i, v in enumerate(data.case.values, start=1)}
    flat = [(number, name, v) for number, (code, name) in enumerate(data.areas) for v in data.values_of(code)]
    numbers = _value_widths([v for _, _, v in flat], t)

    def tables(split: int) -> tuple[Table, Table]:
        continued = "（续）" if 0 < split < len(flat) and flat[split - 1][0] == flat[split][0] else ""
        return (_half(_grouped(flat[:split], ""), order, t, half, numbers),
                _half(_grouped(flat[split:], continued), order, t, half, numbers))  # fmt: skip

    def taller(split: int) -> float:
        return max(float(table.wrap(half, FRAME_HEIGHT * 4)[1]) for table in tables(split))

    middle = (len(flat) + 1) // 2
    left, right = tables(min(range(max(1, middle - 5), min(len(flat), middle + 6)), key=taller, default=len(flat)))
    outer = Table([[left, "", right]], colWidths=[half, GAP, half])
    outer.setStyle(table_style([("VALIGN", (0, 0), (-1, -1), "TOP"), *(
        (side, (0, 0), (-1, -1), 0) for side in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING", "BOTTOMPADDING"))]))
    return outer


def _grouped(items: list[tuple[int, str, ValueView]], continued: str) -> list[tuple[int, str, Sequence[ValueView]]]:
    """Indicators grouped back by area; the first group of the right-hand table says 续 when its area was split."""
    groups: list[tuple[int, str, Sequence[ValueView]]] = []
    for number, name, v in items:
        if groups and groups[-1][0] == number:
            groups[-1] = (number, groups[-1][1], (*groups[-1][2], v))
        else:
            groups.append((number, name + (continued if not groups else ""), (v,)))
    return groups


def _villages(data: ReportData, t: _Type) -> list[Flowable]:
    """Each village-list indicator: the end-of-term list with the villages added during the term marked +, and the
    villages removed in brackets (so the start list follows without printing it again)."""
    lines: list[Flowable] = [Paragraph(f"<b>{LISTED}村（社区）名单</b>：{POINTS['end']}名单，前标“+”的为任期内新增，"
                                       "括号内为任期内减少的", t.line)]  # fmt: skip
    for v in data.case.values:
        if not v.lists_villages or v.na_reason:
            continue
        lines.append(Paragraph(f"{esc(v.code)} {esc(v.name)}：{_village_words(v)}", t.line))
    return lines


def _village_words(v: ValueView) -> str:
    if v.end is None:
        return "未填写"
    if v.start is None:  # nothing to compare with: the end list as it is
        return f"{esc(names(v.villages_end))}（{POINTS['start']}未填写）"
    added = set(v.villages_added)
    listed = "、".join(("+" if name in added else "") + esc(name) for name in v.villages_end) or "无"
    return listed + (f"（减少 {esc(names(v.villages_removed))}）" if v.villages_removed else "")


def _signatures(data: ReportData, t: _Type, sink: list[Box]) -> Table:
    """离任领导干部 | 接任领导干部 | 监交人: the role and name, the space to sign, the date."""
    by_role = {s.role: s for s in data.signatures}
    third = FRAME_WIDTH / 3
    cells = []
    for role in SIGNERS:
        slot = by_role.get(role, SignatureSlot(role))
        cells.append([
            Paragraph(f"{esc(slot.label)}：{esc(slot.name)}" if slot.name else esc(slot.label), t.head),
            SignatureBox(slot, third - 10, 8.5 * mm, sink),
            Paragraph(f"日期：{esc(cn_date(slot.signed_on))}", t.line),
        ])  # fmt: skip
    table = Table([[c[i] for c in cells] for i in range(3)], colWidths=[third] * 3)
    table.setStyle(table_style([
        ("BOX", (0, 0), (-1, -1), 0.8, RULE), ("INNERGRID", (0, 0), (-1, 0), 0.4, RULE),
        ("LINEAFTER", (0, 0), (1, -1), 0.4, RULE), ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("TOPPADDING", (0, 0), (-1, -1), 1), ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
    ]))  # fmt: skip
    return table


def _story(data: ReportData, st: Styles, size: float, sink: list[Box]) -> list[Flowable]:
    t = _Type(st, size)
    s = data.case.summary
    particulars = (f"{esc(s.unit)}　离任 {esc(s.outgoing)}　接任 {esc(s.incoming)}　任期 {_day(s.term_start)}—"
                   f"{_day(s.term_end)}　交接 {_day(s.handover_date)}　{esc(data.doc_number)}")  # fmt: skip
    return [
        HeavyTitle(TITLE, size=14, space_after=1),
        Paragraph(particulars, t.title_line),
        Spacer(1, 1),
        _indicators(data, t),
        Spacer(1, 2),
        *_villages(data, t),
        Spacer(1, 3),
        _signatures(data, t, sink),
    ]


def _day(day: date | None) -> str:
    return f"{day.year}.{day.month}.{day.day}" if day else "未定"


def _height(flowables: list[Flowable]) -> float:
    return float(sum(f.wrap(FRAME_WIDTH, FRAME_HEIGHT * 4)[1] + f.getSpaceBefore() + f.getSpaceAfter() for f in flowables))


def meeting_story(data: ReportData, st: Styles, sink: list[Box]) -> list[Flowable]:
    """The page at the largest type size that fits (see the module's note); the signature boxes report to `sink`."""
    for size in SIZES:
        trial = _story(data, st, size, [])
        if _height(trial) <= FRAME_HEIGHT - 2:
            break
    return _story(data, st, size, sink)
