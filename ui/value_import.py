"""Values from a township's returned Excel sheet into the checklist: pick the file, see what changes (indicator, old → new),
and apply it only on 确定; reading and applying run off the GUI thread, with a progress dialog when they take a while."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QProgressDialog,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from handover.services import value_import, value_preview
from handover.services.value_preview import ValueChange
from ui.dialogs import dialogs
from ui.errors import user_message
from ui.tasks import Progress, Task, run_task

#: a task that has not finished after this long shows a progress dialog
PROGRESS_AFTER_MS = 1000


class ValueImportPreview(QDialog):
    """The changes an import would make, one line each; 确定 applies them, 取消 leaves the case as it is."""

    def __init__(self, changes: list[ValueChange], file_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import values from {0}").format(file_name))
        self.resize(760, 480)
        self.table = QTableWidget(len(changes), 4)
        self.table.setHorizontalHeaderLabels([self.tr("Indicator"), self.tr("Field"), self.tr("Now"), self.tr("After import")])
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, change in enumerate(changes):
            for column, text in enumerate((f"{change.code} {change.name}", change.what, change.old, change.new)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.summary = QLabel(
            self.tr("%n change(s) in this case. Nothing is stored until you press OK.", "", len(changes))
            if changes else self.tr("The sheet changes nothing in this case.")
        )  # fmt: skip
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok.setEnabled(bool(changes))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)


class ValueImporter(QObject):
    """The steps of one import for the case of `parent` (the checklist); `imported` when the values are stored."""

    imported = Signal(int)  # how many rows were applied

    def __init__(self, db: Any, case_id: int, parent: QWidget) -> None:
        super().__init__(parent)
        self.db, self.case_id, self.widget = db, case_id, parent
        self.preview: ValueImportPreview | None = None
        self.task: Task | None = None

    def start(self) -> None:
        path = dialogs().open_file(self.widget, self.tr("Import values"), self.tr("Spreadsheets (*.xlsx *.csv)"))
        if not path:
            return
        self._run(
            self.tr("Reading {0}…").format(Path(path).name),
            lambda progress: value_preview.preview_values(self.db, self.case_id, path, progress),
            lambda changes: self._show(path, changes),
        )

    def _show(self, path: str, changes: list[ValueChange]) -> None:
        self.preview = ValueImportPreview(changes, Path(path).name, self.widget)
        self.preview.accepted.connect(lambda: self._apply(path))
        self.preview.open()

    def _apply(self, path: str) -> None:
        self._run(
            self.tr("Importing {0}…").format(Path(path).name),
            lambda progress: value_import.import_values(self.db, self.case_id, path, progress),
            self.imported.emit,
        )

    def _run(self, label: str, work: Callable[[Progress], Any], done: Callable[[Any], None]) -> None:
        """`work` off the GUI thread; a progress dialog (with 取消) appears only if it takes over a second."""
        waiting = QProgressDialog(label, self.tr("Cancel"), 0, 0, self.widget)
        waiting.setWindowModality(Qt.WindowModality.WindowModal)
        waiting.setMinimumDuration(PROGRESS_AFTER_MS)
        waiting.setAutoClose(False)
        waiting.setAutoReset(False)

        def progressed(count: int, total: int, _text: str) -> None:
            waiting.setRange(0, max(total, 1))
            waiting.setValue(min(count, total))

        def failed(exc: BaseException) -> None:
            dialogs().error(self.widget, self.tr("Import values"), user_message(exc))

        def finished() -> None:
            waiting.canceled.disconnect()  # closing the dialog says "canceled": not to a task already done
            waiting.hide()
            waiting.deleteLater()

        self.task = run_task(work, done, failed, progressed, parent=self)
        waiting.canceled.connect(self.task.cancel)
        self.task.done.connect(finished)
