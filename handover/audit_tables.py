"""The cross-check of the audit log against the tables (日志与数据表核对): every row is explained by its entries, and
every entry's effect is in the tables.

The hash chain (audit.py) shows the log was not rewritten; it cannot show that the tables were changed only through the
program. Here the log is replayed (case.create → case.status → value.edit → ...) into the state it says the tables are
in, and that is compared with what they hold, table by table. A row changed by plain SQL (with or without the triggers),
and an entry appended without its change, both come out as a `Mismatch` naming the row or the entry.

A check is a `TableCheck`: it gets the session and the parsed log and returns the first mismatch in its table, or None.
This module's checks are in CHECKS; higher layers add theirs (signoff/audit_check.py for the signatures, the draw's
own), and services/integrity.py runs them all.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from sqlalchemy import text
from sqlmodel import Session, col, select

from handover import catalogue as catalogue_mod
from handover.audit import AuditEntry
from handover.case_list import COMPLETE
from handover.models import Attachment, HandoverCase, IndicatorValue, NamedVillage, Unit, Village
from handover.words import STATUSES


@dataclass(frozen=True)
class Logged:
    """One entry of the log, its details parsed."""

    seq: int
    action: str
    case_id: int | None
    details: dict[str, Any]


@dataclass(frozen=True)
class Mismatch:
    """Where the log and the tables disagree: `where` names the row (表 signature 第 12 行) or the entry (第 57 条记录)."""

    where: str
    message: str

    @property
    def text(self) -> str:
        return f"{self.where}：{self.message}"


TableCheck = Callable[[Session, Sequence[Logged]], Mismatch | None]
R = TypeVar("R")


def read_log(session: Session) -> list[Logged]:
    rows = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq)))
    return [Logged(r.seq, r.action, r.case_id, json.loads(r.details)) for r in rows]


def entry(e: Logged) -> str:
    return f"第 {e.seq} 条记录（{e.action}）"


def shown(value: object) -> str:
    return "空" if value in (None, [], "") else f"“{'、'.join(value) if isinstance(value, list) else value}”"


#: the fields of a value as the log records them (services/cases.py _state), and their empty state
VALUE_FIELDS: dict[str, Any] = {
    "start": None, "end": None, "na_reason": None, "note": None, "villages_start": [], "villages_end": [],
}  # fmt: skip
CASE_FIELDS = ("unit", "outgoing", "incoming", "term_start", "term_end", "handover_date", "status", "grade", "comment")


@dataclass
class Replay:
    """The cases and values as the log says they are, and the first entry that contradicts the ones before it."""

    cases: dict[int, dict[str, Any]] = field(default_factory=dict)
    values: dict[tuple[int, str], dict[str, Any]] = field(default_factory=dict)
    problem: Mismatch | None = None

    def contradict(self, e: Logged, message: str) -> None:
        if self.problem is None:
            self.problem = Mismatch(entry(e), f"{message}；该记录与之前的记录矛盾，可能是绕过程序写入的")


def replay(session: Session, log: Sequence[Logged]) -> Replay:
    state = Replay()
    unit_types = dict(session.exec(select(Unit.name, Unit.unit_type)).all())
    unit_types.update({e.details["unit"]: e.details["type"] for e in log if e.action == "unit.add"})
    defaults = _default_na(unit_types)
    for e in log:
        if e.action in ("unit.rename", "village.rename"):
            _rename(state, e)
        if e.case_id is None or not e.action.startswith(("case.", "value.")):
            continue
        if e.action == "case.create":
            _create(state, e, defaults)
        elif e.action == "case.checkout":
            _checkout(state, e)
        elif e.action == "case.revise":
            _revise(state, e)
        elif e.case_id not in state.cases:
            state.contradict(e, f"案件 {e.case_id} 在日志中没有建立记录")
        elif e.action == "case.status":
            _change(state, e, {"status": e.details.get("old")}, {"status": e.details.get("new")})
        elif e.action == "case.evaluate":
            old, new = e.details.get("old", {}), e.details.get("new", {})
            _change(state, e, {"grade": old.get("grade"), "comment": old.get("comment")},
                    {"grade": new.get("grade"), "comment": new.get("comment")})  # fmt: skip
        elif e.action == "value.edit":
            _edit(state, e)
    return state


def _rename(state: Replay, e: Logged) -> None:
    """A unit or village renamed: the tables name it so in every case from then on (a signed case's record keeps the
    name it was signed with in signed_name, which the tables of this check do not read)."""
    d = e.details
    cases = {case_id for case_id, case in state.cases.items() if case["unit"] == d.get("unit")}
    if e.action == "unit.rename":
        for case_id in cases:
            state.cases[case_id]["unit"] = d.get("new")
        return
    for (case_id, _code), value in state.values.items():
        if case_id in cases:
            for key in ("villages_start", "villages_end"):
                value[key] = [d.get("new") if name == d.get("village") else name for name in value.get(key, [])]


def _default_na(unit_types: dict[str, str]) -> dict[str, dict[str, str]]:
    """The 不适用 reasons a new case starts with, by unit name (create_case sets them without an entry of their own)."""
    cat = catalogue_mod.load()
    by_type = {
        kind: {i.code: reason for i in cat.indicators if (reason := i.default_na_reason(kind))}
        for kind in set(unit_types.values())
    }
    return {name: by_type[kind] for name, kind in unit_types.items()}


def _create(state: Replay, e: Logged, defaults: dict[str, dict[str, str]]) -> None:
    assert e.case_id is not None
    d = e.details
    state.cases[e.case_id] = {
        "unit": d.get("unit"), "outgoing": d.get("outgoing"), "incoming": d.get("incoming"),
        "term_start": d.get("term_start"), "term_end": d.get("term_end"), "handover_date": d.get("handover_date"),
        "status": "draft", "grade": None, "comment": None,
    }  # fmt: skip
    for code, reason in defaults.get(str(d.get("unit")), {}).items():
        state.values[(e.case_id, code)] = {**VALUE_FIELDS, "na_reason": reason}


def _checkout(state: Replay, e: Logged) -> None:
    """A field file's log starts a case with everything it held at checkout (handover/field/checkout.py)."""
    assert e.case_id is not None
    state.cases[e.case_id] = dict(e.details.get("case", {}))
    for code, value in e.details.get("values", {}).items():
        state.values[(e.case_id, code)] = {**VALUE_FIELDS, **value}


