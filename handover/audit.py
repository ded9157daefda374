"""The append-only audit log (操作日志): every change, chained by SHA-256 so a rewritten history is found and named.

Canonical form of an entry (what its hash covers), version 1:

    json.dumps([seq, at, actor, action, case_id, details, prev_hash], ensure_ascii=False, separators=(",", ":"))

encoded as UTF-8, where `seq` is the entry's position (1, 2, 3, ...), `at` the UTC time as ISO 8601 text
(`2026-11-21T07:15:25.123456+00:00`), `actor` the user name (see identity.py), `action` a short code such as
`value.edit`, `case_id` a number or null, `details` the stored JSON text of the details exactly as written
(itself `json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`), and `prev_hash` the hash of
entry seq-1 (64 zeros for the first). `hash = sha256(canonical).hexdigest()`.

Entries are written in the same transaction as the change they describe, so a change without its entry (or an entry
without its change) cannot be committed. The table refuses UPDATE and DELETE by database triggers (migration 0003);
someone who drops the triggers and edits the file is caught by `verify`. Removing the newest entries leaves a shorter
but consistent chain: that is why the head hash is printed on every report and `verify(head=...)` checks it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Column, Integer, String, Table, Text, UniqueConstraint, insert, text
from sqlmodel import Field, Session, SQLModel, col, func, select

from handover.db import Database, hold_write_lock
from handover.identity import current_user
from handover.words import STEPS

GENESIS = "0" * 64

#: what each action code means, for listings (Chinese for the user)
ACTIONS = {
    "case.create": "新建案件",
    "case.status": "状态变更",
    "case.evaluate": "填写总体评价",
    "case.revise": "建立修订版本",
    "value.edit": "修改指标值",
    "attachment.add": "添加附件",
    "signature.add": STEPS["sign"],
    "report.generate": "生成报告",
    "unit.add": "添加单位",
    "village.add": "添加村（社区）",
    "unit.rename": "单位改名",
    "unit.delete": "删除单位",
    "village.rename": "村（社区）改名",
    "village.delete": "删除村（社区）",
    "setting.set": "修改设置",
    "draw": STEPS["draw"],
    "draw.attempt": "抽签尝试",
    "draw.replace": "替补",
    "draw.prepare": "抽签准备",
    "draw.replace.refused": "替补被拒",
    "reviewer.add": "添加评审人员",
    "reviewer.update": "修改评审人员",
    "reviewer.import": "导入评审人员库",
    "audit.checkpoint": "单位签名的日志检查点",
    "field.checkout": "带出外出核查",
    "case.checkout": "外出核查文件的起始内容",
    "field.checkin": "外出核查带回",
    "field.resolve": "外出核查冲突的裁决",
}


class AuditEntry(SQLModel, table=True):
    """One entry of the audit log; never updated or deleted."""

    __tablename__ = "audit_log"
    __table_args__ = (UniqueConstraint("seq", name="uq_audit_seq"),)
    id: int | None = Field(default=None, primary_key=True)
    seq: int = Field(sa_column=Column(Integer, nullable=False))
    at: str = Field(sa_column=Column(String(40), nullable=False))
    actor: str = Field(sa_column=Column(String(100), nullable=False))
    action: str = Field(sa_column=Column(String(40), nullable=False))
    case_id: int | None = Field(default=None, sa_column=Column(Integer, nullable=True, index=True))
    details: str = Field(sa_column=Column(Text, nullable=False))
    prev_hash: str = Field(sa_column=Column(String(64), nullable=False))
    hash: str = Field(sa_column=Column(String(64), nullable=False))


def canonical_details(details: dict[str, Any]) -> str:
    return json.dumps(details, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)


def canonical(seq: int, at: str, actor: str, action: str, case_id: int | None, details: str, prev_hash: str) -> bytes:
    """The bytes an entry's hash covers (see the module docstring)."""
    fields = [seq, at, actor, action, case_id, details, prev_hash]
    return _CANONICAL.encode(fields).encode("utf-8")


#: json.dumps(fields, ensure_ascii=False, separators=(",", ":")) without making an encoder per entry (verify hashes 100,000)
_CANONICAL = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def entry_hash(seq: int, at: str, actor: str, action: str, case_id: int | None, details: str, prev_hash: str) -> str:
    return hashlib.sha256(canonical(seq, at, actor, action, case_id, details, prev_hash)).hexdigest()


def _last(session: Session) -> AuditEntry | None:
    return session.exec(select(AuditEntry).order_by(col(AuditEntry.seq).desc()).limit(1)).first()


_TABLE = cast(Table, AuditEntry.__table__)  # type: ignore[attr-defined]

#: the PostgreSQL advisory lock that serialises appends ("handover" in ASCII, as a bigint)
PG_APPEND_LOCK = int.from_bytes(b"handover", "big")


