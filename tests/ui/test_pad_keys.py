"""The signature pad from the keyboard (issue 13 item 3): Enter signs what is drawn, Escape cancels; Enter on an empty pad
does nothing (before, Enter meant 取消 and threw a drawn signature away)."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from handover.db import open_database
from handover.signoff import service as signoff

from .conftest import open_signatures_tab


def _draw(qtbot, pad) -> None:  # type: ignore[no-untyped-def]
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 120))
    for x in range(50, 300, 10):
        qtbot.mouseMove(pad, QPoint(x, 100 + (x // 10) % 5 * 6))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 110))


def _signatures(path):  # type: ignore[no-untyped-def]
    db = open_database(path)
    try:
        return signoff.status(db, 1).signatures
    finally:
        db.close()


def test_enter_signs_and_escape_cancels(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app, tab = open_signatures_tab(start_app, demo_db)
    dialog = tab.sign_with_pad("outgoing", 0)
    qtbot.waitExposed(dialog)
    _draw(qtbot, dialog.pad)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and dialog.result() == 0
    assert _signatures(demo_db) == ()  # cancelled: nothing signed

    dialog = tab.sign_with_pad("outgoing", 0)
    qtbot.waitExposed(dialog)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)  # an empty pad: Enter neither signs nor closes
    assert dialog.isVisible()
    _draw(qtbot, dialog.pad)
    cancel = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Cancel)
    cancel.setFocus()  # even with the focus on 取消, Enter signs
    qtbot.waitUntil(cancel.hasFocus)
    qtbot.keyClick(cancel, Qt.Key.Key_Return)
    assert not dialog.isVisible() and dialog.result() == 1
    qtbot.waitUntil(lambda: "林晓梅" in tab.message.text(), timeout=10_000)
    outgoing = next(s for s in _signatures(demo_db) if s.role == "outgoing")
    assert outgoing.has_strokes and outgoing.current
