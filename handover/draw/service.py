"""Drawing a case's review panel by lot (抽签), and checking it afterwards. What the GUI and the PDF appendix call:

- `preview(db, case_id)` → EligibilityPreview: who is in the draw, who is excluded and why, the pool hash (抽签前公示);
- `draw(db, case_id, witness=..., reason=...)` → DrawView: stored (and committed) before it is returned;
- `list_draws(db, case_id)` → every attempt, oldest first; `current_draw(db, case_id)` → the latest or None;
- `get_draw(db, draw_id)` → DrawView; `verify(db, draw_id)` → VerifyResult;
- `replace_member(db, draw_id, member, reason)` → DrawView with the next fitting alternate in place.

Draw records and replacements are append-only: this module only ever inserts them (the database refuses updates too).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from handover import audit, reading, value_rules
from handover.db import Database
from handover.draw import algorithm
from handover.draw import record as records
from handover.draw.reading import case_and_unit, draw_view, exclusion_views, is_latest, replacements_of
from handover.draw.snapshot import freeze_pool
from handover.draw.views import (
    CandidateView,
    DrawView,
    EligibilityPreview,
    VerifyResult,
)
from handover.errors import NotFound, Refused
from handover.identity import current_user
from handover.models import DrawRecord, DrawReplacement, HandoverCase


def _now() -> datetime:
    """UTC to the second: stored and hashed the same on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(microsecond=0)


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


def draw(
    db: Database,
    case_id: int,
    *,
    size: int | None = None,
    alternates: int | None = None,
    witness: str | None = None,
    reason: str | None = None,
    expected_pool_hash: str | None = None,
    today: date | None = None,
) -> DrawView:
    """Draw the panel for a case and store the record; it is committed before this returns, so before anyone sees it.

    A case that already has a draw needs `reason` (the earlier attempts stay). `expected_pool_hash`, if given, is the
    hash shown by `preview`: the draw is refused if the pool changed since. Size and alternates default to the settings
    panel_size and panel_alternates; `today` is the draw date the rules are judged on (default: today).

    A refused draw stores nothing of the draw, but the attempt goes into the audit log (`draw.attempt`, with the
    refusal): who tried to draw, when, and why it was not allowed (e.g. the pool changed after it was shown).
    """
    algorithm.check_sizes(size, alternates)  # a typing mistake, not an attempt to draw
    on = today or date.today()
    reason = value_rules.clean_text(reason or "") or None
    attempt: dict[str, object] = {"reason": reason, "witness": algorithm.normalise_witness(witness),
                                  "expected_pool_hash": expected_pool_hash, "size": size, "alternates": alternates}  # fmt: skip
    try:
        return _draw(db, case_id, size, alternates, witness, reason, expected_pool_hash, on, attempt)
    except NotFound:
        raise
    except Refused as exc:
        # a draw attempt that was refused is history too (who tried to draw, when, and why it was not allowed)
        with db.session() as session:
            audit.record(session, "draw.attempt", case_id, {**attempt, "refused": exc.message})
        raise


def _draw(
    db: Database,
    case_id: int,
    size: int | None,
    alternates: int | None,
    witness: str | None,
    reason: str | None,
    expected_pool_hash: str | None,
    on: date,
    attempt: dict[str, object],
) -> DrawView:
    with db.session() as session:
        reading.lock_case(session, case_id)  # the panel is signed content: a draw and a signature wait for each other
        case, unit = case_and_unit(session, case_id)
        previous = _previous_attempt(session, case, reason)
        snapshot = freeze_pool(session, case, unit, size, alternates, on)
        pool_hash = snapshot.sha256()
        attempt["pool_hash"] = pool_hash
        if expected_pool_hash and expected_pool_hash.strip().lower() != pool_hash:
            raise Refused(
                f"评审人员库在公示后发生了变化：公示的哈希为 {expected_pool_hash.strip()}，现在为 {pool_hash}；请重新公示后再抽签"
            )
        draw_id = _store(session, _drawn_record(case_id, snapshot, pool_hash, previous, witness, reason, on))
    return get_draw(db, draw_id)


def _previous_attempt(session: Session, case: HandoverCase, reason: str | None) -> DrawRecord | None:
    """The case's latest draw, if any; refuses a signed case, and a second draw without a reason."""
    if case.status == "signed":
        raise Refused(f"案件 {case.id} 已签署，不能再抽签")
    previous = session.exec(
        select(DrawRecord).where(DrawRecord.case_id == case.id).order_by(col(DrawRecord.attempt).desc())
    ).first()
    if previous is not None and reason is None:
        raise Refused(
            f"案件 {case.id} 已于 {previous.draw_date} 抽签（第{previous.attempt}次，抽签记录 {previous.id}）；"
            "再次抽签须用 --reason 说明理由，原记录保留备查"
        )
    return previous