def _hold_append_lock(session: Session) -> None:
    """Make this transaction the only one appending until it ends, so the newest entry read next stays the newest.

    Without this two writers read the same newest entry and the second fails on the unique `seq`. SQLite: a
    transaction that has already changed something holds the database's write lock; one that has not takes it now
    (BEGIN IMMEDIATE, waiting up to the busy timeout). PostgreSQL: a transaction-scoped advisory lock; each statement
    after it sees what the previous holder committed.
    """
    session.flush()  # pending changes first: on SQLite they take the write lock themselves
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": PG_APPEND_LOCK})
    else:
        hold_write_lock(session)


def record(
    session: Session, action: str, case_id: int | None, details: dict[str, Any], *, actor: str | None = None
) -> str:
    """Append an entry in the caller's transaction (so it commits or rolls back with the change). Returns its hash.

    Appends are serialised (`_hold_append_lock`): two writers at the same moment both succeed, one after the other,
    and `seq` is unique besides, so a chain cannot fork even if the lock were bypassed.
    """
    _hold_append_lock(session)
    last = _last(session)
    seq = 1 if last is None else last.seq + 1
    prev = GENESIS if last is None else last.hash
    at = _now()
    who = _actor(session, actor)
    text = canonical_details(details)
    digest = entry_hash(seq, at, who, action, case_id, text, prev)
    session.add(
        AuditEntry(seq=seq, at=at, actor=who, action=action, case_id=case_id, details=text, prev_hash=prev, hash=digest)
    )
    session.flush()
    return digest


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="microseconds")


def _actor(session: Session, actor: str | None) -> str:
    """Who the entry names. On a county server (`handover server init`, docs/server.md) the signed-in database user,
    read from the database, as its trigger refuses any other name; elsewhere the name given or the local user."""
    return _server_user(session) or actor or current_user()


def _server_user(session: Session) -> str | None:
    """The signed-in database user on a county server, whose trigger refuses entries naming anyone else; else None."""
    connection = session.connection()
    if connection.dialect.name == "postgresql":
        user, server = connection.execute(
            text("SELECT session_user::text, to_regclass('handover_server_role') IS NOT NULL")
        ).one()
        if server:
            return str(user)
    return None


@dataclass(frozen=True)
class Pending:
    """An entry not yet appended (see `record_many`): what happened, its details as stored text, and when."""

    action: str
    case_id: int | None
    details: str
    at: str
    actor: str | None = None


def pending(action: str, case_id: int | None, details: dict[str, Any], *, actor: str | None = None) -> Pending:
    """An entry for `record_many`, stamped now, its details fixed now (as `record` would store them)."""
    return Pending(action, case_id, canonical_details(details), _now(), actor)


def record_many(session: Session, entries: Sequence[Pending]) -> list[str]:
    """Append the entries in order in the caller's transaction, stored exactly as one `record` call each would store
    them, but with the append lock taken once, the newest entry read once and one INSERT for all. Their hashes."""
    if not entries:
        return []
    _hold_append_lock(session)
    seq, prev = head_in(session)
    server = _server_user(session)
    local: str | None = None
    rows: list[dict[str, Any]] = []
    for entry in entries:
        who = server or entry.actor or local or (local := current_user())
        seq += 1
        digest = entry_hash(seq, entry.at, who, entry.action, entry.case_id, entry.details, prev)
        rows.append({
            "seq": seq, "at": entry.at, "actor": who, "action": entry.action, "case_id": entry.case_id,
            "details": entry.details, "prev_hash": prev, "hash": digest,
        })  # fmt: skip
        prev = digest
    session.connection().execute(insert(_TABLE), rows)  # plain rows: no ORM objects to build for them
    return [row["hash"] for row in rows]


def head_for_append(session: Session) -> tuple[int, str]:
    """The head as the next `record` in this transaction will chain onto it: appends by others wait until it ends."""
    _hold_append_lock(session)
    return head_in(session)


def head_in(session: Session) -> tuple[int, str]:
    """(number of entries, hash of the newest entry); (0, 64 zeros) for an empty log."""
    last = _last(session)
    return (0, GENESIS) if last is None else (last.seq, last.hash)


def head(db: Database) -> tuple[int, str]:
    """The head of the log, printed on reports: the paper then pins the history up to that moment."""
    with db.session() as session:
        return head_in(session)


@dataclass(frozen=True)
class EntryView:
    seq: int
    at: str
    actor: str
    action: str
    action_label: str
    case_id: int | None
    details: dict[str, Any]
    hash: str


def entries(db: Database, case_id: int | None = None, limit: int | None = None) -> list[EntryView]:
    """The log (oldest first), optionally only one case's entries or the newest `limit`."""
    with db.session() as session:
        query = select(AuditEntry)
        if case_id is not None:
            query = query.where(AuditEntry.case_id == case_id)
        query = query.order_by(col(AuditEntry.seq).desc())
        if limit:
            query = query.limit(limit)
        rows = list(session.exec(query))
    return [
        EntryView(r.seq, r.at, r.actor, r.action, ACTIONS.get(r.action, r.action), r.case_id, json.loads(r.details), r.hash)
        for r in reversed(rows)
    ]


