"""Saving indicator edits: every accepted change is written at once through the core and can be undone (QUndoStack)."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from handover.services import cases
from handover.services.cases import ValueEdit
from handover.services.connection import Database
from handover.views import ValueView

log = logging.getLogger(__name__)

def snapshot(view: ValueView, fields: dict[str, Any]) -> dict[str, Any]:
    """The current values of the fields an edit is about to change (what undo restores)."""
    old: dict[str, Any] = {}
    for name in fields:
        value = getattr(view, name)
        if name.startswith("villages_"):
            # no count at all is not the same as "no villages" (a count of 0)
            value = None if getattr(view, name.removeprefix("villages_")) is None else list(value)
        old[name] = value
    return old


def save(db: Database, case_id: int, code: str, changes: dict[str, Any]) -> ValueView:
    """The autosave path: one indicator's changed fields in one transaction (all or nothing)."""
    return cases.apply_edits(db, case_id, [ValueEdit(code, **changes)])[0]


class _EditCommand(QUndoCommand):
    def __init__(self, editor: CaseEditor, code: str, old: dict[str, Any], new: dict[str, Any], text: str) -> None:
        super().__init__(text)
        self.editor, self.code, self.old, self.new = editor, code, old, new
        self._first = True  # the edit was saved before the command was pushed

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self.editor._write(self.code, self.new)

    def undo(self) -> None:
        self.editor._write(self.code, self.old)


class CaseEditor(QObject):
    """Owns the undo stack of one open case; emits `saved` with the stored view after every write."""

    saved = Signal(object)  # ValueView
    refused = Signal(str, str)  # code, message

    def __init__(self, db: Database, case_id: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.case_id = case_id
        self.undo_stack = QUndoStack(self)

    def edit(self, current: ValueView, changes: dict[str, Any], text: str) -> ValueView:
        """Save `changes` to one indicator; raises Refused (nothing stored) when the core refuses it."""
        old = snapshot(current, changes)
        view = save(self.db, self.case_id, current.code, changes)
        self.undo_stack.push(_EditCommand(self, current.code, old, dict(changes), text))
        self.saved.emit(view)
        return view

    def _write(self, code: str, changes: dict[str, Any]) -> None:
        try:
            view = save(self.db, self.case_id, code, {k: (list(v) if isinstance(v, tuple) else v) for k, v in changes.items()})
        except Exception as exc:  # noqa: BLE001 - e.g. the case was signed meanwhile: say so, keep the window usable
            from ui.errors import user_message

            self.refused.emit(code, user_message(exc))
            return
        self.saved.emit(view)