def _revise(state: Replay, e: Logged) -> None:
    """A revision copies the signed case: its names, term, evaluation and values (signoff/revisions.py)."""
    assert e.case_id is not None
    old = e.details.get("revises")
    if old not in state.cases:
        state.contradict(e, f"修订所依据的案件 {old} 在日志中没有建立记录")
        return
    if state.cases[old]["status"] != "signed":
        state.contradict(e, f"按日志，案件 {old} 当时尚未签署，不能建立修订版本")
    state.cases[e.case_id] = {**state.cases[old], "status": "draft"}
    for (case, code), value in list(state.values.items()):
        if case == old:
            state.values[(e.case_id, code)] = dict(value)


def _change(state: Replay, e: Logged, old: dict[str, Any], new: dict[str, Any]) -> None:
    assert e.case_id is not None
    case = state.cases[e.case_id]
    if case["status"] == "signed":
        state.contradict(e, f"按日志，案件 {e.case_id} 此时已签署，不能再改动")
    for key, value in old.items():
        if case[key] != value:
            said, was = (STATUSES.get(value, value), STATUSES.get(case[key])) if key == "status" else (value, case[key])
            state.contradict(e, f"记录称案件 {e.case_id} 原来的{_CASE_WORDS[key]}是 {shown(said)}，但按之前的记录是 {shown(was)}")
    case.update(new)


