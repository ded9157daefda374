"""What hands-on use under a real window found: the save indicator, the village field's hint, a duplicate certificate."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from handover.db import open_database
from handover.services import cases, reviewer_import, reviewers
from ui.new_case_dialog import NewCaseDialog
from ui.pool_screen import ReviewerDialog

from .conftest import draw_through_the_tab, open_signatures_tab, opened_by, type_text


def _new_case(path) -> int:  # type: ignore[no-untyped-def]
    db = open_database(path)
    try:
        return cases.create_case(db, cases.NewCase("桃源镇", "张三", "李四", "2021-03-01", "2026-03-01"))
    finally:
        db.close()


def test_save_state_does_not_say_saved_while_a_field_holds_refused_input(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    checklist = app.window.open_case(_new_case(demo_db)).checklist
    good, bad = checklist.rows["ORG05"].fields["start"], checklist.rows["ORG06"].fields["start"]
    checklist.focus_field(good)
    qtbot.keyClicks(good, "7")
    qtbot.keyClick(good, Qt.Key.Key_Return)
    assert "已保存" in checklist.save_state.text()
    qtbot.keyClicks(bad, "130")  # Enter moved here
    qtbot.keyClick(bad, Qt.Key.Key_Return)
    assert "已保存" not in checklist.save_state.text()
    assert "1 项输入未保存" in checklist.save_state.text()
    bad.clear()
    qtbot.keyClicks(bad, "95")
    qtbot.keyClick(bad, Qt.Key.Key_Return)
    assert "已保存" in checklist.save_state.text()


def test_village_field_hint_fits_the_field(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    row = app.window.open_case(_new_case(demo_db)).checklist.rows["ORG01"]
    field = row.fields["start"]
    assert isinstance(field, QLineEdit)
    room = field.width() - 2 * field.height()  # frame, margins and the … picker button at the right
    assert field.fontMetrics().horizontalAdvance(field.placeholderText()) <= room
    assert "F4" in field.placeholderText() and "、" in field.toolTip()


def test_a_certificate_number_already_in_the_pool_is_refused_while_typing(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    dialog = opened_by(qtbot, app.window.pool.add_button, ReviewerDialog)
    type_text(qtbot, dialog.name, "吴新")
    type_text(qtbot, dialog.organization, "县委组织部")
    qtbot.keyClicks(dialog.certificate_no, "QX-PS-001")
    assert not dialog.save_button.isEnabled()
    assert "QX-PS-001" in dialog.message.text() and "郑文华" in dialog.message.text()
    assert "handover" not in dialog.message.text()  # no command-line advice in the window
    qtbot.keyClicks(dialog.certificate_no, "9")
    assert dialog.save_button.isEnabled()
    table = app.window.pool.table
    row = next(i for i, r in enumerate(app.window.pool.model.rows()) if r.certificate_no == "QX-PS-001")
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualRect(table.model().index(row, 0)).center())
    editing = opened_by(qtbot, app.window.pool.edit_button, ReviewerDialog)
    editing.name.setText("郑文华")  # keeping one's own number is no conflict
    assert editing.save_button.isEnabled()


def test_the_core_names_who_holds_a_duplicate_certificate(demo_db) -> None:  # type: ignore[no-untyped-def]
    db = open_database(demo_db)
    try:
        assert reviewers.certificate_holder(db, " QX-PS-001 ") == "郑文华"
        assert reviewers.certificate_holder(db, "QX-PS-999") is None
    finally:
        db.close()


def test_a_bad_row_in_a_reviewer_sheet_is_named_before_asking_to_import(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "pool.csv"
    sheet.write_text(
        "姓名,工作单位,证书编号,证书有效期至\n马兰,县统计局,QX-PS-801,2030-01-01\n孙立,县民政局,QX-PS-802,2030-13-01\n",
        encoding="utf-8",
    )
    app = start_app(demo_db)
    recorded_dialogs.file_answers.append(str(sheet))
    qtbot.mouseClick(app.window.pool.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: app.window.task is None, timeout=10_000)
    kinds = [kind for kind, _, _ in recorded_dialogs.shown]
    assert "confirm" not in kinds  # no summary of a sheet that cannot be imported
    error = next(text for kind, _, text in recorded_dialogs.shown if kind == "error")
    assert "第3行" in error and "证书有效期至" in error


def test_import_preview_checks_every_row_and_stores_nothing(demo_db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "pool.csv"
    sheet.write_text("姓名,工作单位,证书编号\n周平,县委组织部,QX-PS-001\n马兰,县统计局,QX-PS-801\n", encoding="utf-8")
    db = open_database(demo_db)
    try:
        before = len(reviewers.list_reviewers(db))
        preview = reviewer_import.preview_import(db, sheet)
        assert (preview.added, preview.updated) == (["马兰"], ["周平"])
        assert len(reviewers.list_reviewers(db)) == before
    finally:
        db.close()


def test_a_second_draw_without_a_reason_says_where_to_give_it(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    workspace = app.window.open_case(1)  # the demo has drawn its panel
    workspace.tabs.setCurrentWidget(workspace.draw)
    draw_through_the_tab(qtbot, workspace.draw)  # prepare, witness, draw (issue 10)
    message = workspace.draw.message.text()
    assert "理由" in message and "--reason" not in message
    assert len(workspace.draw.attempts_model.rows()) == 1


def test_refusals_lose_their_command_line_advice() -> None:
    from handover.errors import Refused
    from ui.errors import user_message

    assert user_message(Refused("没有名为 “甲镇” 的单位（可用 handover unit list 查看）")) == "没有名为 “甲镇” 的单位"
    text = user_message(Refused("案件 3 还是草稿：请先完成全部指标并提交评审（handover case submit 3），再签字"))
    assert text == "案件 3 还是草稿：请先完成全部指标并提交评审，再签字"
    assert user_message(Refused("届末（2020）早于届初")) == "届末（2020）早于届初"  # other brackets stay
    text = user_message(Refused("案件 2 没有待抽签的准备记录：请先运行 handover draw prepare 2，打印抽签公告并由见证人签字"))
    assert text == "案件 2 没有待抽签的准备记录：请先进行抽签准备，打印抽签公告并由见证人签字"


def test_a_document_prefix_too_long_for_the_report_head_is_refused(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    from handover import settings
    app = start_app(demo_db)
    screen = app.window.settings
    screen.doc_prefix.setText("组" * 200)
    screen.numbers["panel_size"].setValue(5)
    qtbot.mouseClick(screen.save_button, Qt.MouseButton.LeftButton)
    assert "文号前缀过长" in screen.message.text()
    db = open_database(demo_db)
    try:
        assert settings.get(db, "doc_prefix") == "组离审"
        assert settings.get(db, "panel_size") == "3"  # nothing stored when one value is refused
    finally:
        db.close()


def test_the_reason_of_a_draw_stays_in_sight_with_a_large_panel(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    from handover import settings
    db = open_database(demo_db)
    try:
        settings.set_value(db, "panel_size", "15")
    finally:
        db.close()
    app = start_app(demo_db)
    workspace = app.window.open_case(2)
    workspace.tabs.setCurrentWidget(workspace.draw)
    tab = workspace.draw
    draw_through_the_tab(qtbot, tab)  # prepare, witness, draw (issue 10)
    qtbot.wait(50)
    table = tab.attempts
    reason = tab.attempts_model.columnCount() - 1
    assert table.horizontalHeader().sectionViewportPosition(reason) < table.viewport().width() - 40
    assert "（成员）" in table.model().index(0, 4).data(Qt.ItemDataRole.ToolTipRole)


def test_signed_on_paper_asks_before_it_records(qtbot, start_app, demo_db, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QPushButton

    from handover.signoff import service as signoff
    app, tab = open_signatures_tab(start_app, demo_db)

    def paper_button() -> QPushButton:
        return next(b for b in tab.findChildren(QPushButton) if b.text() == "已在纸上签字" and b.isEnabled())

    def signed() -> list[str]:
        db = open_database(demo_db)
        try:
            return [s.name for s in signoff.status(db, 1).signatures]
        finally:
            db.close()

    recorded_dialogs.confirm_answers.append(False)
    qtbot.mouseClick(paper_button(), Qt.MouseButton.LeftButton)
    question = next(text for kind, _, text in recorded_dialogs.shown if kind == "confirm")
    assert "林晓梅" in question and "离任领导干部" in question
    assert signed() == []
    recorded_dialogs.confirm_answers.append(True)
    qtbot.mouseClick(paper_button(), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: signed() == ["林晓梅"], timeout=10_000)
    qtbot.waitUntil(lambda: "林晓梅" in tab.message.text(), timeout=10_000)


def test_a_case_opened_with_the_keyboard_can_be_filled_with_the_keyboard(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = start_app(demo_db)
    app.window.activateWindow()
    app.window.raise_()
    QApplication.processEvents()
    table = app.window.cases.table
    table.setFocus()
    table.setCurrentIndex(table.model().index(0, 0))  # case 2, half filled: 石门乡
    qtbot.keyClick(table, Qt.Key.Key_Return)
    checklist = app.window.workspaces()[0].checklist
    focused = QApplication.focusWidget()
    assert focused is checklist.rows["ORG01"].fields["start"]  # the first indicator still empty
    qtbot.keyClick(focused, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)
    assert checklist.areas.currentRow() == 3
    assert QApplication.focusWidget() is checklist.rows["ECO01"].fields["start"]


def test_several_villages_typed_as_a_list_are_added_together(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    from handover.services import units

    app = start_app(demo_db)
    screen = app.window.units
    bar = app.window.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(app.window.tabs.indexOf(screen)).center())
    table = screen.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text() == "桃源镇")
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=table.visualItemRect(table.item(row, 0)).center())
    assert screen.selected_unit() == "桃源镇"
    type_text(qtbot, screen.village_name, "新村、老村（含一组、二组）")
    qtbot.keyClick(screen.village_name, Qt.Key.Key_Return)
    assert "新村、老村（含一组、二组）" in screen.message.text()
    type_text(qtbot, screen.village_name, "北村、新村")  # 新村 is there already: neither is added
    qtbot.keyClick(screen.village_name, Qt.Key.Key_Return)
    assert "新村" in screen.message.text() and "handover" not in screen.message.text()
    db = open_database(demo_db)
    try:
        villages = units.get_unit(db, "桃源镇").villages
    finally:
        db.close()
    assert {"新村", "老村（含一组、二组）"} <= set(villages) and "北村" not in villages


def test_undo_and_redo_buttons_name_their_keys(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    checklist = app.window.open_case(2).checklist
    assert "Ctrl+Z" in checklist.undo_button.toolTip() and "撤销" in checklist.undo_button.toolTip()
    assert "Ctrl+" in checklist.redo_button.toolTip()


def test_save_as_pdf_suggests_a_chinese_name_and_explains_a_refused_write(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    workspace = app.window.open_case(1)
    workspace.tabs.setCurrentWidget(workspace.report)
    tab = workspace.report
    qtbot.waitUntil(lambda: tab.save_button.isEnabled(), timeout=20_000)
    recorded_dialogs.file_answers.append(str(tmp_path / "拔掉的U盘" / "交接.pdf"))  # the folder is gone
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    _, _, suggested = next(entry for entry in recorded_dialogs.shown if entry[0] == "save_file")
    assert suggested == "00001-云岭镇-林晓梅-评审与交接.pdf"
    error = next(text for kind, _, text in recorded_dialogs.shown if kind == "error")
    assert "文件夹不存在" in error and "No such file" not in error
    # the reasons come from the one atomic writer, which also serves the command line and the batch
    from handover.files import cannot_write

    target = tmp_path / "交接.pdf"
    assert cannot_write(target, PermissionError(13, "Permission denied")).startswith(f"无法写入 {target}：没有写入权限")


def test_tab_leaves_the_evaluation_comment_instead_of_typing_a_tab(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    app = start_app(demo_db)
    app.window.activateWindow()
    app.window.raise_()
    workspace = app.window.open_case(2)
    workspace.tabs.setCurrentWidget(workspace.evaluation)
    comment = workspace.evaluation.comment
    comment.setFocus()
    QApplication.processEvents()
    type_text(qtbot, comment, "班子团结有力")
    qtbot.keyClick(comment, Qt.Key.Key_Tab)
    assert "\t" not in comment.toPlainText()
    assert QApplication.focusWidget() is not comment


def test_ctrl_n_opens_the_new_case_dialog_from_a_case_tab(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QApplication

    from ui.new_case_dialog import NewCaseDialog

    app = start_app(demo_db)
    checklist = app.window.open_case(2).checklist
    app.window.activateWindow()
    app.window.raise_()
    QApplication.processEvents()
    checklist.focus_field(checklist.rows["ORG01"].fields["start"])
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    dialogs = [w for w in app.window.cases.findChildren(NewCaseDialog) if w.isVisible()]
    assert len(dialogs) == 1 and app.window.tabs.currentWidget() is app.window.cases
    dialogs[0].reject()


def test_a_signed_case_shows_its_values_legibly_and_refuses_typing(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    from handover.signoff import service as signoff
    db = open_database(demo_db)
    try:
        cases.submit(db, 1)
        for role, name in (("outgoing", "林晓梅"), ("incoming", "周建国"), ("supervisor", "吴监交")):
            signoff.sign(db, 1, role, name)
    finally:
        db.close()
    app = start_app(demo_db)
    row = app.window.open_case(1).checklist.rows["ORG05"]
    field = row.fields["start"]
    assert field.isEnabled() and field.isReadOnly()  # enabled: black text, selectable, copyable
    assert row.title.isEnabled() and row.note.isReadOnly() and not row.na.isEnabled()
    field.setFocus()
    qtbot.keyClicks(field, "9")
    assert field.text() == "7"


def test_a_revision_and_its_original_have_tabs_that_tell_them_apart(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    from handover.signoff import revisions
    from handover.signoff import service as signoff
    db = open_database(demo_db)
    try:
        cases.submit(db, 1)
        for role, name in (("outgoing", "林晓梅"), ("incoming", "周建国"), ("supervisor", "吴监交")):
            signoff.sign(db, 1, role, name)
        revision = revisions.revise(db, 1, "届末党员数更正")
    finally:
        db.close()
    app = start_app(demo_db)
    app.window.open_case(1)
    app.window.open_case(revision)
    bar = app.window.tabs.tabBar()
    titles = [bar.tabText(i) for i in range(bar.count()) if "云岭镇" in bar.tabText(i)]
    assert len(titles) == 2 and titles[0] != titles[1]
    assert titles[1].startswith(f"{revision} ")


def test_opening_and_closing_cases_does_not_crash_the_interpreter_at_exit(demo_db) -> None:  # type: ignore[no-untyped-def]
    """PySide6 6.12.0 on Python 3.11 lost references to None/True/False: three case tabs opened and closed made the
    process abort at exit (exit code -6, "deallocating True or False"). pyproject pins 6.11.3, which does not; this
    guards the pin against an upgrade that brings the bug back."""
    import os
    import subprocess
    import sys

    script = (
        "import gc, sys\n"
        "from PySide6.QtCore import QCoreApplication, QEvent\n"
        "from ui.app import Application\n"
        f"app = Application({str(demo_db)!r})\n"
        "app.window.show()\n"
        "for _ in range(6):\n"
        "    ws = app.window.open_case(1)\n"
        "    app.qapp.processEvents()\n"
        "    app.window.close_tab(app.window.tabs.indexOf(ws))\n"
        "    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)\n"
        "    gc.collect()\n"
        "app.window.close()\n"
        "app.close()\n"
        "print('closed')\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "closed" in done.stdout


def test_the_new_case_dialog_opens_with_a_hint_not_an_error(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    dialog = opened_by(qtbot, app.window.cases.new_button, NewCaseDialog)
    qtbot.waitExposed(dialog)
    assert "不能为空" not in dialog.message.text() and "b3261e" not in dialog.message.styleSheet()
    assert "姓名" in dialog.message.text() and not dialog.create_button.isEnabled()
    type_text(qtbot, dialog.outgoing, "王")
    dialog.outgoing.clear()
    assert "离任书记姓名不能为空" in dialog.message.text() and "b3261e" in dialog.message.styleSheet()
    dialog.reject()


def test_the_add_reviewer_dialog_opens_with_a_hint_not_an_error(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    dialog = opened_by(qtbot, app.window.pool.add_button, ReviewerDialog)
    assert "不能为空" not in dialog.message.text() and "证书编号" in dialog.message.text()
    type_text(qtbot, dialog.organization, "县委组织部")
    assert "姓名不能为空" in dialog.message.text()
    dialog.reject()
