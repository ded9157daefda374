"""Signing in to a county server (登录服务器): server, port, database, account, password, sslmode.

The dialog tries the connection before it keeps anything. Where the server is goes into this PC's settings (gui.json);
the password goes into the operating system's keyring (services.credentials), never into a file. The next start
connects to that server; 服务器 → 本机单用户模式 goes back to the SQLite file of this PC.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from handover.errors import Refused
from handover.services import credentials, server
from handover.services.connection import open_database
from handover.services.credentials import ServerLogin
from ui import local_config
from ui.errors import user_message
from ui.text import BAD, coloured


def saved_login() -> ServerLogin | None:
    """The server this PC signs in to, or None for the single-PC mode."""
    return ServerLogin.from_dict(local_config.load().get("server"))


class ConnectDialog(QDialog):
    """The sign-in form; `account` is who signed in once it was accepted."""

    def __init__(self, parent: QWidget | None = None, login: ServerLogin | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sign in to the county server"))
        login = login or saved_login()
        self.host = QLineEdit(login.host if login else "")
        self.host.setPlaceholderText(self.tr("e.g. 10.1.2.3 or db.county.example"))
        self.port = QSpinBox()
        self.port.setRange(1, 65535)
        self.port.setValue(login.port if login else credentials.DEFAULT_PORT)
        self.database = QLineEdit(login.database if login else "handover")
        self.user = QLineEdit(login.user if login else "")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sslmode = QComboBox()
        self.sslmode.addItems(list(credentials.SSL_MODES))
        self.sslmode.setCurrentText(login.sslmode if login else "prefer")
        self.remember = QCheckBox(self.tr("Keep the password in this computer's keyring"))
        self.remember.setChecked(True)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.sign_in_button = QPushButton(self.tr("Sign in"))
        self.sign_in_button.setDefault(True)
        self.sign_in_button.clicked.connect(self.sign_in)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.reject)
        self.account: server.Account | None = None
        self.url: str | None = None
        self._lay_out()

    def _lay_out(self) -> None:
        form = QFormLayout()
        form.addRow(self.tr("Server"), self.host)
        form.addRow(self.tr("Port"), self.port)
        form.addRow(self.tr("Database"), self.database)
        form.addRow(self.tr("Account"), self.user)
        form.addRow(self.tr("Password"), self.password)
        form.addRow(self.tr("Encryption (sslmode)"), self.sslmode)
        form.addRow("", self.remember)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.sign_in_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

    def login(self) -> ServerLogin:
        return ServerLogin(
            self.host.text(), self.database.text(), self.user.text(), self.port.value(), self.sslmode.currentText()
        ).checked()

    def sign_in(self) -> None:
        """Connect with what was typed; keep the server and the password only when the server let the account in."""
        try:
            login = self.login()
            if not self.password.text():
                raise Refused(self.tr("Enter the password of the account"))
            url = login.url(self.password.text())
            db = open_database(url)
            try:
                self.account = server.signed_in(db)
            finally:
                db.close()
            local_config.save(server=login.as_dict())
            if self.remember.isChecked():
                credentials.save_password(login, self.password.text())
            else:
                credentials.forget_password(login)
        except Exception as exc:  # noqa: BLE001 - a wrong password or an unreachable server: said in the dialog
            self.message.setText(coloured(user_message(exc), BAD))
            return
        self.url = url
        self.accept()


def saved_server_target(parent: QWidget | None = None) -> str | None:
    """The URL of the server this PC signs in to, with the password from the keyring. Without a kept password, or when
    the server does not let the account in (it is down, the password changed), the sign-in dialog asks, saying why.
    None: the single-PC mode (no server chosen, or the dialog was cancelled: the local file opens this time)."""
    login = saved_login()
    if login is None:
        return None
    password = credentials.load_password(login)
    problem = None
    if password:
        url = login.url(password)
        try:
            open_database(url).close()
            return url
        except Exception as exc:  # noqa: BLE001 - said in the dialog, which offers to try again
            problem = user_message(exc)
    dialog = ConnectDialog(parent, login)
    if problem:
        dialog.message.setText(coloured(problem, BAD))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.url


def use_single_pc_mode() -> None:
    """Forget the server for this PC (the keyring keeps nothing for it either): the next start opens the local file."""
    login = saved_login()
    if login is not None:
        credentials.forget_password(login)
    local_config.save(server=None)
