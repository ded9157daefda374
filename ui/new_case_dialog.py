"""The new-case dialog: validates as the user types with the core's own rules and messages."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from handover.services import cases, units
from ui.context import AppContext
from ui.date_field import DateField
from ui.errors import user_message


class NewCaseDialog(QDialog):
    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.case_id: int | None = None
        self.setWindowTitle(self.tr("New case"))
        self.setMinimumWidth(460)

        self.unit = QComboBox()
        self.unit.addItems([u.name for u in units.list_units(ctx.db)])
        self.outgoing = QLineEdit()
        self.outgoing.setPlaceholderText(self.tr("name of the secretary leaving office"))
        self.incoming = QLineEdit()
        self.incoming.setPlaceholderText(self.tr("name of the successor"))
        today = date.today()
        back = today.year - 5
        self.term_start = DateField(today.replace(year=back) if (today.month, today.day) != (2, 29) else date(back, 2, 28))
        self.term_end = DateField(today)
        self.handover = DateField()
        self.handover.setPlaceholderText(self.tr("not fixed yet"))

        form = QFormLayout()
        form.addRow(self.tr("Unit"), self.unit)
        form.addRow(self.tr("Outgoing secretary"), self.outgoing)
        form.addRow(self.tr("Incoming secretary"), self.incoming)
        form.addRow(self.tr("Start of term"), self.term_start)
        form.addRow(self.tr("End of term"), self.term_end)
        form.addRow(self.tr("Handover date"), self.handover)

        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setObjectName("validationMessage")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.create_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.create_button.setText(self.tr("Create case"))
        self.buttons.accepted.connect(self._create)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)

        self._touched = False  # a dialog just opened shows what to fill in, not an error for fields not reached yet
        for edit in (self.outgoing, self.incoming):
            edit.textChanged.connect(self._edited)
        for date_edit in (self.term_start, self.term_end, self.handover):
            date_edit.textChanged.connect(self._edited)
        self.unit.currentIndexChanged.connect(self._edited)
        self.validate()

    def _edited(self) -> None:
        self._touched = True
        self.validate()

    def new_case(self) -> cases.NewCase:
        """What the fields say, as typed: the core reads the dates (2021-01-05, 2021/1/5, 2021年1月5日) and names a
        field whose date is impossible."""
        return cases.NewCase(
            unit=self.unit.currentText(),
            outgoing=self.outgoing.text(),
            incoming=self.incoming.text(),
            term_start=self.term_start.text(),
            term_end=self.term_end.text(),
            handover_date=self.handover.text() or None,
        )

    def validate(self) -> bool:
        """Check with the core's rules; show the first problem and allow creating only when there is none."""
        if self.unit.count() == 0:
            problem: str | None = self.tr("There are no units yet: add the township first under Units and villages.")
        else:
            try:
                cases.validate_new_case(self.ctx.db, self.new_case())
                problem = None
            except Exception as exc:  # noqa: BLE001 - every problem becomes a message at the dialog
                problem = user_message(exc)
        if problem and not self._touched and self.unit.count():
            self.message.setText(self.tr("Fill in both secretaries' names and the term."))
            self.message.setStyleSheet("color: #5f6368;")
        else:
            self.message.setText(problem or self.tr("Ready to create."))
            self.message.setStyleSheet("color: #b3261e;" if problem else "color: #1b7f3b;")
        self.create_button.setEnabled(problem is None)
        return problem is None

    def _create(self) -> None:
        if not self.validate():
            return
        try:
            self.case_id = cases.create_case(self.ctx.db, self.new_case())
        except Exception as exc:  # noqa: BLE001
            self.message.setText(user_message(exc))
            self.message.setStyleSheet("color: #b3261e;")
            return
        self.accept()

    def keyPressEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        # Enter in a field creates the case only when it is valid (the button is disabled otherwise)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.create_button.isEnabled():
            return
        super().keyPressEvent(event)
