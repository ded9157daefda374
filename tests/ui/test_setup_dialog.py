"""The GUI's first start: the setup dialog appears while the issuing body is the placeholder, refuses what is missing,
stores what is typed and can make the organisation certificate; the Help menu opens it again and saves the problem
report (报告问题)."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from handover import settings
from handover.db import open_database
from handover.signing import pki
from tests.ui.conftest import type_text
from tests.ui.test_backup_menu import _click as click_menu


def stored(db_path: Path) -> dict[str, str]:
    db = open_database(db_path)
    try:
        return settings.all_settings(db)
    finally:
        db.close()


def first_start_with(qtbot: Any, app: Any, answer: Any) -> list[str]:
    """Run the application's first start (as launch() does) and let `answer` work the modal dialog it opens."""
    from ui.app import first_start

    seen: list[str] = []

    def work_the_dialog() -> None:
        dialog = QApplication.activeModalWidget()
        seen.append(dialog.windowTitle() if dialog is not None else "")
        if dialog is not None:
            answer(dialog)

    QTimer.singleShot(0, work_the_dialog)
    first_start(app)
    QApplication.processEvents()  # with no dialog, the timer fires only now, and finds none
    return seen


def test_the_first_start_asks_for_the_county_and_stores_it(qtbot, start_app, db_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(db_path)
    messages: list[str] = []

    def answer(dialog: Any) -> None:
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)  # nothing typed yet
        messages.append(dialog.message.text())
        type_text(qtbot, dialog.issuing_body, "中共青溪县委组织部")
        type_text(qtbot, dialog.county, "青溪县")
        dialog.doc_prefix.clear()
        type_text(qtbot, dialog.doc_prefix, "青组离审")
        type_text(qtbot, dialog.ranked_units, "12")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    assert first_start_with(qtbot, app, answer) == ["首次使用设置"]
    assert "发文机关" in messages[0] and "不能为空" in messages[0]
    values = stored(db_path)
    assert (values["issuing_body"], values["county"], values["doc_prefix"], values["ranked_units"]) == (
        "中共青溪县委组织部", "青溪县", "青组离审", "12")  # fmt: skip
    assert app.window.settings.issuing_body.text() == "中共青溪县委组织部"  # the Settings tab shows it too
    # the demo offer follows on the empty database; the next start asks nothing
    assert [kind for kind, *_ in recorded_dialogs.shown] == ["confirm"]
    assert first_start_with(qtbot, app, lambda dialog: dialog.reject()) == [""]


def test_later_keeps_the_placeholder_and_the_draft_mark(qtbot, start_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = start_app(db_path)

    def later(dialog: Any) -> None:
        type_text(qtbot, dialog.issuing_body, "中共青溪县委组织部")
        qtbot.mouseClick(dialog.later_button, Qt.MouseButton.LeftButton)

    assert first_start_with(qtbot, app, later) == ["首次使用设置"]
    assert settings.is_placeholder(stored(db_path)["issuing_body"])


def test_the_setup_makes_the_organisation_certificate(qtbot, start_app, db_path, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(db_path)
    target = tmp_path / "青溪.p12"
    differ: list[str] = []

    def answer(dialog: Any) -> None:
        type_text(qtbot, dialog.issuing_body, "中共青溪县委组织部")
        type_text(qtbot, dialog.county, "青溪县")
        assert not dialog.password.isEnabled()
        box = dialog.make_certificate
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))  # on the box itself
        assert dialog.password.isEnabled()
        dialog.certificate_path.clear()
        type_text(qtbot, dialog.certificate_path, str(target))
        type_text(qtbot, dialog.password, "qingxi-2026")
        type_text(qtbot, dialog.password_again, "qingxi-2025")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        differ.append(dialog.message.text())
        dialog.password_again.clear()
        type_text(qtbot, dialog.password_again, "qingxi-2026")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    first_start_with(qtbot, app, answer)
    assert "不一致" in differ[0]
    key = pki.load_p12(target.read_bytes(), "qingxi-2026")
    assert key.name == "中共青溪县委组织部" and target.with_suffix(".pem").is_file()
    assert any(t.name == "中共青溪县委组织部" for t in pki.list_trust())
    info = next(text for kind, title, text in recorded_dialogs.shown if kind == "info" and title == "单位证书")
    assert "它不能证明" in info


def test_report_a_problem_from_the_help_menu(qtbot, start_app, demo_db, data_home, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    data_home.mkdir(parents=True, exist_ok=True)
    (data_home / "handover.log").write_text("2026-11-30 INFO ui: case of 林晓梅 opened by 测试员\n", encoding="utf-8")
    help_menu = next(a.menu() for a in app.window.menuBar().actions() if a.text() == "帮助")
    out = tmp_path / "问题报告.zip"
    recorded_dialogs.file_answers.append(str(out))
    click_menu(qtbot, app.window, help_menu, "报告问题…")
    with zipfile.ZipFile(out) as archive:
        report = json.loads(archive.read("report.json"))
        log_text = archive.read("handover.log").decode("utf-8")
    assert report["gui"]["qt"] and report["gui"]["platform"] == "offscreen"
    assert report["database"]["rows"]["handover_case"] == 2 and "settings" in report
    assert "case of [姓名] opened by [姓名]" in log_text
    assert ("info", "报告问题") == recorded_dialogs.shown[-1][:2] and str(out) in recorded_dialogs.shown[-1][2]


def test_the_help_menu_opens_the_setup_again_with_what_is_stored(qtbot, start_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = start_app(db_path)
    first_start_with(qtbot, app, lambda dialog: (type_text(qtbot, dialog.issuing_body, "中共青溪县委组织部"),
                                                 type_text(qtbot, dialog.county, "青溪县"),
                                                 qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)))  # fmt: skip
    shown: list[str] = []

    def rename(dialog: Any) -> None:
        shown.append(dialog.issuing_body.text())
        dialog.issuing_body.clear()
        type_text(qtbot, dialog.issuing_body, "中共青溪县委组织部（试用）")
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    help_menu = next(a.menu() for a in app.window.menuBar().actions() if a.text() == "帮助")

    def when_open() -> None:  # the menu opens first, then the item's click opens the modal dialog
        dialog = QApplication.activeModalWidget()
        rename(dialog) if dialog is not None else QTimer.singleShot(20, when_open)

    QTimer.singleShot(0, when_open)
    click_menu(qtbot, app.window, help_menu, "首次使用设置…")
    assert shown == ["中共青溪县委组织部"]
    assert stored(db_path)["issuing_body"] == "中共青溪县委组织部（试用）"
    assert app.window.settings.issuing_body.text() == "中共青溪县委组织部（试用）"
