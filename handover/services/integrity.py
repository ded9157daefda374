"""`audit verify` in full: the hash chain, the organisation's checkpoints, and the log against the tables.

Each layer brings the checks of its own tables (audit_tables.CHECKS, signoff/audit_check.CHECKS, ...); CHECKS here is
the one list they are run from, in order, so a new table's check is one more entry.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from cryptography import x509

from handover import audit, audit_tables, checkpoints
from handover.db import Database
from handover.draw import audit_check as draw_check
from handover.signoff import audit_check as signoff_check

CHECKS: list[audit_tables.TableCheck] = [*audit_tables.CHECKS, *signoff_check.CHECKS, *draw_check.CHECKS]


@dataclass(frozen=True)
class IntegrityVerdict:
    """The chain's verdict; the checkpoints' and the tables' when the chain is whole (None when it is not)."""

    chain: audit.AuditVerdict
    anchors: checkpoints.CheckpointVerdict | None = None
    mismatch: audit_tables.Mismatch | None = None

    @property
    def ok(self) -> bool:
        anchored = self.anchors is not None and self.anchors.problem is None
        return self.chain.ok and anchored and self.mismatch is None

    def lines(self) -> list[str]:
        out = [self.chain.message]
        if self.anchors is not None:
            problem = self.anchors.problem
            out.append(self.anchors.summary if problem is None else f"日志检查点不通过：{problem.message}")
        if self.chain.ok:
            out.append(
                "操作日志与数据表一致：每个案件、指标值、签字、附件和抽签记录都有对应的日志记录，日志记录的改动都在数据表中。"
                if self.mismatch is None
                else f"操作日志与数据表不一致：{self.mismatch.text}"
            )
        return out


def verify(db: Database, head: str | None = None, trusted: Sequence[x509.Certificate] = ()) -> IntegrityVerdict:
    """Check the chain (and the printed `head`), then every checkpoint against `trusted`, then the tables."""
    chain = audit.verify(db, head=head)
    if not chain.ok:
        return IntegrityVerdict(chain)
    anchors = checkpoints.check(db, trusted)
    with db.session() as session:
        log = audit_tables.read_log(session)
        for check in CHECKS:
            mismatch = check(session, log)
            if mismatch is not None:
                return IntegrityVerdict(chain, anchors, mismatch)
    return IntegrityVerdict(chain, anchors)
