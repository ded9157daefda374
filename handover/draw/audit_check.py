"""Cross-check of the draw tables against the audit log: a draw row that has no entry of its own was not written here.

The service writes every prepared attempt, draw record, replacement and refused replacement together with its audit
entry, in one transaction. A row added with plain SQL has none, however consistent its own hashes are; `handover audit
verify` calls `first_unlogged` after checking the log's chain and fails naming that row.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from sqlmodel import Session, col, select

from handover.audit import AuditEntry
from handover.audit_tables import Logged, Mismatch, TableCheck
from handover.db import Database
from handover.models import DrawPrepared, DrawRecord, DrawReplacement, DrawReplacementRefusal


def _logged(session: Session, action: str, keys: tuple[str, ...]) -> set[tuple[Any, ...]]:
    """The values of `keys` in the details of every entry of this action."""
    found = set()
    for text in session.exec(select(AuditEntry.details).where(AuditEntry.action == action)):
        details = json.loads(text)
        found.add(tuple(details.get(k) for k in keys))
    return found


def _first_missing(rows: Iterable[Any], logged: set[tuple[Any, ...]], key: Any, describe: Any) -> str | None:
    for row in rows:
        if key(row) not in logged:
            return f"{describe(row)}在操作日志中没有对应的记录：它不是由本程序写入的（例如用 SQL 直接插入）"
    return None


def first_unlogged(db: Database) -> str | None:
    """A message naming the first draw row without its audit entry, or None when every row has one."""
    with db.session() as session:
        return first_unlogged_in(session)


def check(session: Session, _log: Sequence[Logged]) -> Mismatch | None:
    """The draw tables' entry in `audit verify`'s list of table checks (services/integrity.py)."""
    problem = first_unlogged_in(session)
    return None if problem is None else Mismatch("抽签数据", problem)


CHECKS: list[TableCheck] = [check]


def first_unlogged_in(session: Session) -> str | None:
    """`first_unlogged` inside the caller's transaction."""
    checks: list[tuple[Iterable[Any], set[tuple[Any, ...]], Callable[[Any], Any], Callable[[Any], str]]] = [
        (
            session.exec(select(DrawPrepared).order_by(col(DrawPrepared.id))),
            _logged(session, "draw.prepare", ("prepared_id", "commitment")),
            lambda r: (r.id, r.commitment),
            lambda r: f"抽签准备记录 {r.id}（案件 {r.case_id} 第{r.seq}次准备）",
        ),
        (
            session.exec(select(DrawRecord).order_by(col(DrawRecord.id))),
            _logged(session, "draw", ("draw_id", "record_hash")),
            lambda r: (r.id, r.record_hash),
            lambda r: f"抽签记录 {r.id}（案件 {r.case_id} 第{r.attempt}次抽签）",
        ),
        (
            session.exec(select(DrawReplacement).order_by(col(DrawReplacement.id))),
            _logged(session, "draw.replace", ("draw_id", "record_hash")),
            lambda r: (r.draw_id, r.record_hash),
            lambda r: f"递补记录 {r.id}（抽签记录 {r.draw_id} 第{r.seq}次递补）",
        ),
        (
            session.exec(select(DrawReplacementRefusal).order_by(col(DrawReplacementRefusal.id))),
            _logged(session, "draw.replace.refused", ("draw_id", "record_hash")),
            lambda r: (r.draw_id, r.record_hash),
            lambda r: f"被拒绝的递补记录 {r.id}（抽签记录 {r.draw_id} 第{r.seq}次）",
        ),
    ]
    for rows, logged, key, describe in checks:
        problem = _first_missing(rows, logged, key, describe)
        if problem is not None:
            return problem
    return None
