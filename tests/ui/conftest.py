"""Fixtures for the Qt layer: a recorder instead of real message boxes, the application on a real SQLite file, and a
check that no test leaves a thread running."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QWidget

from handover import demo
from handover.db import open_database
from ui import dialogs as dialogs_mod


@dataclass
class RecordingDialogs(dialogs_mod.Dialogs):
    """Answers dialogs from queues and records what was shown, so tests never block on a modal box."""

    shown: list[tuple[str, str, str]] = field(default_factory=list)
    confirm_answers: list[bool] = field(default_factory=list)
    file_answers: list[str | None] = field(default_factory=list)
    password_answers: list[str | None] = field(default_factory=list)
    text_answers: list[str | None] = field(default_factory=list)
    #: what the user does in the print dialog: set up the printer given (output file, range, copies); False cancels
    print_answers: list[Callable[[Any], bool]] = field(default_factory=list)

    def info(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("info", title, text))

    def error(self, parent: QWidget | None, title: str, text: str) -> None:
        self.shown.append(("error", title, text))

    def confirm(self, parent: QWidget | None, title: str, text: str) -> bool:
        self.shown.append(("confirm", title, text))
        return self.confirm_answers.pop(0) if self.confirm_answers else False

    def open_file(self, parent: QWidget | None, title: str, filters: str) -> str | None:
        self.shown.append(("open_file", title, filters))
        return self.file_answers.pop(0) if self.file_answers else None

    def ask_password(self, parent: QWidget | None, title: str, label: str) -> str | None:
        self.shown.append(("password", title, label))
        return self.password_answers.pop(0) if self.password_answers else None

    def ask_text(self, parent: QWidget | None, title: str, label: str) -> str | None:
        self.shown.append(("text", title, label))
        return self.text_answers.pop(0) if self.text_answers else None

    def choose_folder(self, parent: QWidget | None, title: str) -> str | None:
        self.shown.append(("choose_folder", title, ""))
        return self.file_answers.pop(0) if self.file_answers else None

    def save_file(self, parent: QWidget | None, title: str, suggested: str, filters: str) -> str | None:
        self.shown.append(("save_file", title, suggested))
        return self.file_answers.pop(0) if self.file_answers else None

    def print_setup(self, parent: QWidget | None, printer: Any, pages: int) -> bool:
        self.shown.append(("print", printer.docName(), str(pages)))
        return self.print_answers.pop(0)(printer) if self.print_answers else False

    def print_preview(self, parent: QWidget | None, printer: Any, paint: Callable[[Any], object]) -> bool:
        """The preview shown, then its print button: the print dialog answered, the pages painted on the printer."""
        self.shown.append(("preview", printer.docName(), ""))
        if not (self.print_answers and self.print_answers.pop(0)(printer)):
            return False
        return bool(paint(printer))


@pytest.fixture(autouse=True)
def recorded_dialogs() -> Iterator[RecordingDialogs]:
    recorder = RecordingDialogs()
    previous = dialogs_mod.install(recorder)
    yield recorder
    dialogs_mod.install(previous)


def running_threads(threads: list[QThread]) -> list[QThread]:
    return [t for t in threads if _alive(t) and t.isRunning()]


def _alive(thread: QThread) -> bool:
    try:
        thread.objectName()
    except RuntimeError:  # the C++ object is gone, so is the thread
        return False
    return True


@pytest.fixture(autouse=True)
def _dangling_qthreads(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[QThread]]:
    """Fail a test that leaves a QThread running (after a short grace period for threads that are finishing)."""
    started: list[QThread] = []
    original = QThread.start

    def start(self: QThread, *args: Any) -> None:
        started.append(self)
        original(self, *args)

    monkeypatch.setattr(QThread, "start", start)
    yield started
    deadline = time.monotonic() + 2
    while running_threads(started) and time.monotonic() < deadline:
        time.sleep(0.01)
    left = running_threads(started)
    for thread in left:
        thread.quit()
        thread.wait(5000)
    if left:
        pytest.fail(f"the test left {len(left)} QThread(s) running")


@pytest.fixture
def demo_db(db_path: Path) -> Path:
    database = open_database(db_path)
    try:
        demo.load_demo(database)
    finally:
        database.close()
    return db_path


@pytest.fixture
def start_app(qtbot: Any) -> Iterator[Any]:
    """Build the real application on a database file; every instance is closed after the test."""
    from ui import i18n
    from ui.app import Application

    apps: list[Application] = []

    def _start(path: Path, placed: bool = False) -> Application:
        """`placed`: the window stays where the application put it (tests/ui/test_scaling.py), else 1366×740."""
        app = Application(str(path))
        qtbot.addWidget(app.window)
        if not placed:
            app.window.resize(1366, 740)
        app.window.show()
        qtbot.waitExposed(app.window)
        apps.append(app)
        return app

    yield _start
    for app in apps:
        app.window.close()
        app.window.deleteLater()
        app.close()
    i18n.install(i18n.DEFAULT)
    from PySide6.QtCore import QCoreApplication, QEvent

    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type like a user: ASCII through key presses, Chinese as the input method commits it (QTest cannot press 汉字)."""
    from PySide6.QtGui import QInputMethodEvent
    from PySide6.QtWidgets import QApplication

    run = ""
    for char in text + "\0":
        if char != "\0" and not char.isascii():
            run += char
            continue
        if run:
            event = QInputMethodEvent("", [])
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
            run = ""
        if char != "\0":
            qtbot.keyClicks(widget, char)


def open_signatures_tab(start_app: Any, demo_db: Path) -> tuple[Any, Any]:
    """The demo's complete case submitted for review and opened on its Signatures tab, by a click on the tab:
    (application, tab)."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    from handover.services import cases

    db = open_database(demo_db)
    try:
        cases.submit(db, 1)
    finally:
        db.close()
    app = start_app(demo_db)
    workspace = app.window.open_case(1)
    bar = workspace.tabs.tabBar()
    QTest.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(workspace.tabs.indexOf(workspace.signatures)).center())
    assert workspace.tabs.currentWidget() is workspace.signatures
    return app, workspace.signatures


def opened_by(qtbot: Any, button: QWidget, kind: type) -> Any:
    """Click `button` as a user does and return the dialog of `kind` it opened (window-modal: the test goes on)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    before = {id(w) for w in QApplication.topLevelWidgets() if isinstance(w, kind)}
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    opened = [w for w in QApplication.topLevelWidgets() if isinstance(w, kind) and id(w) not in before and w.isVisible()]
    assert len(opened) == 1, f"the button opened {len(opened)} {kind.__name__}"
    return opened[0]


def draw_through_the_tab(qtbot: Any, tab: Any, witness: str = "见证人 张三 4711") -> None:
    """The committed draw in the Panel draw tab, as a user does it: prepare, the witness types, draw (issue 10)."""
    from PySide6.QtCore import Qt

    qtbot.mouseClick(tab.prepare_button, Qt.MouseButton.LeftButton)
    assert tab.commitment.text(), tab.message.text()
    type_text(qtbot, tab.witness, witness)
    qtbot.mouseClick(tab.draw_button, Qt.MouseButton.LeftButton)
