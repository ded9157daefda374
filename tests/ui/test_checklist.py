"""The checklist driven like a user: keyboard entry of all 40 indicators, refusals at the field, autosave, undo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from handover import catalogue, reading
from handover.db import open_database
from handover.services import cases
from ui.indicator_row import IndicatorRow

from .conftest import type_text

SAMPLES = {"count": ("3", "4"), "percent": ("80", "95.5"), "rank": ("2", "1"), "amount": ("10.5", "20"),
           "years": ("50", "48.5")}  # fmt: skip
VILLAGES = ("桃源村、杏林村", "桃源村、杏林村、大路村")


def _stored(path: Path, case_id: int):  # type: ignore[no-untyped-def]
    db = open_database(path)
    try:
        return reading.get_case(db, case_id)
    finally:
        db.close()


def _new_case(path: Path) -> int:
    db = open_database(path)
    try:
        return cases.create_case(db, cases.NewCase("桃源镇", "张三", "李四", "2021-03-01", "2026-03-01"))
    finally:
        db.close()


def _open(start_app, path: Path, case_id: int):  # type: ignore[no-untyped-def]
    app = start_app(path)
    workspace = app.window.open_case(case_id)
    app.window.activateWindow()
    app.window.raise_()
    QApplication.processEvents()
    assert QApplication.activeWindow() is app.window
    return app, workspace.checklist


def test_all_40_indicators_filled_with_the_keyboard(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    first = checklist.rows["ORG01"].fields["start"]
    checklist.focus_field(first)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is first)
    for ind in catalogue.load().indicators:
        for point in (0, 1):
            field = QApplication.focusWidget()
            assert field is checklist.rows[ind.code].fields[("start", "end")[point]], ind.code
            if isinstance(field, QComboBox):
                for _ in range(2 - point):  # 较好 at the start, 好 at the end (the list is —, 好, 较好, …)
                    qtbot.keyClick(field, Qt.Key.Key_Down)
            elif ind.villages:
                type_text(qtbot, field, VILLAGES[point])
            else:
                qtbot.keyClicks(field, SAMPLES[ind.kind.value][point])
            qtbot.keyClick(field, Qt.Key.Key_Return)
    assert checklist.done == 40
    assert checklist.areas.item(4).text().endswith("8/8")
    detail = _stored(demo_db, case_id)
    assert detail.summary.done == 40 and not detail.missing
    assert detail.value("ORG01").villages_end == ("桃源村", "杏林村", "大路村")
    assert detail.value("ORG01").end == "3"
    assert (detail.value("ORG08").start, detail.value("ORG08").end) == ("较好", "好")
    assert detail.value("ORG03").trend == "提升"
    assert "已保存" in checklist.save_state.text() or "Saved" in checklist.save_state.text()


def test_bad_value_is_refused_at_the_field_and_not_saved(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    row: IndicatorRow = checklist.rows["ORG06"]
    field = row.fields["start"]
    checklist.focus_field(field)
    qtbot.keyClicks(field, "120")
    assert "百分比应在 0 至 100 之间" in row.error.text()
    assert row.error.isVisibleTo(row) and "b3261e" in field.styleSheet()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert QApplication.focusWidget() is field  # Enter does not leave a refused field
    qtbot.wait(600)  # longer than the autosave delay
    assert _stored(demo_db, case_id).value("ORG06").start is None
    field.clear()
    qtbot.keyClicks(field, "99.5")
    assert row.error.text() == ""
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert _stored(demo_db, case_id).value("ORG06").start == "99.5"

    village_row = checklist.rows["ORG01"]
    villages = village_row.fields["end"]
    checklist.focus_field(villages)
    type_text(qtbot, villages, "桃源村、不存在村")
    qtbot.keyClick(villages, Qt.Key.Key_Return)
    assert "不存在村" in village_row.error.text()
    assert _stored(demo_db, case_id).value("ORG01").villages_end == ()


def test_autosave_is_on_disk_and_a_fresh_window_shows_it(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    field = checklist.rows["MEM01"].fields["start"]
    checklist.focus_field(field)
    qtbot.keyClicks(field, "1186")  # no Enter: the pause in typing saves it
    qtbot.waitUntil(lambda: _stored(demo_db, case_id).value("MEM01").start == "1186", timeout=1000)
    assert "已保存" in checklist.save_state.text() or "Saved" in checklist.save_state.text()
    note = checklist.rows["MEM01"].note
    type_text(qtbot, note, "含流动党员")
    app.window.close()  # closing stores what is waiting for the timer
    assert _stored(demo_db, case_id).value("MEM01").note == "含流动党员"

    fresh, fresh_checklist = _open(start_app, demo_db, case_id)
    shown = fresh_checklist.rows["MEM01"]
    assert isinstance(shown.fields["start"], QLineEdit)
    assert shown.fields["start"].text() == "1186"
    assert shown.note.text() == "含流动党员"
    assert fresh_checklist.progress.value() == 0  # one value of two: not complete yet


def test_undo_and_redo_change_the_database(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    village_field = checklist.rows["ORG02"].fields["start"]
    checklist.focus_field(village_field)
    type_text(qtbot, village_field, "金坑村")
    qtbot.keyClick(village_field, Qt.Key.Key_Return)
    assert _stored(demo_db, case_id).value("ORG02").start == "1"
    field = checklist.rows["ORG05"].fields["start"]
    checklist.focus_field(field)
    qtbot.keyClicks(field, "7")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    field.setFocus()
    field.selectAll()
    qtbot.keyClicks(field, "9")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert _stored(demo_db, case_id).value("ORG05").start == "9"
    qtbot.mouseClick(checklist.undo_button, Qt.MouseButton.LeftButton)
    assert _stored(demo_db, case_id).value("ORG05").start == "7"
    assert field.text() == "7"
    checklist.editor.undo_stack.undo()
    checklist.editor.undo_stack.undo()
    detail = _stored(demo_db, case_id)
    assert detail.value("ORG05").start is None
    assert detail.value("ORG02").start is None and detail.value("ORG02").villages_start == ()
    checklist.editor.undo_stack.redo()
    assert _stored(demo_db, case_id).value("ORG02").villages_start == ("金坑村",)
    assert checklist.rows["ORG02"].fields["start"].text() == "金坑村"


def test_not_applicable_needs_a_reason(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    row = checklist.rows["INN04"]
    qtbot.keyClicks(row.fields["start"], "2")
    qtbot.keyClick(row.fields["start"], Qt.Key.Key_Return)
    assert _stored(demo_db, case_id).value("INN04").start == "2"
    qtbot.mouseClick(row.na, Qt.MouseButton.LeftButton)
    assert "理由" in row.error.text() or "reason" in row.error.text()
    assert _stored(demo_db, case_id).value("INN04").na_reason is None
    type_text(qtbot, row.na_reason, "本镇无城市小区")
    qtbot.keyClick(row.na_reason, Qt.Key.Key_Return)
    stored = _stored(demo_db, case_id).value("INN04")
    assert stored.na_reason == "本镇无城市小区" and stored.start is None
    assert not row.fields["start"].isEnabled()
    assert checklist.areas.item(4).text().endswith("1/8")
    checklist.editor.undo_stack.undo()
    stored = _stored(demo_db, case_id).value("INN04")
    assert stored.na_reason is None and stored.start == "2"
    assert row.fields["start"].isEnabled() and not row.na.isChecked()


def test_shortcuts_move_between_areas(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app, checklist = _open(start_app, demo_db, 1)
    checklist.focus_field(checklist.rows["ORG01"].fields["start"])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert checklist.areas.currentRow() == 2
    assert QApplication.focusWidget() is checklist.rows["MEM01"].fields["start"]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert checklist.areas.currentRow() == 3
    assert checklist.areas.item(0).text().endswith("8/8") and checklist.done == 40


def test_village_picker_from_the_keyboard_and_the_count_follows(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    from ui.indicator_row import VillagePicker

    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    row = checklist.rows["ORG04"]
    field = row.fields["end"]
    checklist.focus_field(field)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClick(field, Qt.Key.Key_F4)
    picker = row.findChild(VillagePicker)
    assert picker is not None and picker.isVisible()
    assert [picker.list.item(i).text() for i in range(picker.list.count())][:3] == ["桃源村", "杏林村", "大路村"]
    picker.list.setFocus()
    for index in (0, 2):
        picker.list.setCurrentRow(index)
        qtbot.keyClick(picker.list, Qt.Key.Key_Space)
    assert picker.picked() == ["桃源村", "大路村"]
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert not picker.isVisible()
    stored = _stored(demo_db, case_id).value("ORG04")
    assert stored.villages_end == ("桃源村", "大路村") and stored.end == "2"
    assert field.text() == "桃源村、大路村"
    assert "2" in row.change.text()


def test_tab_walks_start_end_note_and_not_applicable_then_the_next_indicator(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    row, following = checklist.rows["ORG05"], checklist.rows["ORG06"]
    checklist.focus_field(row.fields["start"])
    qtbot.waitUntil(lambda: QApplication.focusWidget() is row.fields["start"])
    qtbot.keyClicks(row.fields["start"], "7")
    for expected in (row.fields["end"], row.note, row.na, following.fields["start"]):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is expected
    assert _stored(demo_db, case_id).value("ORG05").start == "7"  # leaving the field saved it


def test_the_checklist_refuses_a_unit_that_contradicts_the_field(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    """The same unit rule as the command line: 3860000元 is not 3,860,000 万元, 386万 is 386 万元."""
    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    row: IndicatorRow = checklist.rows["ECO01"]
    field = row.fields["start"]
    checklist.focus_field(field)
    type_text(qtbot, field, "3860000元")
    assert "单位 “元” 与本项不符" in row.error.text() and "386 万元" in row.error.text()
    qtbot.keyClick(field, Qt.Key.Key_Return)
    qtbot.wait(600)  # longer than the autosave delay
    assert _stored(demo_db, case_id).value("ECO01").start is None
    field.clear()
    type_text(qtbot, field, "386万")
    assert row.error.text() == ""
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert _stored(demo_db, case_id).value("ECO01").start == "386"
