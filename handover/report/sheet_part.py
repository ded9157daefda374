"""The handover sheet (党建交接单): all 40 indicators by area, the village lists with what changed, and the notes."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Table

from handover.report.blocks import particulars, revision_mark
from handover.report.data import ReportData
from handover.report.flowables import HeavyTitle
from handover.report.linebreak import Paragraph
from handover.report.styles import FRAME_WIDTH, RULE, SHADE, Styles, heading, table_style
from handover.report.words import NOT_ENTERED, change_short, esc, village_lines
from handover.trend import Trend
from handover.views import ValueView
from handover.words import POINTS

TITLE = "党建交接单"
HEAD = ["序号", "指标", "单位", POINTS["start"], POINTS["end"], "变化情况", "趋势"]
WIDTHS = [28, 150, 32, 46, 46, 100, 36]
#: marks an indicator whose villages are listed in part two
LISTED = "▲"
CHINESE_NUMERALS = "一二三四五六七八九十"


def _unit(v: ValueView) -> str:
    return v.unit_label or "等次"


def indicator_table(data: ReportData, st: Styles) -> Table:
    rows: list[list[object]] = [[Paragraph(h, st.cell_head) for h in HEAD]]
    style: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    number = 0
    for a, (code, area_name) in enumerate(data.areas):
        values = data.values_of(code)
        rows.append([Paragraph(f"{CHINESE_NUMERALS[a]}、{esc(area_name)}（{len(values)}项）", st.cell_area)] + [""] * 6)
        style += [
            ("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
            ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), SHADE),
        ]
        for v in values:
            number += 1
            name = ("★" if v.key else "") + esc(v.name) + (LISTED if v.lists_villages and not v.na_reason else "")
            first = [
                Paragraph(str(number), st.cell_center),
                Paragraph(name, st.cell),
                Paragraph(esc(_unit(v)), st.cell_center),
            ]
            if v.na_reason:
                rows.append(first + [Paragraph(f"不适用：{esc(v.na_reason)}", st.cell), "", "", ""])
                style.append(("SPAN", (3, len(rows) - 1), (-1, len(rows) - 1)))
                continue
            rows.append(
                first
                + [
                    Paragraph(esc(v.start if v.start is not None else NOT_ENTERED), st.cell_center),
                    Paragraph(esc(v.end if v.end is not None else NOT_ENTERED), st.cell_center),
                    Paragraph(esc(change_short(v) or "—"), st.cell_center),
                    Paragraph(esc(v.trend or "—"), st.cell_center),
                ]
            )
    widths = list(WIDTHS)
    widths[1] += FRAME_WIDTH - sum(widths)
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(table_style(style))
    return table


def village_lists(data: ReportData, st: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    listed = [v for v in data.case.values if v.lists_villages]
    for v in listed:
        title = Paragraph(f"{esc(v.code)}　{esc(v.name)}", st.h2)
        if v.na_reason:
            story.append(KeepTogether([title, Paragraph(f"不适用：{esc(v.na_reason)}", st.list)]))
            continue
        # one indicator's lists stay together: no page starts with the tail of the list before it
        story.append(KeepTogether([title, *(Paragraph(esc(line), st.list) for line in village_lines(v))]))
    return story


def notes(data: ReportData, st: Styles) -> list[Flowable]:
    noted = [v for v in data.case.values if v.note]
    if not noted:
        return [Paragraph("无。", st.body)]
    story: list[Flowable] = []
    for v in noted:
        for i, para in enumerate(p for p in v.note.splitlines() if p.strip()):  # type: ignore[union-attr]
            prefix = f"{esc(v.code)} {esc(v.name)}：" if i == 0 else ""
            story.append(Paragraph(prefix + esc(para.strip()), st.list))
    return story


def sheet_story(data: ReportData, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [
        HeavyTitle(TITLE),
        *revision_mark(data, st),
        particulars(data, st, with_panel=False),
        *heading(f"一、指标交接明细（{len(data.areas)}个方面{len(data.case.values)}项）", st.h1),
        Paragraph(
            f"★为评审报告重点指标；{LISTED}列有村（社区）名单，见第二部分。趋势按指标方向判断："
            f"{Trend.IMPROVED}、{Trend.HELD}、{Trend.DECLINED}；“{Trend.CHANGED}”表示该指标无优劣之分。",
            st.lead,
        ),
        indicator_table(data, st),
        *heading("二、村（社区）名单", st.h1),
        Paragraph("届初、届末名单及其增减，供接任书记安排走访（哪个村后进，先到哪个村去）。", st.lead),
    ]
    # the short notes go to a new page together with the last list, never alone on a near-empty last page
    lists = village_lists(data, st)
    story += [*lists[:-1], KeepTogether([*lists[-1:], Paragraph("三、备注", st.h1), *notes(data, st)])]
    return story
