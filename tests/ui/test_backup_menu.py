"""The Database menu: a backup made from the window holds what was saved; a restore from the window checks the backup,
replaces the database, keeps the replaced file and shows the restored content."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMainWindow, QMenu

from handover.services import cases


def _click(qtbot: Any, window: QMainWindow, menu: QMenu, text: str) -> None:
    """Click the menu's title in the menu bar, then the item, as the user does."""
    bar = window.menuBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.actionGeometry(menu.menuAction()).center())
    qtbot.waitExposed(menu)
    action = next(a for a in menu.actions() if a.text() == text)
    qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())


def _note(path: Path) -> str | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT note FROM indicator_value WHERE case_id = 1 AND code = 'ORG06'").fetchone()
        return None if row is None else row[0]
    finally:
        conn.close()


def test_backup_and_restore_from_the_menu(qtbot, start_app, demo_db, recorded_dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    menu = app.window.backup_menu.menu
    assert menu.title().startswith("数据库")
    cases.set_value(app.ctx.db, 1, "ORG06", note="备份时的备注")
    recorded_dialogs.file_answers.append(str(tmp_path / "copy.sqlite3"))
    _click(qtbot, app.window, menu, "立即备份…")
    assert recorded_dialogs.shown[-1][0] == "info", recorded_dialogs.shown
    assert _note(tmp_path / "copy.sqlite3") == "备份时的备注"

    app.window.open_case(1)
    cases.set_value(app.ctx.db, 1, "ORG06", note="备份之后的备注")
    recorded_dialogs.file_answers.append(str(tmp_path / "copy.sqlite3"))
    recorded_dialogs.confirm_answers.append(True)
    _click(qtbot, app.window, menu, "从备份恢复…")
    kind, title, text = recorded_dialogs.shown[-1]
    assert kind == "info" and "copy.sqlite3" in text, recorded_dialogs.shown
    assert {v.code: v.note for v in cases_of(app)}["ORG06"] == "备份时的备注"
    assert app.window.workspaces() == []  # the open case showed the old content: closed
    kept = list((demo_db.parent / "backups").glob(f"{demo_db.stem}.replaced-*.sqlite3"))
    assert len(kept) == 1 and _note(kept[0]) == "备份之后的备注"


def test_a_backup_that_fails_the_check_is_not_restored(qtbot, start_app, demo_db, recorded_dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"not a database")
    recorded_dialogs.file_answers.append(str(bad))
    recorded_dialogs.confirm_answers.append(True)
    _click(qtbot, app.window, app.window.backup_menu.menu, "从备份恢复…")
    kind, _, text = recorded_dialogs.shown[-1]
    assert kind == "error" and "bad.sqlite3" in text


def cases_of(app: Any) -> Any:
    from handover import reading

    return reading.get_case(app.ctx.db, 1).values