def _edit(state: Replay, e: Logged) -> None:
    assert e.case_id is not None
    if state.cases[e.case_id]["status"] == "signed":
        state.contradict(e, f"按日志，案件 {e.case_id} 此时已签署，指标值不能再修改")
    code = str(e.details.get("code"))
    value = state.values.setdefault((e.case_id, code), dict(VALUE_FIELDS))
    for key, old in e.details.get("old", {}).items():
        if value.get(key, VALUE_FIELDS.get(key)) != old:
            state.contradict(e, f"记录称案件 {e.case_id} 指标 {code} 的{_VALUE_WORDS.get(key, key)}原来是 {shown(old)}，按之前的记录是 {shown(value.get(key))}")
    value.update(e.details.get("new", {}))


def check_cases(session: Session, log: Sequence[Logged]) -> Mismatch | None:
    """Each case's names, term, status and evaluation are those its entries leave; no case is missing either way."""
    state = replay(session, log)
    if state.problem is not None:
        return state.problem
    units = dict(session.exec(select(Unit.id, Unit.name)).all())
    table: dict[int, dict[str, Any]] = {}
    for row in session.exec(select(HandoverCase).order_by(col(HandoverCase.id))):
        assert row.id is not None
        table[row.id] = {
            "unit": units.get(row.unit_id), "outgoing": row.outgoing, "incoming": row.incoming,
            "term_start": str(row.term_start), "term_end": str(row.term_end),
            "handover_date": None if row.handover_date is None else str(row.handover_date), "status": row.status,
            "grade": row.evaluation_grade, "comment": row.evaluation_comment,
        }  # fmt: skip
    for case_id, stored in table.items():
        logged = state.cases.get(case_id)
        if logged is None:
            return Mismatch(f"表 handover_case 第 {case_id} 行", f"案件 {case_id} 在操作日志中没有建立记录：是绕过程序插入的")
        for key in CASE_FIELDS:
            if stored[key] != logged[key]:
                return Mismatch(f"表 handover_case 第 {case_id} 行", _differs(f"案件 {case_id} 的{_CASE_WORDS[key]}", stored[key], logged[key], key == "status"))
    missing = sorted(set(state.cases) - set(table))
    if missing:
        return Mismatch(f"案件 {missing[0]}", "操作日志中有该案件的建立记录，但数据表中没有这个案件：是绕过程序删除的")
    return None


_CASE_WORDS = {
    "unit": "单位", "outgoing": "离任书记", "incoming": "接任书记", "term_start": "届初日期", "term_end": "届末日期",
    "handover_date": "交接日期", "status": "状态", "grade": "总体评价等次", "comment": "总体评价评语",
}  # fmt: skip


def _differs(what: str, stored: object, logged: object, status: bool = False) -> str:
    if status:
        stored, logged = STATUSES.get(str(stored), stored), STATUSES.get(str(logged), logged)
    return f"{what}在数据表中是 {shown(stored)}，按操作日志应是 {shown(logged)}：数据被绕过程序直接改动过"


def check_values(session: Session, log: Sequence[Logged]) -> Mismatch | None:
    """Each indicator's values, 不适用 reason, note and named villages are those its value.edit entries leave."""
    state = replay(session, log)
    if state.problem is not None:
        return state.problem
    names: dict[int, dict[str, list[str]]] = {}
    villages = session.exec(
        select(NamedVillage.value_id, NamedVillage.point, Village.name)
        .join(Village, col(Village.id) == NamedVillage.village_id)
        .order_by(col(NamedVillage.value_id), col(NamedVillage.point), col(NamedVillage.position))
    )
    for value_id, point, name in villages:
        names.setdefault(value_id, {"start": [], "end": []})[point].append(name)
    table: dict[tuple[int, str], tuple[int, dict[str, Any]]] = {}
    for row in session.exec(select(IndicatorValue).order_by(col(IndicatorValue.id))):
        assert row.id is not None
        named = names.get(row.id, {"start": [], "end": []})
        table[(row.case_id, row.code)] = (row.id, {
            "start": row.start_value, "end": row.end_value, "na_reason": row.na_reason, "note": row.note,
            "villages_start": named["start"], "villages_end": named["end"],
        })  # fmt: skip
    for key in sorted(set(table) | set(state.values)):
        row_id, stored = table.get(key, (None, VALUE_FIELDS))
        logged = state.values.get(key, VALUE_FIELDS)
        for name in VALUE_FIELDS:
            if stored[name] != logged.get(name, VALUE_FIELDS[name]):
                where = f"表 indicator_value 第 {row_id} 行" if row_id is not None else f"案件 {key[0]} 指标 {key[1]}"
                what = f"案件 {key[0]} 指标 {key[1]} 的{_VALUE_WORDS[name]}"
                return Mismatch(where, _differs(what, stored[name], logged.get(name)))
    return None


