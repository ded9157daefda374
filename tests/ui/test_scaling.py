"""Every scaling an office PC uses (issue 13, item 4), on the real window with the demo database.

Qt lays a scaled screen out in logical pixels: 1366×768 at 150 % is a 911×512 screen at 100 % drawn 1.5 times larger.
So each scaling is simulated here by the available screen the window is given (physical size ÷ scale, less a 40-pixel
taskbar); scripts/screenshots.py renders the same at the real QT_SCALE_FACTOR and says whether the window fits."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QApplication, QWidget

from handover import reading
from handover.db import open_database
from tests.ui.conftest import type_text

TASKBAR = 40
SCALINGS = {  # name: physical width, height, scale
    "1366x768-100": (1366, 768, 1.0),
    "1366x768-125": (1366, 768, 1.25),
    "1366x768-150": (1366, 768, 1.5),
    "1920x1080-100": (1920, 1080, 1.0),
    "1920x1080-150": (1920, 1080, 1.5),
}


def screen(name: str) -> QRect:
    width, height, scale = SCALINGS[name]
    return QRect(0, 0, round(width / scale), round(height / scale) - TASKBAR)


@pytest.fixture
def on_screen(start_app: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Start the real application as a user does, on a screen of the given available geometry (logical pixels)."""
    from ui import screen_fit

    def _start(path: Path, area: QRect) -> Any:
        monkeypatch.setattr(screen_fit, "available", lambda widget, at=None: area)
        return start_app(path, placed=True)

    return _start


def squeezed(page: QWidget) -> bool:
    """A page smaller than it can be laid out in: its controls overlap or are cut (what 1366×768 at 150 % did)."""
    hint = page.minimumSizeHint()
    return page.width() < hint.width() or page.height() < hint.height()


@pytest.mark.parametrize("name", list(SCALINGS))
def test_the_window_fits_and_every_control_can_be_reached(name: str, qtbot: Any, on_screen: Any, demo_db: Path) -> None:
    area = screen(name)
    app = on_screen(demo_db, area)
    window = app.window
    assert area.contains(window.frameGeometry()), (name, window.frameGeometry())
    workspace = window.open_case(1)
    assert workspace is not None
    bar = workspace.tabs.tabBar()
    for index in range(workspace.tabs.count()):
        qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(index).center())
        page = workspace.tabs.currentWidget()
        if page is workspace.draw:  # where the witness types: wide enough to read what is typed, once laid out
            wide = QFontMetrics(page.witness.font()).horizontalAdvance("国" * 8)
            qtbot.waitUntil(lambda w=page.witness, wide=wide: w.width() >= wide)
        assert not squeezed(page), (name, type(page).__name__, page.size(), page.minimumSizeHint())
        assert area.contains(window.frameGeometry()), (name, type(page).__name__, window.frameGeometry())
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        assert not squeezed(window.tabs.currentWidget()), (name, type(window.tabs.currentWidget()).__name__)

    # 保存评价: scrolled to and clicked, and the evaluation typed before it is stored
    evaluation = workspace.evaluation
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(workspace.tabs.indexOf(evaluation)).center())
    scroll = workspace.tabs.scroll_area(evaluation)
    assert scroll is not None
    scroll.ensureWidgetVisible(evaluation.comment)
    evaluation.comment.setFocus()
    qtbot.keyClick(evaluation.comment, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    type_text(qtbot, evaluation.comment, f"（{name} 屏幕上补充）")
    scroll.ensureWidgetVisible(evaluation.save_button)
    button = evaluation.save_button
    assert button.visibleRegion().boundingRect().size() == button.size(), (name, button.visibleRegion().boundingRect())
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    db = open_database(demo_db)
    try:
        assert (reading.get_case(db, 1).evaluation_comment or "").endswith(f"（{name} 屏幕上补充）")
    finally:
        db.close()


@pytest.mark.parametrize("name", list(SCALINGS))
def test_indicator_names_show_six_characters_a_line(name: str, qtbot: Any, on_screen: Any, demo_db: Path) -> None:
    app = on_screen(demo_db, screen(name))
    workspace = app.window.open_case(1)
    checklist = workspace.checklist
    compact = SCALINGS[name][0] / SCALINGS[name][2] < 1200  # 1366×768 at 125 % and 150 %
    for index, area in enumerate(checklist.catalogue.areas):
        checklist.areas.setCurrentRow(index)
        first = checklist.rows[area.indicators[0].code]
        qtbot.waitUntil(first.title.isVisible)
        for ind in area.indicators:
            row = checklist.rows[ind.code]
            title = row.title
            bold = QFont(title.font())
            bold.setBold(True)
            text = ind.name.ljust(6, "国")  # a short name: six characters all the same
            six = max(QFontMetrics(bold).horizontalAdvance(text[i : i + 6]) for i in range(len(text) - 5))
            assert six <= title.contentsRect().width(), (name, ind.code, title.contentsRect().width(), six)
            # the 口径 stays beside the name while there is room, else it moves to the side panel
            assert row.definition.isVisible() is not compact, (name, ind.code)
    assert checklist.definition_panel.isVisible() is compact
    if compact:
        app.window.activateWindow()
        app.window.raise_()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is app.window)
        checklist.focus_field(checklist.rows["ECO02"].fields["start"])  # a user typing in it
        assert checklist.definition.text().endswith(checklist.rows["ECO02"].ind.definition + "</span>")
        qtbot.keyClick(checklist.areas, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)  # another area: its first one
        assert checklist.definition.text().endswith(checklist.rows["ORG01"].ind.definition + "</span>")
        field = checklist.rows["ECO01"].fields["start"]
        checklist.focus_field(field)
        assert checklist.definition.text().endswith(checklist.rows["ECO01"].ind.definition + "</span>")


