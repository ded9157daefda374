"""Signing in to a county server from the GUI (issue 16 item 4): the connection dialog, the password in a real keyring
(a file-based one from keyrings.alt, in a temporary folder: there is no desktop keyring here) and never in this PC's
settings file, the status bar saying who is signed in where, and what the role may not do hidden with the reason."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyrings.alt.file import PlaintextKeyring
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QLabel
from sqlalchemy.engine import make_url

from handover import demo, reading
from handover.db import open_database
from handover.services import credentials
from tests.server_support import PASSWORD, add_user, county_server, handover, requires_server
from ui import local_config
from ui.app import database_target
from ui.connect_dialog import ConnectDialog


@pytest.fixture
def file_keyring(tmp_path: Path) -> Iterator[Path]:
    previous = keyring.get_keyring()
    ring = PlaintextKeyring()
    ring.file_path = str(tmp_path / "keyring" / "keyring_pass.cfg")  # type: ignore[misc]
    keyring.set_keyring(ring)
    yield Path(ring.file_path)
    keyring.set_keyring(previous)


def fill(qtbot: Any, dialog: ConnectDialog, url: str, password: str) -> None:
    parsed = make_url(url)
    for field, value in ((dialog.host, parsed.host), (dialog.database, parsed.database), (dialog.user, parsed.username),
                         (dialog.password, password)):  # fmt: skip
        field.clear()
        qtbot.keyClicks(field, str(value))
    dialog.port.lineEdit().selectAll()
    qtbot.keyClicks(dialog.port, str(parsed.port or 5432))


@requires_server[0]
@requires_server[1]
def test_a_reader_signs_in_and_sees_only_what_it_may_do(qtbot, file_keyring, start_app) -> None:  # type: ignore[no-untyped-def]
    with county_server() as made:
        db = open_database(made.admin_url)
        demo.load_demo(db)
        case_id = reading.list_cases(db)[0].id
        db.close()
        bob = add_user(made, "bob", "reader")
        dialog = ConnectDialog()
        qtbot.addWidget(dialog)
        fill(qtbot, dialog, made.url(bob), "wrong-password")
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        assert "无法连接数据库" in dialog.message.text() and dialog.result() != QDialog.DialogCode.Accepted
        assert local_config.load().get("server") is None and not file_keyring.exists()  # nothing kept

        fill(qtbot, dialog, made.url(bob), PASSWORD)
        qtbot.mouseClick(dialog.sign_in_button, Qt.MouseButton.LeftButton)
        assert dialog.result() == QDialog.DialogCode.Accepted, dialog.message.text()
        settings_file = (Path(local_config._path())).read_text(encoding="utf-8")
        assert bob in settings_file and PASSWORD not in settings_file  # the server is kept, the password is not
        stored = file_keyring.read_text(encoding="utf-8")  # the test's keyring keeps it base64-encoded, not encrypted
        assert base64.b64encode(PASSWORD.encode()).decode() in stored
        login = credentials.ServerLogin.from_dict(local_config.load()["server"])
        assert login is not None and credentials.load_password(login) == PASSWORD

        url = database_target(None)  # the next start: the server, with the password from the keyring
        assert url is not None and make_url(url).username == bob and make_url(url).password == PASSWORD
        app = start_app(url)
        window = app.window
        status = window.server_menu.label.text()
        host = make_url(made.admin_url).host
        assert bob in status and "只读用户" in status and f"{host}:" in status and PASSWORD not in status
        shown = " ".join(label.text() for label in window.statusBar().findChildren(QLabel))
        assert PASSWORD not in shown
        for hidden in (window.pool.add_button, window.pool.import_button, window.cases.new_button,
                       window.settings.save_button, window.units.add_unit_button):  # fmt: skip
            assert not hidden.isVisible()
        window.tabs.setCurrentWidget(window.pool)
        banner = window.pool.findChild(QLabel, "server_restriction")
        assert banner is not None and bob in banner.text() and "管理员" in banner.text()
        workspace = window.open_case(case_id)
        assert workspace is not None
        window.tabs.setCurrentWidget(workspace)
        for hidden in (workspace.draw.prepare_button, workspace.evaluation.save_button, workspace.submit_button):
            assert not hidden.isVisible()
        said = workspace.findChild(QLabel, "server_restriction")
        assert said is not None and said.isVisible() and "只读用户" in said.text()
        app.window.close()

        # the account disabled (or the server down): the next start asks again, saying why; cancelled, the local file
        assert handover(made.admin_url, "user", "disable", bob)[0] == 0
        said: list[str] = []

        def answer() -> None:
            asking = QApplication.activeModalWidget()
            assert isinstance(asking, ConnectDialog)
            said.append(asking.message.text())
            qtbot.mouseClick(asking.cancel_button, Qt.MouseButton.LeftButton)

        QTimer.singleShot(100, answer)
        assert database_target(None) is None
        assert said and "无法连接数据库" in said[0] and PASSWORD not in said[0]


def test_the_single_pc_mode_says_so(start_app, demo_db) -> None:  # type: ignore[no-untyped-def]
    app = start_app(demo_db)
    assert app.window.server_menu.label.text() == "本机单用户模式"
    assert app.window.pool.add_button.isVisible() or app.window.tabs.currentWidget() is not app.window.pool
    assert app.window.cases.new_button.isVisible()
    assert app.window.pool.findChild(QLabel, "server_restriction") is None


@requires_server[0]
@requires_server[1]
def test_an_assessor_edits_cases_but_is_not_offered_the_draw(start_app) -> None:  # type: ignore[no-untyped-def]
    with county_server() as made:
        db = open_database(made.admin_url)
        demo.load_demo(db)
        case_id = reading.list_cases(db)[0].id
        db.close()
        alice, boss = add_user(made, "alice", "assessor"), add_user(made, "boss", "admin")
        window = start_app(made.url(alice)).window
        assert "评审录入员" in window.server_menu.label.text()
        assert window.settings.operator.text() == alice and window.settings.operator.isReadOnly()
        assert not window.pool.add_button.isVisible() and not window.cases.new_button.isVisible()
        window.tabs.setCurrentWidget(window.units)
        assert window.units.add_village_button.isVisible() and not window.units.add_unit_button.isVisible()
        workspace = window.open_case(case_id)
        assert workspace is not None
        workspace.tabs.setCurrentWidget(workspace.draw)
        assert not workspace.draw.prepare_button.isVisible() and not workspace.draw.draw_button.isVisible()
        workspace.tabs.setCurrentWidget(workspace.evaluation)
        assert workspace.evaluation.save_button.isVisible()
        said = workspace.findChild(QLabel, "server_restriction")
        assert said is not None and alice in said.text()

        window = start_app(made.url(boss)).window  # the administrator is offered everything, with no such line
        assert "管理员" in window.server_menu.label.text()
        window.tabs.setCurrentWidget(window.pool)
        assert window.pool.add_button.isVisible()
        workspace = window.open_case(case_id)
        assert workspace is not None
        workspace.tabs.setCurrentWidget(workspace.draw)
        assert workspace.draw.prepare_button.isVisible()
        assert workspace.findChild(QLabel, "server_restriction") is None
