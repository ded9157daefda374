"""The Cases screen: every case with search and filters, new case, open a case."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.case_list import CaseQuery
from handover.changes import Changes
from handover.views import CaseSummary
from ui.case_model import (
    CASE_ROLE,
    COL_DONE,
    COL_GRADE,
    COL_ID,
    COL_INCOMING,
    COL_OUTGOING,
    COL_STATUS,
    COL_STEP,
    COL_TERM,
    COL_UNIT,
    status_label,
)
from ui.case_pages import PagedCaseModel
from ui.context import AppContext
from ui.dialogs import dialogs

log = logging.getLogger(__name__)

#: how long typing must pause before the search runs (a name is typed in a few keys)
SEARCH_PAUSE_MS = 150
#: the count of a search reads every row it matches: it waits until the page is on screen
COUNT_AFTER_MS = 50


class CasesScreen(QWidget):
    open_case = Signal(int)

    def __init__(self, ctx: AppContext, run: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._run = run  # MainWindow.run: background work with a progress bar and a cancel button
        self.model = PagedCaseModel(ctx.cases, parent=self)
        self.proxy = self.model  # the view's model (once a filter proxy; the database filters now)
        self._typing = QTimer(self)  # a search runs once the typing pauses, not for every key of a name
        self._typing.setSingleShot(True)
        self._typing.setInterval(SEARCH_PAUSE_MS)
        self._typing.timeout.connect(lambda: self._filter(search=self.search.text()))
        self._counting = QTimer(self)  # the count under the list follows the page, once it is painted
        self._counting.setSingleShot(True)
        self._counting.setInterval(COUNT_AFTER_MS)
        self._counting.timeout.connect(self._update_count)
        self._total = 0

        layout = QVBoxLayout(self)
        layout.addLayout(self._build_toolbar())
        layout.addWidget(self._build_table(), 1)
        layout.addWidget(self._build_empty_note(), 1)
        self.count = QLabel()
        layout.addWidget(self.count)
        self.reload()
        # the list shows each case's status, completeness and grade
        ctx.hub.follow(self, lambda c: c.status or c.values or c.evaluation, self.reload)

    def _build_toolbar(self) -> QHBoxLayout:
        """Search, the status and year filters, and the buttons."""
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search unit, secretary or case number"))
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(lambda _: self._typing.start())
        self.status = QComboBox()
        self.status.addItem(self.tr("All statuses"), None)
        for key in ("draft", "review", "signed"):
            self.status.addItem(status_label(key), key)
        self.status.currentIndexChanged.connect(lambda _: self._filter(status=self.status.currentData()))
        self.year = QComboBox()
        self.year.currentIndexChanged.connect(lambda _: self._filter(year=self.year.currentData()))
        self.new_button = QPushButton(self.tr("New case…"))
        self.new_button.setToolTip(self.tr("Ctrl+N, from any screen"))
        self.new_button.clicked.connect(self.new_case)
        self.batch_button = QPushButton(self.tr("Reports for the list…"))
        self.batch_button.setToolTip(self.tr("One PDF per case shown, into a folder you choose"))
        self.batch_button.clicked.connect(self.batch_reports)
        self.print_button = QPushButton(self.tr("Print selected…"))
        self.print_button.setToolTip(self.tr("The documents of the selected cases, printed in one go"))
        self.print_button.clicked.connect(lambda: self.print_selected())
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(self._open_current)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.year, 1)
        bar.addStretch()
        bar.addWidget(self.batch_button)
        bar.addWidget(self.print_button)
        bar.addWidget(self.new_button)
        bar.addWidget(self.open_button)
        return bar

    def _build_table(self) -> QTableView:
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control; the arrows move in the list
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_ID, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # several to print at once
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in ((COL_ID, 60), (COL_UNIT, 200), (COL_OUTGOING, 130), (COL_INCOMING, 130),
                              (COL_TERM, 210), (COL_STATUS, 90), (COL_DONE, 90), (COL_GRADE, 80), (COL_STEP, 90)):  # fmt: skip
            self.table.setColumnWidth(column, width)
        header.setSectionResizeMode(COL_UNIT, QHeaderView.ResizeMode.Stretch)
        self.table.doubleClicked.connect(self._open_index)
        self.table.activated.connect(self._open_index)
        return self.table

    def _build_empty_note(self) -> QLabel:
        """Shown instead of the table while there is no case: where to begin."""
        self.empty = QLabel(self.tr("No cases yet. Enter your units under “Units and villages”, then create a case with “New case…”; "
                                 "or load the demo county from the Settings to try the application."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.empty.setStyleSheet("color: #555; font-size: 14px; padding: 40px;")
        return self.empty

    def reload(self) -> None:
        """Read the rows shown again (after a change), keeping the filters, the order and how far the list is loaded."""
        # whether there is any case at all (the total is counted with the shown count, once the page is painted)
        anything = self.ctx.any_case()
        self.table.setVisible(anything)
        self.empty.setVisible(not anything)
        self.model.checked_out = self.ctx.checked_out()  # 外出核查中 (handover/field)
        self.model.load()
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("All years"), None)
        for year in self.ctx.case_years():
            self.year.addItem(self.tr("Term ends {0}").format(year), year)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)
        self._counting.start()

    def _filter(self, **changes: object) -> None:
        """A new query for the list: the first page of it at once, its count just after."""
        query = self.model.query
        if "search" in changes:
            query = replace(query, search=str(changes["search"] or "").strip() or None)
        if "status" in changes:
            query = replace(query, status=changes["status"] or None)  # type: ignore[arg-type]
        if "year" in changes:
            year = changes["year"]
            query = replace(query, year=year if isinstance(year, int) else None)
        self._typing.stop()
        self.model.load(query)
        self._counting.start()

    def _update_count(self) -> None:
        try:
            self._total = self.ctx.case_count(CaseQuery())
            shown = self.ctx.case_count(self.model.query) if self._filtered() else self._total
        except Exception:  # noqa: BLE001 - read on a timer after the page: a server gone meanwhile is said by the next action
            log.warning("the case count under the list could not be read", exc_info=True)
            return
        self.count.setText(self.tr("{0} cases, {1} shown").format(self._total, shown))

    def _filtered(self) -> bool:
        q = self.model.query
        return any((q.search, q.status, q.year, q.unit, q.step))

    def current_case(self) -> CaseSummary | None:
        index = self.table.currentIndex()
        return index.data(CASE_ROLE) if index.isValid() else None

    def _open_index(self, index: QModelIndex) -> None:
        case = index.data(CASE_ROLE)
        if case is not None:
            self.open_case.emit(case.id)

    def _open_current(self) -> None:
        case = self.current_case()
        if case is not None:
            self.open_case.emit(case.id)

    def shown_cases(self) -> list[CaseSummary]:
        """Every case the list's filters let through, also those not scrolled to yet."""
        return self.ctx.cases(replace(self.model.query, limit=None, offset=0))

    def batch_reports(self) -> Any:
        """One PDF per case in the list as filtered, in the background; cancel stops after the current case."""
        from ui import batch

        return batch.save_cases(self, self.ctx, self._run, self.shown_cases()) if self._run is not None else None

    def selected_cases(self) -> list[CaseSummary]:
        """The rows selected (Ctrl or Shift + click), in the list's order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [case for row in rows if (case := self.proxy.index(row, 0).data(CASE_ROLE)) is not None]

    def print_selected(self) -> Any:
        """The selected cases' documents, rendered in the background and printed in one job (ui/batch.py)."""
        from ui import batch

        chosen = self.selected_cases()
        if not chosen:
            dialogs().info(self, self.tr("Print"), self.tr("Select the cases to print (Ctrl or Shift + click)."))
            return None
        return batch.print_cases(self, self.ctx, self._run, chosen) if self._run is not None else None

    def new_case(self) -> Any:
        from ui.new_case_dialog import NewCaseDialog

        dialog = NewCaseDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self._created(dialog.case_id))
        dialog.open()
        return dialog

    def _created(self, case_id: int | None) -> None:
        self.reload()
        if case_id is not None:
            self.ctx.hub.publish(Changes(case_id, status=True), self)
            self.open_case.emit(case_id)

