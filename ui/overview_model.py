"""The table of the county overview: one row per unit with its latest case and the seven key indicators."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from handover.overview import KeyValue, Overview, OverviewRow
from handover.trend import Trend
from handover.words import GRADES, STEPS
from ui import words as ui_words

#: what a row's cells sort by (numbers as numbers, steps in their order), not the text shown
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
#: the row's OverviewRow
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
COL_UNIT, COL_TYPE, COL_PEOPLE, COL_TERM_END, COL_STEP, COL_DONE, COL_GRADE = range(7)
FIXED_COLUMNS = 7
#: sorts after every rank, step or count
LAST = 1 << 30
STEP_ORDER = {code: i for i, code in enumerate(STEPS)}
GRADE_ORDER = {grade: i for i, grade in enumerate(GRADES)}
TREND_COLOURS = {Trend.IMPROVED.value: "#1e6b34", Trend.DECLINED.value: "#a8261c", Trend.HELD.value: "#555555"}


def key_text(value: KeyValue | None) -> str:
    """届初 → 届末 with the county rank: “2 → 3（第1名）”; 不适用; or — when not entered."""
    if value is None:
        return ""
    if value.na_reason:
        return QCoreApplication.translate("OverviewModel", "n/a")
    if value.start is None and value.end is None:
        return "—"
    shown = f"{value.start if value.start is not None else '?'} → {value.end if value.end is not None else '?'}"
    return shown + (f"（第{value.rank}名）" if value.rank is not None else "")


class OverviewModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.overview: Overview | None = None
        self.rows: tuple[OverviewRow, ...] = ()

    def set_overview(self, overview: Overview) -> None:
        self.beginResetModel()
        self.overview, self.rows = overview, overview.rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else FIXED_COLUMNS + (len(self.overview.key_indicators) if self.overview else 0)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        fixed = (self.tr("Unit"), self.tr("Type"), self.tr("Outgoing → incoming"), self.tr("Term ends"),
                 self.tr("Step"), self.tr("Done"), self.tr("Grade"))  # fmt: skip
        if section < FIXED_COLUMNS:
            return fixed[section]
        return "★" + self.overview.key_indicators[section - FIXED_COLUMNS].name if self.overview else None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        column = index.column()
        if column >= FIXED_COLUMNS:
            return self._key_data(row, column - FIXED_COLUMNS, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, column)
        if role == SORT_ROLE:
            return self._sort_key(row, column)
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_STEP and row.case and row.case.step != "archive":
            return QBrush(QColor("#fff4d6"))  # the step to take next stands out
        return None

    def _text(self, row: OverviewRow, column: int) -> str:
        case = row.case
        if column == COL_UNIT:
            return row.unit
        if column == COL_TYPE:
            return ui_words.unit_type(row.unit_type)
        if case is None:
            return self.tr("no case yet") if column == COL_PEOPLE else ""
        return {
            COL_PEOPLE: f"{case.outgoing} → {case.incoming}",
            COL_TERM_END: case.term_end.isoformat(),
            COL_STEP: STEPS[case.step],
            COL_DONE: f"{case.done}/{case.total}",
            COL_GRADE: case.grade or "",
        }[column]

    def _sort_key(self, row: OverviewRow, column: int) -> Any:
        """A plain number or text (the proxy compares those only); a unit with no case sorts after the others."""
        case = row.case
        if column in (COL_UNIT, COL_TYPE, COL_PEOPLE):
            return self._text(row, column) if case or column != COL_PEOPLE else "\uffff"
        if case is None:
            return "\uffff" if column == COL_TERM_END else LAST
        return {
            COL_TERM_END: case.term_end.isoformat(),
            COL_STEP: STEP_ORDER[case.step],
            COL_DONE: case.done,
            COL_GRADE: GRADE_ORDER.get(case.grade or "", len(GRADE_ORDER)),
        }[column]

    def _key_data(self, row: OverviewRow, number: int, role: int) -> Any:
        value = row.keys[number] if number < len(row.keys) else None
        if role == Qt.ItemDataRole.DisplayRole:
            return key_text(value)
        if role == SORT_ROLE:  # by county rank; unranked rows last
            return value.rank if value and value.rank is not None else LAST
        if role == Qt.ItemDataRole.ForegroundRole and value and value.trend in TREND_COLOURS:
            return QBrush(QColor(TREND_COLOURS[value.trend]))
        if role == Qt.ItemDataRole.ToolTipRole and value and value.trend:
            return f"{value.trend}（{value.change}）"
        return None
