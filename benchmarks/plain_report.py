"""The reference of bench_report.py: the document of `render_pdf(data, "all")` as a competent programmer would draw it
with plain reportlab, and nothing more (issue 15: "one report in-process ≤ 1.5× plain reportlab drawing the same content").

What it draws, page for page like ours (same A4 frame, the same fonts and the same ParagraphStyles, handover.report.styles):
- the red head (issuing body in 30 pt red, the document number, the double red rule), the three titles;
- the report: subtitle, particulars table, headings (CondPageBreak as ours), the key indicator table (KeepTogether), the
  key sentences, the summary, the area chart (the same VerticalBarChart and Legend, handover.report.chart.area_chart:
  it is plain reportlab graphics), the evaluation, the panel, the closing;
- the sheet: particulars, the 40-indicator table with its area rows (same spans, grid and shading), the village lists
  (each KeepTogether), the notes; the signature page: the two leaders side by side, the other signers, the seal circle;
- the draw record: the facts grid, the result table, exclusions and replacements;
- on every page, from a canvas that holds the pages back (reportlab's usual "page x of y" recipe): the running header
  (from page 2), the footer 第 x 页 共 y 页 with document id and short fingerprint, the 草稿 watermark of an unsigned
  case, the 样稿 mark of a placeholder issuing body, and the QR code (same payload, one mask, drawn from its matrix as
  one path of rectangles: handover.report.render.QrMatrix) on the first and the last page.
The texts are ours (handover.report.words builds the sentences). Every paragraph is reportlab's own Paragraph with the
styles' wordWrap="CJK".

What it leaves out, being what plain reportlab does not do: the 禁则 line breaking (handover/report/linebreak.py), the
per-character font fallback (fonts.runs), the heavy (stroked) title type, the signature boxes' reported positions, the
custom document information keys, and the PDF/A-2b conversion with pikepdf (pdfa.py). The benchmark checks that its
page count is within one page of ours.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.graphics.shapes import Circle, Drawing, String
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Frame,
    HRFlowable,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from handover import settings
from handover.report import fonts
from handover.report.blocks import panel_words
from handover.report.chart import area_chart, area_counts
from handover.report.data import ReportData
from handover.report.render import PART_TITLES, QrMatrix
from handover.report.styles import (
    BOTTOM,
    FRAME_WIDTH,
    GREY,
    LEFT,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    QR_EDGE,
    QR_SIZE,
    RED,
    RIGHT,
    RULE,
    SHADE,
    TOP,
    Styles,
    styles,
)  # fmt: skip
from handover.report.words import (
    NOT_ENTERED,
    change_short,
    cn_count,
    cn_date,
    esc,
    key_sentence,
    term_words,
    unit_heading,
    village_lines,
    with_unit,
)  # fmt: skip
from handover.words import POINTS, UNIT_TYPES

GRID = [("FONTNAME", (0, 0), (-1, -1), fonts.BODY), ("GRID", (0, 0), (-1, -1), 0.5, RULE),
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]  # fmt: skip


def _table(rows: list[list[Any]], widths: list[float], style: list[tuple[Any, ...]], head: bool = True) -> Table:
    return Table(rows, colWidths=widths, repeatRows=1 if head else 0, style=TableStyle(GRID + style))


def _heading(text: str, style: Any, room: float = 35 * mm) -> list[Any]:
    return [CondPageBreak(room), Paragraph(text, style)]


def _particulars(data: ReportData, st: Styles, panel: bool) -> Table:
    s = data.case.summary
    rows = [("单　　位", f"{s.unit}（{UNIT_TYPES.get(s.unit_type, s.unit_type)}）"), ("离任书记", s.outgoing),
            ("接任书记", s.incoming), ("任　　期", term_words(s.term_start, s.term_end)),
            ("交接日期", cn_date(s.handover_date, NOT_ENTERED))] + ([("评审小组", panel_words(data))] if panel else [])  # fmt: skip
    return _table([[Paragraph(k, st.label), Paragraph(esc(v), st.plain)] for k, v in rows], [30 * mm, FRAME_WIDTH - 30 * mm],
                  [("BACKGROUND", (0, 0), (0, -1), SHADE), ("TOPPADDING", (0, 0), (-1, -1), 3),
                   ("BOTTOMPADDING", (0, 0), (-1, -1), 4)], head=False)  # fmt: skip


def _report(data: ReportData, st: Styles) -> list[Any]:
    s, values = data.case.summary, data.case.values
    keys = [v for v in values if v.key]
    rows = [[Paragraph(h, st.cell_head) for h in ("重点指标", POINTS["start"], POINTS["end"], "变化情况", "趋势")]]
    rows += [[Paragraph(esc(v.name), st.cell), Paragraph(esc(with_unit(v, v.start)), st.cell_center),
              Paragraph(esc(with_unit(v, v.end)), st.cell_center), Paragraph(esc(change_short(v) or "—"), st.cell_center),
              Paragraph(esc(v.trend or "—"), st.cell_center)] for v in keys]  # fmt: skip
    key_table = _table(rows, [150, 62, 62, FRAME_WIDTH - 274, 50], [("BACKGROUND", (0, 0), (-1, 0), SHADE)])
    counts = area_counts(data)
    improved, held, declined = (sum(getattr(c, k) for c in counts) for k in ("improved", "held", "declined"))
    other = len(values) - improved - held - declined
    summary = f"交接单五个方面{len(values)}项指标中，提升{improved}项，持平{held}项，下降{declined}项"
    summary += f"，其余{other}项为无优劣方向的变化、不适用或未填写。" if other else "。"
    story = [Paragraph(esc(PART_TITLES["report"]), st.title),
             Paragraph(f"（{esc(unit_heading(s.unit, s.unit_type))}{esc(s.outgoing)}同志离任）", st.subtitle),
             _particulars(data, st, True), *_heading("一、重点指标变化情况", st.h1),
             Paragraph(f"{cn_count(len(keys))}项重点指标届初、届末情况及变化如下：", st.body), KeepTogether(key_table),
             Spacer(1, 2 * mm)]  # fmt: skip
    story += [Paragraph(f"{i}. {esc(key_sentence(v))}", st.item) for i, v in enumerate(keys, start=1)]
    story += [*_heading("二、五个方面指标变化概况", st.h1, 85 * mm), Paragraph(esc(summary), st.body),
              area_chart(data, FRAME_WIDTH), Paragraph("各方面指标明细见《党建交接单》。", st.note),
              *_heading("三、总体评价", st.h1), Paragraph(f"评价等次：{esc(data.case.evaluation_grade or NOT_ENTERED)}", st.label)]  # fmt: skip
    story += [
        Paragraph(esc(p.strip()), st.body) for p in (data.case.evaluation_comment or "").splitlines() if p.strip()
    ]
    return story + [*_heading("四、评审小组", st.h1), Paragraph(esc(panel_words(data)), st.body), Spacer(1, 4 * mm),
                    KeepTogether([Paragraph(esc(data.issuing_body), st.closing),
                                  Paragraph(esc(cn_date(data.document_date)), st.closing)])]  # fmt: skip


def _sheet(data: ReportData, st: Styles) -> list[Any]:
    rows: list[list[Any]] = [
        [
            Paragraph(h, st.cell_head)
            for h in ("序号", "指标", "单位", POINTS["start"], POINTS["end"], "变化情况", "趋势")
        ]
    ]
    style: list[tuple[Any, ...]] = [("BACKGROUND", (0, 0), (-1, 0), SHADE), ("TOPPADDING", (0, 0), (-1, -1), 2),
                                    ("BOTTOMPADDING", (0, 0), (-1, -1), 3)]  # fmt: skip
    number = 0
    for a, (code, name) in enumerate(data.areas):
        values = data.values_of(code)
        rows.append([Paragraph(f"{'一二三四五'[a]}、{esc(name)}（{len(values)}项）", st.cell_area)] + [""] * 6)
        style += [
            ("SPAN", (0, len(rows) - 1), (-1, len(rows) - 1)),
            ("BACKGROUND", (0, len(rows) - 1), (-1, len(rows) - 1), SHADE),
        ]
        for v in values:
            number += 1
            mark = ("★" if v.key else "") + esc(v.name) + ("▲" if v.lists_villages else "")
            rows.append([Paragraph(str(number), st.cell_center), Paragraph(mark, st.cell),
                         Paragraph(esc(v.unit_label or "等次"), st.cell_center),
                         Paragraph(esc(v.start if v.start is not None else NOT_ENTERED), st.cell_center),
                         Paragraph(esc(v.end if v.end is not None else NOT_ENTERED), st.cell_center),
                         Paragraph(esc(change_short(v) or "—"), st.cell_center), Paragraph(esc(v.trend or "—"), st.cell_center)])  # fmt: skip
    lists = [KeepTogether([Paragraph(f"{esc(v.code)}　{esc(v.name)}", st.h2), *(Paragraph(esc(x), st.list) for x in village_lines(v))])
             for v in data.case.values if v.lists_villages]  # fmt: skip
    notes = [Paragraph(f"{esc(v.code)} {esc(v.name)}：{esc(v.note)}", st.list) for v in data.case.values if v.note]
    return [Paragraph(PART_TITLES["sheet"], st.title), _particulars(data, st, False),
            *_heading(f"一、指标交接明细（{len(data.areas)}个方面{len(data.case.values)}项）", st.h1),
            Paragraph("★为评审报告重点指标；▲列有村（社区）名单，见第二部分。趋势按指标方向判断：提升、持平、下降；“变化”表示该指标无优劣之分。", st.lead),
            _table(rows, [28, FRAME_WIDTH - 288, 32, 46, 46, 100, 36], style),
            *_heading("二、村（社区）名单", st.h1), Paragraph("届初、届末名单及其增减，供接任书记安排走访（哪个村后进，先到哪个村去）。", st.lead),
            *lists[:-1], KeepTogether([*lists[-1:], Paragraph("三、备注", st.h1), *(notes or [Paragraph("无。", st.body)])])]  # fmt: skip


def _signatures(data: ReportData, st: Styles) -> list[Any]:
    s, half = data.case.summary, FRAME_WIDTH / 2
    pair = [[Paragraph(esc(x.label), st.cell_head) for x in data.signatures[:2]],
            *[[Paragraph(f"{label}{value(x)}", st.plain) for x in data.signatures[:2]]
              for label, value in (("姓名：", lambda x: esc(x.name)), ("签字：", lambda x: ""),
                                   ("日期：", lambda x: esc(cn_date(x.signed_on))))]]  # fmt: skip
    pair.insert(3, [Spacer(half - 12, 14 * mm), Spacer(half - 12, 14 * mm)])
    others = [[Paragraph(h, st.cell_head) for h in ("职　责", "姓　名", "签　字", "日　期")]]
    others += [[Paragraph(esc(x.label), st.cell_center), Paragraph(esc(x.name), st.cell_center), Spacer(1, 10 * mm),
                Paragraph(esc(cn_date(x.signed_on)), st.cell_center)] for x in data.signatures[2:]]  # fmt: skip
    seal = Drawing(FRAME_WIDTH, 36 * mm)
    cx, cy = FRAME_WIDTH - 27 * mm, 18 * mm
    seal.add(Circle(cx, cy, 17 * mm, strokeColor=GREY, strokeWidth=0.6, strokeDashArray=[3, 3], fillColor=None))
    for text, y, size in (
        ("（盖章）", cy + 8 * mm, 10),
        (data.issuing_body, cy + 2, 13),
        (cn_date(data.document_date), cy - 18, 13),
    ):
        seal.add(String(cx, y, text, fontName=fonts.BODY, fontSize=size, textAnchor="middle"))
    return [Paragraph("交接签字", st.title), Paragraph(esc(f"{s.unit}　{s.outgoing} → {s.incoming}　{data.doc_number}"), st.subtitle),
            Paragraph("经交接双方逐项核对，《党建交接单》所列五个方面指标及村（社区）名单真实、完整。接任领导干部对照清单接续推进，"
                      "离任领导干部对任期内情况的真实性负责。签字即确认。", st.body), Spacer(1, 3 * mm),
            _table(pair, [half, half], [("BACKGROUND", (0, 0), (-1, 0), SHADE)], head=False), Spacer(1, 6 * mm),
            *_heading("监交及评审小组", st.h2),
            _table(others, [32 * mm, 30 * mm, FRAME_WIDTH - 104 * mm, 42 * mm], [("BACKGROUND", (0, 0), (-1, 0), SHADE)]),
            Spacer(1, 3 * mm), seal]  # fmt: skip


def _draws(data: ReportData, st: Styles) -> list[Any]:
    story: list[Any] = [Paragraph("附件：抽签记录", st.title),
                        Paragraph("抽签结果由人员库快照、随机种子和算法版本唯一确定：任何人按公开的算法说明，用本页所列快照哈希对应的快照和种子"
                                  "重新计算，应得到相同的评审小组。", st.body)]  # fmt: skip
    for d in data.draws:
        facts = [("抽签编号", f"{d.draw_id}（第{d.attempt}次抽签）"), ("抽签时间", f"{d.drawn_at}（规则判断日期 {d.draw_date}）" if d.draw_date else d.drawn_at), ("操作人", d.operator),
                 ("算法版本", d.algorithm), ("人员库快照", f"{d.pool_size}人，SHA-256：{d.pool_hash}"), ("随机种子", d.seed),
                 ("见证人输入", d.witness_entropy or "无"), ("承诺值", f"{d.commitment}（应与见证人签字的抽签公告一致）" if d.commitment else "—"), ("系统随机数", d.os_entropy or "—"),
                 ("记录哈希", d.record_hash or "—"), ("复核", "已复核，重新计算结果一致" if d.verified else "未复核")]  # fmt: skip
        result = [[Paragraph(h, st.cell_head) for h in ("顺序", "姓名", "角色", "工作单位")]]
        result += [[Paragraph(str(i), st.cell_center), Paragraph(esc(m.name), st.cell_center), Paragraph(m.role_label, st.cell_center),
                    Paragraph(esc(m.organization), st.cell)] for i, m in enumerate(d.members, start=1)]  # fmt: skip
        result += [[Paragraph(f"候补{i}", st.cell_center), Paragraph(esc(n), st.cell_center), Paragraph("候补", st.cell_center),
                    Paragraph("", st.cell)] for i, n in enumerate(d.alternates, start=1)]  # fmt: skip
        excluded = [[Paragraph(h, st.cell_head) for h in ("姓名", "原因")]]
        excluded += [[Paragraph(esc(e.name), st.cell_center), Paragraph(esc(e.reason), st.cell)] for e in d.excluded]
        story += [*_heading(f"第{d.attempt}次抽签", st.h2, 60 * mm),
                  _table([[Paragraph(k, st.cell_head), Paragraph(esc(v), st.mono)] for k, v in facts], [30 * mm, FRAME_WIDTH - 30 * mm],
                         [("BACKGROUND", (0, 0), (0, -1), SHADE)], head=False), Spacer(1, 2 * mm),
                  *_heading("抽签结果", st.sublabel, 25 * mm),
                  _table(result, [22 * mm, 30 * mm, 22 * mm, FRAME_WIDTH - 74 * mm], [("BACKGROUND", (0, 0), (-1, 0), SHADE)]),
                  *_heading("回避与排除", st.sublabel, 25 * mm),
                  _table(excluded, [30 * mm, FRAME_WIDTH - 30 * mm], [("BACKGROUND", (0, 0), (-1, 0), SHADE)])
                  if d.excluded else Paragraph("无。", st.plain),
                  *_heading("替换", st.sublabel, 25 * mm), Paragraph("无。", st.plain)]  # fmt: skip
    return story


def _red_head(data: ReportData, st: Styles) -> list[Any]:
    body = st.title.clone("red", fontSize=30, leading=40, textColor=RED, spaceBefore=0, spaceAfter=6)
    number = st.subtitle.clone("number", fontSize=14, leading=18, spaceAfter=2)
    return [Paragraph(esc(data.issuing_body), body), Paragraph(esc(data.doc_number), number),
            HRFlowable(width="100%", thickness=1.6, color=RED, spaceAfter=1), HRFlowable(width="100%", thickness=0.5, color=RED, spaceAfter=8)]  # fmt: skip


class _NumberedCanvas(Canvas):  # type: ignore[misc]
    """reportlab's usual recipe for "page x of y": keep each page's state, decorate them all in save()."""

    data: ReportData
    qr: QrMatrix

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pages: list[dict[str, Any]] = []

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self.pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        for number, state in enumerate(self.pages, start=1):
            self.__dict__.update(state)
            self.decorate(number, len(self.pages))
            super().showPage()
        super().save()

    def decorate(self, number: int, total: int) -> None:
        data = self.data
        self.saveState()
        self.setFillColor(GREY)
        self.setStrokeColor(GREY)
        y = PAGE_HEIGHT - TOP + 8 * mm
        if number > 1:
            self.setFont(fonts.BODY, 9)
            self.drawString(LEFT, y, f"{data.case.summary.unit}　{PART_TITLES['all']}")
            self.drawRightString(PAGE_WIDTH - RIGHT, y, data.doc_number)
            self.setLineWidth(0.4)
            self.line(LEFT, y - 2.5 * mm, PAGE_WIDTH - RIGHT, y - 2.5 * mm)
        self.setFont(fonts.BODY, 10.5)
        self.drawCentredString(PAGE_WIDTH / 2, BOTTOM - 16 * mm, f"第 {number} 页 共 {total} 页")
        self.setFont(fonts.BODY, 8)
        audit = f"　操作日志 {data.audit_head[:16].upper()}" if data.audit_head else ""
        self.drawString(LEFT, BOTTOM - 24 * mm, f"{data.document_id}　内容指纹 {data.short_fingerprint}{audit}")
        x = PAGE_WIDTH - RIGHT - QR_SIZE + 2 * mm
        if number == 1:
            self.qr.draw(self, x, PAGE_HEIGHT - QR_EDGE - QR_SIZE, QR_SIZE)
        if number == total:
            self.qr.draw(self, x, QR_EDGE, QR_SIZE)
            self.setFont(fonts.BODY, 7)
            self.drawRightString(x - 1 * mm, QR_EDGE + QR_SIZE / 2 - 2, "扫码核验")
        if data.case.summary.status != "signed":
            self.setFillColor(GREY, alpha=0.22)
            self.setFont(fonts.HEADING, 110)
            for height in (0.72, 0.28):
                self.saveState()
                self.translate(PAGE_WIDTH / 2, PAGE_HEIGHT * height)
                self.rotate(40)
                self.drawCentredString(0, -38, "草稿")
                self.restoreState()
        if settings.is_placeholder(data.issuing_body):
            self.setFillColor(RED)
            self.setStrokeColor(RED)
            self.rect(LEFT, PAGE_HEIGHT - 22 * mm, 24 * mm, 14 * mm)
            self.setFont(fonts.HEADING, 22)
            self.drawCentredString(LEFT + 12 * mm, PAGE_HEIGHT - 18 * mm, "样稿")
            self.setFont(fonts.BODY, 8)
            self.drawString(LEFT + 27 * mm, PAGE_HEIGHT - 14 * mm, "尚未设置发文机关（handover setup）")
            self.drawString(LEFT + 27 * mm, PAGE_HEIGHT - 19 * mm, "本件不是正式文件，不能签字或数字签名")
        self.restoreState()


def plain_reportlab(data: ReportData) -> tuple[bytes, int]:
    """The PDF and its page count (see the module docstring)."""
    st = styles(data.layout)
    story = [*_red_head(data, st), *_report(data, st), PageBreak(), *_sheet(data, st), PageBreak(), *_signatures(data, st),
             PageBreak(), *_draws(data, st)]  # fmt: skip
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=LEFT, rightMargin=RIGHT, topMargin=TOP, bottomMargin=BOTTOM
    )
    doc.addPageTemplates(
        [PageTemplate(frames=[Frame(LEFT, BOTTOM, FRAME_WIDTH, PAGE_HEIGHT - TOP - BOTTOM, 0, 0, 0, 0)])]
    )
    canvas = type("Canvas", (_NumberedCanvas,), {"data": data, "qr": QrMatrix.encode(data.qr_payload)})
    doc.build(story, canvasmaker=canvas)
    return out.getvalue(), doc.page
