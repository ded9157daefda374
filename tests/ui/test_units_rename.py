"""Units and villages renamed and deleted on the Units screen by clicking its buttons (issue 13 item 3f): a rename shows
at once, a delete asks first and is refused with what refers to the unit or village."""

from __future__ import annotations

from PySide6.QtCore import Qt

from handover import reading
from handover.db import open_database
from handover.services import units

from .conftest import type_text


def _click_unit(qtbot, screen, name: str) -> None:  # type: ignore[no-untyped-def]
    row = next(r for r in range(screen.table.rowCount()) if screen.table.item(r, 0).text() == name)
    rect = screen.table.visualRect(screen.table.model().index(row, 0))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert screen.selected_unit() == name


def _click_village(qtbot, screen, name: str) -> None:  # type: ignore[no-untyped-def]
    item = screen.villages.findItems(name, Qt.MatchFlag.MatchExactly)[0]
    qtbot.mouseClick(screen.villages.viewport(), Qt.MouseButton.LeftButton, pos=screen.villages.visualItemRect(item).center())
    assert screen.selected_village() == name


def _stored(path):  # type: ignore[no-untyped-def]
    db = open_database(path)
    try:
        return {u.name: u.villages for u in units.list_units(db)}, {c.id: c.unit for c in reading.list_cases(db)}
    finally:
        db.close()


def test_rename_and_delete_through_the_buttons(qtbot, start_app, demo_db, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    screen = app.window.units
    _click_unit(qtbot, screen, "石门乡")  # case 2 (open) belongs to it
    type_text(qtbot, screen.unit_new_name, "石门镇")
    qtbot.mouseClick(screen.rename_unit_button, Qt.MouseButton.LeftButton)
    stored_units, stored_cases = _stored(demo_db)
    assert "石门镇" in stored_units and "石门乡" not in stored_units and stored_cases[2] == "石门镇"
    assert screen.selected_unit() == "石门镇" and "石门镇" in screen.message.text()

    recorded_dialogs.confirm_answers.append(True)
    qtbot.mouseClick(screen.delete_unit_button, Qt.MouseButton.LeftButton)
    assert recorded_dialogs.shown[-1][0] == "confirm"
    assert "1 个案件" in screen.message.text() and "案件 2" in screen.message.text()
    assert "石门镇" in _stored(demo_db)[0]

    village = screen.villages.item(screen.villages.count() - 1).text()
    _click_village(qtbot, screen, village)
    type_text(qtbot, screen.village_new_name, "新建村")
    qtbot.mouseClick(screen.rename_village_button, Qt.MouseButton.LeftButton)
    assert _stored(demo_db)[0]["石门镇"][-1] == "新建村", screen.message.text()
    _click_village(qtbot, screen, "新建村")
    recorded_dialogs.confirm_answers.append(False)  # asked, answered no: nothing deleted
    qtbot.mouseClick(screen.delete_village_button, Qt.MouseButton.LeftButton)
    assert "新建村" in _stored(demo_db)[0]["石门镇"]
    recorded_dialogs.confirm_answers.append(True)
    qtbot.mouseClick(screen.delete_village_button, Qt.MouseButton.LeftButton)
    assert "新建村" not in _stored(demo_db)[0]["石门镇"], screen.message.text()
    assert [screen.villages.item(i).text() for i in range(screen.villages.count())] == list(_stored(demo_db)[0]["石门镇"])


def test_a_village_named_by_a_case_is_not_deleted(qtbot, start_app, demo_db, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    screen = app.window.units
    _click_unit(qtbot, screen, "云岭镇")
    _click_village(qtbot, screen, "梅坑村")  # listed by case 1
    recorded_dialogs.confirm_answers.append(True)
    qtbot.mouseClick(screen.delete_village_button, Qt.MouseButton.LeftButton)
    assert "村名单" in screen.message.text() and "案件 1" in screen.message.text()
    assert "梅坑村" in _stored(demo_db)[0]["云岭镇"]
