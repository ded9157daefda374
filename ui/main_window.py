"""The main window: Cases, Units and villages, Settings, and one closable tab per open case."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import QLabel, QMainWindow, QProgressBar, QPushButton, QWidget

from handover.case_list import CaseQuery
from handover.changes import EVERYTHING
from handover.identity import current_user
from ui import screen_fit
from ui.backup_menu import BackupMenu
from ui.cases_screen import CasesScreen
from ui.context import AppContext
from ui.dialogs import dialogs
from ui.errors import user_message
from ui.server_menu import ServerMenu
from ui.tasks import Progress, Task, run_task, stop_all

if TYPE_CHECKING:
    from ui.overview_screen import OverviewScreen
    from ui.pool_screen import PoolScreen
    from ui.settings_screen import SettingsScreen
    from ui.units_screen import UnitsScreen
    from ui.workspace import CaseWorkspace


class MainWindow(QMainWindow):
    language_changed = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("Party-building handover review"))
        self.tabs = screen_fit.ScrollingTabs()  # a page too tall for the screen scrolls
        self.tabs.setDocumentMode(True)
        self.tabs.setTabsClosable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.cases = CasesScreen(ctx, self.run)
        self.cases.open_case.connect(self.open_case)
        # the other screens are made when first shown or asked for (their modules load SQLAlchemy): the case list is
        # on screen before that (docs/architecture.md, “Start-up”)
        self._later: dict[str, QWidget] = {key: QWidget() for key in ("overview", "pool", "units", "settings")}
        self._titles = {"overview": self.tr("County overview"), "pool": self.tr("Reviewer pool"),
                        "units": self.tr("Units and villages"), "settings": self.tr("Settings")}  # fmt: skip
        for widget, title in ((self.cases, self.tr("Cases")), *((self._later[k], self._titles[k]) for k in self._later)):
            index = self.tabs.addTab(widget, title)
            self.tabs.tabBar().setTabButton(index, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.currentChanged.connect(self._make_shown_screen)
        self.setCentralWidget(self.tabs)
        self._status_bar(ctx)
        close = QShortcut(QKeySequence("Ctrl+W"), self)
        close.activated.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        new = QShortcut(QKeySequence("Ctrl+N"), self)  # a button's shortcut works only while its screen is shown
        new.activated.connect(self.new_case)
        self.backup_menu = BackupMenu(self, ctx, self.close_cases)
        self.server_menu = ServerMenu(self, ctx)
        screen_fit.place(self)  # within the screen, where it was left

    def _status_bar(self, ctx: AppContext) -> None:
        """Where the data is, who is using this PC, and the background task's progress with its cancel button."""
        self.task_label = QLabel()
        self.task_progress = QProgressBar()
        self.task_progress.setMaximumWidth(240)
        self.task_cancel = QPushButton(self.tr("Cancel"))
        self.task: Task | None = None
        status = self.statusBar()
        self.database_label = QLabel(ctx.shown_database)
        self.database_label.setToolTip(self.tr("Every case, value and signature is kept in this database; back it up "
                                               "with Database → Back up the database"))  # fmt: skip
        status.addWidget(self.database_label, 1)
        self.user_label = QLabel()
        self.user_label.setToolTip(self.tr("The person using this PC, recorded with every draw, edit and signature; "
                                           "changed in the settings"))  # fmt: skip
        status.addWidget(self.user_label)
        self.show_user()
        ctx.hub.follow(self, lambda c: c.settings, self.show_user, at_once=True)
        for widget in (self.task_label, self.task_progress, self.task_cancel):
            status.addPermanentWidget(widget)
            widget.hide()
        self.task_cancel.clicked.connect(lambda: self.task and self.task.cancel())

    # -- the screens made on first use ---------------------------------------------------------------------------------
    @property
    def overview(self) -> OverviewScreen:
        return self._screen("overview")  # type: ignore[return-value]

    @property
    def pool(self) -> PoolScreen:
        return self._screen("pool")  # type: ignore[return-value]

    @property
    def units(self) -> UnitsScreen:
        return self._screen("units")  # type: ignore[return-value]

    @property
    def settings(self) -> SettingsScreen:
        return self._screen("settings")  # type: ignore[return-value]

    @property
    def fixed(self) -> list[QWidget]:
        return [self.cases, self.overview, self.pool, self.units, self.settings]

    def _screen(self, key: str) -> QWidget:
        """The screen, made now if it was not yet, in its place among the tabs."""
        placeholder = self._later[key]
        if type(placeholder) is not QWidget:
            return placeholder
        screen = self._make(key)
        index = self.tabs.indexOf(placeholder)
        current = self.tabs.currentIndex()
        self._later[key] = screen
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, screen, self._titles[key])
        self.tabs.tabBar().setTabButton(index, self.tabs.tabBar().ButtonPosition.RightSide, None)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)
        placeholder.deleteLater()
        return screen

    def _make(self, key: str) -> QWidget:
        if key == "overview":
            from ui.overview_screen import OverviewScreen

            overview = OverviewScreen(self.ctx, self.run)
            overview.open_case.connect(self.open_case)
            return overview
        if key == "pool":
            from ui.pool_screen import PoolScreen

            return PoolScreen(self.ctx, self.run)
        if key == "units":
            from ui.units_screen import UnitsScreen

            return UnitsScreen(self.ctx)
        from ui.settings_screen import SettingsScreen

        settings = SettingsScreen(self.ctx)
        settings.language_changed.connect(self.language_changed)
        settings.demo_loaded.connect(self.load_demo)
        return settings

    def _make_shown_screen(self, index: int) -> None:
        shown = self.tabs.widget(index)
        for key, widget in self._later.items():
            if widget is shown and type(widget) is QWidget:
                self._screen(key)

    # -- cases --------------------------------------------------------------------------------------------------------
    def new_case(self) -> Any:
        self.tabs.setCurrentWidget(self.cases)
        return self.cases.new_case()

    def workspaces(self) -> list[CaseWorkspace]:
        loaded = sys.modules.get("ui.workspace")  # not loaded yet: no case has been opened
        if loaded is None:
            return []
        return [w for i in range(self.tabs.count()) if isinstance(w := self.tabs.widget(i), loaded.CaseWorkspace)]

    def open_case(self, case_id: int) -> CaseWorkspace | None:
        for workspace in self.workspaces():
            if workspace.case_id == case_id:
                self.tabs.setCurrentWidget(workspace)
                return workspace
        from ui.workspace import CaseWorkspace

        try:
            workspace = CaseWorkspace(self.ctx, case_id)
        except Exception as exc:  # noqa: BLE001
            dialogs().error(self, self.tr("Cannot open the case"), user_message(exc))
            return None
        workspace.reopen.connect(self.reopen_case)
        workspace.open_other.connect(self.open_case)
        index = self.tabs.addTab(workspace, workspace.title)
        self.tabs.setCurrentIndex(index)
        workspace.checklist.focus_first_open()  # opened from the keyboard, typing goes on from there
        return workspace

    def reopen_case(self, case_id: int) -> CaseWorkspace | None:
        """Show a case afresh (after it was locked by the last signature), on the same tab as before."""
        for workspace in self.workspaces():
            if workspace.case_id == case_id:
                current = workspace.tabs.currentIndex()
                self.close_tab(self.tabs.indexOf(workspace))
                reopened = self.open_case(case_id)
                if reopened is not None:
                    reopened.tabs.setCurrentIndex(current)
                return reopened
        return None

    def close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if widget in self.workspaces():
            widget.flush()
            self.tabs.removeTab(index)
            widget.deleteLater()

    def close_cases(self) -> None:
        """Close every case tab, saving what was typed (before a restore replaces what they show)."""
        for workspace in self.workspaces():
            self.close_tab(self.tabs.indexOf(workspace))

    def closeEvent(self, event: QCloseEvent) -> None:
        for workspace in self.workspaces():
            workspace.flush()
        stop_all()  # the status-bar task and those of the open cases (report, signing)
        screen_fit.remember(self)
        super().closeEvent(event)

    # -- first start and the demo -------------------------------------------------------------------------------------
    def show_user(self) -> None:
        self.user_label.setText(self.tr("User: {0}").format(current_user()))

    def offer_demo(self) -> None:
        """On an empty database, offer the fictional demo county to try the application with."""
        from handover.services import units

        if units.list_units(self.ctx.db) or self.ctx.cases(CaseQuery(limit=1)):
            return
        if dialogs().confirm(
            self,
            self.tr("Welcome"),
            self.tr("The database is empty. Load the demo county (青溪县, fictional) to try the application?\n"
                    "You can also start with your own units under “Units and villages”."),  # fmt: skip
        ):
            self.load_demo()

    def load_demo(self) -> Task:
        from handover import demo

        def work(progress: Progress) -> str:
            progress(0, 1, "")
            text = demo.load_demo(self.ctx.db)
            progress(1, 1, "")
            return text

        return self.run(self.tr("Loading the demo county…"), work, self._demo_loaded)

    def _demo_loaded(self, text: Any) -> None:
        self.ctx.hub.publish(EVERYTHING)
        dialogs().info(self, self.tr("Demo county loaded"), str(text))

    # -- background work ----------------------------------------------------------------------------------------------
    def run(self, label: str, fn: Any, on_success: Any) -> Task:
        """Run `fn(progress)` off the GUI thread with a progress bar and a cancel button in the status bar."""
        self.task_label.setText(label)
        self.task_progress.setRange(0, 0)
        for widget in (self.task_label, self.task_progress, self.task_cancel):
            widget.show()

        def progressed(done: int, total: int, _text: str) -> None:
            self.task_progress.setRange(0, max(total, 1))
            self.task_progress.setValue(done)

        def finished() -> None:
            for widget in (self.task_label, self.task_progress, self.task_cancel):
                widget.hide()
            self.task = None

        def failed(exc: BaseException) -> None:
            dialogs().error(self, self.tr("Could not finish"), user_message(exc))

        self.task = run_task(fn, on_success, failed, progressed, parent=self)
        self.task.cancelled.connect(lambda: self.statusBar().showMessage(self.tr("Cancelled: {0}").format(label), 8000))
        self.task.done.connect(finished)
        return self.task