_VALUE_WORDS = {
    "start": "届初值", "end": "届末值", "na_reason": "不适用理由", "note": "备注",
    "villages_start": "届初所列村（社区）", "villages_end": "届末所列村（社区）",
}  # fmt: skip


def logged_by(log: Sequence[Logged], action: str, key: str) -> dict[int, Logged]:
    """The entries of one action by the row id their details name (`signature_id`, `attachment_id`, ...)."""
    return {int(e.details.get(key) or 0): e for e in log if e.action == action}


def pair_rows(rows: Iterable[R], logged: dict[int, Logged], row_id: Callable[[R], int | None]) -> Iterator[tuple[R | None, Logged | None]]:
    """Each row with the entry that names its id (None when none does), then each entry left without a row, oldest
    first: the two directions of the cross-check for an append-only table."""
    left = dict(logged)
    for row in rows:
        yield row, left.pop(int(row_id(row) or 0), None)
    for e in sorted(left.values(), key=lambda e: e.seq):
        yield None, e


def check_attachments(session: Session, log: Sequence[Logged]) -> Mismatch | None:
    """Each attached file is the one its attachment.add entry describes (name, kind, size, SHA-256 of the bytes)."""
    rows = session.exec(select(Attachment).order_by(col(Attachment.id)))
    for row, e in pair_rows(rows, logged_by(log, "attachment.add", "attachment_id"), lambda r: r.id):
        if row is None:
            assert e is not None
            return Mismatch(entry(e), f"日志记录添加了附件 {e.details.get('filename')}，但数据表中没有：是绕过程序删除的")
        if e is None:
            return Mismatch(f"表 attachment 第 {row.id} 行", f"附件 {row.filename} 在操作日志中没有添加记录：是绕过程序插入的")
        d = e.details
        stored = (row.case_id, row.kind, row.filename, row.size, row.indicator_code, row.sha256)
        expected = (e.case_id, d.get("kind"), d.get("filename"), d.get("size"), d.get("indicator_code"), d.get("sha256"))
        if stored != expected or hashlib.sha256(row.content).hexdigest() != d.get("sha256"):
            return Mismatch(f"表 attachment 第 {row.id} 行", f"附件 {row.filename} 与{entry(e)}所记的不一致（文件内容、名称或所属案件被改动过）")
    return None


def check_completeness(session: Session, log: Sequence[Logged]) -> Mismatch | None:
    """Each case's stored completeness (handover_case.done_count, what the case list shows) is what its values say."""
    counted = dict(
        session.execute(text(f"SELECT v.case_id, count(*) FROM indicator_value v WHERE {COMPLETE} GROUP BY v.case_id")).all()
    )  # fmt: skip
    for case_id, stored in session.execute(text("SELECT id, done_count FROM handover_case ORDER BY id")).all():
        if stored != counted.get(case_id, 0):
            return Mismatch(
                f"表 handover_case 第 {case_id} 行",
                f"案件 {case_id} 记录的完成项数是 {stored}，按其指标值应是 {counted.get(case_id, 0)}：数据被绕过程序直接改动过",
            )
    return None


CHECKS: list[TableCheck] = [check_cases, check_values, check_attachments, check_completeness]