@dataclass(frozen=True)
class Problem:
    """The first place the chain breaks: `seq` is the entry named, `kind` altered|removed|reordered|head."""

    seq: int
    kind: str
    message: str


@dataclass(frozen=True)
class AuditVerdict:
    ok: bool
    count: int
    head: str
    problem: Problem | None

    @property
    def message(self) -> str:
        if self.problem is None:
            return f"操作日志完整：共 {self.count} 条记录，哈希链首尾相接，未发现改动、删除或调换顺序。最新哈希 {self.head}"
        return f"操作日志已被篡改：{self.problem.message}"


_Row = tuple[int, str, str, str, int | None, str, str, str]


def _hash_of(row: _Row, seq: int | None = None) -> str:
    s, at, actor, action, case_id, details, prev, _stored = row
    return entry_hash(s if seq is None else seq, at, actor, action, case_id, details, prev)


def _original_position(row: _Row, count: int) -> int | None:
    """The position an entry was written at, when it now sits elsewhere (its stored hash fits another seq)."""
    for seq in range(1, count + 2):
        if seq != row[0] and _hash_of(row, seq) == row[7]:
            return seq
    return None


def check_chain(rows: Sequence[_Row], head: str | None = None) -> AuditVerdict:
    """Walk the chain in seq order and name the first entry altered, removed or reordered."""
    prev = GENESIS
    by_hash = {r[7]: r[0] for r in rows}
    for index, row in enumerate(rows):
        expected = index + 1
        seq, stored = row[0], row[7]
        if seq > expected:
            missing = f"第 {expected} 条" if seq == expected + 1 else f"第 {expected}～{seq - 1} 条"
            return _bad(rows, Problem(expected, "removed", f"{missing}记录被删除（第 {seq} 条之前缺少记录）"))
        if _hash_of(row) != stored:
            original = _original_position(row, len(rows))
            if original is not None:
                return _bad(
                    rows, Problem(seq, "reordered", f"第 {seq} 条记录原本是第 {original} 条：记录的顺序被调换")
                )
            return _bad(rows, Problem(seq, "altered", f"第 {seq} 条记录（{row[1]} {row[2]} {row[3]}）的内容被改动"))
        if row[6] != prev:
            if row[6] in by_hash and by_hash[row[6]] != seq - 1:
                return _bad(
                    rows,
                    Problem(seq, "reordered", f"第 {seq} 条记录本应接在第 {by_hash[row[6]]} 条之后：记录的顺序被调换"),
                )
            return _bad(
                rows,
                Problem(
                    seq - 1,
                    "altered",
                    f"第 {seq - 1} 条记录被改动（连同其哈希一起重写），或在第 {seq} 条之前有记录被删除："
                    f"第 {seq} 条记录的前一哈希对不上",
                ),
            )
        prev = stored
    if head is not None and not _head_present(head, by_hash):
        return _bad(
            rows,
            Problem(
                len(rows),
                "head",
                f"报告上印的日志哈希 {head.strip()[:16]}… 不在日志中：报告打印之后，日志被改写或末尾的记录被删除",
            ),
        )
    return AuditVerdict(True, len(rows), prev, None)


def _head_present(head: str, hashes: dict[str, int]) -> bool:
    """A head copied from paper may be shortened: 16 hex digits or more must match the start of an entry's hash."""
    needle = "".join(head.split()).lower().rstrip("…").rstrip(".")
    if len(needle) < 16:
        return False
    return needle == GENESIS[: len(needle)] or any(h.startswith(needle) for h in hashes)


def _bad(rows: Sequence[_Row], problem: Problem) -> AuditVerdict:
    return AuditVerdict(False, len(rows), rows[-1][7] if rows else GENESIS, problem)


_CHAIN = select(*(col(c) for c in (
    AuditEntry.seq, AuditEntry.at, AuditEntry.actor, AuditEntry.action, AuditEntry.case_id, AuditEntry.details,
    AuditEntry.prev_hash, AuditEntry.hash,
))).order_by(col(AuditEntry.seq))  # fmt: skip


def verify(db: Database, head: str | None = None) -> AuditVerdict:
    """Check the whole log; `head` is a hash from a printed report that must still be part of the chain."""
    with db.session() as session:
        # plain tuples in seq order, not one ORM object per entry: a county's log holds hundreds of thousands
        rows = session.connection().execute(_CHAIN).all()
        return check_chain(cast(Sequence[_Row], rows), head)


def count(db: Database) -> int:
    with db.session() as session:
        return int(session.exec(select(func.count()).select_from(AuditEntry)).one())
