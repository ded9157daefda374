"""Renaming and deleting units and villages (单位、村（社区）). A rename reaches every open case and the reviewers' declared
conflicts with the unit; a signed case keeps the names it was signed with (handover.signed_names). Deleting is refused
while anything refers to the unit or village."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete
from sqlmodel import Session, col, select

from handover import audit, value_rules
from handover.db import Database
from handover.errors import NotFound, Refused
from handover.models import HandoverCase, IndicatorValue, NamedVillage, ReviewerConflict, Unit, Village
from handover.services.units import _view, unit_by_name
from handover.views import UnitView

UNIT_WHAT, VILLAGE_WHAT = "单位名称", "村（社区）名称"


def rename_unit(db: Database, old: str, new: str) -> UnitView:
    name = value_rules.check_name(new, UNIT_WHAT, 100)
    with db.session() as session:
        unit = unit_by_name(session, old)
        if name == unit.name:
            raise Refused(f"单位 “{unit.name}” 的新名称与原名称相同")
        if session.exec(select(Unit).where(Unit.name == name)).first():
            raise Refused(f"单位 “{name}” 已存在")
        # a declared conflict with the unit (回避对象) follows it, or the recusal rule would no longer see it
        conflicts = session.exec(
            select(ReviewerConflict).where(ReviewerConflict.kind == "unit", ReviewerConflict.target == unit.name)
        ).all()
        details: dict[str, object] = {"unit": unit.name, "new": name}
        if conflicts:
            details["conflicts"] = len(conflicts)
        audit.record(session, "unit.rename", None, details)
        for conflict in conflicts:
            conflict.target = name
        unit.name = name
        session.flush()
        return _view(unit, _villages(session, unit))


def delete_unit(db: Database, name: str) -> None:
    with db.session() as session:
        unit = unit_by_name(session, name)
        case_ids = list(session.exec(select(HandoverCase.id).where(HandoverCase.unit_id == unit.id).order_by(col(HandoverCase.id))))
        if case_ids:
            raise Refused(f"单位 “{unit.name}” 有 {len(case_ids)} 个案件（案件 {_ids(case_ids)}），不能删除")
        villages = _villages(session, unit)
        audit.record(session, "unit.delete", None, {"unit": unit.name, "villages": list(villages)})
        session.execute(delete(Village).where(col(Village.unit_id) == unit.id))
        session.delete(unit)


def rename_village(db: Database, unit_name: str, old: str, new: str) -> UnitView:
    name = value_rules.check_name(new, VILLAGE_WHAT, 100, separators=False)
    with db.session() as session:
        unit = unit_by_name(session, unit_name)
        village = _village(session, unit, old)
        if name == village.name:
            raise Refused(f"村（社区） “{village.name}” 的新名称与原名称相同")
        if name in _villages(session, unit):
            raise Refused(f"“{unit.name}” 已有村（社区） “{name}”")
        audit.record(session, "village.rename", None, {"unit": unit.name, "village": village.name, "new": name})
        village.name = name
        session.flush()
        return _view(unit, _villages(session, unit))


def delete_village(db: Database, unit_name: str, name: str) -> UnitView:
    with db.session() as session:
        unit = unit_by_name(session, unit_name)
        village = _village(session, unit, name)
        case_ids = list(session.exec(
            select(IndicatorValue.case_id).join(NamedVillage, col(NamedVillage.value_id) == IndicatorValue.id)
            .where(NamedVillage.village_id == village.id).distinct().order_by(col(IndicatorValue.case_id))
        ))  # fmt: skip
        if case_ids:
            raise Refused(f"村（社区） “{village.name}” 被 {len(case_ids)} 个案件的村名单列出（案件 {_ids(case_ids)}），不能删除")
        audit.record(session, "village.delete", None, {"unit": unit.name, "village": village.name})
        session.delete(village)
        session.flush()
        return _view(unit, _villages(session, unit))


def _village(session: Session, unit: Unit, name: str) -> Village:
    village = session.exec(select(Village).where(Village.unit_id == unit.id, Village.name == name.strip())).first()
    if village is None:
        raise NotFound(f"“{unit.name}” 没有名为 “{name}” 的村（社区）（可用 handover unit list 查看）")
    return village


def _villages(session: Session, unit: Unit) -> tuple[str, ...]:
    return tuple(session.exec(select(Village.name).where(Village.unit_id == unit.id).order_by(col(Village.id))))


def _ids(ids: Sequence[int | None]) -> str:
    return "、".join(str(i) for i in ids[:10]) + ("等" if len(ids) > 10 else "")
