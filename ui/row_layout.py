"""Where the parts of a checklist row go, wide or compact.

Wide (room to spare): the name with its 口径 (definition) below it on the left, the fields to the right of it. Compact
(1366×768 at 125 % or 150 %, a narrow window): the name on a line of its own above narrower fields, so it never wraps
a few characters per line; the 口径 leaves the row for the checklist's side panel and the name's tooltip."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple, Protocol

from PySide6.QtWidgets import QGridLayout, QLabel, QLayout, QWidget


class Widths(NamedTuple):
    field: int
    change: int
    na: int
    attach: int

    def fixed(self) -> int:
        """The width of the fixed columns of the first line, with the spacing between them and the name."""
        return 2 * self.field + self.change + self.na + self.attach + 5 * SPACING


WIDE = Widths(200, 150, 80, 64)
COMPACT = Widths(136, 116, 64, 64)
SPACING = 10
#: in the wide layout the name needs at least this many characters per line, else the row goes compact
WIDE_NAME_CHARS = 12


class Row(Protocol):
    """The parts of an indicator row (ui.indicator_row.IndicatorRow) that are laid out."""

    title: QLabel
    definition: QLabel
    change: QLabel
    error: QLabel

    @property
    def fields(self) -> Mapping[str, QWidget]: ...

    @property
    def na(self) -> QWidget: ...

    @property
    def attach_button(self) -> QWidget: ...

    @property
    def note(self) -> QWidget: ...

    @property
    def na_reason(self) -> QWidget: ...

    def layout(self) -> QLayout: ...


def clear(grid: QGridLayout) -> None:
    """Take every widget out of the grid (they stay children of the row) and forget the columns' stretch."""
    while grid.count():
        grid.takeAt(0)
    for column in range(grid.columnCount()):
        grid.setColumnStretch(column, 0)


def lay_out_row(row: Row, compact: bool) -> None:
    grid = row.layout()
    assert isinstance(grid, QGridLayout)
    clear(grid)
    widths = COMPACT if compact else WIDE
    line = (row.fields["start"], row.fields["end"], row.change, row.na, row.attach_button)
    for widget, width in zip(line, (widths.field, widths.field, widths.change, widths.na, widths.attach), strict=True):
        widget.setFixedWidth(width)
    if compact:
        grid.addWidget(row.title, 0, 0, 1, 6)
        for column, widget in enumerate(line):
            grid.addWidget(widget, 1, column)
        grid.addWidget(row.note, 2, 0, 1, 2)
        grid.addWidget(row.na_reason, 2, 2, 1, 3)
        grid.setColumnStretch(5, 1)
    else:
        grid.addWidget(row.title, 0, 0)
        for column, widget in enumerate(line, start=1):
            grid.addWidget(widget, 0, column)
        grid.addWidget(row.definition, 1, 0, 2, 1)
        grid.addWidget(row.note, 1, 1, 1, 2)
        grid.addWidget(row.na_reason, 1, 3, 1, 3)
        grid.setColumnStretch(0, 1)
    row.definition.setVisible(not compact)
    grid.addWidget(row.error, 3, 0, 1, 6)


def lay_out_headings(grid: QGridLayout, labels: list[QLabel], compact: bool) -> None:
    """The column headings over the rows: the name's heading, then start, end, change (and two empty columns)."""
    clear(grid)
    widths = COMPACT if compact else WIDE
    name, *line = labels
    for label, width in zip(line, (widths.field, widths.field, widths.change, widths.na, widths.attach), strict=True):
        label.setFixedWidth(width)
    name.setVisible(not compact)  # compact: the name is on its own line above the fields
    if compact:
        for column, label in enumerate(line):
            grid.addWidget(label, 0, column)
        grid.setColumnStretch(5, 1)
    else:
        grid.addWidget(name, 0, 0)
        for column, label in enumerate(line, start=1):
            grid.addWidget(label, 0, column)
        grid.setColumnStretch(0, 1)
