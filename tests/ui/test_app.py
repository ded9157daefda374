"""The application as a whole: language switch, evaluation, units, settings, translations, start-up imports, log file."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from PySide6.QtCore import Qt

from handover import reading, settings
from handover.db import open_database
from handover.services import units
from ui.main_window import MainWindow

from .conftest import draw_through_the_tab, type_text

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources" / "translations" / "handover_zh_CN.ts"


def _tab_texts(window: MainWindow) -> list[str]:
    return [window.tabs.tabText(i) for i in range(window.tabs.count())]


def test_chinese_by_default_and_english_from_the_settings(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    app.window.open_case(1)
    assert _tab_texts(app.window)[:5] == ["案件", "全县概览", "评审人员库", "单位与村（社区）", "设置"]
    assert app.window.cases.new_button.text() == "新建案件…"
    screen = app.window.settings
    screen.language.setCurrentIndex(screen.language.findData("en"))
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    window = app.window
    assert _tab_texts(window)[:5] == ["Cases", "County overview", "Reviewer pool", "Units and villages", "Settings"]
    assert window.cases.new_button.text() == "New case…"
    assert window.workspaces()[0].tabs.tabText(0) == "Checklist"  # the open case is open again
    assert window.workspaces()[0].checklist.areas.item(0).text().startswith("✓ Party organisation building")
    db = open_database(demo_db)
    try:
        assert settings.get(db, "language") == "en"
    finally:
        db.close()
    screen = window.settings
    screen.language.setCurrentIndex(screen.language.findData("zh_CN"))
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert _tab_texts(app.window)[0] == "案件"


def test_every_interface_text_is_translated_and_the_qm_is_current(tmp_path: Path) -> None:
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    fresh = tmp_path / "fresh.ts"
    shutil.copy(TS, fresh)
    sources = sorted(str(p) for p in (ROOT / "ui").glob("*.py"))
    subprocess.run([str(lupdate), *sources, "-ts", str(fresh), "-no-obsolete"], check=True, capture_output=True)
    messages = list(ET.parse(fresh).getroot().iter("message"))
    assert len(messages) > 100
    untranslated = [m.findtext("source") for m in messages if m.find("translation").get("type") or not m.findtext("translation")]
    assert untranslated == [], "run pyside6-lupdate and translate these in Qt Linguist"
    qm = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), str(TS), "-qm", str(qm)], check=True, capture_output=True)
    assert qm.read_bytes() == (TS.parent / "handover_zh_CN.qm").read_bytes(), "run pyside6-lrelease"


def test_evaluation_is_saved_through_the_tab(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    workspace = app.window.open_case(2)  # the half-filled case
    workspace.tabs.setCurrentWidget(workspace.evaluation)
    tab = workspace.evaluation
    assert tab.key_table.rowCount() == 7
    assert "未填写完整" in tab.rule.text()
    tab.grade.setCurrentIndex(tab.grade.findData("良好"))
    type_text(qtbot, tab.comment, "太短")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "不能少于10个字" in tab.message.text()
    type_text(qtbot, tab.comment, "，任期内党员队伍建设扎实，集体经济仍需加强。")
    qtbot.waitUntil(lambda: "已保存" in tab.message.text(), timeout=3000)  # autosaved once typing paused, no click
    db = open_database(demo_db)
    try:
        detail = reading.get_case(db, 2)
    finally:
        db.close()
    assert detail.evaluation_grade == "良好" and detail.evaluation_comment.startswith("太短，任期内")
    complete = app.window.open_case(1)
    complete.tabs.setCurrentWidget(complete.evaluation)
    assert "优秀" in complete.evaluation.suggested.text()
    assert "得分" in complete.evaluation.rule.text()
    assert len(complete.evaluation.chart.series()) == 1


def test_units_and_villages_are_added_with_messages(qtbot, start_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = start_app(db_path)
    screen = app.window.units
    type_text(qtbot, screen.unit_name, "白鹤镇")
    qtbot.keyClick(screen.unit_name, Qt.Key.Key_Return)
    assert screen.table.rowCount() == 1 and screen.selected_unit() == "白鹤镇"
    type_text(qtbot, screen.village_name, "甲村")
    qtbot.keyClick(screen.village_name, Qt.Key.Key_Return)
    type_text(qtbot, screen.village_name, "甲村")
    qtbot.keyClick(screen.village_name, Qt.Key.Key_Return)
    assert "已有村" in screen.message.text()
    db = open_database(db_path)
    try:
        assert units.get_unit(db, "白鹤镇").villages == ("甲村",)
    finally:
        db.close()
    assert screen.villages.count() == 1


def test_settings_are_stored_in_the_database(qtbot, start_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = start_app(db_path)
    screen = app.window.settings
    screen.issuing_body.clear()
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert "发文机关" in screen.message.text() and "不能为空" in screen.message.text()
    type_text(qtbot, screen.issuing_body, "中共青溪县委组织部")
    screen.numbers["panel_size"].setValue(5)
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    db = open_database(db_path)
    try:
        stored = settings.all_settings(db)
    finally:
        db.close()
    assert stored["issuing_body"] == "中共青溪县委组织部" and stored["panel_size"] == "5"


def test_start_up_loads_no_heavy_module_and_writes_the_log_in_the_data_folder(db_path, data_home) -> None:  # type: ignore[no-untyped-def]
    code = (
        "import sys\n"
        "from ui.app import Application, setup_logging\n"
        "log = setup_logging()\n"
        f"app = Application({str(db_path)!r})\n"
        "app.window.show(); app.qapp.processEvents()\n"
        "names = set(sys.modules) | {m.split('.')[0] for m in sys.modules}\n"
        "heavy = sorted(names & {'reportlab', 'pyhanko', 'openpyxl', 'PySide6.QtPdf', 'PySide6.QtCharts', 'handover.report'})\n"
        "print(heavy, log)\n"
        "app.window.close(); app.close()\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT).stdout
    heavy, log = out.split("] ")
    assert heavy == "["
    assert Path(log.strip()) == data_home / "handover.log"


def test_an_unexpected_error_is_a_message_and_a_log_entry(caplog) -> None:  # type: ignore[no-untyped-def]
    from handover.errors import Refused
    from ui.errors import user_message

    assert user_message(Refused("请填写离任书记姓名")) == "请填写离任书记姓名"
    text = user_message(ZeroDivisionError("division by zero"))
    assert "ZeroDivisionError" in text and "handover.log" in text and "Traceback" not in text
    assert any(r.exc_info for r in caplog.records)


def test_submit_for_review_lists_what_is_missing(qtbot, start_app, demo_db, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    half = app.window.open_case(2)
    qtbot.mouseClick(half.submit_button, Qt.MouseButton.LeftButton)
    kind, _, text = recorded_dialogs.shown[-1]
    assert kind == "error" and "未完成" in text and "ORG01" in text
    complete = app.window.open_case(1)
    qtbot.mouseClick(complete.submit_button, Qt.MouseButton.LeftButton)
    assert "评审中" in complete.header.text() and not complete.submit_button.isVisible()
    db = open_database(demo_db)
    try:
        assert reading.get_case(db, 1).summary.status == "review"
    finally:
        db.close()


def test_the_operator_of_this_pc_is_recorded_with_what_they_do(qtbot, start_app, demo_db, monkeypatch, data_home) -> None:  # type: ignore[no-untyped-def]
    from handover.draw import service as draws
    from ui import local_config

    app = start_app(demo_db)
    screen = app.window.settings
    assert screen.operator.text() == "测试员"  # HANDOVER_USER of the test
    screen.operator.clear()
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert "操作人" in screen.message.text()
    type_text(qtbot, screen.operator, "张评审")
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert local_config.load()["operator"] == "张评审"
    tab = app.window.open_case(2).draw
    draw_through_the_tab(qtbot, tab)  # prepare, witness, draw (issue 10)
    db = open_database(demo_db)
    try:
        assert draws.current_draw(db, 2).operator == "张评审"
    finally:
        db.close()
    monkeypatch.delenv("HANDOVER_USER")
    from ui.app import apply_operator

    apply_operator()  # the next start on this PC
    import os

    assert os.environ["HANDOVER_USER"] == "张评审"


def test_a_server_password_is_never_shown() -> None:
    from handover.db import Database
    from ui.context import AppContext

    shown = AppContext(Database("postgresql+psycopg://county:s3cret@db.local/handover", None)).shown_url  # type: ignore[arg-type]
    assert "s3cret" not in shown and "county" in shown and "db.local" in shown
