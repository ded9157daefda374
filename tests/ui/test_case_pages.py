"""The case list fetches as the user scrolls; search typed with keys, filters and a click on a column header are
queries to the database; each row shows the step the case is at."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt

from handover import reading
from handover.case_list import PAGE
from handover.db import open_database
from handover.words import STEPS
from tests.test_case_list import seed
from ui.case_model import CASE_ROLE, COL_DONE, COL_STEP

from .conftest import type_text


def seeded(demo_db: Path, count: int = 130) -> Path:
    db = open_database(demo_db)
    try:
        seed(db, count)
    finally:
        db.close()
    return demo_db


def shown_ids(screen: Any) -> list[int]:
    model = screen.table.model()
    return [model.index(row, 0).data(CASE_ROLE).id for row in range(model.rowCount())]


def listed(path: Path, **query: Any) -> list[int]:
    db = open_database(path)
    try:
        return [c.id for c in reading.list_cases(db, **query)]
    finally:
        db.close()


def test_the_list_fetches_the_next_page_as_the_user_scrolls(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    path = seeded(demo_db)
    everything = listed(path)
    screen = start_app(path).window.cases
    assert shown_ids(screen) == everything[:PAGE]
    screen.table.setFocus()
    qtbot.keyClick(screen.table, Qt.Key.Key_Down)
    for _ in range(4):  # Ctrl+End goes to the last row loaded; the view asks the model for more when it gets there
        qtbot.keyClick(screen.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(20)
    assert shown_ids(screen) == everything and len(everything) == 132
    assert not screen.model.canFetchMore()
    assert "132" in screen.count.text()


def test_search_typed_with_keys_and_a_header_click_are_database_queries(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    path = seeded(demo_db)
    screen = start_app(path).window.cases
    screen.search.setFocus()
    qtbot.keyClicks(screen.search, "12")  # a case number or names with 12 in them
    wanted = listed(path, search="12")
    qtbot.waitUntil(lambda: shown_ids(screen) == wanted)
    assert 1 < len(wanted) < 20
    qtbot.waitUntil(lambda: f"{len(wanted)} " in screen.count.text() or f" {len(wanted)}" in screen.count.text())
    screen.search.clear()
    type_text(qtbot, screen.search, "桃源%")
    wanted = listed(path, search="桃源%")
    qtbot.waitUntil(lambda: shown_ids(screen) == wanted[:PAGE])
    assert all(c.unit == "桃源%镇" for c in reading_rows(screen))
    header = screen.table.horizontalHeader()
    click = header.sectionViewportPosition(COL_DONE) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(click, 5))
    order = header.sortIndicatorOrder()
    by_done = listed(path, search="桃源%", sort="done", descending=order == Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: shown_ids(screen) == by_done[:PAGE])


def reading_rows(screen: Any) -> list[Any]:
    model = screen.table.model()
    return [model.index(row, 0).data(CASE_ROLE) for row in range(model.rowCount())]


def test_each_row_shows_the_step_its_case_is_at(start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    screen = start_app(demo_db).window.cases
    model = screen.table.model()
    steps = {model.index(r, 0).data(CASE_ROLE).id: model.index(r, COL_STEP).data() for r in range(model.rowCount())}
    assert steps == {1: STEPS["submit"], 2: STEPS["checklist"]}
    row = next(r for r in range(model.rowCount()) if model.index(r, 0).data(CASE_ROLE).id == 1)
    tip = model.index(row, COL_STEP).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("✓清单 → ✓抽签 → ✓评价 → 【提交】")
    assert model.index(row, COL_STEP).data(Qt.ItemDataRole.FontRole).bold()


def test_the_step_and_completeness_colours_are_painted(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    """The step cell on its light colour, an incomplete case's count in amber: as painted on screen (the model hands
    Qt colours, of which the delegate makes the brushes)."""
    window = start_app(demo_db).window
    window.resize(1366, 740)
    window.show()
    qtbot.waitExposed(window)
    table = window.cases.table
    model = table.model()
    image = table.viewport().grab().toImage()
    for row in range(model.rowCount()):
        case = model.index(row, 0).data(CASE_ROLE)
        step = table.visualRect(model.index(row, COL_STEP))
        assert image.pixelColor(step.left() + 2, step.top() + 2).name() == "#fff1c7"  # neither case is archived
        done = table.visualRect(model.index(row, COL_DONE))
        inks = {image.pixelColor(x, y).name() for x in range(done.left(), done.right()) for y in range(done.top(), done.bottom())}
        assert ("#1b7f3b" if case.done == case.total else "#9a6700") in inks


def test_the_database_opens_behind_the_list_and_a_case_opens_after(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    assert not app.ctx.db_open  # the list came from the plain reader
    app.opening.start()
    app.opening.wait()
    assert app.ctx.db_open
    screen = app.window.cases
    row = next(r for r in range(screen.model.rowCount()) if screen.model.row_at(r).id == 1)
    rect = screen.table.visualRect(screen.model.index(row, 1))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert app.window.tabs.currentWidget().case_id == 1
