"""The draw record appendix (附件：抽签记录): enough to recompute the panel from the paper."""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from handover.report.data import DrawRecord, ReportData
from handover.report.flowables import HeavyTitle
from handover.report.linebreak import Paragraph
from handover.report.styles import FRAME_WIDTH, RULE, SHADE, Styles, heading, table_style
from handover.report.words import esc
from handover.words import PANEL_PLACES

TITLE = "附件：抽签记录"
NONE_YET = "本案件尚未抽签组建评审小组，没有抽签记录。完成抽签后重新生成本文件，本附件即列出抽签时间、人员库快照哈希、回避与排除名单、随机种子、算法版本、抽签结果及替换情况。"
EXPLAIN = (
    "抽签结果由人员库快照、随机种子和算法版本唯一确定：任何人按公开的算法说明，用本页所列快照哈希对应的快照和种子重新计算，"
    "应得到相同的评审小组。"
)


def _grid(rows: list[list[object]], widths: list[float], head: bool) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if head else 0)
    style = [("GRID", (0, 0), (-1, -1), 0.5, RULE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
    style.append(("BACKGROUND", (0, 0), (-1 if head else 0, 0 if head else -1), SHADE))
    table.setStyle(table_style(style))
    return table


def _record(draw: DrawRecord, st: Styles) -> list[Flowable]:
    verified = {True: "已复核，重新计算结果一致", False: "复核不一致", None: "未复核"}[draw.verified]
    facts = [
        ("抽签编号", f"{draw.draw_id}（第{draw.attempt}次抽签）" + ("，已被后一次抽签取代" if draw.superseded else "")),
        ("抽签时间", draw.drawn_at + (f"（规则判断日期 {draw.draw_date}）" if draw.draw_date else "")),
        ("操作人", draw.operator),
        ("算法版本", draw.algorithm),
        ("人员库快照", f"{draw.pool_size}人，SHA-256：{draw.pool_hash}"),
        ("随机种子", draw.seed),
        ("见证人输入", draw.witness_entropy or "无"),
        ("系统随机数", draw.os_entropy or "—"),
        ("记录哈希", draw.record_hash or "—"),
        ("复核", verified),
    ]
    if draw.reason:
        facts.insert(1, ("重新抽签理由", draw.reason))
    if draw.commitment:
        facts.insert(-3, ("承诺值", f"{draw.commitment}（应与见证人签字的抽签公告一致）"))
    if draw.public:
        facts.insert(-3, ("公开随机值", draw.public))
    label_w = 30 * mm
    story: list[Flowable] = [
        *heading(f"第{draw.attempt}次抽签", st.h2, 60 * mm),
        _grid(
            [[Paragraph(k, st.cell_head), Paragraph(esc(v), st.mono)] for k, v in facts],
            [label_w, FRAME_WIDTH - label_w],
            False,
        ),
        Spacer(1, 2 * mm),
    ]
    result = [[Paragraph(h, st.cell_head) for h in ("顺序", "姓名", "角色", "工作单位")]]
    for i, m in enumerate(draw.members, start=1):
        result.append([Paragraph(str(i), st.cell_center), Paragraph(esc(m.name), st.cell_center),
                       Paragraph(m.role_label, st.cell_center), Paragraph(esc(m.organization), st.cell)])  # fmt: skip
    for i, name in enumerate(draw.alternates, start=1):
        alternate = PANEL_PLACES["alternate"]
        result.append([Paragraph(f"{alternate}{i}", st.cell_center), Paragraph(esc(name), st.cell_center),
                       Paragraph(alternate, st.cell_center), Paragraph("", st.cell)])  # fmt: skip
    story += [
        *heading("抽签结果", st.sublabel, 25 * mm),
        _grid(result, [22 * mm, 30 * mm, 22 * mm, FRAME_WIDTH - 74 * mm], True),
    ]
    story += heading("回避与排除", st.sublabel, 25 * mm)
    if draw.excluded:
        rows = [[Paragraph(h, st.cell_head) for h in ("姓名", "原因")]]
        rows += [[Paragraph(esc(e.name), st.cell_center), Paragraph(esc(e.reason), st.cell)] for e in draw.excluded]
        story.append(_grid(rows, [30 * mm, FRAME_WIDTH - 30 * mm], True))
    else:
        story.append(Paragraph("无。", st.plain))
    story += heading("替换", st.sublabel, 25 * mm)
    if draw.replacements:
        rows = [[Paragraph(h, st.cell_head) for h in ("原成员", "替换为", "原因", "时间")]]
        rows += [[Paragraph(esc(r.replaced), st.cell_center), Paragraph(esc(r.replacement), st.cell_center),
                  Paragraph(esc(r.reason), st.cell), Paragraph(esc(r.at), st.cell)] for r in draw.replacements]  # fmt: skip
        story.append(_grid(rows, [26 * mm, 26 * mm, FRAME_WIDTH - 92 * mm, 40 * mm], True))
    else:
        story.append(Paragraph("无。", st.plain))
    return story


def draw_story(data: ReportData, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [HeavyTitle(TITLE, size=18)]
    if not data.draws:
        return story + [Paragraph(esc(NONE_YET), st.body)]
    story.append(Paragraph(esc(EXPLAIN), st.body))
    for draw in data.draws:
        story += _record(draw, st)
    return story
