"""Checking cases out (带出): a self-contained field file with the cases, their units and villages, the panel's names
(not the reviewer pool), the settings the documents print, and the base of every value; the office records who took
which case, when, into which file."""

from __future__ import annotations

import hashlib
import json
import os
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import text
from sqlmodel import Session, SQLModel, col, select

from handover import audit, cipher
from handover import db as dbmod
from handover.db import Database
from handover.draw.record import panel_after
from handover.errors import Refused
from handover.field import state as states
from handover.field.models import FieldBase, FieldCheckout, FieldMeta
from handover.identity import current_user
from handover.models import (
    DrawRecord,
    DrawReplacement,
    HandoverCase,
    IndicatorValue,
    NamedVillage,
    Setting,
    Unit,
    Village,
)
from handover.signoff.models import Signature
from handover.words import STATUSES

T = TypeVar("T", bound=SQLModel)


@dataclass(frozen=True)
class CheckoutResult:
    path: Path
    file_id: str
    case_ids: tuple[int, ...]
    encrypted: bool


def office_id(session: Session, *, make: bool = False) -> str | None:
    """This database's identity (a random UUID made at its first checkout), or None when it has none yet."""
    row = session.get(FieldMeta, "office_id")
    if row is None and make:
        row = FieldMeta(key="office_id", value=str(uuid.uuid4()))
        session.add(row)
        session.flush()
    return None if row is None else row.value


def is_field_file(db: Database) -> bool:
    with db.session() as session:
        return session.get(FieldMeta, "file_id") is not None


def open_checkouts(session: Session) -> dict[int, FieldCheckout]:
    """The checkouts not yet checked in, by case."""
    rows = session.exec(select(FieldCheckout).where(col(FieldCheckout.checked_in_at).is_(None)))
    return {r.case_id: r for r in rows}


def checked_out_ids(db: Database) -> frozenset[int]:
    """The cases that are out on a field visit now (the case lists mark them 外出核查中)."""
    with db.session() as session:
        return frozenset(open_checkouts(session))


def _check_cases(session: Session, case_ids: Sequence[int]) -> list[HandoverCase]:
    if not case_ids:
        raise Refused("请至少指定一个要带出的案件编号")
    if len(set(case_ids)) != len(case_ids):
        raise Refused("同一个案件编号写了两次")
    out = open_checkouts(session)
    rows = []
    for case_id in case_ids:
        row = session.get(HandoverCase, case_id)
        if row is None:
            raise Refused(f"没有编号为 {case_id} 的案件（可用 handover case list 查看）")
        if row.status == "signed":
            raise Refused(f"案件 {case_id} {STATUSES['signed']}并已锁定，不需要带出核查")
        if case_id in out:
            taken = out[case_id]
            raise Refused(
                f"案件 {case_id} 已于 {taken.taken_at:%Y-%m-%d %H:%M} 由 {taken.taken_by} 带出到 {taken.file_name}，"
                "请先带回（handover field checkin）"
            )
        rows.append(row)
    return rows


def _target(path: str | Path) -> Path:
    target = Path(path).expanduser().resolve()
    if not cipher.is_field_file(target):
        raise Refused(f"外出核查文件的文件名应以 {cipher.SUFFIX} 结尾，收到 “{target.name}”")
    if not target.parent.is_dir():
        raise Refused(f"外出核查文件所在的文件夹不存在：{target.parent}")
    if target.exists():
        raise Refused(f"文件 {target} 已存在；请换一个文件名（已有的文件不会被覆盖）")
    return target


def checkout(office: Database, case_ids: Sequence[int], path: str | Path, passphrase: str | None = None) -> CheckoutResult:
    """Write the field file (encrypted when a passphrase is given) and record the checkout, all or nothing: the file
    is built under a temporary name and takes its place only once the office's records are written."""
    target = _target(path)
    file_id = str(uuid.uuid4())
    partial = target.with_name(f".{target.name}.partial")
    for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        leftover.unlink(missing_ok=True)
    try:
        with office.session() as session:
            cases = _check_cases(session, case_ids)
            source = office_id(session, make=True)
            assert source is not None
            bases = {c.id: states.case_state(session, c.id) for c in cases if c.id is not None}
            field = dbmod.open_database(partial, passphrase=passphrase, create=True)
            try:
                seq, head = _fill(session, field, cases, bases, {"file_id": file_id, "office_id": source})
            finally:
                field.close()
            _record(session, cases, target, file_id, states.digest(bases), seq, head)
            os.replace(partial, target)
    finally:
        for leftover in (partial, Path(f"{partial}-wal"), Path(f"{partial}-shm")):
            leftover.unlink(missing_ok=True)
    return CheckoutResult(target, file_id, tuple(case_ids), passphrase is not None)


