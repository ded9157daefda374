"""Issue 13, "Done when": a new user takes the demo case from the checklist to a saved PDF and the three signatures with
the keyboard only (Tab, Ctrl+Tab, Enter, Space and typed text), without a crash: saved as a PDF (保存PDF) and printed
through the print dialog (to a file, as the print dialog's "print to file" does)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton, QWidget

from handover import reading
from handover.db import open_database
from tests.ui.conftest import type_text
from tests.ui.test_scaling import SCALINGS
from tests.ui.test_scaling import screen as available


def focused() -> QWidget:
    """Where a key goes: the focused widget, else the active window (as Qt delivers it: Tab then focuses its first
    control, e.g. after the focused row of a list was rebuilt)."""
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None, "no window has the keyboard"
    return widget


def tab_to(qtbot: Any, target: QWidget, *, back: bool = False, limit: int = 250) -> int:
    """Press Tab (Shift+Tab) until `target` has the focus, as a user would; fails if it is never reached."""
    for presses in range(limit):
        QApplication.processEvents()  # between a user's key presses the event loop runs (queued shows, deletions)
        keep_active(qtbot)
        if QApplication.focusWidget() is target:
            return presses
        qtbot.keyClick(focused(), Qt.Key.Key_Backtab if back else Qt.Key.Key_Tab)
    raise AssertionError(f"{target!r} cannot be reached with {'Shift+Tab' if back else 'Tab'}")


def activate(qtbot: Any, window: QWidget) -> None:
    """The window has the keyboard (a user's keys go to the active window)."""
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def keep_active(qtbot: Any) -> None:
    """The offscreen platform drops the main window's activation once a case's tabs have shown, with no other window
    shown; under Xvfb (QT_QPA_PLATFORM=xcb) the window stays active all the way. Activate it again, as it would be."""
    if QApplication.activeWindow() is None:
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMainWindow) and w.isVisible())
        activate(qtbot, window)


