"""The steps of a case at the top of its workspace (清单 → 抽签 → 评价 → 提交 → 签字 → 归档): the ones done ticked, the
next one highlighted, kept up to date from the change hub. Where a case stands is `CaseSummary.step` (the core's)."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from handover import reading, words
from handover.views import CaseSummary
from ui import i18n
from ui.context import AppContext
from ui.text import GREY, OK

#: the steps in English; in Chinese the core's words (handover.words.STEPS)
ENGLISH_STEPS = {"checklist": "Checklist", "draw": "Panel draw", "evaluation": "Evaluation", "submit": "Submit",
                 "sign": "Sign", "archive": "File"}  # fmt: skip
NEXT_STYLE = "background: #1a73e8; color: white; font-weight: bold; border-radius: 4px; padding: 2px 8px;"


def step_word(code: str) -> str:
    return (ENGLISH_STEPS if i18n.current() == "en" else words.STEPS).get(code, code)


class StepBar(QWidget):
    """Six labels; `states[code]` is "done", "next" or "todo" as shown."""

    def __init__(self, ctx: AppContext, case_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.case_id = ctx, case_id
        self.labels: dict[str, QLabel] = {}
        self.states: dict[str, str] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for index, code in enumerate(words.STEPS):
            if index:
                layout.addWidget(QLabel("→"))
            self.labels[code] = QLabel()
            layout.addWidget(self.labels[code])
        layout.addStretch()
        self.refresh()
        ctx.hub.follow(self, lambda c: c.of_case(case_id), self.refresh, at_once=True)

    def refresh(self) -> None:
        self.show_summary(reading.get_case(self.ctx.db, self.case_id).summary)

    def show_summary(self, summary: CaseSummary) -> None:
        codes = list(words.STEPS)
        at = codes.index(summary.step)
        for index, code in enumerate(codes):
            label = self.labels[code]
            # a signed case is filed when its signed PDF is saved: 归档 stays the next step, never ticked here
            state = "done" if index < at else "next" if index == at else "todo"
            self.states[code] = state
            if state == "done":
                label.setText("✓ " + step_word(code))
                label.setStyleSheet(f"color: {OK};")
            else:
                label.setText(step_word(code))
                label.setStyleSheet(NEXT_STYLE if state == "next" else f"color: {GREY};")
        self.setToolTip(self.tr("Next step: {0}").format(step_word(summary.step)))
