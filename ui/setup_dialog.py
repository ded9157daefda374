"""The first-run setup (首次使用设置), shown when the GUI starts while the issuing body is still the placeholder."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from handover.paths import data_dir
from handover.services import setup
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message
from ui.text import BAD, coloured


class SetupDialog(QDialog):
    """The county's issuing body, name, document-number prefix and ranked units, and optionally its certificate."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("First-run setup"))
        now = setup.current(ctx.db)
        self.issuing_body = QLineEdit(now.issuing_body)
        self.issuing_body.setPlaceholderText(self.tr("e.g. 中共青溪县委组织部"))
        self.county = QLineEdit(now.county)
        self.county.setPlaceholderText(self.tr("e.g. 青溪县"))
        self.doc_prefix = QLineEdit(now.doc_prefix)
        self.ranked_units = QLineEdit(now.ranked_units)
        self.ranked_units.setPlaceholderText(self.tr("empty: the number of units of the same type"))
        self.make_certificate = QCheckBox(self.tr("Create a self-signed organisation certificate for digital signatures"))
        self.certificate_path = QLineEdit(str(data_dir() / "organisation.p12"))
        self.password = QLineEdit()
        self.password_again = QLineEdit()
        for field in (self.password, self.password_again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        self.make_certificate.toggled.connect(self._certificate_toggled)
        self._certificate_toggled(False)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save"))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.later_button = QPushButton(self.tr("Later"))
        self.later_button.clicked.connect(self.reject)
        self._lay_out()

    def _lay_out(self) -> None:
        intro = QLabel(self.tr("Until the issuing body (发文机关) is set, every PDF is marked 样稿 (draft) and cannot be "
                               "signed digitally. Help → First-run setup… opens this again later."))  # fmt: skip
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Issuing body"), self.issuing_body)
        form.addRow(self.tr("County"), self.county)
        form.addRow(self.tr("Document number prefix"), self.doc_prefix)
        form.addRow(self.tr("Units in the ranking"), self.ranked_units)
        form.addRow(self.make_certificate)
        form.addRow(self.tr("Certificate file"), self.certificate_path)
        form.addRow(self.tr("Certificate password"), self.password)
        form.addRow(self.tr("Password again"), self.password_again)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        for part in (intro, form, self.message, buttons):
            layout.addWidget(part) if isinstance(part, QWidget) else layout.addLayout(part)
        self.resize(560, self.sizeHint().height())

    def _certificate_toggled(self, on: bool) -> None:
        for field in (self.certificate_path, self.password, self.password_again):
            field.setEnabled(on)

    def chosen(self) -> setup.CountySetup:
        return setup.CountySetup(self.issuing_body.text(), self.county.text(), self.doc_prefix.text(),
                                 self.ranked_units.text())  # fmt: skip

    def save(self) -> None:
        """Store the answers (all or none) and make the certificate if asked; a refusal is shown in the dialog."""
        from pathlib import Path

        if self.make_certificate.isChecked() and self.password.text() != self.password_again.text():
            self.message.setText(coloured(self.tr("The two passwords differ."), BAD))
            return
        try:
            setup.save(self.ctx.db, self.chosen())
            made = None
            if self.make_certificate.isChecked():
                made = setup.create_certificate(self.ctx.db, Path(self.certificate_path.text()), self.password.text())
        except Exception as exc:  # noqa: BLE001 - a refused value is a message in the dialog
            self.message.setText(coloured(user_message(exc), BAD))
            return
        if made is not None:
            dialogs().info(self, self.tr("Organisation certificate"),
                           self.tr("Saved {0} and {1}.").format(made.p12, made.pem) + "\n\n" + made.notice)  # fmt: skip
        self.accept()


def offer_setup(parent: QWidget, ctx: AppContext) -> bool:
    """Show the setup while the issuing body is the placeholder; True when the county saved it."""
    if not setup.needs_setup(ctx.db):
        return False
    return SetupDialog(ctx, parent).exec() == QDialog.DialogCode.Accepted
