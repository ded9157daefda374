"""The reviewer pool (评审人员库): a table with filters, add and edit in a dialog that validates as you type, import."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from handover.changes import Changes
from handover.draw.views import ReviewerView
from handover.services import reviewer_import, reviewers
from handover.services.reviewers import ReviewerInput
from ui.context import AppContext
from ui.date_field import DateField
from ui.dialogs import dialogs
from ui.errors import user_message
from ui.rows_model import ROW_ROLE, Column, RowsModel
from ui.tasks import Progress
from ui.text import BAD, GREY, OK, coloured


def _day(value: Any) -> str:
    return value.isoformat() if value else "—"


class ReviewerDialog(QDialog):
    """Add a reviewer, or edit one (`existing`); the core's rules are checked on every keystroke."""

    def __init__(self, ctx: AppContext, existing: ReviewerView | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.existing = ctx, existing
        self.setWindowTitle(self.tr("Edit reviewer") if existing else self.tr("Add reviewer"))
        self.setMinimumWidth(480)
        self.name = QLineEdit()
        self.organization = QLineEdit()
        self.gender = QComboBox()
        self.gender.addItems(["", "男", "女"])
        self.org_dept = QCheckBox(self.tr("works in the organisation department (can lead a panel)"))
        self.certificate_no = QLineEdit()
        self.certified_until = DateField()  # 2030-12-31, 2030/12/31, 2030年12月31日, or picked (F4)
        self.trained_on = DateField()
        self.active = QCheckBox(self.tr("active"))
        self.active.setChecked(True)
        self.conflicts = QLineEdit()
        self.conflicts.setPlaceholderText(self.tr("person or unit (reason); several separated by ；"))
        if existing:
            self.name.setText(existing.name)
            self.organization.setText(existing.organization)
            self.gender.setCurrentText(existing.gender or "")
            self.org_dept.setChecked(existing.org_dept)
            self.certificate_no.setText(existing.certificate_no)
            self.certified_until.setText(_day(existing.certified_until).replace("—", ""))
            self.trained_on.setText(_day(existing.trained_on).replace("—", ""))
            self.active.setChecked(existing.active)
            self.conflicts.setText("；".join(c.label for c in existing.conflicts))
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Work unit"), self.organization)
        form.addRow(self.tr("Gender"), self.gender)
        form.addRow("", self.org_dept)
        form.addRow(self.tr("Certificate number"), self.certificate_no)
        form.addRow(self.tr("Certificate valid until"), self.certified_until)
        form.addRow(self.tr("Last training"), self.trained_on)
        form.addRow(self.tr("Declared conflicts"), self.conflicts)
        form.addRow("", self.active)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self._touched = existing is not None  # a new, empty form shows what to fill in, not an error
        for edit in (self.name, self.organization, self.certificate_no, self.certified_until, self.trained_on, self.conflicts):
            edit.textChanged.connect(self._edited)
        self.gender.currentIndexChanged.connect(self._edited)
        self.validate()

    def _edited(self) -> None:
        self._touched = True
        self.validate()

    def data(self) -> ReviewerInput:
        return ReviewerInput(
            name=self.name.text(),
            organization=self.organization.text(),
            certificate_no=self.certificate_no.text(),
            gender=self.gender.currentText() or None,
            org_dept=self.org_dept.isChecked(),
            certified_until=self.certified_until.text(),
            trained_on=self.trained_on.text(),
            active=self.active.isChecked(),
            conflicts=reviewers.parse_conflicts(self.conflicts.text()),
        )

    def validate(self) -> bool:
        try:
            clean = reviewers.check_reviewer(self.data())
            taken = self.existing is None or clean.certificate_no != self.existing.certificate_no
            holder = reviewers.certificate_holder(self.ctx.db, clean.certificate_no) if taken else None
            if holder is not None:  # said while typing, not only after pressing Save
                raise reviewers.duplicate_certificate(clean.certificate_no, holder)
            problem = None
        except Exception as exc:  # noqa: BLE001 - shown in the dialog
            problem = user_message(exc)
        if problem and not self._touched:
            self.message.setText(coloured(self.tr("Name, work unit and certificate number are required."), GREY))
        else:
            self.message.setText(coloured(problem, BAD) if problem else coloured(self.tr("Ready to save."), OK))
        self.save_button.setEnabled(problem is None)
        return problem is None

    def save(self) -> None:
        if not self.validate():
            return
        try:
            if self.existing:
                reviewers.update_reviewer(self.ctx.db, self.existing.certificate_no, self.data())
            else:
                reviewers.add_reviewer(self.ctx.db, self.data())
        except Exception as exc:  # noqa: BLE001
            self.message.setText(coloured(user_message(exc), BAD))
            return
        self.accept()


class PoolScreen(QWidget):
    def __init__(self, ctx: AppContext, run: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._run = run  # MainWindow.run: background work with a progress bar
        yes, no = self.tr("yes"), self.tr("no")
        columns: list[Column[ReviewerView]] = [
            Column(self.tr("Name"), lambda r: r.name),
            Column(self.tr("Work unit"), lambda r: r.organization),
            Column(self.tr("Org. dept."), lambda r: yes if r.org_dept else "", centred=True),
            Column(self.tr("Certificate"), lambda r: r.certificate_no),
            Column(self.tr("Valid until"), lambda r: _day(r.certified_until), lambda r: OK if r.certificate_valid else BAD,
                   centred=True),
            Column(self.tr("Last training"), lambda r: _day(r.trained_on), lambda r: OK if r.trained else BAD, centred=True),
            Column(self.tr("Active"), lambda r: yes if r.active else no, lambda r: None if r.active else BAD, centred=True),
            Column(self.tr("Declared conflicts"), lambda r: "；".join(c.label for c in r.conflicts)),
        ]  # fmt: skip
        self.model: RowsModel[ReviewerView] = RowsModel(columns, parent=self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search name or work unit"))
        self.search.setClearButtonEnabled(True)
        self.certificate = self._filter(self.tr("Certificate: all"), self.tr("valid"), self.tr("missing or expired"))
        self.trained = self._filter(self.tr("Training: all"), self.tr("trained"), self.tr("not trained"))
        self.org_dept = self._filter(self.tr("Org. dept.: all"), self.tr("org. dept."), self.tr("other units"))
        self.search.textChanged.connect(self.reload)
        self.add_button = QPushButton(self.tr("Add…"))
        self.add_button.clicked.connect(lambda: self.edit(None))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.edit_button.clicked.connect(lambda: self.edit(self.current()))
        self.import_button = QPushButton(self.tr("Import from Excel…"))
        self.import_button.clicked.connect(self.import_sheet)
        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        for widget in (self.certificate, self.trained, self.org_dept):
            bar.addWidget(widget, 1)
        bar.addStretch()
        for widget in (self.add_button, self.edit_button, self.import_button):
            bar.addWidget(widget)
        self.table = QTableView()
        self.table.setTabKeyNavigation(False)  # Tab goes on to the next control; the arrows move in the list
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda index: self.edit(index.data(ROW_ROLE)))
        self.count = QLabel()
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.count)
        self.reload()
        ctx.hub.follow(self, lambda c: c.reviewers, self.reload)

    def _filter(self, everyone: str, yes: str, no: str) -> QComboBox:
        combo = QComboBox()
        combo.addItem(everyone, None)
        combo.addItem(yes, True)
        combo.addItem(no, False)
        combo.currentIndexChanged.connect(self.reload)
        return combo

    def reload(self) -> None:
        rows = reviewers.list_reviewers(
            self.ctx.db,
            certificate_valid=self.certificate.currentData(),
            trained=self.trained.currentData(),
            org_dept=self.org_dept.currentData(),
            search=self.search.text() or None,
        )
        self.model.set_rows(rows)
        self.count.setText(self.tr("{0} reviewers shown").format(len(rows)))

    def _reviewers_changed(self) -> None:
        self.reload()
        self.ctx.hub.publish(Changes(reviewers=True), self)  # the draw tabs of open cases show who is eligible

    def current(self) -> ReviewerView | None:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def edit(self, reviewer: ReviewerView | None) -> ReviewerDialog:
        dialog = ReviewerDialog(self.ctx, reviewer, self)
        dialog.accepted.connect(self._reviewers_changed)
        dialog.open()
        return dialog

    def import_sheet(self) -> None:
        """Read the sheet in the background, show what it would change, and import only after the user agrees."""
        path = dialogs().open_file(self, self.tr("Import reviewers"), self.tr("Spreadsheets (*.xlsx *.csv)"))
        if not path:
            return

        def summarise(progress: Progress) -> tuple[list[str], list[str]]:
            preview = reviewer_import.preview_import(self.ctx.db, path)  # a bad row is named now, before the question
            return preview.added, preview.updated

        self._run(self.tr("Reading {0}…").format(Path(path).name), summarise, lambda found: self._confirm_import(path, *found))

    def _confirm_import(self, path: str, added: list[str], updated: list[str]) -> None:
        def names(people: list[str]) -> str:
            shown = "、".join(people[:12])
            return shown + (self.tr(" and others, {0} in all").format(len(people)) if len(people) > 12 else "")

        summary = self.tr("{0} will be added: {1}\n{2} will be updated (same certificate number): {3}\n\n"
                          "If any row has a problem, nothing is imported.").format(
            len(added), names(added) or "—", len(updated), names(updated) or "—")  # fmt: skip
        if not dialogs().confirm(self, self.tr("Import reviewers"), summary):
            return

        def work(progress: Progress) -> Any:
            return reviewer_import.import_reviewers(self.ctx.db, path, progress)

        def done(result: Any) -> None:
            self._reviewers_changed()
            dialogs().info(
                self,
                self.tr("Import reviewers"),
                self.tr("{0} rows read: {1} reviewers added, {2} updated.").format(result.rows, result.added, result.updated),
            )

        self._run(self.tr("Importing reviewers…"), work, done)
