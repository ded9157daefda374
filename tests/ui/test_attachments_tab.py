"""The attachments tab with hostile files: a program passed off as a photo is refused, and nothing stored is handed to the
system's viewer before the user has seen what it is (type by content, size, SHA-256) and agreed."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QColor, QDesktopServices, QImage

from handover.db import open_database
from handover.services import attachments

PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00" + bytes(120)  # how every Windows .exe starts


class Viewer(QObject):
    """Stands in for the system's viewer through Qt's own hook for a URL scheme: records what it was asked to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[Path] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(Path(url.toLocalFile()))


@pytest.fixture
def viewer() -> Iterator[Viewer]:
    catcher = Viewer()
    QDesktopServices.setUrlHandler("file", catcher, "open")
    yield catcher
    QDesktopServices.unsetUrlHandler("file")


def _stored(path: Path) -> list[attachments.AttachmentView]:
    db = open_database(path)
    try:
        return attachments.list_for_case(db, 1)
    finally:
        db.close()


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("佐证\u202egpj.exe", PROGRAM, "U+202E"),  # shows as 佐证exe.jpg
        ("村部照片.jpg", PROGRAM, "Windows 可执行程序"),
        ("照片\u200b.png", b"\x89PNG\r\n\x1a\n" + bytes(32), "U+200B"),
        ("说明.hta", b"<html><script>alert(1)</script></html>", "附件只能是"),
        ("运行.bat", b"@echo off\r\nformat c:\r\n", "附件只能是"),
        ("合同.docm", b"", "带有宏"),
    ],
)
def test_programs_and_disguised_names_are_refused_at_the_add_button(  # type: ignore[no-untyped-def]
    qtbot, start_app, demo_db, tmp_path, recorded_dialogs, name, content, words
) -> None:
    path = tmp_path / name
    if name.endswith(".docm"):
        from openpyxl import Workbook

        Workbook().save(path)  # an Office zip: give it a macro project, as Word's .docm has
        import zipfile

        with zipfile.ZipFile(path, "a") as book:
            book.writestr("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0 macro")
    else:
        path.write_bytes(content)
    tab = start_app(demo_db).window.open_case(1).attachments
    recorded_dialogs.file_answers.append(str(path))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert words in tab.message.text() and "b3261e" in tab.message.text()
    assert _stored(demo_db) == [] and tab.list.count() == 0


def test_opening_shows_what_the_file_is_and_asks_first(qtbot, start_app, demo_db, tmp_path, recorded_dialogs, viewer) -> None:  # type: ignore[no-untyped-def]
    photo = tmp_path / "村部公示栏.png"
    image = QImage(64, 48, QImage.Format.Format_RGB32)
    image.fill(QColor("#c0392b"))
    assert image.save(str(photo))
    tab = start_app(demo_db).window.open_case(1).attachments
    recorded_dialogs.file_answers.append(str(photo))
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.list.count() == 1
    tab.list.setCurrentRow(0)

    recorded_dialogs.confirm_answers.append(False)  # the user reads what it is and says no
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    kind, _title, text = recorded_dialogs.shown[-1]
    data = photo.read_bytes()
    assert kind == "confirm"
    assert "PNG 图片" in text and f"{len(data):,}" in text and hashlib.sha256(data).hexdigest() in text
    assert viewer.opened == []

    recorded_dialogs.confirm_answers.append(True)
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    assert len(viewer.opened) == 1 and viewer.opened[0].suffix == ".png"
    assert viewer.opened[0].read_bytes() == data


def test_a_program_stored_before_the_check_is_never_opened(qtbot, start_app, demo_db, recorded_dialogs, viewer) -> None:  # type: ignore[no-untyped-def]
    """Found: the tab handed any stored attachment to the system's handler, so 佐证\u202egpj.exe would run."""
    conn = sqlite3.connect(demo_db)
    with conn:
        conn.execute(
            "INSERT INTO attachment (case_id, kind, filename, media_type, sha256, size, content, created_at, created_by)"
            " VALUES (1, 'evidence', ?, 'image/jpeg', ?, ?, ?, '2026-01-01 00:00:00', '测试员')",
            ("佐证\u202egpj.exe", hashlib.sha256(PROGRAM).hexdigest(), len(PROGRAM), PROGRAM),
        )
    conn.close()
    tab = start_app(demo_db).window.open_case(1).attachments
    tab.list.setCurrentRow(0)
    recorded_dialogs.confirm_answers.append(True)  # even a user who would say yes is not asked
    qtbot.mouseClick(tab.open_button, Qt.MouseButton.LeftButton)
    assert "Windows 可执行程序" in tab.message.text()
    assert viewer.opened == [] and not any(kind == "confirm" for kind, _, _ in recorded_dialogs.shown)
