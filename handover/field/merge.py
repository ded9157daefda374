"""The three-way merge of one case (三方合并): base (at checkout), office (now), field (the file brought back).

Per indicator (and the overall evaluation, under the code EVALUATION): changed only in the field → the field's is
taken; changed only in the office → the office's is kept; the same change on both → taken once; different changes on
both → a conflict, and nothing of the case is applied until each conflict is decided (take field or office).
Villages, attachments and signatures are only ever added, so the field's new ones are added.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from handover import catalogue as catalogue_mod
from handover.field.state import EVALUATION, values_of
from handover.words import POINTS

TAKES = ("field", "office")


@dataclass(frozen=True)
class Conflict:
    """An indicator changed differently in the office and in the field; `decided` is "field", "office" or None."""

    case_id: int
    code: str
    name: str
    base: str
    office: str
    field: str
    decided: str | None = None

    @property
    def take_field(self) -> bool:
        return self.decided == "field"

    def to_dict(self) -> dict[str, Any]:
        return {"case": self.case_id, "code": self.code, "name": self.name, "base": self.base, "office": self.office,
                "field": self.field, "decided": self.decided}  # fmt: skip


@dataclass
class Plan:
    """What checking one case in would do."""

    case_id: int
    take: dict[str, dict[str, Any]] = field(default_factory=dict)  # code → the field's fields, to be written
    conflicts: list[Conflict] = field(default_factory=list)
    villages: list[str] = field(default_factory=list)  # the unit's villages added in the field
    attachments: list[str] = field(default_factory=list)  # SHA-256 of the field's new attachments
    signatures: list[int] = field(default_factory=list)  # ids (in the field file) of the field's new signatures
    status: str | None = None  # the field's status, when it moved and the office's did not
    office_changed: bool = False

    @property
    def undecided(self) -> list[Conflict]:
        return [c for c in self.conflicts if c.decided is None]

    @property
    def changes(self) -> bool:
        return bool(self.take or self.villages or self.attachments or self.signatures or self.status)


def plan(base: dict[str, Any], office: dict[str, Any], fielded: dict[str, Any], decisions: dict[str, str]) -> Plan:
    """The plan for one case from its three states (field/state.py case_state); `decisions` by code."""
    result = Plan(base["case_id"])
    result.office_changed = office["fingerprint"] != base["fingerprint"] or office["status"] != base["status"]
    b, o, f = values_of(base), values_of(office), values_of(fielded)
    for code in sorted(b.keys() | f.keys()):
        was, now, there = b.get(code), o.get(code), f.get(code)
        if there == was or there == now or there is None:
            continue
        if now == was:
            result.take[code] = there
            continue
        decided = decisions.get(code)
        result.conflicts.append(Conflict(base["case_id"], code, name_of(code), shown(was), shown(now), shown(there), decided))
        if decided == "field":
            result.take[code] = there
    result.villages = [v for v in fielded["villages"] if v not in office["villages"]]
    result.attachments = [a for a in fielded["attachments"] if a not in office["attachments"]]
    result.signatures = [s for s in fielded["signatures"] if s not in base["signatures"]]
    if fielded["status"] != base["status"] and office["status"] == base["status"]:
        result.status = fielded["status"]
    return result


def name_of(code: str) -> str:
    if code == EVALUATION:
        return "总体评价"
    cat = catalogue_mod.load()
    return cat.indicator(code).name if cat.has(code) else code


def shown(fields: dict[str, Any] | None) -> str:
    """One indicator's fields (or the evaluation) in a line: 届初 2，届末 3 (云岭村、包山村)；备注 …"""
    if not fields:
        return "（空）"
    if "grade" in fields:
        comment = fields.get("comment") or ""
        return f"{fields.get('grade') or '（未评）'}：{comment[:30]}{'…' if len(comment) > 30 else ''}"
    if fields.get("na_reason"):
        text = f"不适用（{fields['na_reason']}）"
    else:
        parts = []
        for point in ("start", "end"):
            value = fields.get(point)
            villages = fields.get(f"villages_{point}") or []
            named = f"（{'、'.join(villages)}）" if villages else ""
            parts.append(f"{POINTS[point]} {'（空）' if value is None else value}{named}")
        text = "，".join(parts)
    if fields.get("note"):
        text += f"；备注：{fields['note']}"
    return text
