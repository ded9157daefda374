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


def _button(tab, row: int, column: int):  # type: ignore[no-untyped-def]
    """A signer's button in the grid: column 2 signs on the pad, column 3 records a signature on paper."""
    return tab.grid.itemAtPosition(row, column).widget()


def _draw_on_pad(qtbot, tab, row: int):  # type: ignore[no-untyped-def]
    """Click the signer's "Sign on the pad…" and draw a stroke with the mouse: the pad dialog, not yet confirmed."""
    from ui.signatures_tab import PadDialog

    before = set(tab.findChildren(PadDialog))
    qtbot.mouseClick(_button(tab, row, 2), Qt.MouseButton.LeftButton)
    dialog = next(d for d in tab.findChildren(PadDialog) if d not in before)
    qtbot.waitExposed(dialog)
    assert not dialog.ok.isEnabled()  # an empty pad cannot sign
    pad = dialog.pad
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(40, 120))
    for x in range(50, 300, 10):
        qtbot.mouseMove(pad, QPoint(x, 100 + (x // 10) % 5 * 6))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(300, 110))
    return dialog


def test_signed_on_the_pad_and_on_paper_then_locked_and_revised(qtbot, start_app, demo_db, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app, tab = open_signatures_tab(start_app, demo_db)
    workspace = app.window.workspaces()[0]
    assert "离任领导干部" in tab.summary.text()

    dialog = _draw_on_pad(qtbot, tab, 0)
    strokes = dialog.pad.strokes()
    assert strokes is not None and len(strokes.strokes[0]) > 10
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "林晓梅" in tab.message.text(), timeout=10_000)
    outgoing = next(s for s in _status(demo_db).signatures if s.role == "outgoing")
    assert outgoing.name == "林晓梅" and outgoing.has_strokes and outgoing.current

    recorded_dialogs.confirm_answers.append(True)
    qtbot.mouseClick(_button(tab, 1, 3), Qt.MouseButton.LeftButton)  # 已在纸上签字
    qtbot.waitUntil(lambda: "周建国" in tab.message.text(), timeout=10_000)
    recorded_dialogs.confirm_answers.append(True)
    qtbot.mouseClick(_button(tab, 2, 3), Qt.MouseButton.LeftButton)  # no name typed yet
    qtbot.waitUntil(lambda: "姓名" in tab.message.text(), timeout=10_000)
    supervisor = tab.names[("supervisor", 2)]
    type_text(qtbot, supervisor, "吴监交")
    recorded_dialogs.confirm_answers.append(True)
    qtbot.mouseClick(_button(tab, 2, 3), Qt.MouseButton.LeftButton)
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
    asked = len(recorded_dialogs.shown)
    recorded_dialogs.confirm_answers.append(True)
    qtbot.mouseClick(_button(sig_tab, 3, 3), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: leader.name in sig_tab.message.text(), timeout=10_000)
    assert not any("锁定" in text for _, _, text in recorded_dialogs.shown[asked:])  # already locked: no lock warning
    assert any(s.role == "leader" and s.current for s in _status(demo_db).signatures)
    assert not sig_tab.grid.itemAtPosition(3, 2).widget().isEnabled()  # signed now

    type_text(qtbot, locked.signatures.revise_reason, "更正")
    qtbot.mouseClick(locked.signatures.revise_button, Qt.MouseButton.LeftButton)
    assert "不少于4个字" in locked.signatures.message.text()
    assert app.window.tabs.currentWidget() is locked  # nothing made
    type_text(qtbot, locked.signatures.revise_reason, "：届末数据更正")
    qtbot.mouseClick(locked.signatures.revise_button, Qt.MouseButton.LeftButton)
    new_id = app.window.tabs.currentWidget().case_id
    assert new_id != 1 and any(kind == "info" and str(new_id) in text for kind, _, text in recorded_dialogs.shown)


def test_the_signature_that_locks_asks_first(qtbot, start_app, demo_db, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app, tab = open_signatures_tab(start_app, demo_db)
    workspace = app.window.workspaces()[0]
    for row, name in ((0, "林晓梅"), (1, "周建国")):
        recorded_dialogs.confirm_answers.append(True)
        qtbot.mouseClick(_button(tab, row, 3), Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda name=name: name in tab.message.text(), timeout=10_000)
    assert not any("锁定" in text for kind, _, text in recorded_dialogs.shown if kind == "confirm")  # not the last yet
    type_text(qtbot, tab.names[("supervisor", 2)], "吴监交")

    dialog = _draw_on_pad(qtbot, tab, 2)
    recorded_dialogs.confirm_answers.append(False)  # Cancel: the case stays open, nothing is signed
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    kind, _, warning = recorded_dialogs.shown[-1]
    assert kind == "confirm"
    for words in ("锁定", "指标数值", "村（社区）名单", "总体评价", "评审小组", "只读", "修订版本"):
        assert words in warning, words
    assert "未签字" in tab.message.text()
    state = _status(demo_db)
    assert not state.locked and state.missing == ("supervisor",)
    assert not any(s.role == "supervisor" for s in state.signatures)
    assert app.window.workspaces()[0] is workspace

    dialog = _draw_on_pad(qtbot, tab, 2)
    recorded_dialogs.confirm_answers.append(True)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.window.workspaces()[0] is not workspace, timeout=10_000)
    state = _status(demo_db)
    assert state.locked and any(s.role == "supervisor" and s.name == "吴监交" for s in state.signatures)
