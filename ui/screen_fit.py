"""The main window on the screens of an office PC (1366×768 or 1920×1080, at 100 % to 150 %): it starts within the
available screen (never larger, centred), comes back where it was left (kept in gui.json with the other settings of
this PC) clamped to the screen it opens on, and tall pages scroll instead of pushing the window off the screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QWidget

from ui import local_config

KEY = "window"
DEFAULT = QSize(1600, 960)  # at most: on a smaller screen the window takes all of it
#: the window frame the system adds around the window (title bar), before the window is shown and can measure it
FRAME = QMargins(4, 31, 4, 4)
#: 1366×768 at 150 % is 911×512 logical pixels; less a taskbar and the frame, the window must still fit
MINIMUM = QSize(720, 400)


def available(widget: QWidget, at: QPoint | None = None) -> QRect:
    """The part of the screen showing `at` (a second monitor the window was left on), else of the widget's screen,
    not taken by a taskbar, in logical pixels."""
    screen = (QGuiApplication.screenAt(at) if at is not None else None) or widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def fit(wanted: QRect, area: QRect, frame: QMargins = FRAME) -> QRect:
    """`wanted` (the window without its frame) made no larger than the area and moved inside it, frame included."""
    inner = area.marginsRemoved(frame)
    width = max(min(wanted.width(), inner.width()), 1)
    height = max(min(wanted.height(), inner.height()), 1)
    left = min(max(wanted.left(), inner.left()), inner.right() + 1 - width)
    top = min(max(wanted.top(), inner.top()), inner.bottom() + 1 - height)
    return QRect(left, top, width, height)


def centred(size: QSize, area: QRect, frame: QMargins = FRAME) -> QRect:
    inner = area.marginsRemoved(frame)
    rect = QRect(0, 0, min(size.width(), inner.width()), min(size.height(), inner.height()))
    rect.moveCenter(inner.center())
    return fit(rect, area, frame)


def saved() -> tuple[QRect | None, bool]:
    """The window's last place (None when never saved or unreadable) and whether it was maximised."""
    entry: Any = local_config.load().get(KEY)
    if not isinstance(entry, dict):
        return None, False
    try:
        x, y, width, height = (int(v) for v in entry["geometry"])
    except (KeyError, TypeError, ValueError):
        return None, False
    if width <= 0 or height <= 0:
        return None, False
    return QRect(x, y, width, height), bool(entry.get("maximized"))


def place(window: QWidget) -> None:
    """Before the window is first shown: where it was left, or centred at the default size, within the screen."""
    rect, maximized = saved()
    area = available(window, rect.center() if rect is not None else None)
    window.setMinimumSize(MINIMUM.boundedTo(area.marginsRemoved(FRAME).size()))
    window.setGeometry(fit(rect, area) if rect is not None else centred(DEFAULT, area))
    if maximized:
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)


def remember(window: QWidget) -> None:
    """On closing: the place of the window (its normal place when maximised), for the next start on this PC."""
    rect = window.normalGeometry() if window.isMaximized() else window.geometry()
    if rect.isValid():
        local_config.save(**{KEY: {"geometry": [rect.x(), rect.y(), rect.width(), rect.height()],
                                   "maximized": window.isMaximized()}})  # fmt: skip


class ScrollingTabs(QTabWidget):
    """A tab widget whose pages scroll when the screen is too small for them (1366×768 at 150 %: the evaluation's
    保存评价 below the chart) instead of being squeezed or making the window taller than the screen.

    widget(), currentWidget(), indexOf(), setCurrentWidget() and removeTab() speak of the pages, not their scroll areas.
    """

    def addTab(self, page: QWidget, *label: Any) -> int:  # type: ignore[override]
        return super().addTab(self._wrap(page), *label)

    def insertTab(self, index: int, page: QWidget, *label: Any) -> int:  # type: ignore[override]
        return super().insertTab(index, self._wrap(page), *label)

    @staticmethod
    def _wrap(page: QWidget) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setObjectName("pageScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no Tab stop of its own: it follows the focus (ensureWidgetVisible)
        scroll.setWidget(page)
        return scroll

    def scroll_area(self, page: QWidget) -> QScrollArea | None:
        """The scroll area the page is shown in (ensureWidgetVisible brings a control of the page into view)."""
        for index in range(self.count()):
            scroll = super().widget(index)
            if isinstance(scroll, QScrollArea) and scroll.widget() is page:
                return scroll
        return None

    def widget(self, index: int) -> QWidget:
        scroll = super().widget(index)
        return scroll.widget() if isinstance(scroll, QScrollArea) and scroll.objectName() == "pageScroll" else scroll

    def currentWidget(self) -> QWidget:
        return self.widget(self.currentIndex())

    def indexOf(self, page: QWidget) -> int:
        return super().indexOf(self.scroll_area(page) or page)

    def setCurrentWidget(self, page: QWidget) -> None:
        self.setCurrentIndex(self.indexOf(page))

    def removeTab(self, index: int) -> None:
        """The page leaves its scroll area (the caller decides what becomes of it); the scroll area is deleted."""
        scroll = super().widget(index)
        super().removeTab(index)
        if isinstance(scroll, QScrollArea) and scroll.objectName() == "pageScroll":
            page = scroll.takeWidget()
            if page is not None:
                page.setParent(None)  # type: ignore[call-overload]
            scroll.deleteLater()
