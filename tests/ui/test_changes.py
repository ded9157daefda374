"""Screens learn what an operation changed from one signal (ui.context.ChangeHub): those that show it are up to date
without reopening anything, those that do not keep what the user was doing."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from handover.db import open_database
from handover.draw import service as draws
from handover.services import attachments
from ui.case_model import CASE_ROLE, COL_DONE, COL_ID
from ui.pool_screen import ReviewerDialog

from .conftest import draw_through_the_tab, opened_by, type_text


def click_tab(qtbot: Any, tabs: QTabWidget, page: QWidget) -> None:
    """Click the tab of `page` the way a user does, on its label."""
    bar = tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(tabs.indexOf(page)).center())
    assert tabs.currentWidget() is page


def case_row(cases_screen: Any, case_id: int) -> int:
    proxy = cases_screen.proxy
    return next(row for row in range(proxy.rowCount()) if proxy.index(row, COL_ID).data(CASE_ROLE).id == case_id)


def done_shown(cases_screen: Any, case_id: int) -> str:
    return str(cases_screen.proxy.index(case_row(cases_screen, case_id), COL_DONE).data())


def key_row(evaluation: Any, code: str) -> list[str]:
    table = evaluation.key_table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).text().startswith(code))
    return [table.item(row, column).text() for column in range(4)]


def signer_names(tab: Any) -> list[str]:
    return [edit.text() for edit in tab.names.values()]


def supervisor_field(tab: Any) -> Any:
    return next(edit for (role, _), edit in tab.names.items() if role == "supervisor")


def test_an_edit_on_the_checklist_shows_in_the_case_list_and_the_evaluation(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    window = app.window
    assert done_shown(window.cases, 2) == "16/40"
    workspace = window.open_case(2)  # 石门乡: INN01, a key indicator, is still empty
    window.activateWindow()  # typing goes to the focused field of the active window
    click_tab(qtbot, workspace.tabs, workspace.evaluation)
    assert key_row(workspace.evaluation, "INN01")[1:3] == ["—", "—"]
    click_tab(qtbot, workspace.tabs, workspace.checklist)

    row = workspace.checklist.rows["INN01"]
    for point, typed in (("start", "1"), ("end", "3")):
        field = row.fields[point]
        workspace.checklist.focus_field(field)
        qtbot.waitUntil(lambda field=field: QApplication.focusWidget() is field)
        qtbot.keyClicks(field, typed)
        qtbot.keyClick(field, Qt.Key.Key_Return)
    assert row.view.complete

    click_tab(qtbot, workspace.tabs, workspace.evaluation)
    assert key_row(workspace.evaluation, "INN01")[1:3] == ["1", "3"]
    click_tab(qtbot, window.tabs, window.cases)
    assert done_shown(window.cases, 2) == "17/40"


def test_a_draw_fills_the_signer_places_and_leaves_the_case_list_alone(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    window = app.window
    cases_screen = window.cases
    cases_screen.table.selectRow(case_row(cases_screen, 2))
    qtbot.keyClick(cases_screen.table, Qt.Key.Key_Return)  # opens 石门乡, which has no panel yet
    workspace = window.workspaces()[0]
    assert workspace.case_id == 2
    click_tab(qtbot, workspace.tabs, workspace.signatures)
    assert signer_names(workspace.signatures) == ["陈立新", "吴海燕", ""]

    click_tab(qtbot, workspace.tabs, workspace.draw)
    draw_through_the_tab(qtbot, workspace.draw)  # prepare, witness, draw (issue 10)
    db = open_database(demo_db)
    try:
        drawn = draws.current_draw(db, 2)
    finally:
        db.close()
    assert drawn is not None and len(drawn.panel) == 3

    click_tab(qtbot, workspace.tabs, workspace.signatures)
    assert signer_names(workspace.signatures) == ["陈立新", "吴海燕", "", *(m.name for m in drawn.panel)]
    # a draw changes nothing the case list shows: it was not reloaded, the case chosen there is still chosen
    click_tab(qtbot, window.tabs, cases_screen)
    current = cases_screen.current_case()
    assert current is not None and current.id == 2


def test_a_tab_not_concerned_keeps_what_was_typed(qtbot, start_app, demo_db, tmp_path, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    photo = tmp_path / "村部公示栏.pdf"
    photo.write_bytes(b"%PDF-1.4\n%%EOF\n")
    app = start_app(demo_db)
    workspace = app.window.open_case(1)
    click_tab(qtbot, workspace.tabs, workspace.signatures)
    supervisor = supervisor_field(workspace.signatures)
    type_text(qtbot, supervisor, "吴监交")  # typed, not signed yet

    click_tab(qtbot, workspace.tabs, workspace.checklist)
    button = workspace.checklist.rows["ORG02"].attach_button
    recorded_dialogs.file_answers.append(str(photo))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # a file is no part of what is signed
    assert workspace.tabs.currentWidget() is workspace.attachments and workspace.attachments.list.count() == 1
    db = open_database(demo_db)
    try:
        assert [a.indicator_code for a in attachments.list_for_case(db, 1)] == ["ORG02"]
    finally:
        db.close()
    assert button.text() == "附件 1"  # the checklist's count follows at once

    click_tab(qtbot, workspace.tabs, workspace.signatures)
    assert supervisor_field(workspace.signatures) is supervisor  # the signers were not rebuilt under the user's hands
    assert supervisor.text() == "吴监交"

    click_tab(qtbot, workspace.tabs, workspace.evaluation)
    comment = workspace.evaluation.comment
    comment.setFocus()
    type_text(qtbot, comment, "，另补充说明")
    qtbot.mouseClick(workspace.evaluation.save_button, Qt.MouseButton.LeftButton)  # the evaluation is signed content
    click_tab(qtbot, workspace.tabs, workspace.signatures)
    rebuilt = supervisor_field(workspace.signatures)
    assert rebuilt is not supervisor and rebuilt.text() == ""


def test_the_demo_county_reaches_every_screen(qtbot, start_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = start_app(db_path)
    window = app.window
    click_tab(qtbot, window.tabs, window.settings)
    assert window.units.table.rowCount() == 0 and window.pool.model.rowCount() == 0
    qtbot.mouseClick(window.settings.demo_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.task is None, timeout=20_000)
    assert not window.settings.demo_button.isEnabled()  # the demo only goes into an empty database
    for screen in (window.cases, window.pool, window.units):
        click_tab(qtbot, window.tabs, screen)
    assert window.cases.model.rowCount() == 2
    assert window.pool.model.rowCount() > 0
    assert window.units.table.rowCount() > 0


def test_a_reviewer_added_in_the_pool_is_eligible_in_an_open_case(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    window = app.window
    workspace = window.open_case(2)
    click_tab(qtbot, workspace.tabs, workspace.draw)
    before = workspace.draw.preview
    assert before is not None

    click_tab(qtbot, window.tabs, window.pool)
    dialog = opened_by(qtbot, window.pool.add_button, ReviewerDialog)
    type_text(qtbot, dialog.name, "马兰")
    type_text(qtbot, dialog.organization, "县农业农村局")
    type_text(qtbot, dialog.certificate_no, "PS-2099-001")
    type_text(qtbot, dialog.certified_until, "2099-12-31")
    type_text(qtbot, dialog.trained_on, (date.today() - timedelta(days=30)).isoformat())
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert any(r.name == "马兰" for r in window.pool.model.rows())

    click_tab(qtbot, window.tabs, workspace)
    after = workspace.draw.preview
    assert after is not None and len(after.eligible) == len(before.eligible) + 1
    assert workspace.draw.pool_hash.text() == after.pool_hash != before.pool_hash

