"""The main window's Database menu: back the database up now, restore it from a backup (docs/administration.md)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from handover.changes import EVERYTHING
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message

if TYPE_CHECKING:
    from handover.services import backups

FILTER = "SQLite (*.sqlite3 *.db *.bak)"


class BackupMenu(QObject):
    """The menu and what its two actions do; `close_cases` runs before a restore (open cases show the old content)."""

    def __init__(self, window: QMainWindow, ctx: AppContext, close_cases: Callable[[], None]) -> None:
        super().__init__(window)
        self.window, self.ctx, self.close_cases = window, ctx, close_cases
        self.menu = menu = window.menuBar().addMenu(self.tr("&Database"))
        self.backup_action = menu.addAction(self.tr("Back up now…"))
        self.backup_action.triggered.connect(self.backup)
        self.restore_action = menu.addAction(self.tr("Restore from a backup…"))
        self.restore_action.triggered.connect(self.restore)

    def backup(self) -> Path | None:
        suggested = f"handover-{date.today():%Y%m%d}.sqlite3"
        path = dialogs().save_file(self.window, self.tr("Back up the database"), suggested, FILTER)
        if not path:
            return None
        try:
            # the file dialog has asked before replacing a file of that name
            from handover.services import backups

            target = backups.backup(self.ctx.db, path, replace=True)
        except Exception as exc:  # noqa: BLE001
            dialogs().error(self.window, self.tr("No backup made"), user_message(exc))
            return None
        dialogs().info(self.window, self.tr("Backup made"), self.tr("The database was backed up to {0}.").format(target))
        return target

    def restore(self) -> backups.Restored | None:
        path = dialogs().open_file(self.window, self.tr("Restore the database from a backup"), FILTER)
        if not path:
            return None
        question = self.tr(
            "Replace the database with the backup {0}?\nThe backup is checked first (integrity and audit log); "
            "the current database file is kept in the backups folder."
        ).format(path)
        if not dialogs().confirm(self.window, self.tr("Restore"), question):
            return None
        self.close_cases()
        try:
            from handover.services import backups

            done = backups.restore(self.ctx.db.url, path)
        except Exception as exc:  # noqa: BLE001
            dialogs().error(self.window, self.tr("Not restored"), user_message(exc))
            return None
        self.ctx.hub.publish(EVERYTHING)
        kept = self.tr("The replaced file is kept as {0}.").format(done.replaced) if done.replaced else ""
        text = self.tr("Restored from {0}: {1} audit log entries checked.").format(done.source, done.entries)
        dialogs().info(self.window, self.tr("Database restored"), f"{text}\n{kept}".strip())
        return done
