"""Start the desktop application: `handover` with no command calls launch() through the entry point `handover.gui`."""

from __future__ import annotations

import logging
import os
import sys

log = logging.getLogger("ui")


def setup_logging() -> str | None:
    """A log file in the data folder; tracebacks go there, the user sees a message."""
    from handover.paths import data_dir

    path = data_dir() / "handover.log"
    root = logging.getLogger()
    if not any(isinstance(h, logging.FileHandler) and h.baseFilename == str(path) for h in root.handlers):
        try:
            handler = logging.FileHandler(path, encoding="utf-8")
        except OSError:
            return None
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
        root.setLevel(logging.INFO)
    return str(path)


def database_target(db_target: str | None) -> str | None:
    """--db, then HANDOVER_DB, then the server or the file chosen in the settings of this PC, then the default file."""
    if db_target or os.environ.get("HANDOVER_DB"):
        return db_target
    from ui import local_config
    from ui.connect_dialog import saved_server_target

    if (server := saved_server_target()) is not None:  # a county server this PC signs in to (password: keyring)
        return server

    return local_config.load().get("database") or None


def apply_operator() -> None:
    """The operator named in the settings of this PC is who the core records, unless HANDOVER_USER says otherwise."""
    from ui import local_config

    operator = str(local_config.load().get("operator") or "").strip()
    if operator and not os.environ.get("HANDOVER_USER"):
        os.environ["HANDOVER_USER"] = operator


def ask_user_name(window) -> None:  # type: ignore[no-untyped-def]
    """First start on this PC: the name of the person using it (使用人姓名), recorded with what they do, instead of
    the login name (often root or Administrator). Set once; changed in the settings. Skipped under HANDOVER_USER."""
    from PySide6.QtCore import QCoreApplication

    from ui import local_config
    from ui.dialogs import dialogs

    if os.environ.get("HANDOVER_USER") or str(local_config.load().get("operator") or "").strip():
        return
    question = QCoreApplication.translate("app", "Your name, as it is recorded with every draw, edit and signature made on this PC (it can be changed in the settings):")  # fmt: skip # noqa: E501
    name = dialogs().ask_text(window, QCoreApplication.translate("app", "Your name"), question)
    if name and name.strip():
        local_config.save(operator=name.strip())
        os.environ["HANDOVER_USER"] = name.strip()  # what handover.identity.current_user() reports from now on
        window.show_user()
        window.settings.operator.setText(name.strip())


