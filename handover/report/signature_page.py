"""The signature page (签字页): outgoing and incoming leaders side by side, the supervisor, the panel, the seal.

Each signature space is a `SignatureBox`; its rendered position is reported back so ink or a stamp can be placed there.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from handover.report.blocks import revision_mark
from handover.report.data import ReportData
from handover.report.flowables import Box, HeavyTitle, SealPlace, SignatureBox
from handover.report.linebreak import Paragraph
from handover.report.styles import FRAME_WIDTH, RULE, SHADE, Styles, heading, table_style
from handover.report.words import cn_date, esc
from handover.signoff.slots import SignatureSlot
from handover.words import SIGNER_ROLES, STEPS

TITLE = "交接签字"
BOX_HEIGHT = 14 * mm
DECLARATION = (
    "经交接双方逐项核对，《党建交接单》所列五个方面指标及村（社区）名单真实、完整。"
    f"{SIGNER_ROLES['incoming']}对照清单接续推进，{SIGNER_ROLES['outgoing']}对任期内情况的真实性负责。签字即确认。"
)


def _date(slot: SignatureSlot) -> str:
    return cn_date(slot.signed_on)


def _pair(data: ReportData, st: Styles, sink: list[Box]) -> Table:
    """离任领导干部 | 接任领导干部, each with name, signature and date."""
    by_role = {s.role: s for s in data.signatures if s.role in ("outgoing", "incoming")}
    half = FRAME_WIDTH / 2
    cells = []
    for role in ("outgoing", "incoming"):
        slot = by_role.get(role, SignatureSlot(role))
        cells.append(
            [
                Paragraph(esc(slot.label), st.cell_head),
                Paragraph(f"姓名：{esc(slot.name) or '　' * 6}", st.plain),
                Paragraph(f"{STEPS['sign']}：", st.plain),
                SignatureBox(slot, half - 12, BOX_HEIGHT, sink),
                Paragraph(f"日期：{esc(_date(slot))}", st.plain),
            ]
        )
    rows = [[cells[0][i], cells[1][i]] for i in range(5)]
    table = Table(rows, colWidths=[half, half])
    table.setStyle(
        table_style(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, RULE),
                ("LINEAFTER", (0, 0), (0, -1), 0.5, RULE),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("TOPPADDING", (0, 1), (-1, -1), 4),
            ]
        )
    )
    return table


def _rows(slots: list[SignatureSlot], st: Styles, sink: list[Box]) -> Table:
    """One line per signer: role, name, signature, date."""
    widths = [32 * mm, 30 * mm, 0.0, 42 * mm]
    widths[2] = FRAME_WIDTH - sum(widths)
    rows: list[list[object]] = [[Paragraph(h, st.cell_head) for h in ("职　责", "姓　名", "签　字", "日　期")]]
    for slot in slots:
        rows.append(
            [
                Paragraph(esc(slot.label), st.cell_center),
                Paragraph(esc(slot.name), st.cell_center),
                SignatureBox(slot, widths[2] - 12, 10 * mm, sink),
                Paragraph(esc(_date(slot)), st.cell_center),
            ]
        )
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        table_style(
            [
                ("GRID", (0, 0), (-1, -1), 0.5, RULE),
                ("BACKGROUND", (0, 0), (-1, 0), SHADE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ]
        )
    )
    return table


def signature_story(data: ReportData, st: Styles, sink: list[Box]) -> list[Flowable]:
    others = [s for s in data.signatures if s.role not in ("outgoing", "incoming")]
    s = data.case.summary
    return [
        HeavyTitle(TITLE, size=20, space_after=6),
        *revision_mark(data, st, reason=False),
        Paragraph(esc(f"{s.unit}　{s.outgoing} → {s.incoming}　{data.doc_number}"), st.subtitle),
        Paragraph(esc(DECLARATION), st.body),
        Spacer(1, 3 * mm),
        _pair(data, st, sink),
        Spacer(1, 6 * mm),
        *heading("监交及评审小组", st.h2),
        _rows(others, st, sink),
        Spacer(1, 3 * mm),
        SealPlace(data.issuing_body, cn_date(data.document_date), sink),
    ]
