"""A rank beyond the number of ranked units is refused naming the setting that changes that number (issue 13 item 3),
and the path the message gives is the one the Settings screen shows."""

from __future__ import annotations

from PySide6.QtWidgets import QGroupBox, QLabel

from handover import settings

from .test_checklist import _new_case, _open
from .test_village_entry import _enter


def test_rank_refusal_names_the_setting_at_the_field(qtbot, start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    case_id = _new_case(demo_db)
    app, checklist = _open(start_app, demo_db, case_id)
    row = checklist.rows["ORG03"]
    _enter(qtbot, checklist, row.fields["end"], "99")
    message = row.error_for("end") or ""
    assert "排名应在第1位至第" in message and "设置 → 评审小组与抽签 → 参与排名的单位数" in message
    assert "handover settings set ranked_units" in message

    # the path is what the Settings screen shows: its tab, its group, its field
    window = app.window
    tab_titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
    path = settings.RANKED_UNITS_WHERE.split("；")[0].split(" → ")
    assert path[0] in tab_titles
    assert path[1] in [box.title() for box in window.settings.findChildren(QGroupBox)]
    assert path[2] in [label.text() for label in window.settings.findChildren(QLabel)]


def test_rank_refusal_names_the_setting_on_the_command_line(run, township_case) -> None:  # type: ignore[no-untyped-def]
    result = run("value", "set", township_case, "ORG03", "--end", "5")
    assert result.code == 2
    assert "排名应在第1位至第1位之间" in result.err and "参与排名的单位数" in result.err
    assert run("settings", "set", "ranked_units", "30").code == 0  # the command the message gives fixes it
    assert run("value", "set", township_case, "ORG03", "--end", "5").code == 0
