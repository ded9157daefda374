"""The main window's Field visit menu (外出核查): check cases out to a laptop file, check a file in; and the passphrase
asked when the application opens an encrypted field file (docs/field.md)."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QMainWindow, QWidget

from handover.changes import EVERYTHING
from handover.errors import Refused
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message

if TYPE_CHECKING:  # loaded when a menu item is used: the field code needs SQLAlchemy, which the start does not wait for
    from handover.field import checkin
    from ui.field_dialogs import CheckoutDialog, ConflictsDialog

#: the file name a field file ends with (handover.cipher.SUFFIX, which loads SQLAlchemy)
SUFFIX = ".hofield"


def passphrase_for(target: str | None, parent: QWidget | None = None) -> str | None:
    """None for an ordinary database; for an encrypted field file HANDOVER_PASSPHRASE or what the dialog is given."""
    from handover.field import access

    path = access.encrypted_file(target)
    if path is None:
        return None
    given = os.environ.get(access.PASSPHRASE_ENV)
    if given:
        return given
    label = QCoreApplication.translate("FieldMenu", "Passphrase of the field file {0}:").format(path.name)
    typed = dialogs().ask_password(parent, "handover", label)
    if not typed:
        raise Refused(f"{path.name} 已加密，没有输入口令，未打开")
    return typed


class FieldMenu(QObject):
    """The menu and what its two actions do (on the office database; a field file refuses them with a message)."""

    def __init__(self, window: QMainWindow, ctx: AppContext) -> None:
        super().__init__(window)
        self.window, self.ctx = window, ctx
        self.menu = menu = window.menuBar().addMenu(self.tr("&Field visit"))
        self.checkout_action = menu.addAction(self.tr("Check out cases…"))
        self.checkout_action.triggered.connect(self.check_out)
        self.checkin_action = menu.addAction(self.tr("Check in a field file…"))
        self.checkin_action.triggered.connect(self.check_in)
        self.last_dialog: CheckoutDialog | ConflictsDialog | None = None
        if is_field_file(ctx):  # the pool and the settings stay in the office
            for name in ("pool", "settings"):
                getattr(window, name).setEnabled(False)

    def _office_only(self) -> bool:
        from handover.field import access

        try:
            access.refuse_office_only("field", None, self.ctx.db)
        except Refused as exc:
            dialogs().error(self.window, self.tr("Field visit"), user_message(exc))
            return False
        return True

    def check_out(self) -> None:
        if not self._office_only():
            return
        from ui.field_dialogs import CheckoutDialog

        self.last_dialog = dialog = CheckoutDialog(self.ctx, self.window)
        dialog.accepted.connect(lambda: self._checked_out(dialog))
        dialog.open()

    def _checked_out(self, dialog: CheckoutDialog) -> None:
        done = dialog.done_result
        if done is None:
            return
        self.ctx.hub.publish(EVERYTHING)
        dialogs().info(self.window, self.tr("Checked out"), self.tr("Cases {0} are in {1}.").format(
            "、".join(str(c) for c in done.case_ids), done.path))  # fmt: skip

    def check_in(self) -> checkin.CheckinResult | None:
        if not self._office_only():
            return None
        from handover.field import checkin
        from ui.field_dialogs import FILTER, ConflictsDialog

        path = dialogs().open_file(self.window, self.tr("Check in a field file"), FILTER)
        if not path:
            return None
        try:
            passphrase = passphrase_for(path, self.window)
            result = checkin.checkin(self.ctx.db, path, passphrase)
        except Exception as exc:  # noqa: BLE001
            dialogs().error(self.window, self.tr("Not checked in"), user_message(exc))
            return None
        if result.conflicts:
            self.last_dialog = dialog = ConflictsDialog(self.ctx, path, passphrase, result.conflicts, self.window)
            dialog.finished.connect(lambda _: self._after(dialog.result_after or result, path))
            dialog.open()
            return result
        self._after(result, path)
        return result

    def _after(self, result: checkin.CheckinResult, path: str) -> None:
        from ui.field_dialogs import file_name

        self.ctx.hub.publish(EVERYTHING)
        lines = [self.tr("Case {0} checked in.").format(a["case"]) for a in result.applied]
        lines += [self.tr("Case {0} not checked in: {1}").format(r["case"], r["reason"]) for r in result.refused]
        if not lines:
            lines = [self.tr("Nothing new: {0} was checked in before; nothing was changed.").format(file_name(path))]
        dialogs().info(self.window, self.tr("Field visit checked in"), "\n".join(lines))


def is_field_file(ctx: AppContext) -> bool:
    """Whether the window shows a field file: its name, or (once open) its own table, without waiting for the database
    to open at start (an encrypted one is open already: it was opened before the window)."""
    if ctx.url.endswith(SUFFIX):
        return True
    if not ctx.db_open:
        return False
    from handover.field import checkout

    return bool(checkout.is_field_file(ctx.db))