def _drawn_record(
    case_id: int,
    snapshot: algorithm.Snapshot,
    pool_hash: str,
    previous: DrawRecord | None,
    witness: str | None,
    reason: str | None,
    on: date,
) -> DrawRecord:
    """Draw from the frozen pool with fresh entropy and the witness's words: the record, hashed and chained, not stored."""
    entropy = algorithm.fresh_entropy()
    seed = algorithm.derive_seed(entropy, witness)
    selection = algorithm.select(snapshot, seed)
    record = DrawRecord(
        case_id=case_id,
        attempt=(previous.attempt + 1) if previous else 1,
        created_at=_now(),
        operator=current_user(),
        reason=reason,
        draw_date=on,
        algorithm=algorithm.ALGORITHM,
        snapshot=snapshot.canonical().decode("utf-8"),
        pool_hash=pool_hash,
        os_entropy=entropy.hex(),
        witness=algorithm.normalise_witness(witness),
        seed=seed.hex(),
        result=algorithm.canonical_json(selection.to_dict()).decode("utf-8"),
        previous_hash=previous.record_hash if previous else None,
        record_hash="",
    )
    record.record_hash = records.record_hash(record)
    return record


def _store(session: Session, record: DrawRecord) -> int:
    """Insert the draw record and log it; its id."""
    session.add(record)
    try:
        session.flush()
    except IntegrityError:
        # someone else drew for this case at the same moment: their record stands, this one is not stored
        raise Refused(
            f"案件 {record.case_id} 刚刚有人抽签（第{record.attempt}次）；请查看抽签记录后再决定是否重新抽签"
        ) from None
    assert record.id is not None
    audit.record(session, "draw", record.case_id, {
        "draw_id": record.id, "attempt": record.attempt, "reason": record.reason, "pool_hash": record.pool_hash,
        "seed": record.seed, "algorithm": record.algorithm, "record_hash": record.record_hash,
    })  # fmt: skip
    return record.id


def _record(session: Session, draw_id: int) -> DrawRecord:
    record = session.get(DrawRecord, draw_id)
    if record is None:
        raise NotFound(f"没有编号为 {draw_id} 的抽签记录（可用 handover draw list 案件编号 查看）")
    return record


def get_draw(db: Database, draw_id: int) -> DrawView:
    """One draw record with its replacements, for display, printing (appendix of the report) or export."""
    with db.session() as session:
        return draw_view(session, _record(session, draw_id))


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


def replace_member(db: Database, draw_id: int, member: str, reason: str) -> DrawView:
    """A panel member (name or certificate number) cannot serve: the next fitting alternate takes their place.

    Only the latest draw of a case can change; the replacement is a new record, the draw record itself stays as it is.
    """
    reason = value_rules.clean_text(reason)
    if not reason:
        raise Refused("递补须说明理由（例如：因病无法参加）")
    with db.session() as session:
        record = _record(session, draw_id)  # a draw record never changes: it may be read before the lock
        assert record.id is not None
        reading.lock_case(session, record.case_id)
        case, _ = case_and_unit(session, record.case_id)
        if case.status == "signed":
            raise Refused(f"案件 {case.id} 已签署，评审小组不能再变更")
        if not is_latest(session, record):
            raise Refused(f"抽签记录 {draw_id} 已被同一案件后来的抽签取代，只能在最新的抽签记录上递补")
        view = draw_view(session, record)
        matches = [m for m in view.panel if member.strip() in (m.name, m.certificate_no)]
        if not matches:
            names = "、".join(f"{m.name}（{m.role_label}）" for m in view.panel)
            raise Refused(f"“{member}” 不是抽签记录 {draw_id} 当前评审小组的成员；当前成员：{names}")
        if len(matches) > 1:
            numbers = "、".join(m.certificate_no for m in matches)
            raise Refused(f"评审小组中有 {len(matches)} 位 “{member}”，请改用证书编号：{numbers}")
        rows = replacements_of(session, record.id)
        snapshot = algorithm.Snapshot.from_json(record.snapshot)
        panel, remaining = records.state_before(snapshot, json.loads(record.result), rows, len(rows) + 1)
        leaving = next(c for c, _ in panel if c.certificate_no == matches[0].certificate_no)
        newcomer, _skipped_ = algorithm.replacement_for(panel, remaining, leaving)
        row = DrawReplacement(
            draw_id=record.id,
            seq=len(rows) + 1,
            replaced_certificate_no=leaving.certificate_no,
            replacement_certificate_no=newcomer.certificate_no,
            reason=reason,
            operator=current_user(),
            created_at=_now(),
            record_hash="",
        )
        row.record_hash = records.replacement_hash(row, rows[-1].record_hash if rows else record.record_hash)
        session.add(row)
        audit.record(session, "draw.replace", case.id, {
            "draw_id": record.id, "replaced": leaving.certificate_no, "replacement": newcomer.certificate_no,
            "reason": reason, "record_hash": row.record_hash,
        })  # fmt: skip
    return get_draw(db, draw_id)


def verify(db: Database, draw_id: int) -> VerifyResult:
    """Recompute the draw from its stored record and say, check by check, whether everything matches."""
    with db.session() as session:
        record = _record(session, draw_id)
        assert record.id is not None
        rows = replacements_of(session, record.id)
        earlier = None
        if record.attempt > 1:
            earlier = session.exec(
                select(DrawRecord).where(DrawRecord.case_id == record.case_id, DrawRecord.attempt == record.attempt - 1)
            ).first()
    return VerifyResult(draw_id, tuple(records.checks(record, rows, earlier)))
