"""The Field visit menu (外出核查): check out from the window, the field file opened with its passphrase, check in with
a conflict decided side by side by a click (docs/field.md)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from handover.db import open_database
from handover.errors import Refused
from handover.services import cases
from ui.case_model import COL_STATUS

from .conftest import type_text
from .test_backup_menu import _click  # the menu bar clicked as the user does

PASSPHRASE = "laohuaishu-2026"  # typed with key presses: a password field takes no input-method text


def _value(path: Path, case: int, code: str) -> tuple[str, str]:
    with sqlite3.connect(path) as connection:
        row = connection.execute("SELECT start_value, end_value FROM indicator_value WHERE case_id = ? AND code = ?",
                                 (case, code)).fetchone()  # fmt: skip
    return row[0], row[1]


def _check_out(qtbot: Any, app: Any, trip: Path) -> None:
    _click(qtbot, app.window, app.window.field_menu.menu, "带出案件…")
    dialog = app.window.field_menu.last_dialog
    qtbot.waitExposed(dialog)
    row = next(i for i in range(dialog.cases.count()) if dialog.cases.item(i).text().startswith("2 "))
    dialog.cases.setCurrentRow(row)
    qtbot.keyClick(dialog.cases, Qt.Key.Key_Space)  # ticks the case
    type_text(qtbot, dialog.path, str(trip))
    qtbot.keyClicks(dialog.passphrase, PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, PASSPHRASE)
    qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)


def test_check_out_and_in_from_the_window_with_a_conflict(qtbot, start_app, demo_db, recorded_dialogs, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    trip = tmp_path / "石门乡.hofield"
    _check_out(qtbot, app, trip)
    assert trip.is_file() and ("info", "已带出", f"案件 2 已带出到 {trip}。") in recorded_dialogs.shown
    model = app.window.cases.model
    shown = {model.row_at(r).id: model.data(model.index(r, COL_STATUS)) for r in range(model.rowCount())}
    assert "外出核查中" in shown[2] and "外出核查中" not in shown[1]

    field = open_database(trip, passphrase=PASSPHRASE)  # on the laptop
    cases.set_value(field, 2, "ORG05", start="8", end="12")
    field.close()
    cases.set_value(app.ctx.db, 2, "ORG05", start="9", end="11")  # meanwhile in the office

    recorded_dialogs.file_answers.append(str(trip))
    recorded_dialogs.password_answers.append(PASSPHRASE)
    _click(qtbot, app.window, app.window.field_menu.menu, "带回外出核查文件…")
    dialog = app.window.field_menu.last_dialog
    qtbot.waitExposed(dialog)
    cells = [dialog.table.item(0, c).text() for c in range(5)]
    assert cells[:2] == ["2", "ORG05 党群服务中心规范化达标村数"]
    assert cells[2:] == ["届初 7，届末 10", "届初 9，届末 11", "届初 8，届末 12"]
    assert _value(demo_db, 2, "ORG05") == ("9", "11")  # nothing applied while the conflict waits
    take_field, take_office = dialog.take_buttons[(2, "ORG05")]
    assert (take_field.text(), take_office.text()) == ("采用外出核查的值", "保留办公室的值")
    qtbot.mouseClick(take_field, Qt.MouseButton.LeftButton)
    assert take_field.isChecked() and not take_office.isChecked()
    qtbot.mouseClick(dialog.again, Qt.MouseButton.LeftButton)
    assert _value(demo_db, 2, "ORG05") == ("8", "12")
    assert ("info", "外出核查已带回", "案件 2 已带回。") in recorded_dialogs.shown
    shown = {model.row_at(r).id: model.data(model.index(r, COL_STATUS)) for r in range(model.rowCount())}
    assert "外出核查中" not in shown[2]


def test_a_field_file_opens_with_its_passphrase_and_not_without(qtbot, start_app, demo_db, recorded_dialogs, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from handover.field import checkout
    from ui.app import Application

    monkeypatch.delenv("HANDOVER_PASSPHRASE", raising=False)
    office = open_database(demo_db)
    trip = tmp_path / "trip.hofield"
    checkout.checkout(office, [1], trip, PASSPHRASE)
    office.close()
    recorded_dialogs.password_answers.append(None)
    with pytest.raises(Refused, match="没有输入口令"):
        Application(str(trip))
    recorded_dialogs.password_answers.append("不对的口令")
    with pytest.raises(Refused, match="口令不对"):
        Application(str(trip))
    recorded_dialogs.password_answers.append(PASSPHRASE)
    app = start_app(trip)
    assert recorded_dialogs.shown[-1][0] == "password" and "trip.hofield" in recorded_dialogs.shown[-1][2]
    assert app.window.cases.model.rowCount() == 1
    assert not app.window.settings.isEnabled() and not app.window.pool.isEnabled()
    # the office-only actions say so in the field file
    _click(qtbot, app.window, app.window.field_menu.menu, "带出案件…")
    assert recorded_dialogs.shown[-1][0] == "error" and "办公室" in recorded_dialogs.shown[-1][2]
