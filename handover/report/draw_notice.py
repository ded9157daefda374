"""The draw notice (抽签公告): the pool hash and the commitment of a prepared draw, with lines for the witnesses to sign.

Printed after `handover draw prepare` and signed before the witness speaks: the witnesses' copy then shows which random
bytes the draw had to use, so a database restored and prepared again (a new commitment) is exposed.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer, Table

from handover import __version__
from handover.draw.views import PreparedView
from handover.report import fonts, pdfa
from handover.report.linebreak import Paragraph
from handover.report.styles import (
    BOTTOM,
    FRAME_WIDTH,
    LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    RIGHT,
    RULE,
    SHADE,
    TOP,
    Styles,
    styles,
    table_style,
)
from handover.report.words import esc

TITLE = "抽签公告"
WITNESS_LINES = 3
EXPLAIN = (
    "本公告在见证人输入文字之前打印。系统已冻结评审人员库并生成系统随机数，此处公布人员库快照的 SHA-256 与该随机数的"
    " SHA-256（承诺值）；随机数本身在抽签后随抽签记录公开。抽签时须输入本公告上的两个哈希，与之不符的抽签不被接受。"
    "抽签后任何人都可用 handover draw show 记录编号 --json 导出记录，并用 docs/verify_draw.py 核对：系统随机数的"
    " SHA-256 须等于本公告上的承诺值。若抽签记录上的承诺值与本公告不同，说明抽签被重新准备过。"
)


def _facts(view: PreparedView) -> list[tuple[str, str]]:
    facts = [
        ("案件", f"案件 {view.case_id}：{view.unit}（离任 {view.outgoing}）"),
        ("抽签次序", f"第{view.attempt}次抽签（本案第{view.seq}次抽签准备）"),
        ("准备时间", f"{view.created_at.astimezone():%Y-%m-%d %H:%M:%S}，操作人 {view.operator}"),
        ("规则判断日期", view.draw_date.isoformat()),
        ("小组组成", f"评审小组 {view.panel_size} 人，候补 {view.alternates} 人"),
        ("人员库", f"符合条件 {view.eligible_count} 人，排除 {view.excluded_count} 人"),
        ("算法版本", view.algorithm),
        ("人员库快照 SHA-256", view.pool_hash),
        ("承诺值（系统随机数的 SHA-256）", view.commitment),
    ]
    if view.public_source:
        facts.append(("公开随机来源", f"{view.public_source}（抽签时输入其取值）"))
    return facts


def notice_story(view: PreparedView, st: Styles) -> list[Flowable]:
    label_w = 42 * mm
    facts = Table(
        [[Paragraph(esc(k), st.cell_head), Paragraph(esc(v), st.mono)] for k, v in _facts(view)],
        colWidths=[label_w, FRAME_WIDTH - label_w],
    )
    facts.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                                ("BACKGROUND", (0, 0), (0, -1), SHADE)]))  # fmt: skip
    head = [Paragraph(h, st.cell_head) for h in ("见证人签字", "工作单位", "签字时间")]
    lines = Table([head, *([""] * 3 for _ in range(WITNESS_LINES))], colWidths=[FRAME_WIDTH / 3] * 3,
                  rowHeights=[None, *([14 * mm] * WITNESS_LINES)])  # fmt: skip
    lines.setStyle(table_style([("GRID", (0, 0), (-1, -1), 0.5, RULE), ("BACKGROUND", (0, 0), (-1, 0), SHADE)]))
    return [
        Paragraph(TITLE, st.title),
        Paragraph(esc(f"{view.unit} 离任评审小组抽签"), st.subtitle),
        facts,
        Spacer(1, 4 * mm),
        Paragraph(EXPLAIN, st.body),
        Spacer(1, 4 * mm),
        Paragraph("见证人核对上述人员库哈希与承诺值后签字：", st.label),
        lines,
    ]


def render_notice(view: PreparedView) -> tuple[bytes, int]:
    """The notice as PDF bytes, and its number of pages."""
    fonts.register()
    buffer = io.BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP,
        bottomMargin=BOTTOM, title=f"{TITLE}（案件{view.case_id} 第{view.attempt}次抽签）",
        subject=f"人员库 SHA-256 {view.pool_hash} 承诺 {view.commitment}", creator=f"handover {__version__}",
        lang="zh-CN", initialFontName=fonts.BODY,  # reportlab's default, Helvetica, is never embedded: not PDF/A
    )  # fmt: skip
    frame = Frame(LEFT, BOTTOM, PAGE_WIDTH - LEFT - RIGHT, PAGE_HEIGHT - TOP - BOTTOM, id="body",
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)  # fmt: skip
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame])])
    doc.build(notice_story(view, styles()))
    return pdfa.archival(buffer.getvalue()), doc.page


def write_notice(view: PreparedView, path: Path) -> int:
    """Write the notice atomically (a half-written file never replaces a good one); its number of pages."""
    pdf, pages = render_notice(view)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    tmp.write_bytes(pdf)
    tmp.replace(path)
    return pages
