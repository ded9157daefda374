"""The committed draw in two steps: `prepare` fixes the pool and the machine's random bytes and shows their commitment;
`draw` takes the witness's words (and an announced public value) only when the caller names both published hashes.

Nobody can steer the panel: the random bytes are fixed, and their SHA-256 printed on the notice the witnesses sign,
before the witness speaks; restoring a copy of the database and preparing again gives a new commitment that the
witnesses' copy of the notice does not show. Every prepared attempt and every draw has its audit-log entry, written in
the same transaction (handover/draw/audit_check.py finds a row without one).
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any, cast

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import defer
from sqlmodel import Session, col, select

from handover import audit, reading
from handover.db import Database
from handover.draw import algorithm
from handover.draw import record as records
from handover.draw import seed as seeds
from handover.draw.reading import case_and_unit, draw_view
from handover.draw.snapshot import freeze_pool
from handover.draw.views import DrawView, PreparedView
from handover.errors import NotFound, Refused
from handover.identity import current_user
from handover.models import DrawPrepared, DrawRecord, HandoverCase
from handover.words import REDRAW_REASONS


def now() -> datetime:
    """UTC to the second: stored and hashed the same on SQLite and PostgreSQL."""
    return datetime.now(UTC).replace(microsecond=0)


def prepare(
    db: Database,
    case_id: int,
    *,
    size: int | None = None,
    alternates: int | None = None,
    public_source: str | None = None,
    today: date | None = None,
) -> PreparedView:
    """Freeze the pool and draw the machine's random bytes for the case's next attempt; stored, committed and logged.

    The bytes stay in the database and are not shown; the view carries their commitment. A composition rule that
    cannot be met is refused here already, and so is a signed case.
    """
    algorithm.check_sizes(size, alternates)  # a typing mistake, not an attempt to draw
    source = seeds.clean_text(public_source, "公开随机来源") or None
    try:
        return _prepare(db, case_id, size, alternates, source, today or date.today())
    except NotFound:
        raise
    except Refused as exc:
        with db.session() as session:
            audit.record(session, "draw.attempt", case_id, {"step": "prepare", "size": size, "alternates": alternates,
                                                            "public_source": source, "refused": exc.message})  # fmt: skip
        raise


def _prepare(
    db: Database, case_id: int, size: int | None, alternates: int | None, source: str | None, on: date
) -> PreparedView:
    with db.session() as session:
        reading.lock_case(session, case_id)
        case, unit = case_and_unit(session, case_id)
        if case.status == "signed":
            raise Refused(f"案件 {case.id} 已签署，不能再抽签")
        snapshot = freeze_pool(session, case, unit, size, alternates, on)
        algorithm.check_composition(snapshot.pool, snapshot.panel_size, snapshot.alternates)
        entropy = algorithm.fresh_entropy()
        row = DrawPrepared(
            case_id=case_id, seq=_count(session, DrawPrepared, case_id) + 1,
            attempt=_count(session, DrawRecord, case_id) + 1, created_at=now(), operator=current_user(),
            draw_date=date.fromisoformat(snapshot.draw_date), algorithm=snapshot.algorithm,
            snapshot=algorithm.remember(snapshot), pool_hash=snapshot.sha256(), os_entropy=entropy.hex(),
            commitment=seeds.commitment(entropy), public_source=source,
        )  # fmt: skip
        session.add(row)
        session.flush()
        assert row.id is not None
        audit.record(session, "draw.prepare", case_id, {
            "prepared_id": row.id, "seq": row.seq, "attempt": row.attempt, "pool_hash": row.pool_hash,
            "commitment": row.commitment, "public_source": source,
        })  # fmt: skip
        return prepared_view(row, unit.name, case, snapshot)


def _count(session: Session, table: type[DrawPrepared] | type[DrawRecord], case_id: int) -> int:
    found = session.exec(select(func.count()).select_from(table).where(col(table.case_id) == case_id)).one()
    return int(found)


def prepared_view(row: DrawPrepared, unit: str, case: HandoverCase, snapshot: algorithm.Snapshot) -> PreparedView:
    assert row.id is not None
    return PreparedView(
        id=row.id, case_id=row.case_id, unit=unit, outgoing=case.outgoing, seq=row.seq, attempt=row.attempt,
        created_at=row.created_at, operator=row.operator, draw_date=row.draw_date, algorithm=row.algorithm,
        pool_hash=row.pool_hash, commitment=row.commitment, public_source=row.public_source,
        panel_size=snapshot.panel_size, alternates=snapshot.alternates, eligible_count=len(snapshot.pool),
        excluded_count=len(snapshot.excluded),
    )  # fmt: skip


def pending(db: Database, case_id: int) -> PreparedView | None:
    """The case's prepared attempt waiting for its draw (the latest, if no draw used it yet), or None."""
    with db.session() as session:
        case, unit = case_and_unit(session, case_id)
        row = _latest_prepared(session, case_id)
        if row is None or _used(session, row):
            return None
        return prepared_view(row, unit.name, case, algorithm.parsed_snapshot(row.snapshot))


