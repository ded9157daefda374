"""The field-visit dialogs (外出核查, docs/field.md): choosing cases to check out into a file, and the conflicts of a
check-in side by side with a choice for each (the field's value or the office's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from handover import reading
from handover.field import checkin, checkout
from handover.field.merge import Conflict
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message
from ui.words import status

FILTER = "外出核查文件 (*.hofield)"


class CheckoutDialog(QDialog):
    """Tick the cases, name the file, give a passphrase (twice) or leave it empty for a plain file."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.done_result: checkout.CheckoutResult | None = None
        self.setWindowTitle(self.tr("Check out cases for a field visit"))
        self.cases = QListWidget()
        out = checkout.checked_out_ids(ctx.db)
        for case in reading.list_cases(ctx.db):
            if case.status == "signed" or case.id in out:
                continue
            item = QListWidgetItem(f"{case.id}  {case.unit}  {case.outgoing} → {case.incoming}  {status(case.status)}")
            item.setData(Qt.ItemDataRole.UserRole, case.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.cases.addItem(item)
        self.path = QLineEdit()
        self.browse = QPushButton(self.tr("Choose…"))
        self.browse.clicked.connect(self._choose)
        self.passphrase, self.repeat = QLineEdit(), QLineEdit()
        for field in (self.passphrase, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.tr("File"), where)
        form.addRow(self.tr("Passphrase"), self.passphrase)
        form.addRow(self.tr("Passphrase again"), self.repeat)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = self.buttons.addButton(self.tr("Check out"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.rejected.connect(self.reject)
        self.ok.clicked.connect(self.check_out)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Cases to take on the visit:")))
        layout.addWidget(self.cases)
        layout.addLayout(form)
        note = QLabel(self.tr("With a passphrase the file is encrypted: a lost laptop shows no names. "
                              "Without one, keep the file safe."))  # fmt: skip
        note.setWordWrap(True)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

    def _choose(self) -> None:
        path = dialogs().save_file(self, self.tr("Field file"), "外出核查.hofield", FILTER)
        if path:
            self.path.setText(path)

    def chosen(self) -> list[int]:
        items = (self.cases.item(i) for i in range(self.cases.count()))
        return [int(i.data(Qt.ItemDataRole.UserRole)) for i in items if i.checkState() == Qt.CheckState.Checked]

    def check_out(self) -> None:
        if self.passphrase.text() != self.repeat.text():
            dialogs().error(self, self.windowTitle(), self.tr("The two passphrases differ."))
            return
        try:
            self.done_result = checkout.checkout(self.ctx.db, self.chosen(), self.path.text().strip(),
                                                 self.passphrase.text() or None)  # fmt: skip
        except Exception as exc:  # noqa: BLE001
            dialogs().error(self, self.windowTitle(), user_message(exc))
            return
        self.accept()


class ConflictsDialog(QDialog):
    """The conflicts of a check-in, base / office / field side by side, a button for each choice; then check in."""

    COLUMNS = 7

    def __init__(self, ctx: AppContext, path: str, passphrase: str | None, conflicts: list[Conflict],
                 parent: QWidget | None = None) -> None:  # fmt: skip
        super().__init__(parent)
        self.ctx, self.path, self.passphrase = ctx, path, passphrase
        self.result_after: checkin.CheckinResult | None = None
        self.setWindowTitle(self.tr("Conflicts of the field visit"))
        self.resize(1100, 420)
        self.table = QTableWidget(0, self.COLUMNS)
        self.table.setHorizontalHeaderLabels([self.tr("Case"), self.tr("Indicator"), self.tr("At checkout"),
                                              self.tr("Office"), self.tr("Field"), "", ""])  # fmt: skip
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.take_buttons: dict[tuple[int, str], tuple[QPushButton, QPushButton]] = {}
        self.again = QPushButton(self.tr("Check in again"))
        self.again.clicked.connect(self.check_in)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.again)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Nothing of these cases was applied. Decide each conflict, then check in again.")))
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.show_conflicts(conflicts)

    def show_conflicts(self, conflicts: list[Conflict]) -> None:
        self.table.setRowCount(len(conflicts))
        self.take_buttons.clear()
        for row, c in enumerate(conflicts):
            for column, text in enumerate((str(c.case_id), f"{c.code} {c.name}", c.base, c.office, c.field)):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                self.table.setItem(row, column, item)
            field_button, office_button = QPushButton(self.tr("Take field")), QPushButton(self.tr("Take office"))
            for button, take in ((field_button, "field"), (office_button, "office")):
                button.setCheckable(True)
                button.setChecked(c.decided == take)
                button.clicked.connect(lambda _=False, c=c, take=take: self.decide(c, take))
                self.table.setCellWidget(row, 5 if take == "field" else 6, button)
            self.take_buttons[(c.case_id, c.code)] = (field_button, office_button)
        self.table.resizeColumnsToContents()

    def decide(self, conflict: Conflict, take: str) -> None:
        try:
            checkin.resolve(self.ctx.db, self.path, conflict.case_id, conflict.code, take, self.passphrase)
        except Exception as exc:  # noqa: BLE001
            dialogs().error(self, self.windowTitle(), user_message(exc))
        field_button, office_button = self.take_buttons[(conflict.case_id, conflict.code)]
        decided = {c.code: c.decided for p in self._plans() if p.case_id == conflict.case_id for c in p.conflicts}
        field_button.setChecked(decided.get(conflict.code) == "field")
        office_button.setChecked(decided.get(conflict.code) == "office")

    def _plans(self) -> list[Any]:
        return checkin.plans(self.ctx.db, self.path, self.passphrase)

    def check_in(self) -> None:
        try:
            self.result_after = checkin.checkin(self.ctx.db, self.path, self.passphrase)
        except Exception as exc:  # noqa: BLE001
            dialogs().error(self, self.windowTitle(), user_message(exc))
            return
        if self.result_after.conflicts:
            self.show_conflicts(self.result_after.conflicts)
            dialogs().error(self, self.windowTitle(), self.tr("Some conflicts are not decided yet."))
            return
        self.accept()


def file_name(path: str) -> str:
    return Path(path).name