def _record(
    session: Session, cases: list[HandoverCase], target: Path, file_id: str, base_sha256: str, seq: int, head: str
) -> None:
    now, who = datetime.now(UTC), current_user()
    for case in cases:
        assert case.id is not None
        session.add(FieldCheckout(
            file_id=file_id, case_id=case.id, file_name=str(target), taken_by=who, taken_at=now,
            base_sha256=base_sha256, log_seq=seq, log_head=head,
        ))  # fmt: skip
        audit.record(session, "field.checkout", case.id, {"file_id": file_id, "file": target.name, "base_sha256": base_sha256})


def _copy(row: T) -> T:
    return type(row)(**row.model_dump())


def _fill(
    office: Session, field: Database, cases: list[HandoverCase], bases: dict[int, dict[str, Any]], meta: dict[str, str]
) -> tuple[int, str]:
    """Copy the cases into the new field file with their own ids, and start its log with what explains every row."""
    ids = [c.id for c in cases]
    unit_ids = {c.unit_id for c in cases}
    values = list(office.exec(select(IndicatorValue).where(col(IndicatorValue.case_id).in_(ids))))
    with field.session() as session:
        for row in office.exec(select(Setting)):
            session.add(_copy(row))
        for unit in office.exec(select(Unit)):  # every unit: a rank is checked against the number of units of a type
            session.add(_copy(unit))
        session.flush()
        for village in office.exec(select(Village).where(col(Village.unit_id).in_(unit_ids))):
            session.add(_copy(village))
        for case in cases:
            session.add(_copy(case))
        session.flush()
        for value in values:
            session.add(_copy(value))
        session.flush()
        value_ids = [v.id for v in values]
        for named in office.exec(select(NamedVillage).where(col(NamedVillage.value_id).in_(value_ids))):
            session.add(_copy(named))
        meta = {**meta, "checked_out_at": datetime.now(UTC).isoformat(), "checked_out_by": current_user()}
        for key, text in meta.items():
            session.add(FieldMeta(key=key, value=text))
        audit.record(session, "field.checkout", None, {"file_id": meta["file_id"], "office_id": meta["office_id"], "cases": ids})
        for case in cases:
            assert case.id is not None
            session.add(FieldBase(case_id=case.id, base=states.canonical(bases[case.id])))
            _log_case(session, bases[case.id], case)
            _copy_panel(office, session, case.id)
            _copy_signatures(office, session, case.id)
        _office_only(session)
        return audit.head_in(session)


#: what a field file refuses at the database too (the GUI's draw tab, a script): the office's tables, by statement
OFFICE_TABLES = {
    "draw_prepared": ("INSERT",), "draw_record": ("INSERT",), "draw_replacement": ("INSERT",),
    "draw_replacement_refusal": ("INSERT",), "setting": ("INSERT", "UPDATE"), "reviewer": ("INSERT", "UPDATE"),
    "reviewer_conflict": ("INSERT",),
}  # fmt: skip
#: the words of those refusals; ui/errors.py shows what follows the marker
FIELD_REFUSAL = "handover-field: 这是外出核查文件：抽签、设置和评审人员库只能在办公室的数据库中修改"
#: a document printed from a field file would show the cut-down draw record (no pool): documents are made at the office
REPORT_REFUSAL = "handover-field: 这是外出核查文件：正式文件（PDF）在带回后由办公室生成（外出核查文件不带评审人员库，抽签记录不完整）"


