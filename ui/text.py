"""Small helpers for rich-text labels: user data (names, notes, messages quoting them) is escaped before display."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

W = TypeVar("W", bound=QWidget)

OK, BAD, GREY = "#1b7f3b", "#b3261e", "#5f6368"


def coloured(text: str, colour: str, *, bold: bool = False) -> str:
    from html import escape  # html.entities is a large table: loaded when the first label needs it, not at start-up

    weight = "; font-weight:bold" if bold else ""
    return f"<span style='color:{colour}{weight}'>{escape(text)}</span>"


def explained(label: W, field: QWidget) -> W:
    """The label of a technical value (a checksum, a commitment) carries the field's one-line plain explanation."""
    label.setToolTip(field.toolTip())
    return label
