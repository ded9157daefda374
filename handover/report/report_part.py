"""The departure review report (党建绩效离任评审报告): particulars, the seven key indicators, the chart, the evaluation."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, Spacer, Table

from handover.report.blocks import panel_words, particulars, revision_mark
from handover.report.chart import area_chart, area_counts
from handover.report.data import ReportData
from handover.report.flowables import HeavyTitle
from handover.report.linebreak import Paragraph
from handover.report.styles import FRAME_WIDTH, RULE, SHADE, Styles, heading, table_style
from handover.report.words import (
    NOT_ENTERED,
    change_short,
    cn_count,
    cn_date,
    esc,
    key_sentence,
    unit_heading,
    with_unit,
)
from handover.words import POINTS

TITLE = "党建绩效离任评审报告"


def key_table(data: ReportData, st: Styles) -> Table:
    head = ["重点指标", POINTS["start"], POINTS["end"], "变化情况", "趋势"]
    rows: list[list[object]] = [[Paragraph(h, st.cell_head) for h in head]]
    for v in data.case.values:
        if not v.key:
            continue
        if v.na_reason:
            rows.append(
                [Paragraph(esc(v.name), st.cell), Paragraph(f"不适用：{esc(v.na_reason)}", st.cell), "", "", ""]
            )
            continue
        rows.append(
            [
                Paragraph(esc(v.name), st.cell),
                Paragraph(esc(with_unit(v, v.start)), st.cell_center),
                Paragraph(esc(with_unit(v, v.end)), st.cell_center),
                Paragraph(esc(change_short(v) or "—"), st.cell_center),
                Paragraph(esc(v.trend or "—"), st.cell_center),
            ]
        )
    widths = [150, 62, 62, 118, 50]
    widths[3] += FRAME_WIDTH - sum(widths)
    table = Table(rows, colWidths=widths, repeatRows=1)
    style = [
        ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("BACKGROUND", (0, 0), (-1, 0), SHADE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        # where the table must split (the GB/T 9704 layout), neither page is left with a row or two alone
        ("NOSPLIT", (0, 0), (-1, min(2, len(rows) - 1))),
        ("NOSPLIT", (0, max(len(rows) - 3, 0)), (-1, -1)),
    ]
    for i, row in enumerate(rows):
        if len(row) == 5 and row[2] == "":
            style.append(("SPAN", (1, i), (4, i)))
    table.setStyle(table_style(style))
    return table


def report_story(data: ReportData, st: Styles) -> list[Flowable]:
    s = data.case.summary
    story: list[Flowable] = [
        HeavyTitle(TITLE),
        *revision_mark(data, st),
        Paragraph(f"（{esc(unit_heading(s.unit, s.unit_type))}{esc(s.outgoing)}同志离任）", st.subtitle),
        particulars(data, st, with_panel=True),
        *heading("一、重点指标变化情况", st.h1),
        Paragraph(f"{cn_count(sum(v.key for v in data.case.values))}项重点指标届初、届末情况及变化如下：", st.body),
    ]
    # kept whole on a page; in the larger GB/T 9704 type it splits (its head repeated) rather than leave half a page empty
    table = key_table(data, st)
    story += [table if st.layout == "gbt9704" else KeepTogether(table), Spacer(1, 2 * mm)]
    keys = [v for v in data.case.values if v.key]
    for i, v in enumerate(keys, start=1):
        story.append(Paragraph(f"{i}. {esc(key_sentence(v))}", st.item))

    counts = area_counts(data)
    improved, held, declined = (sum(getattr(c, k) for c in counts) for k in ("improved", "held", "declined"))
    total = len(data.case.values)
    other = total - improved - held - declined
    summary = f"交接单五个方面{total}项指标中，提升{improved}项，持平{held}项，下降{declined}项"
    summary += f"，其余{other}项为无优劣方向的变化、不适用或未填写。" if other else "。"
    story += [
        *heading("二、五个方面指标变化概况", st.h1, 85 * mm),
        Paragraph(esc(summary), st.body),
        area_chart(data, FRAME_WIDTH),
        Paragraph("各方面指标明细见《党建交接单》。", st.note),
        *heading("三、总体评价", st.h1),
        Paragraph(f"评价等次：{esc(data.case.evaluation_grade or NOT_ENTERED)}", st.label),
    ]
    comment = data.case.evaluation_comment or f"文字评语：{NOT_ENTERED}"
    for para in comment.splitlines() or [comment]:
        if para.strip():
            story.append(Paragraph(esc(para.strip()), st.body))
    story += [
        *heading("四、评审小组", st.h1),
        Paragraph(esc(panel_words(data)), st.body),
        Spacer(1, 4 * mm),
        KeepTogether(
            [Paragraph(esc(data.issuing_body), st.closing), Paragraph(esc(cn_date(data.document_date)), st.closing)]
        ),
    ]
    return story
