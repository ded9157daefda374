"""The content that is signed: the canonical serialisation of a case and its SHA-256 fingerprint (内容指纹).

Specified in docs/fingerprint.md.

The same data always gives the same bytes, and any change to a value, a village named, a note, a party, the evaluation
or the panel changes them. The workflow status is not content: submitting or signing a case keeps its fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from handover import reading
from handover.db import Database
from handover.draw import service as draws
from handover.draw.views import DrawView
from handover.views import CaseDetail
from handover.words import PANEL_PLACES, STEPS

FORMAT = "handover-case/1"

CASE_FIELDS = {
    "id": "案件编号",
    "unit": "单位",
    "unit_type": "单位类型",
    "outgoing": "离任书记",
    "incoming": "接任书记",
    "term_start": "届初日期",
    "term_end": "届末日期",
    "handover_date": "交接日期",
    "catalogue_version": "指标目录版本",
}
VALUE_FIELDS = {
    "start": "届初值",
    "end": "届末值",
    "villages_start": "届初村名",
    "villages_end": "届末村名",
    "na_reason": "不适用理由",
    "note": "备注",
}
EVALUATION_FIELDS = {"grade": "总体评价等次", "comment": "总体评价评语"}


def _text(value: str | None) -> str | None:
    return None if value is None else unicodedata.normalize("NFC", value)


def content(detail: CaseDetail, panel: Panel | None = None) -> dict[str, Any]:
    """The case as plain JSON data, in the documented shape."""
    s = detail.summary
    values = [
        {
            "code": v.code,
            "start": _text(v.start),
            "end": _text(v.end),
            "villages_start": [_text(n) for n in v.villages_start],
            "villages_end": [_text(n) for n in v.villages_end],
            "na_reason": _text(v.na_reason),
            "note": _text(v.note),
        }
        for v in sorted(detail.values, key=lambda v: v.code)
    ]
    return {
        "format": FORMAT,
        "case": {
            "id": s.id,
            "unit": _text(s.unit),
            "unit_type": s.unit_type,
            "outgoing": _text(s.outgoing),
            "incoming": _text(s.incoming),
            "term_start": s.term_start.isoformat(),
            "term_end": s.term_end.isoformat(),
            "handover_date": s.handover_date.isoformat() if s.handover_date else None,
            "catalogue_version": detail.catalogue_version,
        },
        "values": values,
        "evaluation": {"grade": _text(detail.evaluation_grade), "comment": _text(detail.evaluation_comment)},
        "panel": None
        if panel is None
        else {
            "draw_id": panel.draw_id,
            "members": [{"name": _text(m.name), "role": m.role} for m in panel.members],
        },
    }


def serialise(data: dict[str, Any]) -> bytes:
    """UTF-8 JSON, keys sorted, no insignificant white space, non-ASCII written as is."""
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def fingerprint_of(canonical: bytes) -> str:
    return hashlib.sha256(canonical).hexdigest()


def short(fingerprint: str) -> str:
    """The first 16 hex digits in groups of four, as printed in every page footer."""
    return " ".join(fingerprint[i : i + 4] for i in range(0, 16, 4)).upper()


@dataclass(frozen=True)
class Difference:
    """One field that differs between two canonical contents (e.g. the PDF's and the database's)."""

    where: str  # "ORG01 五星级村党组织数" or "案件" or "总体评价" or "评审小组"
    field: str  # 届初值, 离任书记, ...
    before: str  # as in the first content (the PDF)
    after: str  # as in the second (the database)

    def __str__(self) -> str:
        return f"{self.where} {self.field}：文件中为 {self.before}，数据库中为 {self.after}"


def _show(value: Any) -> str:
    if value is None:
        return "（空）"
    if isinstance(value, list):
        return "、".join(str(v) for v in value) if value else "（无）"
    text = str(value)
    if len(text) > 60:
        text = f"{text[:50]}……（共{len(text)}字）"
    return f"“{text}”"


def differences(old: dict[str, Any], new: dict[str, Any], names: dict[str, str] | None = None) -> list[Difference]:
    """What changed from `old` to `new`, field by field; `names` maps indicator codes to names for the messages."""
    names = names or {}
    found: list[Difference] = []
    for key, label in CASE_FIELDS.items():
        a, b = old.get("case", {}).get(key), new.get("case", {}).get(key)
        if a != b:
            found.append(Difference("案件", label, _show(a), _show(b)))
    old_values = {v["code"]: v for v in old.get("values", [])}
    new_values = {v["code"]: v for v in new.get("values", [])}
    for code in sorted(old_values.keys() | new_values.keys()):
        where = f"{code} {names.get(code, '')}".strip()
        a_row, b_row = old_values.get(code), new_values.get(code)
        if a_row is None or b_row is None:
            found.append(Difference(where, "指标", "存在" if a_row else "缺失", "存在" if b_row else "缺失"))
            continue
        for key, label in VALUE_FIELDS.items():
            if a_row.get(key) != b_row.get(key):
                found.append(Difference(where, label, _show(a_row.get(key)), _show(b_row.get(key))))
    for key, label in EVALUATION_FIELDS.items():
        a, b = (old.get("evaluation") or {}).get(key), (new.get("evaluation") or {}).get(key)
        if a != b:
            found.append(Difference("总体评价", label, _show(a), _show(b)))
    if old.get("panel") != new.get("panel"):
        found.append(Difference("评审小组", PANEL_PLACES["member"], _panel_words(old.get("panel")), _panel_words(new.get("panel"))))
    if old.get("format") != new.get("format"):
        found.append(Difference("格式", "版本", _show(old.get("format")), _show(new.get("format"))))
    return found


def _panel_words(panel: dict[str, Any] | None) -> str:
    if not panel:
        return "（未抽签）"
    members = "、".join(
        f"{m['name']}（{PANEL_PLACES[m['role']]}）" for m in panel.get("members", [])
    )
    return f"{STEPS['draw']} {panel.get('draw_id')}：{members}"


@dataclass(frozen=True)
class PanelMember:
    """A reviewer on the panel (评审小组): role is "leader" (组长) or "member" (成员)."""

    name: str
    role: str
    organization: str = ""

    @property
    def role_label(self) -> str:
        return PANEL_PLACES[self.role]


@dataclass(frozen=True)
class Panel:
    """The panel as it serves: the drawn members after any replacement, and the draw it comes from."""

    draw_id: str
    members: tuple[PanelMember, ...]
    alternates: tuple[str, ...] = ()

    @property
    def leader(self) -> PanelMember | None:
        return next((m for m in self.members if m.role == "leader"), None)

    @property
    def ordinary(self) -> tuple[PanelMember, ...]:
        return tuple(m for m in self.members if m.role != "leader")


def panel_of(draw: DrawView | None) -> Panel | None:
    """The panel in force as the fingerprint and the documents show it: the latest draw with its replacements."""
    if draw is None:
        return None
    return Panel(
        draw_id=str(draw.id),
        members=tuple(PanelMember(m.name, m.role, m.organization) for m in draw.panel),
        alternates=tuple(m.name for m in draw.remaining_alternates),
    )


def of_case_in(session: Session, case_id: int) -> str:
    """The case's fingerprint as `session` sees it: the sign-off computes it inside the transaction that records the
    signature, so no value saved in between can slip under a signature made for older content."""
    detail = reading.read_case(session, case_id)
    panel = panel_of(draws.current_draw_in(session, case_id))
    return fingerprint_of(serialise(content(detail, panel)))


def of_case(db: Database, case_id: int) -> str:
    """The case's content fingerprint now: the one printed on its documents (signatures are bound to it)."""
    with db.session() as session:
        return of_case_in(session, case_id)