def _office_only(session: Session) -> None:
    for table, statements in OFFICE_TABLES.items():
        for statement in statements:
            session.exec(text(  # type: ignore[call-overload]
                f"CREATE TRIGGER field_office_only_{table}_{statement.lower()} BEFORE {statement} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{FIELD_REFUSAL}'); END"
            ))  # fmt: skip
    session.exec(text(  # type: ignore[call-overload]
        "CREATE TRIGGER field_office_only_report BEFORE INSERT ON audit_log WHEN NEW.action = 'report.generate' "
        f"BEGIN SELECT RAISE(ABORT, '{REPORT_REFUSAL}'); END"
    ))  # fmt: skip


def _log_case(session: Session, base: dict[str, Any], case: HandoverCase) -> None:
    """The field log's first word on a case: everything it holds at checkout (audit_tables replays it as the start)."""
    data = base["content"]
    details = {
        "case": {
            "unit": data["case"]["unit"], "outgoing": case.outgoing, "incoming": case.incoming,
            "term_start": str(case.term_start), "term_end": str(case.term_end),
            "handover_date": None if case.handover_date is None else str(case.handover_date),
            "status": case.status, "grade": case.evaluation_grade, "comment": case.evaluation_comment,
        },
        "values": {v["code"]: {k: x for k, x in v.items() if k != "code"} for v in data["values"]},
        "fingerprint": base["fingerprint"],
    }  # fmt: skip
    audit.record(session, "case.checkout", case.id, details)


def _copy_panel(office: Session, session: Session, case_id: int) -> None:
    """The draw in force, with its pool cut down to the panel's names: who else was in the pool stays in the office."""
    record = office.exec(
        select(DrawRecord).where(DrawRecord.case_id == case_id).order_by(col(DrawRecord.attempt).desc())
    ).first()
    if record is None:
        return
    replacements = list(office.exec(select(DrawReplacement).where(DrawReplacement.draw_id == record.id)))
    result = json.loads(record.result)
    panel = dict(panel_after(result, replacements))
    snapshot = json.loads(record.snapshot)
    people = {c["certificate_no"]: c for c in snapshot["pool"]}
    named = set(panel)
    mentioned = {m["certificate_no"] for m in (*result["members"], *result["alternates"])}
    mentioned |= {r.replacement_certificate_no for r in replacements}
    snapshot["pool"] = [_person(people.get(c, {}), c, c in named) for c in sorted(mentioned)]
    snapshot["excluded"] = []
    for group in ("members", "alternates"):
        result[group] = [{**m, "name": m["name"] if m["certificate_no"] in named else ""} for m in result[group]]
    copy = _copy(record)
    copy.snapshot, copy.result, copy.prepared_id = states.canonical(snapshot), states.canonical(result), None
    session.add(copy)
    session.flush()
    audit.record(session, "draw", case_id, {"draw_id": record.id, "record_hash": record.record_hash, "copied": True})
    for row in replacements:
        session.add(_copy(row))
        session.flush()
        audit.record(session, "draw.replace", case_id, {"draw_id": row.draw_id, "record_hash": row.record_hash, "copied": True})


def _person(person: dict[str, Any], certificate_no: str, named: bool) -> dict[str, Any]:
    return {
        "certificate_no": certificate_no, "name": person.get("name", "") if named else "",
        "organization": person.get("organization", "") if named else "", "org_dept": bool(person.get("org_dept")),
    }  # fmt: skip


def _copy_signatures(office: Session, session: Session, case_id: int) -> None:
    for row in office.exec(select(Signature).where(Signature.case_id == case_id).order_by(col(Signature.id))):
        session.add(_copy(row))
        session.flush()
        audit.record(session, "signature.add", case_id, signature_details(row) | {"copied": True})


def signature_details(row: Signature) -> dict[str, Any]:
    """A signature's audit details as the sign-off records them (signoff/service.py sign)."""
    ink = "strokes" if row.strokes is not None else "image" if row.image is not None else "paper"
    raw = row.strokes.encode() if row.strokes else row.image or b""
    return {
        "signature_id": row.id, "role": row.role, "name": row.name, "fingerprint": row.fingerprint, "ink": ink,
        "ink_sha256": hashlib.sha256(raw).hexdigest(),
    }  # fmt: skip
