"""The step bar at the top of a case (清单 → 抽签 → 评价 → 提交 → 签字 → 归档) follows the case through its steps, each
taken with the real widgets: a value typed, the panel drawn, the evaluation saved, the case submitted, three signatures."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from tests.conftest import fill_values

from .conftest import draw_through_the_tab, type_text
from .test_changes import click_tab

STEPS = ("checklist", "draw", "evaluation", "submit", "sign", "archive")


def shown(bar) -> tuple[str, list[str]]:  # type: ignore[no-untyped-def]
    """The highlighted step and the steps ticked as done, as the bar shows them."""
    highlighted = [code for code in STEPS if bar.states[code] == "next"]
    assert len(highlighted) == 1 and "#1a73e8" in bar.labels[highlighted[0]].styleSheet()
    done = [code for code in STEPS if bar.labels[code].text().startswith("✓")]
    assert done == [code for code in STEPS if bar.states[code] == "done"]
    return highlighted[0], done


def test_the_step_bar_follows_the_case(qtbot, start_app, demo_db, run, recorded_dialogs) -> None:  # type: ignore[no-untyped-def]
    kinds = {i["code"]: i for a in json.loads(run("catalogue", "--json").out)["areas"] for i in a["indicators"]}
    missing = [m["code"] for m in json.loads(run("case", "show", "2", "--json").out)["missing"]]
    left = next(c for c in missing if kinds[c]["kind"] == "count" and not kinds[c]["villages"])
    fill_values(run, "2", leave=left)  # the half-filled demo case: all but one indicator, no panel, no evaluation
    assert json.loads(run("case", "show", "2", "--json").out)["evaluation"]["grade"] is None
    app = start_app(demo_db)
    workspace = app.window.open_case(2)
    bar = workspace.steps
    assert bar.isVisible() and shown(bar) == ("checklist", [])
    assert bar.labels["checklist"].text() == "清单" and "清单" in bar.labels["checklist"].text()

    row = workspace.checklist.rows[left]
    for point, value in (("start", "3"), ("end", "4")):
        workspace.checklist.focus_field(row.fields[point])
        qtbot.keyClicks(row.fields[point], value)
        qtbot.keyClick(row.fields[point], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: shown(bar)[0] == "draw", timeout=5_000)
    assert shown(bar) == ("draw", ["checklist"]) and "抽签" in bar.toolTip()
    qtbot.mouseClick(workspace.submit_button, Qt.MouseButton.LeftButton)  # too early: the GUI refuses as the CLI does
    kind, _, refusal = recorded_dialogs.shown[-1]
    assert kind == "error" and "尚未抽签产生评审小组" in refusal and "尚未填写总体评价" in refusal
    assert workspace.submit_button.isVisible() and shown(bar)[0] == "draw"

    click_tab(qtbot, workspace.tabs, workspace.draw)
    draw_through_the_tab(qtbot, workspace.draw)
    qtbot.waitUntil(lambda: shown(bar)[0] == "evaluation", timeout=10_000)
    assert shown(bar) == ("evaluation", ["checklist", "draw"])

    click_tab(qtbot, workspace.tabs, workspace.evaluation)
    evaluation = workspace.evaluation
    evaluation.grade.setFocus()
    qtbot.keyClick(evaluation.grade, Qt.Key.Key_Down)  # 优秀
    evaluation.comment.setFocus()
    type_text(qtbot, evaluation.comment, "任期内党建工作扎实推进，成效明显。")
    qtbot.mouseClick(evaluation.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: shown(bar)[0] == "submit", timeout=5_000)
    assert shown(bar) == ("submit", ["checklist", "draw", "evaluation"])

    qtbot.mouseClick(workspace.submit_button, Qt.MouseButton.LeftButton)
    assert shown(bar) == ("sign", ["checklist", "draw", "evaluation", "submit"])
    kind, title, text = recorded_dialogs.shown[-1]
    assert kind == "info" and title == "已提交评审" and "下一步：签字" in text  # 提交评审 says what comes next

    click_tab(qtbot, workspace.tabs, workspace.signatures)
    tab = workspace.signatures
    for row_number, role in enumerate(("outgoing", "incoming", "supervisor")):  # on paper; the third one locks
        if role == "supervisor":
            type_text(qtbot, tab.names[(role, row_number)], "吴监交")
        name = tab.names[(role, row_number)].text()
        recorded_dialogs.confirm_answers.append(True)  # the question (and for the third, what the lock means)
        qtbot.mouseClick(tab.grid.itemAtPosition(row_number, 3).widget(), Qt.MouseButton.LeftButton)
        if role != "supervisor":
            qtbot.waitUntil(lambda name=name: name in tab.message.text(), timeout=10_000)
            assert shown(bar) == ("sign", ["checklist", "draw", "evaluation", "submit"])
    assert "修订版本" in recorded_dialogs.shown[-1][2]
    qtbot.waitUntil(lambda: app.window.workspaces()[0] is not workspace, timeout=10_000)
    locked = app.window.workspaces()[0]
    assert shown(locked.steps) == ("archive", ["checklist", "draw", "evaluation", "submit", "sign"])
