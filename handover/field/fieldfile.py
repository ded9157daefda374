"""Opening a field file brought back and deciding whether it may be checked in: from this office database, written only
by this program since the checkout (docs/field.md, 防篡改)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from handover import cipher
from handover import db as dbmod
from handover.audit import AuditEntry
from handover.db import Database
from handover.errors import Refused
from handover.field import state as states
from handover.field.checkout import office_id
from handover.field.models import FieldBase, FieldCheckout, FieldMeta
from handover.services import integrity


@dataclass(frozen=True)
class FieldFile:
    """A field file that passed the checks: its id, the bases of its cases and its log after the checkout."""

    path: Path
    db: Database
    file_id: str
    bases: dict[int, dict[str, Any]]
    head: str


def open_field(path: str | Path, passphrase: str | None) -> Database:
    """The field file as a database; an encrypted one needs its passphrase (refused without it, or with a wrong one)."""
    target = Path(path).expanduser().resolve()
    if not target.is_file():
        raise Refused(f"外出核查文件不存在：{target}")
    encrypted = cipher.is_field_file(target) and cipher.is_encrypted(target)
    if encrypted and passphrase is None:
        raise Refused(
            f"外出核查文件 {target.name} 已加密，须提供口令（命令行：--passphrase-env 环境变量名，或设置 HANDOVER_PASSPHRASE）"
        )
    return dbmod.open_database(target, passphrase=passphrase if encrypted else None, migrate=False)


def _meta(session: Session) -> dict[str, str]:
    return {r.key: r.value for r in session.exec(select(FieldMeta))}


def check(office: Database, path: str | Path, passphrase: str | None) -> FieldFile:
    """Open and check the field file against this office database; refuse it, saying why, when it does not fit."""
    field = open_field(path, passphrase)
    if field.encrypted and passphrase is not None and cipher.damaged_pages(Path(path), passphrase):
        field.close()
        raise Refused(f"{Path(path).name} 有数据页的校验不符：文件在本程序之外被改动过，不能带回")
    try:
        return _checked(office, field, Path(path))
    except BaseException:
        field.close()
        raise


def _checked(office: Database, field: Database, path: Path) -> FieldFile:
    with field.session() as session:
        meta = _meta(session)
        bases = {r.case_id: json.loads(r.base) for r in session.exec(select(FieldBase))}
    if "file_id" not in meta:
        raise Refused(f"{path.name} 不是外出核查文件（由 handover field checkout 生成的文件）")
    with office.session() as session:
        here = office_id(session)
        rows = list(session.exec(select(FieldCheckout).where(FieldCheckout.file_id == meta["file_id"])))
    if here is None or meta.get("office_id") != here or not rows:
        raise Refused(f"{path.name} 不是从本数据库带出的外出核查文件（它来自另一个办公室数据库），不能带回到这里")
    recorded = rows[0]
    if states.digest(bases) != recorded.base_sha256 or sorted(bases) != sorted(r.case_id for r in rows):
        raise Refused(f"{path.name} 中记录的带出时内容与办公室的记录不符：文件在本程序之外被改动过，不能带回")
    verdict = integrity.verify(field)
    if not verdict.chain.ok or verdict.mismatch is not None:
        raise Refused(f"{path.name} 在本程序之外被改动过，不能带回：" + "；".join(verdict.lines()))
    with field.session() as session:
        anchor = session.exec(select(AuditEntry).where(AuditEntry.seq == recorded.log_seq)).first()
        last = session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc())).first()
    if anchor is None or anchor.hash != recorded.log_head or last is None:
        raise Refused(f"{path.name} 的操作日志与带出时办公室记下的不一致：文件被替换或改写过，不能带回")
    return FieldFile(path, field, meta["file_id"], bases, last.hash)


def field_entries(field: Database, after_seq: int, case_id: int, unit: str) -> list[dict[str, Any]]:
    """The field's log entries about one case after the checkout (who, when, what), as the office log keeps them."""
    with field.session() as session:
        rows = session.exec(select(AuditEntry).where(AuditEntry.seq > after_seq).order_by(col(AuditEntry.seq)))
        return [
            {"seq": r.seq, "at": r.at, "actor": r.actor, "action": r.action, "details": json.loads(r.details), "hash": r.hash}
            for r in rows
            if r.case_id == case_id or (r.action == "village.add" and json.loads(r.details).get("unit") == unit)
        ]


def changed_after(field: Database, head: str | None, case_id: int, unit: str) -> bool:
    """Whether the field log has entries about the case after the entry `head` (the head when it was checked in)."""
    with field.session() as session:
        seq = session.exec(select(AuditEntry.seq).where(AuditEntry.hash == head)).first()
    return seq is None or bool(field_entries(field, seq, case_id, unit))