def test_size_and_place_are_restored_within_the_screen(qtbot: Any, on_screen: Any, demo_db: Path) -> None:
    big = screen("1920x1080-100")
    app = on_screen(demo_db, big)
    app.window.setGeometry(QRect(300, 120, 1100, 640))
    app.window.close()
    again = on_screen(demo_db, big)
    assert again.window.geometry() == QRect(300, 120, 1100, 640)
    again.window.close()

    small = screen("1366x768-150")  # the same PC with a smaller screen: within it, never larger
    third = on_screen(demo_db, small)
    assert small.contains(third.window.frameGeometry()), third.window.frameGeometry()
    assert third.window.width() <= small.width() and third.window.height() < small.height()


def test_first_start_is_centred_at_the_default_size(qtbot: Any, on_screen: Any, demo_db: Path) -> None:
    from ui.screen_fit import DEFAULT

    area = screen("1920x1080-100")
    window = on_screen(demo_db, area).window
    assert window.size() == DEFAULT
    assert abs(window.geometry().center().x() - area.center().x()) <= 8
    assert abs(window.geometry().center().y() - area.center().y()) <= 20


def test_maximised_comes_back_maximised(qtbot: Any, on_screen: Any, demo_db: Path) -> None:
    area = screen("1366x768-125")
    app = on_screen(demo_db, area)
    app.window.showMaximized()
    qtbot.waitUntil(app.window.isMaximized)
    app.window.close()
    again = on_screen(demo_db, area)
    assert again.window.isMaximized()
    assert area.contains(again.window.normalGeometry())


def test_the_screenshot_script_at_real_150_percent(tmp_path: Path) -> None:
    """scripts/screenshots.py in its own processes: a 1366×768 screen at QT_SCALE_FACTOR 1.5, the window within it,
    the image in physical pixels (the whole window, drawn 1.5 times larger)."""
    import subprocess
    import sys

    from PySide6.QtGui import QImage

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run([sys.executable, str(root / "scripts" / "screenshots.py"), "--only", "1366x768-150",
                             "--out", str(tmp_path)], capture_output=True, text=True, timeout=300, check=False)  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "screen 911×512 logical" in result.stdout and "fits" in result.stdout, result.stdout
    image = QImage(str(tmp_path / "checklist-1366x768-150.png"))
    assert 1300 <= image.width() <= 1366 and 680 <= image.height() <= 768, image.size()
