"""Signing and editing a case at the same moment, in two real processes: a case is never locked on signatures made
for content older than what it holds, and no edit that read the case before the signature commits after it.

The window is made deterministic without sleeping: this test holds, in an open transaction, the lock that signing and
editing take first (SQLite: the database's write lock by BEGIN IMMEDIATE; PostgreSQL: the case row FOR UPDATE). The
other process reports the moment it first writes or locks anything (a listener on its engine, in this file): whatever
it reads before that moment it has read by then. This test then commits its own change in the transaction it holds,
and the other process goes on. Code that reads the case before taking the lock (the sign-off of 0f07aff
computed the content fingerprint in a session of its own) gets caught holding what it read before that change.
"""

from __future__ import annotations

import multiprocessing
import queue
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, event, text

from handover import demo, reading
from handover.db import Database, open_database
from handover.draw import service as draws
from handover.errors import Refused
from handover.services import cases
from handover.signoff import fingerprint
from handover.signoff import service as signoff
from tests.conftest import requires_pg

#: every wait of this test is bounded; SQLite's busy timeout (10 s) is the longest a process waits for a lock
WAIT = 20


def _claims_the_database(statement: str) -> bool:
    """A statement that writes or takes a lock: before it a process has only read."""
    words = statement.lstrip().upper()
    return words.startswith(("INSERT", "UPDATE", "DELETE", "BEGIN")) or "FOR UPDATE" in words


