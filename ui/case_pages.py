"""The case list as the user scrolls: pages of plain CaseSummary rows read by SQL (handover/case_list.py), the next
page fetched when the view reaches the end (canFetchMore/fetchMore); search, filters and sorting are new queries, so
100,000 cases cost what one page costs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from handover.case_list import PAGE, CaseQuery
from handover.views import CaseSummary
from ui.case_model import (
    COL_DONE,
    COL_GRADE,
    COL_ID,
    COL_INCOMING,
    COL_OUTGOING,
    COL_STATUS,
    COL_TERM,
    COL_UNIT,
    CaseTableModel,
    Index,
)

#: the columns the database sorts by (case_list.SORTS); the step column keeps the order it has
SORT_COLUMNS = {COL_ID: "id", COL_UNIT: "unit", COL_OUTGOING: "outgoing", COL_INCOMING: "incoming", COL_TERM: "term",
                COL_STATUS: "status", COL_DONE: "done", COL_GRADE: "grade"}  # fmt: skip


class PagedCaseModel(CaseTableModel):
    """The rows of `query` page by page; `fetch(query)` reads one page (AppContext.cases)."""

    def __init__(self, fetch: Callable[[CaseQuery], list[CaseSummary]], parent: Any = None) -> None:
        super().__init__((), parent)
        self._fetch = fetch
        self.query = CaseQuery()
        self._more = False

    def load(self, query: CaseQuery | None = None) -> None:
        """Show the first page of `query`; without one, read the rows shown again (as many as are loaded)."""
        if query is not None:
            self.query = replace(query, offset=0, limit=PAGE)
            wanted = PAGE
        else:
            wanted = max(PAGE, len(self._rows))
        rows = self._fetch(replace(self.query, offset=0, limit=wanted))
        self._more = len(rows) == wanted
        self.set_rows(rows)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008 - Qt's signature
        return not parent.isValid() and self._more

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or not self._more:
            return
        page = self._fetch(replace(self.query, offset=len(self._rows), limit=PAGE))
        self._more = len(page) == PAGE
        if page:
            self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(page) - 1)
            self._rows.extend(page)
            self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """A click on a column's header: the database sorts, and the first page of the new order is shown."""
        key = SORT_COLUMNS.get(column)
        descending = order == Qt.SortOrder.DescendingOrder
        if key is not None and (key, descending) != (self.query.sort, self.query.descending):
            self.load(replace(self.query, sort=key, descending=descending))
