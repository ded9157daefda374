"""The Signatures tab: a signature drawn on the pad with the mouse, paper signatures, the lock, a revision."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from handover.db import open_database  # noqa: E402
from handover.signoff import service as signoff  # noqa: E402

from .conftest import open_signatures_tab, type_text  # noqa: E402


def _status(path: Path, ask=signoff.status):  # type: ignore[no-untyped-def]
    db = open_database(path)
    try:
        return ask(db, 1)
    finally:
        db.close()


def test_signed_on_the_pad_and_on_paper_then_locked_and_revised(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app, tab = open_signatures_tab(start_app, demo_db)
    workspace = app.window.workspaces()[0]
    assert "离任领导干部" in tab.summary.text()

    dialog = tab.sign_with_pad("outgoing", 0)
    qtbot.waitExposed(dialog)
    assert not dialog.ok.isEnabled()  # an empty pad cannot sign
    pad = dialog.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 120))
    for x in range(50, 300, 10):
        qtbot.mouseMove(pad, QPoint(x, 100 + (x // 10) % 5 * 6))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 110))
    strokes = pad.strokes()
    assert strokes is not None and len(strokes.strokes[0]) > 10
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "林晓梅" in tab.message.text(), timeout=10_000)
    outgoing = next(s for s in _status(demo_db).signatures if s.role == "outgoing")
    assert outgoing.name == "林晓梅" and outgoing.has_strokes and outgoing.current

    tab.sign("incoming", 1, None)
    qtbot.waitUntil(lambda: "周建国" in tab.message.text(), timeout=10_000)
    tab.sign("supervisor", 2, None)  # no name typed yet
    qtbot.waitUntil(lambda: "姓名" in tab.message.text(), timeout=10_000)
    supervisor = tab.names[("supervisor", 2)]
    type_text(qtbot, supervisor, "吴监交")
    tab.sign("supervisor", 2, None)
    qtbot.waitUntil(lambda: app.window.workspaces()[0] is not workspace, timeout=10_000)
    state = _status(demo_db)
    assert state.locked and not state.missing
    locked = app.window.workspaces()[0]
    locked_row = locked.checklist.rows["ORG05"]
    assert locked.checklist.read_only and locked_row.fields["start"].isReadOnly() and not locked_row.na.isEnabled()
    assert "已签署" in locked.header.text()

    # panel members often sign last: after the lock only the drawn panel's places stay open
    sig_tab = locked.signatures
    buttons = {row: sig_tab.grid.itemAtPosition(row, 2).widget() for row in range(sig_tab.grid.rowCount())}
    assert not buttons[0].isEnabled() and not buttons[2].isEnabled()  # outgoing, supervisor: signed and locked
    leader = _status(demo_db, signoff.signers)[3]
    assert leader.role == "leader" and buttons[3].isEnabled()
    sig_tab.sign("leader", 3, None)
    qtbot.waitUntil(lambda: leader.name in sig_tab.message.text(), timeout=10_000)
    assert any(s.role == "leader" and s.current for s in _status(demo_db).signatures)
    assert not sig_tab.grid.itemAtPosition(3, 2).widget().isEnabled()  # signed now

    locked.signatures.revise_reason.setText("更正")
    assert locked.signatures.revise() is None and "不少于4个字" in locked.signatures.message.text()
    type_text(qtbot, locked.signatures.revise_reason, "：届末数据更正")
    new_id = locked.signatures.revise()
    assert new_id is not None and app.window.tabs.currentWidget().case_id == new_id
