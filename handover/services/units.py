"""Units (乡镇/街道/部门) and their villages (村（社区）)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func
from sqlmodel import Session, col, select

from handover import audit, catalogue, value_rules
from handover.db import Database
from handover.errors import NotFound, Refused
from handover.models import Unit, Village
from handover.views import UnitView
from handover.words import UNIT_TYPES

UNIT_TYPE_ALIASES = {word: code for code, word in UNIT_TYPES.items()} | {"部门": "department"}


def normalise_type(unit_type: str) -> str:
    types = catalogue.load().unit_types
    value = UNIT_TYPE_ALIASES.get(unit_type.strip(), unit_type.strip())
    if value not in types:
        allowed = "、".join(f"{key}（{name}）" for key, name in types.items())
        raise Refused(f"单位类型 “{unit_type}” 无效，应为 {allowed} 之一")
    return value


def _clean_name(name: str, what: str) -> str:
    # a village's name appears in typed lists (甲村、乙村), so it may not hold their separators
    return value_rules.check_name(name, f"{what}名称", 100, separators=what == "单位")


def add_unit(db: Database, name: str, unit_type: str) -> UnitView:
    name = _clean_name(name, "单位")
    kind = normalise_type(unit_type)
    with db.session() as session:
        if session.exec(select(Unit).where(Unit.name == name)).first():
            raise Refused(f"单位 “{name}” 已存在")
        unit = Unit(name=name, unit_type=kind)
        session.add(unit)
        session.flush()
        audit.record(session, "unit.add", None, {"unit": name, "type": kind})
        return _view(unit, ())


def add_village(db: Database, unit_name: str, village_name: str) -> UnitView:
    return add_villages(db, unit_name, [village_name])


def add_villages(db: Database, unit_name: str, village_names: Sequence[str]) -> UnitView:
    """Add one or more villages to a unit in one transaction: all of them, or none (the first refusal is raised)."""
    names = [_clean_name(name, "村（社区）") for name in village_names]
    with db.session() as session:
        unit = unit_by_name(session, unit_name)
        if unit.unit_type == "department":
            raise Refused(f"“{unit.name}” 是县级部门，没有下辖村（社区）")
        assert unit.id is not None
        existing = set(_village_names(session, unit.id))
        for village_name in names:
            if village_name in existing:
                raise Refused(f"“{unit.name}” 已有村（社区） “{village_name}”")
            existing.add(village_name)
            session.add(Village(unit_id=unit.id, name=village_name))
            session.flush()
            audit.record(session, "village.add", None, {"unit": unit.name, "village": village_name})
        return _view(unit, _village_names(session, unit.id))


def unit_by_name(session: Session, name: str) -> Unit:
    unit = session.exec(select(Unit).where(Unit.name == name.strip())).first()
    if unit is None:
        raise NotFound(f"没有名为 “{name}” 的单位（可用 handover unit list 查看）")
    return unit


def _village_names(session: Session, unit_id: int | None) -> tuple[str, ...]:
    rows = session.exec(select(Village.name).where(Village.unit_id == unit_id).order_by(col(Village.id)))
    return tuple(rows)


def _view(unit: Unit, villages: tuple[str, ...]) -> UnitView:
    assert unit.id is not None
    types = catalogue.load().unit_types
    return UnitView(unit.id, unit.name, unit.unit_type, types.get(unit.unit_type, unit.unit_type), villages)


def list_units(db: Database) -> list[UnitView]:
    with db.session() as session:
        units = session.exec(select(Unit).order_by(col(Unit.id))).all()
        villages: dict[int, list[str]] = {}
        for unit_id, name in session.exec(select(Village.unit_id, Village.name).order_by(col(Village.id))):
            villages.setdefault(unit_id, []).append(name)
        return [_view(u, tuple(villages.get(u.id or 0, ()))) for u in units]


def get_unit(db: Database, name: str) -> UnitView:
    with db.session() as session:
        unit = unit_by_name(session, name)
        return _view(unit, _village_names(session, unit.id))


def count_of_type(session: Session, unit_type: str) -> int:
    return int(session.exec(select(func.count()).select_from(Unit).where(Unit.unit_type == unit_type)).one())
