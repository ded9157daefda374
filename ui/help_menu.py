"""The Help menu: the first-run setup again (首次使用设置), and 报告问题 (report a problem), the problem report of
handover.services.diagnose saved where the user chooses, for the county's IT staff."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QCoreApplication, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow, QMenu

from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message


def add_menu(window: QMainWindow, ctx: AppContext, on_setup: Callable[[], None]) -> QMenu:
    """A Help menu on the window's menu bar: "First-run setup…" (then `on_setup`) and "Report a problem…"."""
    menu = window.menuBar().addMenu(QCoreApplication.translate("help_menu", "Help"))
    setup = menu.addAction(QCoreApplication.translate("help_menu", "First-run setup…"))

    def setup_again() -> None:
        from ui.setup_dialog import SetupDialog  # loaded when asked for: the window opens without the certificate code

        if SetupDialog(ctx, window).exec() == SetupDialog.DialogCode.Accepted:
            on_setup()

    setup.triggered.connect(setup_again)
    report = menu.addAction(QCoreApplication.translate("help_menu", "Report a problem…"))
    report.triggered.connect(lambda: save_problem_report(window, ctx))
    return menu


def gui_facts() -> dict[str, object]:
    """What the core cannot know: Qt's version, the platform plugin and the screens' scaling (125 %, 150 %)."""
    screens = [f"{s.size().width()}x{s.size().height()} @{s.devicePixelRatio():g}" for s in QGuiApplication.screens()]
    return {"gui": {"qt": qVersion(), "pyside6": pyside_version, "platform": QGuiApplication.platformName(),
                    "screens": screens}}  # fmt: skip


def save_problem_report(window: QMainWindow, ctx: AppContext) -> Path | None:
    suggested = str(Path.home() / f"handover-问题报告-{date.today():%Y%m%d}.zip")
    chosen = dialogs().save_file(window, QCoreApplication.translate("help_menu", "Report a problem"), suggested, QCoreApplication.translate("help_menu", "Zip file (*.zip)"))
    if not chosen:
        return None
    from handover.services import diagnose

    try:
        path = diagnose.write_problem_report(Path(chosen), ctx.db.url, gui_facts())
    except Exception as exc:  # noqa: BLE001 - a folder without write access: say so
        dialogs().error(window, QCoreApplication.translate("help_menu", "Report a problem"), user_message(exc))
        return None
    dialogs().info(window, QCoreApplication.translate("help_menu", "Report a problem"),
                   QCoreApplication.translate("help_menu", "Saved {0}. It holds the log, the versions, the platform and the settings, without names "
                             "or passwords. Please send it to your IT staff.").format(path))  # fmt: skip
    return path
