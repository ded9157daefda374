"""The Cases screen: every case with search and filters, new case, open a case."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, Signal
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

from handover import reading
from handover.changes import Changes
from handover.field.checkout import checked_out_ids
from handover.views import CaseSummary
from ui.case_model import (
    CASE_ROLE,
    COL_DONE,
    COL_GRADE,
    COL_ID,
    COL_INCOMING,
    COL_OUTGOING,
    COL_STATUS,
    COL_TERM,
    COL_UNIT,
    CaseFilterProxy,
    CaseTableModel,
    status_label,
)
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.new_case_dialog import NewCaseDialog
from ui.tasks import Progress


class CasesScreen(QWidget):
    open_case = Signal(int)

    def __init__(self, ctx: AppContext, run: Any = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._run = run  # MainWindow.run: background work with a progress bar and a cancel button
        self.model = CaseTableModel(parent=self)
        self.proxy = CaseFilterProxy(self)
        self.proxy.setSourceModel(self.model)

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
        self.search.textChanged.connect(lambda text: self._filter(search=text))
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
        self.open_button = QPushButton(self.tr("Open"))
        self.open_button.clicked.connect(self._open_current)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        bar.addWidget(self.status, 1)
        bar.addWidget(self.year, 1)
        bar.addStretch()
        bar.addWidget(self.batch_button)
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
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(28)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(False)
        for column, width in ((COL_ID, 60), (COL_UNIT, 200), (COL_OUTGOING, 130), (COL_INCOMING, 130),
                              (COL_TERM, 210), (COL_STATUS, 90), (COL_DONE, 90), (COL_GRADE, 80)):  # fmt: skip
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
        rows = reading.list_cases(self.ctx.db)
        self.model.checked_out = checked_out_ids(self.ctx.db)  # 外出核查中 (handover/field)
        self.model.set_rows(rows)
        header = self.table.horizontalHeader()
        self.model.sort(header.sortIndicatorSection(), header.sortIndicatorOrder())
        years = sorted({c.term_end.year for c in rows}, reverse=True)
        current = self.year.currentData()
        self.year.blockSignals(True)
        self.year.clear()
        self.year.addItem(self.tr("All years"), None)
        for year in years:
            self.year.addItem(self.tr("Term ends {0}").format(year), year)
        self.year.setCurrentIndex(max(self.year.findData(current), 0))
        self.year.blockSignals(False)
        self._update_count()

    def _filter(self, **changes: object) -> None:
        self.proxy.set_filters(**changes)  # type: ignore[arg-type]
        self._update_count()

    def _update_count(self) -> None:
        total = self.model.rowCount()
        shown = self.proxy.rowCount()
        self.table.setVisible(total > 0)
        self.empty.setVisible(total == 0)
        self.count.setText(self.tr("{0} cases, {1} shown").format(total, shown))

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
        return [self.proxy.index(row, 0).data(CASE_ROLE) for row in range(self.proxy.rowCount())]

    def batch_reports(self) -> Any:
        """One PDF per case in the list as filtered, in the background; cancel stops after the current case."""
        chosen = self.shown_cases()
        if not chosen or self._run is None:
            return None
        folder = dialogs().choose_folder(self, self.tr("Folder for {0} reports").format(len(chosen)))
        if not folder:
            return None
        url = self.ctx.db.url

        def work(progress: Progress) -> Any:
            from handover.signing.batch import produce_many

            # one worker process: a cancel takes effect after the case being rendered
            return produce_many(url, chosen, Path(folder), workers=1, progress=progress)

        def done(items: Any) -> None:
            failed = [item for item in items if not item.ok]
            text = self.tr("{0} reports saved in {1}.").format(len(items) - len(failed), folder)
            if failed:
                text += "\n" + self.tr("Not rendered: {0}").format("；".join(f"{i.case_id}（{i.error}）" for i in failed[:10]))
            dialogs().info(self, self.tr("Reports for the list"), text)

        return self._run(self.tr("Rendering {0} reports…").format(len(chosen)), work, done)

    def new_case(self) -> NewCaseDialog:
        dialog = NewCaseDialog(self.ctx, self)
        dialog.accepted.connect(lambda: self._created(dialog.case_id))
        dialog.open()
        return dialog

    def _created(self, case_id: int | None) -> None:
        self.reload()
        if case_id is not None:
            self.ctx.hub.publish(Changes(case_id, status=True), self)
            self.open_case.emit(case_id)