def _act(url: str, action: str, case_id: int, messages: Any) -> None:
    """The other process: sign the case as supervisor (the last required signature) or draw its panel again.

    Puts ("claims", statement) once, when it first writes or locks; then ("done", fingerprint of its signature or
    draw id), ("refused", message) or ("error", text)."""
    db = open_database(url, migrate=False)
    claimed = False

    def report_claim(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        nonlocal claimed
        if not claimed and _claims_the_database(statement):
            claimed = True
            messages.put(("claims", statement.split()[0]))

    event.listen(db.engine, "before_cursor_execute", report_claim)
    try:
        if action == "sign":
            result = signoff.sign(db, case_id, "supervisor", "周监交")
            messages.put(("done", result.signatures[-1].fingerprint))
        else:
            notice = draws.pending(db, case_id)  # prepared before the case was held (issue 10: a draw names its notice)
            assert notice is not None
            drawn = draws.draw(db, case_id, pool_hash=notice.pool_hash, commitment=notice.commitment, witness="见证人 张三",
                               reason="一名成员须回避，重新抽签", reason_kind="recusal")  # fmt: skip
            messages.put(("done", drawn.id))
    except Refused as exc:
        messages.put(("refused", exc.message))
    except Exception as exc:  # noqa: BLE001 - the test shows what went wrong
        messages.put(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        db.close()


@contextmanager
def holding_the_case(url: str, case_id: int) -> Iterator[Connection]:
    """A transaction holding the lock signing and editing take, by plain SQL (no application code); the caller commits."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            if engine.dialect.name == "sqlite":
                conn.exec_driver_sql("BEGIN IMMEDIATE")
            else:
                conn.execute(text("SELECT id FROM handover_case WHERE id = :case FOR UPDATE"), {"case": case_id})
            yield conn
    finally:
        engine.dispose()


@contextmanager
def other_process(url: str, action: str, case_id: int) -> Iterator[Any]:
    """Start `_act` in a process of its own; yields its message queue once it claims the database (it then waits
    for the lock held by `holding_the_case`, which must be committed inside this block)."""
    context = multiprocessing.get_context("spawn")
    messages = context.Queue()
    worker = context.Process(target=_act, args=(url, action, case_id, messages))
    worker.start()
    try:
        kind, what = messages.get(timeout=WAIT)
        assert kind == "claims", (kind, what)
        assert worker.is_alive()  # it cannot go on: this test holds the lock it needs
        yield messages
        worker.join(timeout=WAIT)
        assert worker.exitcode == 0
    finally:
        if worker.is_alive():
            worker.terminate()
            worker.join(timeout=WAIT)


def outcome(messages: Any) -> tuple[str, Any]:
    try:
        return messages.get(timeout=WAIT)  # type: ignore[no-any-return]
    except queue.Empty:
        pytest.fail(f"the other process said nothing within {WAIT} s")


def signed_by_two(db: Database) -> int:
    """The demo's complete case in review, signed by the outgoing and the incoming secretary: the supervisor's
    signature will lock it."""
    complete = next(c for c in reading.list_cases(db) if c.done == c.total)
    cases.submit(db, complete.id)
    signoff.sign(db, complete.id, "outgoing", complete.outgoing)
    signoff.sign(db, complete.id, "incoming", complete.incoming)
    return complete.id


def edit_while_signing(db: Database, url: str) -> None:
    """A note is saved while the supervisor signs: the signature is bound to the content with the note."""
    case_id = signed_by_two(db)
    before = fingerprint.of_case(db, case_id)
    with holding_the_case(url, case_id) as held, other_process(url, "sign", case_id) as messages:
        held.execute(
            text("UPDATE indicator_value SET note = '会上更正：以审计报告为准' WHERE case_id = :case AND code = 'ORG05'"),
            {"case": case_id},
        )
        held.commit()
    signed = outcome(messages)
    now = fingerprint.of_case(db, case_id)
    assert now != before  # the note is content
    state = signoff.status(db, case_id)
    # the two secretaries signed the content before the note: their signatures no longer count, so no lock
    assert not state.locked, f"locked on signatures made for {before[:16]}, the content is now {now[:16]}"
    assert state.missing == ("outgoing", "incoming")
    assert signed == ("done", now)
    assert state.signatures[-1].role == "supervisor" and state.signatures[-1].fingerprint == now


def sign_while_drawing(db: Database, url: str) -> None:
    """The panel is drawn again while the case is signed: the draw, which read the case in review, is refused."""
    case_id = signed_by_two(db)
    draws.prepare(db, case_id)
    signed_content = fingerprint.of_case(db, case_id)
    attempts = len(draws.list_draws(db, case_id))
    with holding_the_case(url, case_id) as held, other_process(url, "draw", case_id) as messages:
        held.execute(
            text("INSERT INTO signature (case_id, role, name, signed_at, fingerprint, recorded_by) "
                 "VALUES (:case, 'supervisor', '周监交', :at, :fp, '测试员')"),
            {"case": case_id, "at": datetime(2026, 8, 24, 10), "fp": signed_content},
        )  # fmt: skip
        held.execute(text("UPDATE handover_case SET status = 'signed' WHERE id = :case"), {"case": case_id})
        held.commit()
    drawn = outcome(messages)
    state = signoff.status(db, case_id)
    # the panel is content: a draw after the signature would leave the case locked on other content than it holds
    assert state.locked
    assert state.fingerprint == signed_content, f"the panel changed under the signatures (draw: {drawn})"
    assert {s.role for s in state.current()} >= {"outgoing", "incoming", "supervisor"}
    assert len(draws.list_draws(db, case_id)) == attempts
    # refused as a signed case, not as a draw that clashed with another ("刚刚有人抽签")
    assert drawn == ("refused", f"案件 {case_id} 已签署，不能再抽签"), drawn


def test_a_value_saved_while_signing_is_under_the_signature_on_sqlite(db, db_path, demo) -> None:  # type: ignore[no-untyped-def]
    edit_while_signing(db, f"sqlite:///{db_path}")


def test_a_draw_waits_for_the_signature_and_is_refused_on_sqlite(db, db_path, demo) -> None:  # type: ignore[no-untyped-def]
    sign_while_drawing(db, f"sqlite:///{db_path}")


@pytest.fixture
def pg_demo(pg_url: str) -> Iterator[Database]:
    db = open_database(pg_url)
    try:
        demo.load_demo(db)
        yield db
    finally:
        db.close()


@requires_pg[0]  # the postgres marker
@requires_pg[1]  # skipped without HANDOVER_TEST_PG_URL
def test_a_value_saved_while_signing_is_under_the_signature_on_postgres(pg_demo, pg_url) -> None:  # type: ignore[no-untyped-def]
    edit_while_signing(pg_demo, pg_url)


@requires_pg[0]
@requires_pg[1]
def test_a_draw_waits_for_the_signature_and_is_refused_on_postgres(pg_demo, pg_url) -> None:  # type: ignore[no-untyped-def]
    sign_while_drawing(pg_demo, pg_url)
