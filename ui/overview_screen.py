"""全县概览: every unit with its latest case, sortable and filterable by year and step, with charts; a row opens its
case; the selected cases can be printed or saved as PDFs, and the summary exported to Excel."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.overview import county_overview
from handover.views import CaseSummary
from handover.words import STEPS
from ui import batch
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message
from ui.overview_model import ROW_ROLE, SORT_ROLE, OverviewModel


class OverviewTable(QTableView):
    """Enter opens the current row's case, as a double click does."""

    activated_row = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.activated_row.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class OverviewScreen(QWidget):
    open_case = Signal(int)

    def __init__(self, ctx: AppContext, run: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self._run = ctx, run
        self.model = OverviewModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        layout = QVBoxLayout(self)
        layout.addLayout(self._build_filters())
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._build_table())
        splitter.addWidget(self._build_charts())
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)
        layout.addLayout(self._build_actions())
        ctx.hub.follow(self, lambda changes: True, self.reload, stale=True)

    # -- building -----------------------------------------------------------------------------------------------------
    def _build_filters(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.year = QComboBox()
        self.year.addItem(self.tr("All years"), None)
        for year in range(date.today().year + 1, 2009, -1):
            self.year.addItem(self.tr("Term ends in {0}").format(year), year)
        self.step = QComboBox()
        self.step.addItem(self.tr("All steps"), None)
        for code, word in STEPS.items():
            self.step.addItem(word, code)
        self.year.currentIndexChanged.connect(self.reload)
        self.step.currentIndexChanged.connect(self.reload)
        self.count = QLabel()
        for widget in (QLabel(self.tr("Year:")), self.year, QLabel(self.tr("Step:")), self.step):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.count)
        return bar

    def _build_table(self) -> QTableView:
        self.table = OverviewTable()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setDefaultSectionSize(110)
        self.table.doubleClicked.connect(self._activated)
        self.table.activated_row.connect(self._activated)
        return self.table

    def _build_charts(self) -> QWidget:
        """An empty box: the charts (QtCharts, not on the start-up path) are made when the screen is first filled."""
        self.charts_box = QWidget()
        QHBoxLayout(self.charts_box).setContentsMargins(0, 0, 0, 0)
        self.charts: Any = None
        return self.charts_box

    def _build_actions(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        self.part = QComboBox()
        for part in batch.PARTS:
            self.part.addItem(batch.part_label(part), part)
        self.print_button = QPushButton(self.tr("&Print selected…"))
        self.save_button = QPushButton(self.tr("Save selected as PDF…"))
        self.export_button = QPushButton(self.tr("Export summary to Excel…"))
        self.print_button.clicked.connect(lambda: self.print_selected())
        self.save_button.clicked.connect(lambda: self.save_selected())
        self.export_button.clicked.connect(lambda: self.export_summary())
        for widget in (QLabel(self.tr("Documents:")), self.part, self.print_button, self.save_button):
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        return bar

    # -- data ---------------------------------------------------------------------------------------------------------
    def reload(self) -> None:
        try:
            overview = county_overview(self.ctx.db, year=self.year.currentData(), step=self.step.currentData())
        except Exception as exc:  # noqa: BLE001 - shown to the user, the screen stays usable
            dialogs().error(self, self.tr("County overview"), user_message(exc))
            return
        self.model.set_overview(overview)
        with_case = sum(1 for row in overview.rows if row.case)
        self.count.setText(self.tr("{0} units, {1} with a case").format(len(overview.rows), with_case))
        if self.charts is None:
            from ui.overview_charts import OverviewCharts

            self.charts = OverviewCharts(self.charts_box)
        self.charts.show(overview)

    # -- actions ------------------------------------------------------------------------------------------------------
    def _activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None and row.case is not None:
            self.open_case.emit(row.case.id)

    def selected_cases(self) -> list[CaseSummary]:
        rows = {i.row() for i in self.table.selectionModel().selectedRows()}
        found = [self.proxy.index(r, 0).data(ROW_ROLE) for r in sorted(rows)]
        return [row.case for row in found if row is not None and row.case is not None]

    def _need_selection(self) -> list[CaseSummary] | None:
        chosen = self.selected_cases()
        if not chosen:
            dialogs().info(self, self.tr("County overview"), self.tr("Select the units whose cases to print (Ctrl or Shift + click)."))
            return None
        return chosen

    def print_selected(self) -> Any:
        chosen = self._need_selection()
        return batch.print_cases(self, self.ctx, self._run, chosen, self.part.currentData()) if chosen else None

    def save_selected(self) -> Any:
        chosen = self._need_selection()
        return batch.save_cases(self, self.ctx, self._run, chosen, self.part.currentData()) if chosen else None

    def export_summary(self) -> Path | None:
        year = self.year.currentData()
        name = f"交接汇总-{year}.xlsx" if year else "交接汇总.xlsx"
        target = dialogs().save_file(self, self.tr("Export summary"), name, self.tr("Excel workbook (*.xlsx)"))
        if not target:
            return None
        try:
            from handover.services import spreadsheets

            out = spreadsheets.export_summary(self.ctx.db, Path(target).with_suffix(".xlsx"), year=year)
        except Exception as exc:  # noqa: BLE001
            dialogs().error(self, self.tr("Export summary"), user_message(exc))
            return None
        dialogs().info(self, self.tr("Export summary"), self.tr("Saved {0}.").format(out))
        return out