def _latest_prepared(session: Session, case_id: int) -> DrawPrepared | None:
    query = select(DrawPrepared).where(DrawPrepared.case_id == case_id).order_by(col(DrawPrepared.seq).desc())
    return session.exec(query).first()


def _used(session: Session, row: DrawPrepared) -> bool:
    return session.exec(select(DrawRecord.id).where(DrawRecord.prepared_id == row.id)).first() is not None


def draw(
    db: Database,
    case_id: int,
    *,
    pool_hash: str | None,
    commitment: str | None,
    witness: str | None,
    public_value: str | None = None,
    reason: str | None = None,
    reason_kind: str | None = None,
) -> DrawView:
    """Draw the panel of the case's prepared attempt; stored (and committed) before it is returned, so before anyone sees it.

    `pool_hash` and `commitment` are those of the notice: the draw is refused unless both equal the prepared ones, and
    unless the pool as it stands now still gives that pool hash. A case that already has a draw needs `reason_kind`
    (one of REDRAW_REASONS) and `reason`. A refused draw stores nothing of the draw; the attempt goes into the audit log.
    """
    # typed text goes into the log only once it is known to be clean (a lone surrogate cannot even be stored)
    attempt: dict[str, object] = {"reason": None, "reason_kind": reason_kind, "witness": None,
                                  "expected_pool_hash": _loggable(pool_hash or ""), "commitment": _loggable(commitment or "")}  # fmt: skip
    try:
        with db.session() as session:
            case_and_unit(session, case_id)  # a case that does not exist is a typing mistake, not an attempt
        texts = (seeds.clean_text(witness, "见证人输入"), seeds.clean_text(public_value, "公开随机值"),
                 seeds.clean_text(reason, "抽签理由") or None)  # fmt: skip
        attempt |= {"witness": texts[0], "reason": texts[2]}
        if not pool_hash or not commitment:
            raise Refused(f"抽签须给出抽签公告上的人员库哈希（--pool-hash）和承诺值（--commitment）；"
                          f"请先运行 handover draw prepare {case_id}，打印抽签公告并由见证人签字")  # fmt: skip
        with db.session() as session:
            draw_id = _draw(session, case_id, (pool_hash, commitment), texts, reason_kind, attempt)
    except NotFound:
        raise
    except Refused as exc:
        # a draw attempt that was refused is history too (who tried to draw, when, and why it was not allowed)
        with db.session() as session:
            audit.record(session, "draw.attempt", case_id, {**attempt, "refused": exc.message})
        raise
    with db.session() as session:
        stored = session.get(DrawRecord, draw_id)
        assert stored is not None
        return draw_view(session, stored)


def _loggable(text: str) -> str:
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _draw(
    session: Session,
    case_id: int,
    hashes: tuple[str, str],
    texts: tuple[str, str, str | None],
    reason_kind: str | None,
    attempt: dict[str, object],
) -> int:
    witness, public_value, reason = texts
    reading.lock_case(session, case_id)  # the panel is signed content: a draw and a signature wait for each other
    case, unit = case_and_unit(session, case_id)
    previous = _previous_attempt(session, case, reason, reason_kind)
    prepared = _prepared_for(session, case, previous, *hashes)
    if not witness:
        raise Refused("见证人须输入一段文字（例如见证人的姓名和随口说出的几个字），它与系统随机数一起决定种子")
    if prepared.public_source and not public_value:
        raise Refused(f"抽签准备时公布了公开随机来源 “{prepared.public_source}”：须用 --public-value 给出其取值后才能抽签")
    if public_value and not prepared.public_source:
        raise Refused("抽签准备时没有公布公开随机来源，不能再加入公开随机值（须在 draw prepare 时用 --public-source 公布）")
    snapshot = algorithm.parsed_snapshot(prepared.snapshot)
    fresh = freeze_pool(session, case, unit, snapshot.panel_size, snapshot.alternates, prepared.draw_date)
    attempt["pool_hash"] = now_hash = fresh.sha256()
    if now_hash != prepared.pool_hash:
        raise Refused(
            f"评审人员库在抽签准备后发生了变化：公布的哈希为 {prepared.pool_hash}，现在为 {now_hash}；请重新准备后再抽签"
        )
    record = _committed_record(prepared, snapshot, previous, witness, public_value or None, reason, reason_kind)
    return _store(session, record)


