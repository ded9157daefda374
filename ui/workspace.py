"""The case workspace: one tab per step of the case (checklist, evaluation, and the panel draw and report once present)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from handover import reading
from handover.changes import Changes
from handover.services import cases
from handover.views import CaseSummary
from ui import screen_fit
from ui.case_model import status_label
from ui.checklist import ChecklistTab
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message
from ui.step_bar import StepBar, step_word
from ui.text import GREY, coloured


class CaseWorkspace(QWidget):
    reopen = Signal(int)  # the case was locked: show it again, read only
    open_other = Signal(int)  # a revision was created: open it

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        detail = reading.get_case(ctx.db, case_id)
        s = detail.summary
        self.title = f"{s.id} · {s.unit} {s.outgoing}→{s.incoming}"  # the number of the case list: a revision has its own
        self.header = QLabel()
        self.submit_button = QPushButton(self.tr("Submit for review"))
        self.submit_button.setToolTip(self.tr(
            "Draft → in review: every indicator filled (or not applicable), the panel drawn and the overall evaluation written"))
        self.submit_button.clicked.connect(self.submit)
        self._show_header(detail.summary)
        self.steps = StepBar(ctx, case_id)
        self.tabs = screen_fit.ScrollingTabs()  # a page too tall for the screen scrolls
        self.checklist = ChecklistTab(ctx, detail)
        self.tabs.addTab(self.checklist, self.tr("Checklist"))
        from ui.draw_tab import DrawTab
        from ui.evaluation import EvaluationTab  # QtCharts loads when a case is first opened

        self.draw = DrawTab(ctx, case_id)
        self.tabs.addTab(self.draw, self.tr("Panel draw"))

        from ui.attachments_tab import AttachmentsTab

        self.attachments = AttachmentsTab(ctx, case_id)
        self.tabs.addTab(self.attachments, self.tr("Attachments"))
        self.checklist.attach.connect(self.attach_to)
        self.evaluation = EvaluationTab(ctx, detail)
        self.tabs.addTab(self.evaluation, self.tr("Evaluation"))
        from ui.report_tab import ReportTab  # QtPdf loads only when a case is opened
        from ui.signatures_tab import SignaturesTab

        self.report = ReportTab(ctx, case_id)
        self.tabs.addTab(self.report, self.tr("Report"))
        self.signatures = SignaturesTab(ctx, case_id)
        self.signatures.locked.connect(self.reopen)
        self.signatures.revised.connect(self.open_other)
        self.tabs.addTab(self.signatures, self.tr("Signatures"))
        # the PDF prints the content, the signatures, the status and the issuing body; made when first looked at
        ctx.hub.follow(self.report, lambda c: c.of_case(case_id) and (c.content or c.signatures or c.status or c.settings),
                       self.report.render, stale=True)  # fmt: skip
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        top = QHBoxLayout()
        top.addWidget(self.header, 1)
        top.addWidget(self.submit_button)
        layout.addLayout(top)
        layout.addWidget(self.steps)
        layout.addWidget(self.tabs, 1)

    def _show_header(self, s: CaseSummary) -> None:
        self.header.setText(
            f"<b style='font-size:15px'>{escape(s.unit)}</b>&nbsp;&nbsp; "
            + escape(self.tr("outgoing {0}, incoming {1}, term {2} – {3}").format(s.outgoing, s.incoming, s.term_start, s.term_end))
            + "&nbsp;&nbsp; " + coloured(f"[{status_label(s.status)}]", GREY)
        )
        self.submit_button.setVisible(s.status == "draft")

    def submit(self) -> bool:
        self.flush()
        try:
            cases.submit(self.ctx.db, self.case_id)
        except Exception as exc:  # noqa: BLE001 - the refusal lists what is missing
            dialogs().error(self, self.tr("Cannot submit yet"), user_message(exc))
            return False
        summary = reading.get_case(self.ctx.db, self.case_id).summary
        self._show_header(summary)
        self.ctx.hub.publish(Changes(self.case_id, status=True), self)
        dialogs().info(self, self.tr("Submitted for review"), self.tr(
            "The case is in review. Next step: {0}. The outgoing and incoming secretaries and the supervisor sign on "
            "the Signatures tab; the third signature locks the case.").format(step_word(summary.step)))  # fmt: skip
        return True

    def _tab_changed(self, index: int) -> None:
        self.checklist.flush()  # a value still waiting for its timer is stored before the next tab shows the case

    def attach_to(self, code: str) -> None:
        """A checklist row's "Files" button: the Attachments tab, with that indicator chosen, and the file picker."""
        self.tabs.setCurrentWidget(self.attachments)
        self.attachments.add(code)

    def flush(self) -> None:
        self.checklist.flush()
        self.evaluation.flush()
