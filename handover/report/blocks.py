"""Pieces shared by several parts: the case particulars table, the words for the panel, the revision mark."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table

from handover.report.data import ReportData
from handover.report.linebreak import Paragraph
from handover.report.styles import FRAME_WIDTH, RULE, SHADE, Styles, table_style
from handover.report.words import NOT_ENTERED, cn_date, esc, term_words
from handover.words import PANEL_PLACES, UNIT_TYPES

LABEL_WIDTH = 30 * mm
NO_PANEL = "尚未抽签组建评审小组（生成本文件时没有抽签记录）"


def panel_words(data: ReportData) -> str:
    panel = data.panel
    if panel is None:
        return NO_PANEL
    leader = panel.leader
    members = "、".join(m.name for m in panel.ordinary) or "无"
    return f"{PANEL_PLACES['leader']}：{leader.name if leader else '未定'}；{PANEL_PLACES['member']}：{members}（抽签编号 {panel.draw_id}）"


def particulars(data: ReportData, st: Styles, *, with_panel: bool) -> Flowable:
    """单位、离任/接任书记、任期、交接日期 (and the panel) as a two-column ruled table."""
    s = data.case.summary
    rows = [
        ("单　　位", f"{s.unit}（{UNIT_TYPES.get(s.unit_type, s.unit_type)}）"),
        ("离任书记", s.outgoing),
        ("接任书记", s.incoming),
        ("任　　期", term_words(s.term_start, s.term_end)),
        ("交接日期", cn_date(s.handover_date, NOT_ENTERED)),
    ]
    if with_panel:
        rows.append(("评审小组", panel_words(data)))
    table = Table(
        [[Paragraph(label, st.label), Paragraph(esc(value), st.plain)] for label, value in rows],
        colWidths=[LABEL_WIDTH, FRAME_WIDTH - LABEL_WIDTH],
    )
    table.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (0, -1), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


def revision_mark(data: ReportData, st: Styles, *, reason: bool = True) -> list[Flowable]:
    """Under a title: "修订版（第2版，原案件 1 已签署）" and the reason, for a case that corrects a signed one.

    The signature page leaves the reason out: it has no room to spare (the seal must stay on the page)."""
    if data.revision is None:
        return []
    mark = [Paragraph(esc(data.revision.label), st.revision)]
    if reason:
        mark.append(Paragraph(esc(f"修订理由：{data.revision.reason}"), st.revision_reason))
    return mark
