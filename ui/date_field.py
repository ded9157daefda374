"""A date field that takes a date as people type it (2021-01-05, 2021/1/5, 2021.1.5, 2021年1月5日), read by the core's one
parser (handover.dates), with a calendar to pick one: never QDateEdit's sections, which turned a typed 2021-01-05 into
2021-11-01."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QWidget

from handover import dates


def _calendar_icon() -> QIcon:
    """A small calendar drawn here (no icon theme is certain on an office PC): a page with its top bar and days."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setPen(QColor("#5f6368"))
    painter.drawRect(1, 2, 13, 12)
    painter.fillRect(1, 2, 14, 4, QColor("#5f6368"))
    for x in (4, 7, 10):
        for y in (8, 11):
            painter.drawPoint(x, y)
    painter.end()
    return QIcon(pixmap)


class DateField(QLineEdit):
    """The text is what was typed; `day()` reads it (raises Refused naming `what`); the … button opens a calendar."""

    def __init__(self, value: date | None = None, what: str = "日期", parent: QWidget | None = None) -> None:
        super().__init__(value.isoformat() if value else "", parent)
        self.what = what  # the field's name in refusals (the core's services name their own fields: 届初日期)
        self.setPlaceholderText("YYYY-MM-DD")
        self.setToolTip(self.tr("Type the date as 2021-01-05, 2021/1/5, 2021.1.5 or 2021年1月5日, or pick it (F4)"))
        self.pick = QAction(_calendar_icon(), "…", self)
        self.pick.setToolTip(self.tr("Pick a date…"))
        self.addAction(self.pick, QLineEdit.ActionPosition.TrailingPosition)
        self.pick.setShortcut(Qt.Key.Key_F4)
        self.pick.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.pick.triggered.connect(self.open_calendar)
        self.calendar: QCalendarWidget | None = None

    def day(self) -> date | None:
        """The date typed, None when blank; an impossible or unreadable date raises Refused naming the field."""
        return dates.parse_date(self.text(), self.what)

    def setDate(self, value: QDate) -> None:  # noqa: N802 - QDateEdit's name, so code written for it keeps working
        self.setText(f"{value.year():04d}-{value.month():02d}-{value.day():02d}")

    def open_calendar(self) -> QCalendarWidget:
        """A calendar under the field, on the date typed (today when none can be read); a click or Enter fills it in."""
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setGridVisible(True)
        try:
            shown = self.day()
        except Exception:  # noqa: BLE001 - an unreadable date opens the calendar on today
            shown = None
        if shown is not None:
            calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        calendar.activated.connect(lambda picked: self._picked(calendar, picked))
        calendar.clicked.connect(lambda picked: self._picked(calendar, picked))
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus()
        self.calendar = calendar
        return calendar

    def _picked(self, calendar: QCalendarWidget, picked: QDate) -> None:
        self.setDate(picked)
        calendar.close()
        self.setFocus()
