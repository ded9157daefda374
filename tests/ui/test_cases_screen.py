"""The Cases screen: the table model, search and filters, the new-case dialog, the demo offered on first start."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt

from handover import reading
from handover.db import open_database
from handover.views import CaseSummary
from ui.case_model import CASE_ROLE, COL_DONE, COL_UNIT, CaseFilterProxy, CaseTableModel
from ui.new_case_dialog import NewCaseDialog
from ui.workspace import CaseWorkspace

from .conftest import opened_by, type_text


def _summary(i: int, status: str = "draft", year: int = 2026) -> CaseSummary:
    return CaseSummary(i, f"单位{i}", "township", f"甲{i}", f"乙{i}", date(year - 5, 1, 1), date(year, 1, 1), None,
                       status, i % 41, 40, "优秀" if i % 3 == 0 else None)  # fmt: skip


def test_case_model_passes_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    model = CaseTableModel([_summary(i) for i in range(1, 60)])
    qtmodeltester.check(model)
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_filters(search="单位1")
    qtmodeltester.check(proxy)


def test_filters_combine_and_sort_numbers_as_numbers() -> None:
    rows = [_summary(i, "draft" if i % 2 else "review", 2025 + i % 2) for i in range(1, 10_001)]
    model = CaseTableModel(rows)
    proxy = CaseFilterProxy()
    proxy.setSourceModel(model)
    assert proxy.rowCount() == 10_000
    proxy.set_filters(status="review")
    assert proxy.rowCount() == 5_000
    proxy.set_filters(year=2025)  # even ids: review and ending 2025
    assert proxy.rowCount() == 5_000
    proxy.set_filters(search="单位99")
    shown = {proxy.index(r, 0).data(CASE_ROLE).id for r in range(proxy.rowCount())}
    assert shown == {i for i in range(1, 10_001) if "单位99" in f"单位{i}" and i % 2 == 0}
    proxy.set_filters(search="", status=None, year=None)
    proxy.sort(COL_DONE, Qt.SortOrder.DescendingOrder)
    assert proxy.index(0, COL_DONE).data() == "40/40"


def test_case_list_shows_the_demo_and_searches(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    screen = app.window.cases
    assert screen.proxy.rowCount() == 2
    screen.search.setText("林晓梅")
    qtbot.waitUntil(lambda: screen.proxy.rowCount() == 1)  # the search runs once the typing pauses
    assert screen.proxy.rowCount() == 1
    assert screen.proxy.index(0, COL_UNIT).data() == "云岭镇"
    qtbot.waitUntil(lambda: "2" in screen.count.text() and "1" in screen.count.text())


def test_new_case_through_the_dialog_validates_as_you_type(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    dialog = opened_by(qtbot, app.window.cases.new_button, NewCaseDialog)
    qtbot.waitExposed(dialog)
    dialog.unit.setCurrentIndex(dialog.unit.findText("桃源镇"))
    assert not dialog.create_button.isEnabled()
    assert "离任书记" in dialog.message.text()
    type_text(qtbot, dialog.outgoing, "张三")
    type_text(qtbot, dialog.incoming, "张三")
    assert "不能是同一人" in dialog.message.text()
    assert not dialog.create_button.isEnabled()
    dialog.incoming.clear()
    type_text(qtbot, dialog.incoming, "李四")
    dialog.term_start.setDate(QDate(2026, 3, 1))
    dialog.term_end.setDate(QDate(2021, 3, 1))
    assert "必须晚于" in dialog.message.text()
    dialog.term_start.setDate(QDate(2021, 3, 1))
    dialog.term_end.setDate(QDate(2026, 3, 1))
    assert dialog.create_button.isEnabled()
    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    db = open_database(demo_db)
    try:
        created = [c for c in reading.list_cases(db) if c.unit == "桃源镇"]
    finally:
        db.close()
    assert len(created) == 1
    assert (created[0].outgoing, created[0].incoming, created[0].term_start) == ("张三", "李四", date(2021, 3, 1))
    workspace = app.window.tabs.currentWidget()
    assert isinstance(workspace, CaseWorkspace) and workspace.case_id == created[0].id
    assert app.window.cases.proxy.rowCount() == 3


def test_new_case_for_a_unit_with_an_open_case_is_refused(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    dialog = opened_by(qtbot, app.window.cases.new_button, NewCaseDialog)
    dialog.unit.setCurrentIndex(dialog.unit.findText("云岭镇"))
    type_text(qtbot, dialog.outgoing, "王五")
    type_text(qtbot, dialog.incoming, "赵六")
    dialog.term_start.setDate(QDate(2022, 1, 1))
    dialog.term_end.setDate(QDate(2026, 1, 1))
    assert "重叠" in dialog.message.text()
    assert not dialog.create_button.isEnabled()
    dialog.reject()


def test_first_start_on_an_empty_database_offers_the_demo(qtbot, start_app, db_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(db_path)
    assert app.window.cases.empty.isVisible()
    recorded_dialogs.confirm_answers.append(True)
    app.window.offer_demo()
    assert recorded_dialogs.shown[0][0] == "confirm"
    qtbot.waitUntil(lambda: app.window.cases.model.rowCount() == 2, timeout=10_000)
    qtbot.waitUntil(lambda: app.window.task is None)
    assert app.window.cases.table.isVisible()
    assert any(kind == "info" and "青溪县" in text for kind, _, text in recorded_dialogs.shown)
    app.window.offer_demo()  # not empty any more: no second offer
    assert [s[0] for s in recorded_dialogs.shown].count("confirm") == 1
