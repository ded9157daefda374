"""Drawing a case's review panel by lot (抽签), and checking it afterwards. What the GUI and the PDF appendix call:

- `preview(db, case_id)` → EligibilityPreview: who is in the draw, who is excluded and why, the pool hash (抽签前公示);
- `prepare(db, case_id)` → PreparedView: pool frozen, machine bytes drawn, the commitment shown (抽签公告);
- `draw(db, case_id, pool_hash=..., commitment=..., witness=...)` → DrawView: stored (and committed) before it is returned;
- `list_draws(db, case_id)` → every attempt, oldest first; `current_draw(db, case_id)` → the latest or None;
- `get_draw(db, draw_id)` → DrawView; `verify(db, draw_id)` → VerifyResult;
- `replace_member(db, draw_id, member, reason)` → DrawView with the next fitting alternate in place;
- `export(db, draw_id)` → everything a verifier needs (docs/verify_draw.py reads it).

Draw records and replacements are append-only: this module only ever inserts them (the database refuses updates too).
"""

from __future__ import annotations

from datetime import date

from sqlmodel import Session, col, select

from handover.db import Database
from handover.draw import algorithm
from handover.draw import record as records
from handover.draw.committed import draw, pending, prepare
from handover.draw.export import export
from handover.draw.reading import case_and_unit, draw_view, exclusion_views, record_of, refusals_of, replacements_of
from handover.draw.replace import replace_member
from handover.draw.snapshot import freeze_pool
from handover.draw.views import (
    CandidateView,
    DrawView,
    EligibilityPreview,
    VerifyResult,
)
from handover.errors import Refused
from handover.models import DrawPrepared, DrawRecord
from handover.words import REDRAW_REASONS

__all__ = ["REDRAW_REASONS", "current_draw", "current_draw_in", "draw", "export", "get_draw", "list_draws", "pending",
           "prepare", "preview", "replace_member", "verify"]  # fmt: skip


def preview(
    db: Database, case_id: int, *, size: int | None = None, alternates: int | None = None, today: date | None = None
) -> EligibilityPreview:
    """Freeze the pool as it stands now for this case, without drawing: show it and its hash to the witnesses.

    `problem` carries the refusal a draw would give now (unmet composition rule with the counts), else None.
    """
    on = today or date.today()
    with db.session() as session:
        case, unit = case_and_unit(session, case_id)
        snapshot = freeze_pool(session, case, unit, size, alternates, on)
    problem = None
    try:
        algorithm.check_composition(snapshot.pool, snapshot.panel_size, snapshot.alternates)
    except Refused as exc:
        problem = exc.message
    return EligibilityPreview(
        case_id=case_id,
        unit=unit.name,
        draw_date=on,
        panel_size=snapshot.panel_size,
        alternates=snapshot.alternates,
        eligible=tuple(CandidateView(c.certificate_no, c.name, c.organization, c.org_dept) for c in snapshot.pool),
        excluded=exclusion_views(snapshot),
        pool_hash=snapshot.sha256(),
        org_dept_eligible=sum(c.org_dept for c in snapshot.pool),
        work_units=len({c.organization for c in snapshot.pool}),
        problem=problem,
    )


def get_draw(db: Database, draw_id: int) -> DrawView:
    """One draw record with its replacements, for display, printing (appendix of the report) or export."""
    with db.session() as session:
        return draw_view(session, record_of(session, draw_id))


def list_draws(db: Database, case_id: int) -> list[DrawView]:
    """Every draw attempt of a case, oldest first; all but the last are marked superseded."""
    with db.session() as session:
        case_and_unit(session, case_id)
        records = session.exec(
            select(DrawRecord).where(DrawRecord.case_id == case_id).order_by(col(DrawRecord.attempt))
        ).all()
        return [draw_view(session, r) for r in records]


def current_draw(db: Database, case_id: int) -> DrawView | None:
    """The draw in force for a case (its latest attempt), or None if the panel has not been drawn yet."""
    with db.session() as session:
        return current_draw_in(session, case_id)


def current_draw_in(session: Session, case_id: int) -> DrawView | None:
    """`current_draw` inside a transaction the caller holds (the sign-off reads the panel of the case it locks)."""
    case_and_unit(session, case_id)
    record = session.exec(
        select(DrawRecord).where(DrawRecord.case_id == case_id).order_by(col(DrawRecord.attempt).desc())
    ).first()
    return None if record is None else draw_view(session, record)


def verify(db: Database, draw_id: int) -> VerifyResult:
    """Recompute the draw from its stored record and say, check by check, whether everything matches."""
    with db.session() as session:
        record = record_of(session, draw_id)
        assert record.id is not None
        rows = replacements_of(session, record.id)
        refusals = refusals_of(session, record.id)
        prepared = session.get(DrawPrepared, record.prepared_id) if record.prepared_id is not None else None
        earlier = None
        if record.attempt > 1:
            earlier = session.exec(
                select(DrawRecord).where(DrawRecord.case_id == record.case_id, DrawRecord.attempt == record.attempt - 1)
            ).first()
    return VerifyResult(draw_id, tuple(records.checks(record, rows, earlier, refusals, prepared)))
