"""Village lists typed as people type them (issue 13 item 3): 无 or 0 is "entered, no villages", a picker confirmed with
nothing ticked too; names separated by spaces are several villages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from ui.indicator_row import VillagePicker

from .conftest import type_text
from .test_checklist import _new_case, _open, _stored


def _enter(qtbot, checklist, field, text: str) -> None:  # type: ignore[no-untyped-def]
    checklist.focus_field(field)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    type_text(qtbot, field, text)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_wu_and_zero_are_entered_lists_of_no_village(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    row = checklist.rows["ORG02"]  # 后进村党组织数: none left at the end of term
    assert "无" in row.fields["end"].toolTip() and "空格" in row.fields["end"].toolTip()  # the field says how
    _enter(qtbot, checklist, row.fields["end"], "无")
    assert row.error_count == 0, row.error.text()
    stored = _stored(demo_db, case_id).value("ORG02")
    assert stored.end == "0" and stored.villages_end == ()
    _enter(qtbot, checklist, row.fields["start"], "0")
    stored = _stored(demo_db, case_id).value("ORG02")
    assert stored.start == "0" and stored.villages_start == ()
    assert row.fields["start"].text() == "无" and row.fields["end"].text() == "无"  # shown as entered, not as blank
    assert "ORG02" not in {m.code for m in _stored(demo_db, case_id).missing}

    _enter(qtbot, checklist, row.fields["end"], "")  # emptied: not entered any more
    stored = _stored(demo_db, case_id).value("ORG02")
    assert stored.end is None and stored.villages_end == ()
    assert "ORG02" in {m.code for m in _stored(demo_db, case_id).missing}

    other = checklist.rows["ORG04"].fields["end"]  # blank and Enter on a field never filled stays not entered
    _enter(qtbot, checklist, other, "")
    assert _stored(demo_db, case_id).value("ORG04").end is None


def test_a_picker_confirmed_with_nothing_ticked_is_no_village(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    row = checklist.rows["ORG02"]
    field = row.fields["end"]
    checklist.focus_field(field)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is field)
    qtbot.keyClick(field, Qt.Key.Key_F4)
    picker = row.findChild(VillagePicker)
    assert picker is not None and picker.isVisible() and picker.picked() == []
    qtbot.keyClick(picker.list, Qt.Key.Key_Return)
    assert not picker.isVisible()
    stored = _stored(demo_db, case_id).value("ORG02")
    assert stored.end == "0" and stored.villages_end == ()
    assert field.text() == "无"


def test_villages_separated_by_spaces_are_several(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    row = checklist.rows["ORG04"]
    _enter(qtbot, checklist, row.fields["end"], "桃源村 杏林村")
    assert row.error_count == 0, row.error.text()
    stored = _stored(demo_db, case_id).value("ORG04")
    assert stored.villages_end == ("桃源村", "杏林村") and stored.end == "2"
    assert row.fields["end"].text() == "桃源村、杏林村"
