"""The sign-off's part of the log-against-tables cross-check (see audit_tables.py): signatures, locks and revisions.

A signature row must be the one its signature.add entry describes; a lock (case.status → signed) must follow the three
required signatures on the fingerprint it names; and a signed case's content must still have that fingerprint, which
also covers what no entry describes on its own (village and unit names, the drawn panel).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from sqlmodel import Session, col, select

from handover.audit_tables import Logged, Mismatch, TableCheck, entry, logged_by, pair_rows
from handover.models import HandoverCase
from handover.signoff import fingerprint as content
from handover.signoff.models import CaseRevision, Signature
from handover.signoff.service import REQUIRED_ROLES, ROLES


def _ink(row: Signature) -> tuple[str, str]:
    """The ink's kind and SHA-256 as sign() records them."""
    kind = "strokes" if row.strokes is not None else "image" if row.image is not None else "paper"
    return kind, hashlib.sha256(row.strokes.encode() if row.strokes else row.image or b"").hexdigest()


def check_signatures(session: Session, log: Sequence[Logged]) -> Mismatch | None:
    """Every signature row is described by its signature.add entry, field by field, and every such entry has its row."""
    rows = session.exec(select(Signature).order_by(col(Signature.id)))
    for row, e in pair_rows(rows, logged_by(log, "signature.add", "signature_id"), lambda r: r.id):
        if row is None:
            assert e is not None
            return Mismatch(entry(e), f"日志记录了 {e.details.get('name')} 在案件 {e.case_id} 上的签字，但数据表中没有：是绕过程序删除的")
        where = f"表 signature 第 {row.id} 行"
        if e is None:
            return Mismatch(where, f"{ROLES.get(row.role, row.role)} {row.name} 在案件 {row.case_id} 上的签字在操作日志中没有记录：是绕过程序插入的")
        d = e.details
        stored = (row.case_id, row.role, row.name, row.fingerprint, *_ink(row))
        expected = (e.case_id, d.get("role"), d.get("name"), d.get("fingerprint"), d.get("ink"), d.get("ink_sha256"))
        if stored != expected:
            fields = ("案件", "签字角色", "签字人", "内容指纹", "笔迹类型", "笔迹")
            changed = "、".join(f for f, a, b in zip(fields, stored, expected, strict=True) if a != b)
            return Mismatch(where, f"{row.name} 的签字与{entry(e)}所记的不一致（{changed}被改动过）")
    return None


def _locks(log: Sequence[Logged]) -> dict[int, Logged]:
    return {e.case_id: e for e in log if e.case_id is not None and e.action == "case.status" and e.details.get("new") == "signed"}


def check_locks(session: Session, log: Sequence[Logged]) -> Mismatch | None:
    """Each lock follows the required signatures on its fingerprint; each signed case still has that fingerprint."""
    signed_on: dict[tuple[int | None, str], set[str]] = {}
    for e in log:
        if e.action == "signature.add" and not e.details.get("after_lock"):
            signed_on.setdefault((e.case_id, str(e.details.get("fingerprint"))), set()).add(str(e.details.get("role")))
        elif e.action == "case.status" and e.details.get("new") == "signed":
            fp = str(e.details.get("fingerprint"))
            missing = [ROLES[r] for r in REQUIRED_ROLES if r not in signed_on.get((e.case_id, fp), set())]
            if missing:
                return Mismatch(entry(e), (
                    f"记录称案件 {e.case_id} 已签署（内容指纹 {fp[:16]}…），但此前日志中没有{'、'.join(missing)}"
                    "在这一指纹上的签字：该记录与之前的记录矛盾，可能是绕过程序写入的"
                ))  # fmt: skip
    locks = _locks(log)
    for case_id in session.exec(select(HandoverCase.id).where(HandoverCase.status == "signed").order_by(col(HandoverCase.id))):
        lock = locks.get(case_id) if case_id is not None else None
        if lock is None or case_id is None:
            continue  # the case's status row disagrees with the log: audit_tables.check_cases names it
        now = content.of_case_in(session, case_id)
        if now != lock.details.get("fingerprint"):
            return Mismatch(f"案件 {case_id}", (
                f"签署时的内容指纹是 {str(lock.details.get('fingerprint'))[:16]}…（{entry(lock)}），"
                f"按数据库现在的内容计算是 {now[:16]}…：签署后数据被绕过程序直接改动过"
            ))  # fmt: skip
    return None


def check_revisions(session: Session, log: Sequence[Logged]) -> Mismatch | None:
    """Every link from a revision to the case it corrects is the one its case.revise entry records."""
    logged = {int(e.case_id or 0): e for e in log if e.action == "case.revise"}
    rows = session.exec(select(CaseRevision).order_by(col(CaseRevision.case_id)))
    for row, e in pair_rows(rows, logged, lambda r: r.case_id):
        if row is None:
            assert e is not None
            return Mismatch(entry(e), f"日志记录了案件 {e.case_id} 是修订版本，但数据表中没有这一修订关系")
        if e is None or (e.details.get("revises"), e.details.get("reason")) != (row.revises_id, row.reason):
            return Mismatch(f"表 case_revision 案件 {row.case_id}", "修订关系或修订理由与操作日志不一致：是绕过程序改动的")
    return None


CHECKS: list[TableCheck] = [check_signatures, check_locks, check_revisions]
