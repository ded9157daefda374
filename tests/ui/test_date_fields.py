"""Dates as people type them in every date field of the GUI (issue 13 item 3): 2021-01-05, 2021/1/5, 2021.1.5 and
2021年1月5日 are read as that day; an impossible date is an error naming the field, never moved to another day (the
QDateEdit of the new-case dialog turned a typed 2021-01-05 into 2021-11-01)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from handover import reading
from handover.db import open_database
from handover.services import reviewers

from .conftest import type_text


def _retype(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    type_text(qtbot, field, text)


def _cases(path: Path, unit: str):  # type: ignore[no-untyped-def]
    db = open_database(path)
    try:
        return [c for c in reading.list_cases(db) if c.unit == unit]
    finally:
        db.close()


def test_new_case_dates_typed_in_every_way(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    dialog = app.window.cases.new_case()
    qtbot.waitExposed(dialog)
    dialog.unit.setCurrentIndex(dialog.unit.findText("桃源镇"))
    type_text(qtbot, dialog.outgoing, "张三")
    type_text(qtbot, dialog.incoming, "李四")
    _retype(qtbot, dialog.term_start, "2021-01-05")
    _retype(qtbot, dialog.term_end, "2026/1/4")
    assert dialog.term_start.text() == "2021-01-05"  # what was typed stays, no section jumps
    assert dialog.create_button.isEnabled(), dialog.message.text()

    _retype(qtbot, dialog.term_start, "2021-02-30")
    assert "届初日期" in dialog.message.text() and "2月只有 28 天" in dialog.message.text()
    assert not dialog.create_button.isEnabled()
    _retype(qtbot, dialog.term_start, "2021年1月5日")
    _retype(qtbot, dialog.handover, "2026-13-01")
    assert "交接日期" in dialog.message.text() and "月份" in dialog.message.text()
    assert not dialog.create_button.isEnabled()
    _retype(qtbot, dialog.handover, "2026.1.10")
    assert dialog.create_button.isEnabled(), dialog.message.text()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    created = _cases(demo_db, "桃源镇")
    assert len(created) == 1
    case = created[0]
    assert (case.term_start, case.term_end, case.handover_date) == (date(2021, 1, 5), date(2026, 1, 4), date(2026, 1, 10))


def test_a_blank_handover_date_is_not_fixed_yet_and_the_calendar_fills_a_field(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    dialog = app.window.cases.new_case()
    qtbot.waitExposed(dialog)
    assert dialog.handover.text() == "" and dialog.handover.placeholderText() == "尚未确定"
    dialog.handover.setFocus()
    qtbot.waitUntil(dialog.handover.hasFocus)
    qtbot.keyClick(dialog.handover, Qt.Key.Key_F4)
    calendar = dialog.handover.calendar
    assert calendar is not None and calendar.isVisible()
    qtbot.keyClick(calendar.focusWidget() or calendar, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert dialog.handover.text() == date.today().isoformat()
    QApplication.processEvents()
    dialog.reject()


def test_pool_dates_typed_in_every_way(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    dialog = app.window.pool.edit(None)
    type_text(qtbot, dialog.name, "吴新")
    type_text(qtbot, dialog.organization, "县委组织部")
    qtbot.keyClicks(dialog.certificate_no, "QX-PS-901")
    type_text(qtbot, dialog.certified_until, "2030年12月31日")
    qtbot.keyClicks(dialog.trained_on, "2026-02-30")
    assert "最近培训日期" in dialog.message.text() and "只有 28 天" in dialog.message.text()
    assert not dialog.save_button.isEnabled()
    _retype(qtbot, dialog.trained_on, "2026/6/1")
    assert dialog.save_button.isEnabled(), dialog.message.text()
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    db = open_database(demo_db)
    try:
        stored = reviewers.get_reviewer(db, "QX-PS-901")
    finally:
        db.close()
    assert (stored.certified_until, stored.trained_on) == (date(2030, 12, 31), date(2026, 6, 1))
