"""The case list as a Qt model: a QAbstractTableModel over plain CaseSummary rows, and a proxy for search and filters."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from handover import words as handover_words
from handover.views import CaseSummary
from ui import words

COL_ID, COL_UNIT, COL_OUTGOING, COL_INCOMING, COL_TERM, COL_STATUS, COL_DONE, COL_GRADE, COL_STEP = range(9)
CASE_ROLE = Qt.ItemDataRole.UserRole + 1  # the CaseSummary of the row

Index = QModelIndex | QPersistentModelIndex

#: the roles as plain numbers: comparing with Qt.ItemDataRole members costs an enum lookup per call of data()
_DISPLAY, _ALIGNMENT, _FOREGROUND, _BACKGROUND, _FONT, _TOOLTIP = (
    int(r) for r in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.TextAlignmentRole, Qt.ItemDataRole.ForegroundRole,
                     Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.FontRole, Qt.ItemDataRole.ToolTipRole)
)  # fmt: skip
_CENTRED = int(Qt.AlignmentFlag.AlignCenter)
_CENTRED_COLUMNS = frozenset((COL_ID, COL_DONE, COL_STATUS, COL_GRADE))
_looks: dict[str, Any] = {}  # brushes and the bold font, made once (a QFont needs the QApplication: on first use)


def _brush(colour: str) -> QColor:
    """The colour of a brush role: Qt's delegate makes the brush of a QColor itself (a QBrush of our own would load
    the QBrush class at start-up, 2 ms)."""
    if colour not in _looks:
        _looks[colour] = QColor(colour)
    return _looks[colour]  # type: ignore[no-any-return]


def status_label(status: str) -> str:
    return words.status(status)


class CaseTableModel(QAbstractTableModel):
    def __init__(self, rows: Sequence[CaseSummary] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[CaseSummary] = list(rows)
        self._checked_out: frozenset[int] = frozenset()  # cases out on a field visit, shown 外出核查中
        self._texts: dict[int, tuple[str, ...]] = {}  # the display texts of each case shown, by case number
        self._headers = [self.tr("No."), self.tr("Unit"), self.tr("Outgoing secretary"), self.tr("Incoming secretary"),
                         self.tr("Term"), self.tr("Status"), self.tr("Completeness"), self.tr("Grade"),
                         self.tr("Next step")]  # fmt: skip

    def set_rows(self, rows: Sequence[CaseSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self._texts.clear()
        self.endResetModel()

    def row_at(self, row: int) -> CaseSummary:
        return self._rows[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    @property
    def checked_out(self) -> frozenset[int]:
        return self._checked_out

    @checked_out.setter
    def checked_out(self, cases: frozenset[int]) -> None:
        self._checked_out = cases
        self._texts.clear()

    def data(self, index: Index, role: int = _DISPLAY) -> Any:
        # called for every role of every cell painted (a thousand calls for one screen of the list): plain int roles,
        # a row's texts made once
        row = index.row()
        if not 0 <= row < len(self._rows):
            return None
        case = self._rows[row]
        column = index.column()
        if role == _DISPLAY:
            texts = self._texts.get(case.id)
            if texts is None:
                texts = self._texts[case.id] = self._row_texts(case)
            return texts[column] if 0 <= column < len(texts) else ""
        if role == CASE_ROLE:
            return case
        if column == COL_STEP:
            return _step_look(case, role)
        if role == _ALIGNMENT:
            return _CENTRED if column in _CENTRED_COLUMNS else None
        if role == _FOREGROUND and column == COL_DONE:
            return _brush("#1b7f3b" if case.done == case.total else "#9a6700")
        if role == _TOOLTIP and column == COL_DONE:
            return self.tr("{0} of {1} indicators complete").format(case.done, case.total)
        return None

    def _row_texts(self, case: CaseSummary) -> tuple[str, ...]:
        """The texts of a row, by column."""
        status = status_label(case.status) + (f" · {words.field_state('out')}" if case.id in self.checked_out else "")
        return (str(case.id), case.unit, case.outgoing, case.incoming,
                f"{case.term_start:%Y-%m-%d} – {case.term_end:%Y-%m-%d}", status, f"{case.done}/{case.total}",
                case.grade or "—", words.step(case.step))  # fmt: skip

    def _display(self, case: CaseSummary, column: int) -> str:
        texts = self._texts.get(case.id) or self._row_texts(case)
        return texts[column] if 0 <= column < len(texts) else ""

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the plain rows in Python: ten thousand rows in milliseconds, where a proxy sort calls data() 150,000 times."""
        if not 0 <= column < self.columnCount():
            return
        self.layoutAboutToBeChanged.emit()
        before = list(self._rows)
        self._rows.sort(key=lambda case: self._sort_key(case, column), reverse=order == Qt.SortOrder.DescendingOrder)
        position = {id(case): row for row, case in enumerate(self._rows)}
        old = self.persistentIndexList()
        self.changePersistentIndexList(old, [self.index(position[id(before[i.row()])], i.column()) for i in old])
        self.layoutChanged.emit()

    def _sort_key(self, case: CaseSummary, column: int) -> Any:
        if column == COL_ID:
            return case.id
        if column == COL_TERM:
            return case.term_start.isoformat()
        if column == COL_DONE:
            return case.done
        return self._display(case, column)


def _step_look(case: CaseSummary, role: int) -> Any:
    """The step column: the step the case is at stands out (bold on a light colour); the tooltip shows the whole way
    with the steps done ticked."""
    if role == _FONT:
        if "bold" not in _looks:
            _looks["bold"] = QFont()
            _looks["bold"].setBold(True)
        return _looks["bold"]
    if role == _BACKGROUND:
        return _brush("#e3f1e6" if case.step == "archive" else "#fff1c7")
    if role == _ALIGNMENT:
        return _CENTRED
    if role == _TOOLTIP:
        codes = list(handover_words.STEPS)
        at = codes.index(case.step)
        shown = [f"✓{words.step(c)}" if i < at else f"【{words.step(c)}】" if i == at else words.step(c)
                 for i, c in enumerate(codes)]  # fmt: skip
        return " → ".join(shown)
    return None


class CaseFilterProxy(QSortFilterProxyModel):
    """Search (unit or either secretary) combined with a status and a year (of the term's end) filter.

    Sorting is handed to the source model (a Python sort of plain rows); the proxy keeps the source order.
    """

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        model = self.sourceModel()
        if model is not None:
            model.sort(column, order)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._search = ""
        self._status: str | None = None
        self._year: int | None = None

    def set_filters(self, search: str | None = None, status: str | None = "", year: int | None | str = "") -> None:
        """Change any of the filters; "" leaves status/year as they are."""
        self.beginFilterChange()
        if search is not None:
            self._search = search.strip()
        if status != "":
            self._status = status
        if year != "":
            self._year = year if isinstance(year, int) else None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, CaseTableModel)
        case = model.row_at(source_row)
        if self._status and case.status != self._status:
            return False
        if self._year and case.term_end.year != self._year:
            return False
        if self._search:
            needle = self._search
            return needle in case.unit or needle in case.outgoing or needle in case.incoming or needle == str(case.id)
        return True
