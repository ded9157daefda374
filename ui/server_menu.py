"""The main window's Server menu, who is signed in (status bar), and what the signed-in role may not do, hidden.

On a county server the database refuses what a role may not do (services/server_sql.py); the window does not offer it
either: the buttons a role may not use are hidden and each screen that lost some says why in a line at its top. In the
single-PC mode (SQLite) nothing is hidden and the status bar says 本机单用户模式.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QLineEdit, QMainWindow, QPlainTextEdit, QTextEdit, QVBoxLayout, QWidget

from handover.words import ACCOUNT_ROLES
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.text import BAD, coloured

if TYPE_CHECKING:
    from handover.services.server import Account

RANK = {"reader": 0, "assessor": 1, "admin": 2}
#: (screen of the main window, its button, the least role that may use it)
SCREEN_RULES = (
    ("cases", "new_button", "admin"),
    ("pool", "add_button", "admin"),
    ("pool", "edit_button", "admin"),
    ("pool", "import_button", "admin"),
    ("units", "add_unit_button", "admin"),
    ("units", "add_village_button", "assessor"),
    ("settings", "save_button", "admin"),
    ("settings", "demo_button", "admin"),
)
#: (tab of a case workspace, or "" for the workspace itself, its button, the least role)
CASE_RULES = (
    ("draw", "prepare_button", "admin"),
    ("draw", "notice_button", "admin"),
    ("draw", "draw_button", "admin"),
    ("draw", "replace_button", "admin"),
    ("signatures", "revise_button", "admin"),
    ("", "submit_button", "assessor"),
    ("evaluation", "save_button", "assessor"),
    ("attachments", "add_button", "assessor"),
)
#: the tabs whose fields a reader only reads
READ_ONLY_TABS = ("checklist", "evaluation")


def may(account: Account | None, role: str) -> bool:
    """Whether the signed-in account may do what needs `role`; always in the single-PC mode."""
    return account is None or RANK.get(account.role or "", -1) >= RANK[role]


class ServerMenu(QObject):
    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.account = signed_in(ctx)
        self.menu = window.menuBar().addMenu(self.tr("&Server"))
        self.sign_in_action = self.menu.addAction(self.tr("Sign in to a county server…"))
        self.sign_in_action.triggered.connect(self.sign_in)
        self.local_action = self.menu.addAction(self.tr("Use this PC only (single-PC mode)"))
        self.local_action.triggered.connect(self.single_pc)
        self.label = QLabel(self.status_text())
        window.statusBar().addPermanentWidget(self.label)
        if self.account is None:  # single-PC mode: nothing is hidden (and no screen is made before it is shown)
            return
        for name, button, role in SCREEN_RULES:
            self._hide(getattr(window, name), button, role)
        operator = getattr(getattr(window, "settings", None), "operator", None)
        if isinstance(operator, QLineEdit):  # on a server the account is who acts
            operator.setText(self.account.user)
            operator.setReadOnly(True)
            operator.setToolTip(self.tr("On the county server every record names the account signed in"))
        tabs = getattr(window, "tabs", None)
        if tabs is not None:
            tabs.currentChanged.connect(lambda _index: self._restrict_case(tabs.currentWidget()))


    def status_text(self) -> str:
        if self.account is None:
            return self.tr("Single-PC mode")
        return self.tr("Signed in: {0} ({1}) · server {2}").format(
            self.account.user, self.account.role_label, self.account.server
        )

    def _hide(self, screen: QWidget, name: str, role: str, *, explain: bool = True) -> None:
        button = getattr(screen, name, None)
        if button is None or may(self.account, role):
            return
        button.hide()
        button.installEventFilter(self)  # a screen that shows it again on a change of selection is overruled
        if explain:
            self._explain(screen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Show and isinstance(watched, QWidget):
            watched.hide()
        return False

    def _explain(self, screen: QWidget) -> None:
        """One line at the top of a screen that lost buttons: who is signed in and why they are not there."""
        layout = screen.layout()
        if screen.property("server_restricted") or self.account is None:
            return
        if not isinstance(layout, QVBoxLayout):  # side by side (the settings): said when the pointer rests on it
            screen.setToolTip(self.why())
            return
        screen.setProperty("server_restricted", True)
        label = QLabel(coloured(self.why(), BAD))
        label.setWordWrap(True)
        label.setObjectName("server_restriction")
        layout.insertWidget(0, label)
        label.show()

    def why(self) -> str:
        assert self.account is not None
        return self.tr(
            "Signed in as {0} ({1}): what this role may not do is not offered here, and the server refuses it too. "
            "Ask a {2} if it must be done."
        ).format(self.account.user, self.account.role_label, ACCOUNT_ROLES["admin"])

    def _restrict_case(self, workspace: QWidget | None) -> None:
        if workspace is None or self.account is None or not hasattr(workspace, "case_id"):
            return
        if workspace.property("server_restricted"):
            return
        for tab, name, role in CASE_RULES:
            screen = getattr(workspace, tab, None) if tab else workspace
            if screen is not None:
                self._hide(screen, name, role, explain=False)
        if not may(self.account, "assessor"):
            for tab in READ_ONLY_TABS:
                for kind in (QLineEdit, QTextEdit, QPlainTextEdit):
                    for field in getattr(workspace, tab).findChildren(kind):
                        field.setReadOnly(True)
            workspace.signatures.setEnabled(False)
        if not may(self.account, "admin"):
            self._explain(workspace)

    def sign_in(self) -> None:
        from ui.connect_dialog import ConnectDialog

        dialog = ConnectDialog(self.window)
        if dialog.exec():
            account = dialog.account
            who = f"{account.user}（{account.role_label}）" if account else dialog.user.text()
            dialogs().info(
                self.window,
                self.tr("Sign in"),
                self.tr("The application connects as {0} at the next start.").format(who),
            )

    def single_pc(self) -> None:
        from ui.connect_dialog import use_single_pc_mode

        use_single_pc_mode()
        dialogs().info(
            self.window, self.tr("Single-PC mode"), self.tr("The application opens this PC's file at the next start.")
        )


def signed_in(ctx: AppContext) -> Account | None:
    """The account signed in to a county server; None on this PC's own file (SQLite: single-PC mode), known from the
    address alone, so the window does not wait for the database (and SQLAlchemy) to open."""
    if ctx.url.startswith("sqlite"):
        return None
    from handover.services import server

    return server.signed_in(ctx.db)
