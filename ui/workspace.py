"""The case workspace: one tab per step of the case (checklist, evaluation, and the panel draw and report once present)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QTabWidget, QVBoxLayout, QWidget

from handover.services import cases
from ui.case_model import status_label
from ui.checklist import ChecklistTab
from ui.context import AppContext


class CaseWorkspace(QWidget):
    changed = Signal(int)  # case id

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = case_id
        detail = cases.get_case(ctx.db, case_id)
        s = detail.summary
        self.title = f"{s.unit} {s.outgoing}→{s.incoming}"
        self.header = QLabel(
            f"<b style='font-size:15px'>{s.unit}</b>&nbsp;&nbsp; "
            + self.tr("outgoing {0}, incoming {1}, term {2} – {3}").format(s.outgoing, s.incoming, s.term_start, s.term_end)
            + f"&nbsp;&nbsp; <span style='color:#5f6368'>[{status_label(s.status)}]</span>"
        )
        self.tabs = QTabWidget()
        self.checklist = ChecklistTab(ctx, detail)
        self.tabs.addTab(self.checklist, self.tr("Checklist"))
        self.checklist.changed.connect(lambda: self.changed.emit(case_id))
        from ui.draw_tab import DrawTab
        from ui.evaluation import EvaluationTab  # QtCharts loads when a case is first opened

        self.draw = DrawTab(ctx, case_id)
        self.draw.drawn.connect(lambda: self.changed.emit(case_id))
        self.tabs.addTab(self.draw, self.tr("Panel draw"))

        self.evaluation = EvaluationTab(ctx, detail)
        self.evaluation.saved.connect(lambda: self.changed.emit(case_id))
        self.tabs.addTab(self.evaluation, self.tr("Evaluation"))
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)

    def _tab_changed(self, index: int) -> None:
        self.checklist.flush()
        if self.tabs.widget(index) is self.evaluation:
            self.evaluation.refresh()
        elif self.tabs.widget(index) is self.draw:
            self.draw.refresh()

    def flush(self) -> None:
        self.checklist.flush()
