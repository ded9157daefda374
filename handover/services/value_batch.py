"""What a batch of value edits (a sheet of 40 rows, `apply_edits`) leaves to its end: the audit entries, appended at
once in the order of the edits (`audit.record_many`: the append lock taken and the newest entry read once, one
INSERT), and the villages the edited values name, replaced with one DELETE and one INSERT. The values' own UPDATEs are
flushed together there too. Without a batch (a field check-in) each edit writes and logs at once, as before."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Table, delete, insert
from sqlmodel import Session, col

from handover import audit
from handover.models import NamedVillage

_NAMED = cast(Table, NamedVillage.__table__)  # type: ignore[attr-defined]  # plain rows: no ORM objects to build


@dataclass
class Batch:
    """The audit entries of the batch, in order; by value id, the village ids each value now names at each point."""

    entries: list[audit.Pending] = field(default_factory=list)
    villages: dict[int, dict[str, list[int]]] = field(default_factory=dict)

    def finish(self, session: Session) -> None:
        """Write what the batch kept, in the caller's transaction."""
        session.flush()
        if self.villages:
            session.connection().execute(delete(_NAMED).where(_NAMED.c.value_id.in_(list(self.villages))))
            rows = [
                {"value_id": value_id, "point": point, "village_id": village_id, "position": position}
                for value_id, points in self.villages.items()
                for point, ids in points.items()
                for position, village_id in enumerate(ids)
            ]
            if rows:
                session.connection().execute(insert(_NAMED), rows)
        audit.record_many(session, self.entries)


def log_value_edit(
    session: Session,
    batch: Batch | None,
    case_id: int | None,
    code: str,
    before: dict[str, object],
    after: dict[str, object],
) -> None:
    """Log the fields that changed (old and new), if any: now, or at the end of the batch."""
    changed = [k for k in after if after[k] != before[k]]
    if not changed:
        return
    details = {"code": code, "old": {k: before[k] for k in changed}, "new": {k: after[k] for k in changed}}
    if batch is None:
        audit.record(session, "value.edit", case_id, details)
    else:
        batch.entries.append(audit.pending("value.edit", case_id, details))


def replace_villages(session: Session, batch: Batch | None, value_id: int, village_ids: dict[str, list[int]]) -> None:
    """Make the value name these villages (by point, in order): now, or at the end of the batch."""
    if batch is not None:
        batch.villages[value_id] = village_ids
        return
    session.execute(delete(NamedVillage).where(col(NamedVillage.value_id) == value_id))
    for point, ids in village_ids.items():
        for position, village_id in enumerate(ids):
            session.add(NamedVillage(value_id=value_id, point=point, village_id=village_id, position=position))
    session.flush()