def _previous_attempt(session: Session, case: HandoverCase, reason: str | None, kind: str | None) -> DrawRecord | None:
    """The case's latest draw, if any; refuses a signed case, and a second draw without a reason from the list."""
    if case.status == "signed":
        raise Refused(f"案件 {case.id} 已签署，不能再抽签")
    if kind is not None and kind not in REDRAW_REASONS:
        raise Refused(f"重新抽签的理由类别 “{kind}” 不在规定之列，可选：{_kinds()}")
    # its snapshot (a megabyte at 10,000 reviewers) is not needed here, and not loaded: reading it would raise
    previous = session.exec(
        select(DrawRecord)
        .where(DrawRecord.case_id == case.id)
        .order_by(col(DrawRecord.attempt).desc())
        .options(*(defer(cast(Any, c), raiseload=True) for c in (DrawRecord.snapshot, DrawRecord.result)))
    ).first()
    if previous is not None and (reason is None or kind is None):
        raise Refused(
            f"案件 {case.id} 已于 {previous.draw_date} 抽签（第{previous.attempt}次，抽签记录 {previous.id}）；"
            f"再次抽签须用 --reason 说明理由，并用 --reason-kind 选择理由类别（{_kinds()}），原记录保留备查"
        )
    return previous


def _kinds() -> str:
    return "、".join(f"{code}（{label}）" for code, label in REDRAW_REASONS.items())


def _prepared_for(
    session: Session, case: HandoverCase, previous: DrawRecord | None, pool_hash: str, commitment: str
) -> DrawPrepared:
    """The case's latest prepared attempt, unused and for this attempt, whose two hashes the caller named exactly."""
    assert case.id is not None
    row = _latest_prepared(session, case.id)
    if row is None or _used(session, row):
        raise Refused(f"案件 {case.id} 没有待抽签的准备记录：请先运行 handover draw prepare {case.id}，打印抽签公告并由见证人签字")
    if row.attempt != (previous.attempt + 1 if previous else 1):
        raise Refused(f"案件 {case.id} 在准备之后已有人抽签：请重新运行 handover draw prepare {case.id}")
    if "".join(pool_hash.split()).lower() != row.pool_hash:
        raise Refused(f"给出的人员库哈希与抽签准备（第{row.seq}次准备）公布的 {row.pool_hash} 不符，未抽签")
    if "".join(commitment.split()).lower() != row.commitment:
        raise Refused(f"给出的承诺值与抽签准备（第{row.seq}次准备）公布的 {row.commitment} 不符，未抽签")
    return row


def _committed_record(
    prepared: DrawPrepared,
    snapshot: algorithm.Snapshot,
    previous: DrawRecord | None,
    witness: str,
    public_value: str | None,
    reason: str | None,
    reason_kind: str | None,
) -> DrawRecord:
    """The record of a committed draw, hashed and chained, not stored."""
    seed = seeds.derive_seed_v2(bytes.fromhex(prepared.os_entropy), bytes.fromhex(prepared.pool_hash), witness,
                                prepared.public_source or "", public_value or "")  # fmt: skip
    selection = algorithm.select(snapshot, seed)
    record = DrawRecord(
        case_id=prepared.case_id, attempt=prepared.attempt, created_at=now(), operator=current_user(), reason=reason,
        draw_date=prepared.draw_date, algorithm=prepared.algorithm, snapshot=prepared.snapshot,
        pool_hash=prepared.pool_hash, os_entropy=prepared.os_entropy, witness=witness, seed=seed.hex(),
        result=algorithm.canonical_json(selection.to_dict()).decode("utf-8"),
        previous_hash=previous.record_hash if previous else None, record_hash="", prepared_id=prepared.id,
        commitment=prepared.commitment, public_source=prepared.public_source, public_value=public_value,
        prepared_at=prepared.created_at, reason_kind=reason_kind,
    )  # fmt: skip
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
        "commitment": record.commitment, "prepared_id": record.prepared_id,
    })  # fmt: skip
    return record.id