def next_tab(qtbot: Any, workspace: Any, page: QWidget) -> None:
    """Ctrl+Tab until the workspace shows `page`."""
    for _ in range(workspace.tabs.count()):
        if workspace.tabs.currentWidget() is page:
            return
        qtbot.keyClick(focused(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert workspace.tabs.currentWidget() is page


def press(qtbot: Any, button: QPushButton) -> None:
    """Space on the focused button, which the user sees: its page scrolled to it when Tab reached it."""
    assert QApplication.focusWidget() is button
    assert button.visibleRegion().boundingRect().size() == button.size(), button.visibleRegion().boundingRect()
    qtbot.keyClick(button, Qt.Key.Key_Space)


def case(path: Path, case_id: int = 1) -> Any:
    db = open_database(path)
    try:
        return reading.get_case(db, case_id)
    finally:
        db.close()


@pytest.mark.parametrize("screen", [None, *(available(name) for name in SCALINGS)], ids=["1366x740", *SCALINGS])
def test_the_demo_case_from_checklist_to_pdf_and_signatures_by_keyboard(  # type: ignore[no-untyped-def]
    screen, qtbot, start_app, demo_db, recorded_dialogs, tmp_path, monkeypatch
) -> None:
    """At the size the other tests use, and at every scaling of issue 13 (1366×768 at 100/125/150 %, 1920×1080 at
    100/150 %, less a taskbar), as tests/ui/test_scaling.py simulates them."""
    recorded_dialogs.confirm_answers = [True] * 8  # each "yes" a user gives (signed on paper, and the lock)
    if screen is not None:
        from ui import screen_fit

        monkeypatch.setattr(screen_fit, "available", lambda widget, at=None: screen)
    app = start_app(demo_db, placed=screen is not None)
    window = app.window
    activate(qtbot, window)

    # the case list: search, Tab to the list, Enter opens the case with the cursor in its checklist
    cases = window.cases
    cases.search.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is cases.search)
    type_text(qtbot, cases.search, "云岭")
    qtbot.waitUntil(lambda: cases.proxy.rowCount() == 1)  # the search runs once the typing pauses
    tab_to(qtbot, cases.table)
    qtbot.keyClick(cases.table, Qt.Key.Key_Home)
    qtbot.keyClick(cases.table, Qt.Key.Key_Return)
    workspace = window.workspaces()[0]
    assert workspace.case_id == 1 and window.tabs.currentWidget() is workspace
    checklist = workspace.checklist

    # the checklist: a value corrected, a note typed, Enter stores them
    first = checklist.rows["ORG03"].fields["start"]
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None)
    tab_to(qtbot, first)
    qtbot.keyClick(first, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(first, "3")
    qtbot.keyClick(first, Qt.Key.Key_Return)
    note = checklist.rows["ORG03"].note
    tab_to(qtbot, note)
    type_text(qtbot, note, "键盘走查")
    qtbot.keyClick(note, Qt.Key.Key_Return)
    values = {v.code: v for v in case(demo_db).values}
    assert values["ORG03"].start == "3" and values["ORG03"].note == "键盘走查"

    # the evaluation: the grade chosen and the comment typed, Tab to 保存评价, Space
    evaluation = workspace.evaluation
    next_tab(qtbot, workspace, evaluation)
    tab_to(qtbot, evaluation.grade)
    qtbot.keyClick(evaluation.grade, Qt.Key.Key_Up)  # from 优秀 to the grade above it in the list: — choose —
    qtbot.keyClick(evaluation.grade, Qt.Key.Key_Down)  # and back to 优秀
    tab_to(qtbot, evaluation.comment)
    qtbot.keyClick(evaluation.comment, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, evaluation.comment, "以上经评审小组核实。")
    tab_to(qtbot, evaluation.save_button)
    press(qtbot, evaluation.save_button)
    assert (case(demo_db).evaluation_comment or "").endswith("以上经评审小组核实。")

    # submitted for review: the button of the workspace is reached with Shift+Tab
    tab_to(qtbot, workspace.submit_button, back=True)
    press(qtbot, workspace.submit_button)
    qtbot.waitUntil(lambda: case(demo_db).summary.status == "review")

    # the report: Ctrl+Tab to it, once drawn Tab to 另存为 PDF, Space, a file name
    report = workspace.report
    next_tab(qtbot, workspace, report)
    qtbot.waitUntil(report.save_button.isEnabled, timeout=60000)
    pdf = tmp_path / "云岭镇-交接单.pdf"
    recorded_dialogs.file_answers = [str(pdf)]
    tab_to(qtbot, report.save_button)
    press(qtbot, report.save_button)
    assert pdf.read_bytes().startswith(b"%PDF")
    # printed: Tab to 打印…, Space, the print dialog answered as a user would (print to a file)
    printed = tmp_path / "打印.pdf"

    def print_to_file(printer: Any) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    recorded_dialogs.print_answers = [print_to_file]
    tab_to(qtbot, report.print_button)
    press(qtbot, report.print_button)
    assert len(PdfReader(printed).pages) == len(PdfReader(pdf).pages)  # every page of the document, printed

    # the three signatures on paper: each 已在纸上签字 reached with Tab and pressed, the supervisor's name typed
    signatures = workspace.signatures
    next_tab(qtbot, workspace, signatures)
    for role in ("outgoing", "incoming", "supervisor"):
        if role == "supervisor":  # the supervisor's name is typed just before signing (a refresh shows what is stored)
            supervisor = next(edit for (each, _), edit in signatures.names.items() if each == "supervisor")
            tab_to(qtbot, supervisor)
            type_text(qtbot, supervisor, "王监交")
        row = next(r for (each, r) in signatures.names if each == role)
        paper = signatures.grid.itemAtPosition(row, 3).widget()
        assert isinstance(paper, QPushButton)
        tab_to(qtbot, paper)
        press(qtbot, paper)
        if role != "supervisor":  # shown as signed: its button is off (the third signature locks and reopens the case)
            qtbot.waitUntil(lambda row=row: not signatures.grid.itemAtPosition(row, 3).widget().isEnabled(), timeout=30000)
            assert role not in _missing(demo_db)
    qtbot.waitUntil(lambda: case(demo_db).summary.status == "signed", timeout=30000)
    # the locked case is shown again, read only, with nothing left to sign and no error on the way
    qtbot.waitUntil(lambda: bool(window.workspaces()) and window.workspaces()[0] is not workspace)
    assert not [shown for shown in recorded_dialogs.shown if shown[0] == "error"]
    assert case(demo_db).summary.status == "signed"


def _missing(path: Path) -> tuple[str, ...]:
    from handover.signoff import service as signoff

    db = open_database(path)
    try:
        return tuple(signoff.status(db, 1).missing)
    finally:
        db.close()
