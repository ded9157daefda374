"""The Evaluation tab: the seven key indicators side by side, a chart of the five areas, the suggested and final grade."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCharts import QBarCategoryAxis, QBarSeries, QBarSet, QChart, QChartView, QValueAxis
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from handover import reading, scoring
from handover.changes import Changes
from handover.services import cases
from handover.views import CaseDetail
from handover.words import GRADES, TRENDS
from ui import words
from ui.context import AppContext
from ui.errors import user_message
from ui.indicator_row import TREND_COLOURS
from ui.text import BAD, GREY, OK, coloured


class EvaluationTab(QWidget):
    def __init__(self, ctx: AppContext, detail: CaseDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id = detail.id
        # autosave like the checklist: once typing pauses, a complete evaluation is stored
        self._stored = (detail.evaluation_grade or "", (detail.evaluation_comment or "").strip())
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(800)
        self._timer.timeout.connect(self.autosave)

        left = QVBoxLayout()
        left.addWidget(self._build_key_table(), 1)
        left.addWidget(self._build_chart(), 1)
        right = QVBoxLayout()
        right.addWidget(self._build_suggestion_box())
        right.addWidget(self._build_final_box(), 1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addLayout(right, 2)
        self.show_detail(detail, initial=True)
        self.grade.currentIndexChanged.connect(self._edited)
        self.comment.textChanged.connect(self._edited)
        # the key indicators, the chart and the suggestion come from the values; a signed case is read only
        ctx.hub.follow(self, lambda c: c.of_case(self.case_id) and (c.values or c.evaluation or c.status), self.refresh)

    def _build_key_table(self) -> QTableWidget:
        """The seven key indicators, start and end side by side."""
        self.key_table = QTableWidget(0, 4)
        self.key_table.setTabKeyNavigation(False)  # Tab goes on to the grade and 保存评价; the arrows move in the table
        self.key_table.setHorizontalHeaderLabels([self.tr("Key indicator"), words.point("start").capitalize(),
                                                  words.point("end").capitalize(), self.tr("Change")])
        self.key_table.verticalHeader().hide()
        self.key_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.key_table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        return self.key_table

    def _build_chart(self) -> QChartView:
        self.chart = QChart()
        self.chart.setTitle(self.tr("Indicators per area"))
        self.chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        self.chart_view = QChartView(self.chart)
        self.chart_view.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.chart_view.setMinimumHeight(240)
        return self.chart_view

    def _build_suggestion_box(self) -> QGroupBox:
        self.suggested = QLabel()
        self.suggested.setObjectName("suggestedGrade")
        self.rule = QLabel()
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: #3c4043;")
        suggestion_box = QGroupBox(self.tr("Suggested grade"))
        suggestion_layout = QVBoxLayout(suggestion_box)
        suggestion_layout.addWidget(self.suggested)
        suggestion_layout.addWidget(self.rule)
        return suggestion_box

    def _build_final_box(self) -> QGroupBox:
        """The department's own grade and comment, saved with the button or once typing pauses."""
        self.grade = QComboBox()
        self.grade.addItem(self.tr("— choose —"), None)
        for grade in GRADES:
            self.grade.addItem(grade, grade)
        self.comment = QPlainTextEdit()
        self.comment.setPlaceholderText(self.tr("Overall evaluation: at least 10 characters"))
        self.comment.setTabChangesFocus(True)  # Tab goes on to the Save button; a tab character has no place in it
        self.save_button = QPushButton(self.tr("Save evaluation"))
        self.save_button.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        final_box = QGroupBox(self.tr("Overall evaluation by the organisation department"))
        form = QFormLayout(final_box)
        form.addRow(self.tr("Grade"), self.grade)
        form.addRow(self.tr("Comment"), self.comment)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.save_button)
        form.addRow(buttons)
        return final_box

    def show_detail(self, detail: CaseDetail, *, initial: bool = False) -> None:
        key = [v for v in detail.values if v.key]
        self.key_table.setRowCount(len(key))
        for row, value in enumerate(key):
            cells = [f"{value.code} {value.name}", value.start or "—", value.end or "—", value.change_words or value.na_reason or "—"]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3 and value.trend:
                    item.setForeground(QColor(TREND_COLOURS.get(value.trend, "#000")))
                if column in (1, 2):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignCenter)
                self.key_table.setItem(row, column, item)
        suggestion = scoring.suggest(detail)
        self._chart(suggestion.areas)
        if suggestion.grade:
            self.suggested.setText(f"<span style='font-size:20px; font-weight:bold'>{suggestion.grade}</span>")
        else:
            self.suggested.setText(self.tr("No suggestion yet"))
        self.rule.setText(suggestion.rule)
        if initial:
            self.grade.setCurrentIndex(max(self.grade.findData(detail.evaluation_grade), 0))
            self.comment.setPlainText(detail.evaluation_comment or "")
        if detail.summary.status == "signed":
            for widget in (self.grade, self.comment, self.save_button):
                widget.setEnabled(False)

    def _chart(self, areas: tuple[scoring.AreaTrends, ...]) -> None:
        self.chart.removeAllSeries()
        for axis in self.chart.axes():
            self.chart.removeAxis(axis)
        series = QBarSeries()
        for attr, colour in (("improved", "#1b7f3b"), ("held", "#9aa0a6"), ("declined", "#b3261e")):
            bar = QBarSet(words.trend(TRENDS[attr]))
            bar.setColor(QColor(colour))
            for area in areas:
                bar.append(getattr(area, attr))
            series.append(bar)
        self.chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([a.name for a in areas])
        self.chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        values = QValueAxis()
        values.setRange(0, 8)
        values.setTickCount(5)
        values.setLabelFormat("%d")
        self.chart.addAxis(values, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(values)

    def refresh(self) -> None:
        self.show_detail(reading.get_case(self.ctx.db, self.case_id))

    def _edited(self) -> None:
        self._timer.start()

    def autosave(self) -> None:
        """Store the evaluation if it changed and is complete; while it is not, say what is missing, quietly."""
        self._timer.stop()
        current = (self.grade.currentData() or "", self.comment.toPlainText().strip())
        if current == self._stored:
            return
        if not current[0] or len(current[1]) < 10:
            self.message.setText(coloured(self.tr("Not saved yet: choose a grade and write at least 10 characters."), GREY))
            return
        self.save()

    def flush(self) -> None:
        if self._timer.isActive():
            self.autosave()

    def save(self) -> bool:
        self._timer.stop()
        try:
            cases.evaluate(self.ctx.db, self.case_id, self.grade.currentData() or "", self.comment.toPlainText())
        except Exception as exc:  # noqa: BLE001 - shown at the form
            self.message.setText(coloured(user_message(exc), BAD))
            return False
        self._stored = (self.grade.currentData() or "", self.comment.toPlainText().strip())
        saved = self.tr("Evaluation saved {0}").format(datetime.now().strftime("%H:%M:%S"))
        self.message.setText(coloured(saved, OK))
        self.ctx.hub.publish(Changes(self.case_id, evaluation=True), self)
        return True
