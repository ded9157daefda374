"""The county chooses the look of its documents on the settings screen: the GB/T 9704 layout, stored in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt

from handover import settings
from handover.db import open_database


def test_the_layout_is_chosen_on_the_settings_screen(qtbot, start_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = start_app(db_path)
    screen = app.window.settings
    assert screen.report_layout.currentText() == "通用版式"
    screen.report_layout.setFocus()
    qtbot.keyClick(screen.report_layout, Qt.Key.Key_Down)
    assert screen.report_layout.currentText().startswith("党政机关公文格式 GB/T 9704")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    db = open_database(db_path)
    try:
        assert settings.get(db, "report_layout") == "gbt9704"
    finally:
        db.close()