def qt_application():  # type: ignore[no-untyped-def]
    """The QApplication, created once; fractional scaling (125 %, 150 % on Windows) is passed through, not rounded."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(sys.argv[:1])
        app.setApplicationName("handover")
        app.setOrganizationName("handover")
    return app


class Application:
    """Owns the QApplication, the database and the main window; rebuilds the window when the language changes."""

    def __init__(self, db_target: str | None) -> None:
        from ui import fonts, i18n
        from ui.start import Opening, lean_context

        apply_operator()
        self.qapp = qt_application()
        fonts.load_fonts(self.qapp)  # type: ignore[arg-type]
        i18n.install(i18n.DEFAULT)  # Chinese already for a problem opening the database
        target = database_target(db_target)
        # the case list read plainly while the database opens on a thread (ui/start.py); a file the plain reader
        # cannot read (an encrypted field file, no file yet, an older schema) is opened first, as before
        self.ctx = lean_context(target, i18n.DEFAULT) or self._opened(target)
        if self.ctx.language != i18n.DEFAULT:
            self.ctx.language = i18n.install(self.ctx.language)
        self.opening = Opening(self.ctx)
        self.window = self._build_window()

    @staticmethod
    def _opened(target: str | None):  # type: ignore[no-untyped-def]
        """The database opened before the window (when the plain reader cannot serve: no file yet, an older schema)."""
        from handover import settings
        from handover.services.connection import open_database
        from ui import field_menu
        from ui.context import AppContext

        db = open_database(target, passphrase=field_menu.passphrase_for(target))  # a field file asks its passphrase
        return AppContext(db, settings.get(db, "language"))

    def _build_window(self):  # type: ignore[no-untyped-def]
        from ui import help_menu
        from ui.field_menu import FieldMenu
        from ui.main_window import MainWindow

        window = MainWindow(self.ctx)
        window.language_changed.connect(self.switch_language)
        window.field_menu = FieldMenu(window, self.ctx)  # type: ignore[attr-defined]
        help_menu.add_menu(window, self.ctx, self.refresh_settings_tab)
        return window

    def refresh_settings_tab(self) -> None:
        """After the setup dialog: the Settings tab shows what it stored."""
        from handover import settings

        screen = self.window.settings
        for key, field in (("issuing_body", screen.issuing_body), ("doc_prefix", screen.doc_prefix),
                           ("ranked_units", screen.ranked_units)):  # fmt: skip
            field.setText(settings.get(self.ctx.db, key))

    def switch_language(self, language: str) -> None:
        """Install the other translation and rebuild the window, keeping its place and the open cases."""
        from ui import i18n

        old = self.window
        open_cases = [w.case_id for w in old.workspaces()]
        old.close()
        self.ctx.language = i18n.install(language)
        self.window = self._build_window()
        self.window.setGeometry(old.geometry())
        for case_id in open_cases:
            self.window.open_case(case_id)
        self.window.tabs.setCurrentWidget(self.window.settings)
        self.window.show()
        old.deleteLater()

    def close(self) -> None:
        self.opening.wait()
        self.ctx.close()
        if self.ctx.db_open:
            self.ctx.db.close()


def first_start(app: Application) -> None:
    """The first-run setup while the issuing body is the placeholder, then the demo county on an empty database."""
    from ui.start import nothing_to_offer

    ask_user_name(app.window)
    if nothing_to_offer(app.ctx):
        return
    from ui.setup_dialog import offer_setup

    if offer_setup(app.window, app.ctx):
        app.refresh_settings_tab()
    app.window.offer_demo()


def quit_after_start(qapp) -> None:  # type: ignore[no-untyped-def]
    """HANDOVER_QUIT_AFTER_START: an installation check starts the GUI, prints the windows it shows and closes them.

    Modal dialogs (the first-run setup, the demo offer) are dismissed as they come, so the check never waits."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def tick() -> None:
        shown = [w.windowTitle() for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle()]
        print("GUI started, windows: " + " | ".join(shown), flush=True)
        modal = QApplication.activeModalWidget()
        if modal is not None:
            modal.close()
        qapp.quit()

    timer = QTimer(qapp)
    timer.timeout.connect(tick)
    timer.start(1500)


def launch(db_target: str | None) -> int:
    setup_logging()
    from PySide6.QtCore import QTimer

    from ui.dialogs import dialogs
    from ui.errors import user_message

    try:
        app = Application(db_target)
    except Exception as exc:  # noqa: BLE001 - the database could not be opened: say so instead of a traceback
        qt_application()
        dialogs().error(None, "handover", user_message(exc))
        return 1

    def excepthook(kind, value, tb):  # type: ignore[no-untyped-def]
        log.error("unhandled error", exc_info=(kind, value, tb))
        dialogs().error(app.window, "handover", user_message(value))

    sys.excepthook = excepthook
    app.window.show()
    QTimer.singleShot(0, lambda: first_start(app))
    app.opening.failed.connect(lambda exc: (dialogs().error(app.window, "handover", user_message(exc)), app.qapp.exit(1)))
    QTimer.singleShot(0, app.opening.start)  # the database opens while the list is on screen
    if os.environ.get("HANDOVER_QUIT_AFTER_START"):
        quit_after_start(app.qapp)
    try:
        return int(app.qapp.exec())
    finally:
        app.close()
