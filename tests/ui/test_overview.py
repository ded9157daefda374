"""全县概览: one row per unit with its latest case, sorted and filtered by the user, a row opens its case, the
selected cases print or save in one go; and the same screen on a county of 1,300 units."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pypdf import PdfReader
from PySide6.QtCore import QPoint, Qt

from benchmarks.sample import bulk_load
from handover.db import open_database
from ui.overview_model import COL_GRADE, COL_STEP, COL_UNIT, FIXED_COLUMNS


def show_overview(qtbot: Any, app: Any) -> Any:
    """Click the 全县概览 tab, as a user does."""
    window = app.window
    bar = window.tabs.tabBar()
    index = window.tabs.indexOf(window.overview)
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
    assert window.tabs.currentWidget() is window.overview
    return window.overview


def cell(screen: Any, row: int, column: int) -> str:
    return str(screen.proxy.index(row, column).data() or "")


def row_of(screen: Any, unit: str) -> int:
    return next(r for r in range(screen.proxy.rowCount()) if cell(screen, r, COL_UNIT) == unit)


def click_row(qtbot: Any, screen: Any, row: int, modifier: Any = Qt.KeyboardModifier.NoModifier) -> None:
    table = screen.table
    rect = table.visualRect(screen.proxy.index(row, COL_UNIT))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def test_every_unit_with_its_latest_case_step_grade_and_key_indicators(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    screen = show_overview(qtbot, start_app(demo_db))
    assert screen.proxy.rowCount() == 6  # the demo county's six units, with or without a case
    assert screen.model.headerData(FIXED_COLUMNS, Qt.Orientation.Horizontal) == "★五星级村党组织数"
    yunling = row_of(screen, "云岭镇")
    assert cell(screen, yunling, COL_GRADE) == "优秀"
    assert cell(screen, yunling, FIXED_COLUMNS) == "2 → 3（第1名）"  # ORG01, first in the county
    assert cell(screen, row_of(screen, "县农业农村局"), 2) == "尚无案件"
    assert cell(screen, row_of(screen, "石门乡"), COL_STEP) == "清单"
    assert "6 个单位" in screen.count.text()
    # the charts: one unit graded 优秀
    bars = screen.charts.grades.series()[0].barSets()[0]
    assert [bars.at(i) for i in range(bars.count())][0] == 1


def test_sort_by_a_column_and_filter_by_step(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    screen = show_overview(qtbot, start_app(demo_db))
    header = screen.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_GRADE) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    first, last = cell(screen, 0, COL_UNIT), cell(screen, screen.proxy.rowCount() - 1, COL_UNIT)
    assert first == "云岭镇" or last == "云岭镇"  # graded first or, sorted the other way, last
    screen.step.setFocus()
    for _ in range(1 + list(screen.step.itemData(i) for i in range(screen.step.count())).index("checklist") - 1):
        qtbot.keyClick(screen.step, Qt.Key.Key_Down)
    assert screen.step.currentData() == "checklist"
    assert [cell(screen, r, COL_UNIT) for r in range(screen.proxy.rowCount())] == ["石门乡"]


def test_enter_and_double_click_open_the_case(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    screen = show_overview(qtbot, app)
    click_row(qtbot, screen, row_of(screen, "云岭镇"))
    qtbot.keyClick(screen.table, Qt.Key.Key_Return)
    assert app.window.tabs.currentWidget().case_id == 1
    screen = show_overview(qtbot, app)
    rect = screen.table.visualRect(screen.proxy.index(row_of(screen, "石门乡"), COL_UNIT))
    qtbot.mouseClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())  # a double click's first
    qtbot.mouseDClick(screen.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert app.window.tabs.currentWidget().case_id == 2


def test_the_selected_cases_save_and_print_in_one_go(qtbot, start_app, demo_db, tmp_path: Path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    screen = show_overview(qtbot, app)
    click_row(qtbot, screen, row_of(screen, "云岭镇"))
    click_row(qtbot, screen, row_of(screen, "石门乡"), Qt.KeyboardModifier.ControlModifier)
    assert sorted(c.id for c in screen.selected_cases()) == [1, 2]
    screen.part.setCurrentIndex(screen.part.findData("meeting"))
    folder = tmp_path / "会议单页"
    recorded_dialogs.file_answers.append(str(folder))
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(kind == "info" for kind, _, _ in recorded_dialogs.shown), timeout=120_000)
    pdfs = sorted(folder.glob("*.pdf"))
    assert len(pdfs) == 2 and all(len(PdfReader(p).pages) == 1 for p in pdfs)
    qtbot.waitUntil(lambda: app.window.task is None, timeout=10_000)

    printed = tmp_path / "打印.pdf"

    def printer_to_file(printer: Any) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        printer.setCopyCount(2)
        return True

    recorded_dialogs.shown.clear()
    recorded_dialogs.print_answers.append(printer_to_file)
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(kind == "info" for kind, _, _ in recorded_dialogs.shown), timeout=120_000)
    pages = PdfReader(printed).pages
    assert len(pages) == 4  # two one-page documents, two copies, in one print job
    assert {(round(float(p.mediabox.width)), round(float(p.mediabox.height))) for p in pages} == {(595, 842)}
    qtbot.waitUntil(lambda: app.window.task is None, timeout=10_000)


def test_nothing_selected_says_what_to_do(qtbot, start_app, demo_db, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    screen = show_overview(qtbot, start_app(demo_db))
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    assert recorded_dialogs.shown[-1][0] == "info" and "选择" in recorded_dialogs.shown[-1][2]
    assert not any(kind == "print" for kind, _, _ in recorded_dialogs.shown)


def test_the_overview_of_a_county_of_1300_units(qtbot, start_app, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    database = open_database(db_path)
    try:
        bulk_load(database, 1300, units=1300)
    finally:
        database.close()
    screen = show_overview(qtbot, start_app(db_path))
    assert screen.proxy.rowCount() == 1300
    header = screen.table.horizontalHeader()
    x = header.sectionViewportPosition(COL_STEP) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    steps = [cell(screen, r, COL_STEP) for r in range(screen.proxy.rowCount())]
    assert steps == sorted(steps, key=["清单", "抽签", "评价", "提交", "签字", "归档"].index) or steps == sorted(
        steps, key=["清单", "抽签", "评价", "提交", "签字", "归档"].index, reverse=True)
    click_row(qtbot, screen, 0)
    qtbot.keyClick(screen.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # to the last unit
    assert screen.table.currentIndex().row() == 1299
    assert screen.table.rowViewportPosition(1299) >= 0  # scrolled into view


def test_the_case_list_prints_the_selected_cases_in_one_job(qtbot, start_app, demo_db, tmp_path: Path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    screen = app.window.cases
    table = screen.table
    for row, modifier in ((0, Qt.KeyboardModifier.NoModifier), (1, Qt.KeyboardModifier.ControlModifier)):
        rect = table.visualRect(screen.proxy.index(row, 1))
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())
    assert sorted(c.id for c in screen.selected_cases()) == [1, 2]
    printed = tmp_path / "两案.pdf"

    def printer_to_file(printer: Any) -> bool:
        from PySide6.QtPrintSupport import QPrinter

        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(printed))
        return True

    recorded_dialogs.print_answers.append(printer_to_file)
    qtbot.mouseClick(screen.print_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: any(kind == "info" for kind, _, _ in recorded_dialogs.shown), timeout=120_000)
    said = next(text for kind, _, text in recorded_dialogs.shown if kind == "info")
    pages = PdfReader(printed).pages
    assert said.startswith("已把 2 份文件") and f"共 {len(pages)} 页" in said
    assert len(pages) >= 4 and {round(float(p.mediabox.width)) for p in pages} == {595}
    qtbot.waitUntil(lambda: app.window.task is None, timeout=10_000)
