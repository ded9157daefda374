"""The unit's and villages' names a signed case was signed with: frozen by the lock, read instead of today's names for a
signed case, so renaming a unit or village never changes what was signed (its fingerprint, reprint, verification)."""

from __future__ import annotations

from sqlalchemy import insert
from sqlmodel import Session, col, select

from handover.models import IndicatorValue, NamedVillage, SignedName, Unit, Village


def freeze(session: Session, case_id: int, unit_id: int) -> None:
    """Keep the names the case is being signed with (called by the lock, in its transaction)."""
    unit = session.get(Unit, unit_id)
    assert unit is not None and unit.id is not None
    villages = session.exec(
        select(Village.id, Village.name)
        .join(NamedVillage, col(NamedVillage.village_id) == Village.id)
        .join(IndicatorValue, col(IndicatorValue.id) == NamedVillage.value_id)
        .where(IndicatorValue.case_id == case_id)
        .distinct()
    ).all()
    rows = [{"case_id": case_id, "kind": "unit", "ref_id": unit.id, "name": unit.name}]
    rows += [{"case_id": case_id, "kind": "village", "ref_id": vid, "name": name} for vid, name in villages]
    session.execute(insert(SignedName), rows)


def of_case(session: Session, case_id: int) -> dict[tuple[str, int], str]:
    """(kind, id) → the name the case was signed with; empty for a case that is not signed."""
    rows = session.exec(select(SignedName.kind, SignedName.ref_id, SignedName.name).where(SignedName.case_id == case_id))
    return {(kind, ref_id): name for kind, ref_id, name in rows}
