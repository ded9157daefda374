"""What a value import would change, storing nothing: the preview (indicator, old → new) shown before 确定."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session

from handover import value_rules
from handover.db import Database
from handover.progress import Progress
from handover.reading import get_case
from handover.services.cases import apply_edits
from handover.services.value_import import read_edits
from handover.views import ValueView
from handover.words import POINTS

NOTHING = "—"


@dataclass(frozen=True)
class ValueChange:
    """One field of one indicator the import changes, as the checklist shows it."""

    code: str
    name: str
    what: str  # 届初, 届末, 不适用理由, 备注
    old: str
    new: str


class _Rehearsal(Database):
    """The same database, every transaction rolled back: the import runs with all its rules, and nothing stays."""

    def __init__(self, db: Database) -> None:
        super().__init__(db.url, db.engine)

    @contextmanager
    def session(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
            finally:
                session.rollback()


def _point(point: str) -> Callable[[ValueView], str]:
    def shown(view: ValueView) -> str:
        value = getattr(view, point)
        if not view.lists_villages or value is None:
            return NOTHING if value is None else value
        return f"{value}（{value_rules.village_text(getattr(view, f'villages_{point}'), value)}）"

    return shown


#: the fields of an indicator a sheet can change, with how each is shown
FIELDS: tuple[tuple[str, Callable[[ValueView], str]], ...] = (
    (POINTS["start"], _point("start")),
    (POINTS["end"], _point("end")),
    ("不适用理由", lambda v: v.na_reason or NOTHING),
    ("备注", lambda v: v.note or NOTHING),
)


def preview_values(db: Database, case_id: int, path: str | Path, progress: Progress | None = None) -> list[ValueChange]:
    """Every change the import of `path` would make to the case, in the file's order; refuses as the import would (a bad
    row names the file, the row and the rule), storing nothing."""
    edits = read_edits(path, progress)
    before = {v.code: v for v in get_case(db, case_id).values}
    changes = []
    for after in apply_edits(_Rehearsal(db), case_id, edits):
        old = before[after.code]
        for what, shown in FIELDS:
            if shown(old) != shown(after):
                changes.append(ValueChange(after.code, after.name, what, shown(old), shown(after)))
    return changes
