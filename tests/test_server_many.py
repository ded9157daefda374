"""Many people at once on a county server (issue 16 item 5): five assessors, each a real process signed in with its own
login role, edit their own cases while an administrator draws panels for those same cases. Nothing is lost, nobody is
left with a deadlock, every entry names the person signed in, and the audit chain verifies."""

from __future__ import annotations

import multiprocessing
import os
import threading
from functools import partial
from typing import Any

from sqlalchemy import create_engine, text

from handover import audit, catalogue, demo, reading
from handover.db import open_database
from handover.draw import service as draws
from handover.services import cases, connection, server
from tests.conftest import requires_pg
from tests.server_support import add_user, county_server, handover, requires_server

ASSESSORS = 5
ROUNDS = 12
NEW_CASES = (("青溪街道", "何志远", "许文静"), ("桃源镇", "郑国强", "孙丽华"), ("枫林街道", "曹德胜", "韩雪"))


def _assessor(url: str, case_id: int, codes: list[str], barrier: Any, results: Any) -> None:
    """Edit the notes of `codes` on one case, one transaction each; the name it claims locally must not count."""
    os.environ["HANDOVER_USER"] = "冒名的人"
    db = connection.open_database(url)  # as the application opens it
    errors: list[str] = []
    barrier.wait()
    for i in range(ROUNDS):
        code = codes[i % len(codes)]
        try:
            server.retrying(partial(cases.set_value, db, case_id, code, note=f"第{i + 1}轮"))
        except Exception as exc:  # noqa: BLE001 - every failure is reported back to the test
            errors.append(f"{type(exc).__name__}: {exc}")
    db.close()
    results.put((case_id, errors))


def _admin(url: str, case_ids: list[int], barrier: Any, results: Any) -> None:
    """Prepare and draw each case's panel while the assessors edit those cases."""
    os.environ["HANDOVER_USER"] = "冒名的人"
    db = connection.open_database(url)
    errors: list[str] = []
    barrier.wait()
    for case_id in case_ids:
        try:
            notice = server.retrying(partial(draws.prepare, db, case_id))
            drawn = partial(draws.draw, db, case_id, pool_hash=notice.pool_hash, commitment=notice.commitment)
            server.retrying(partial(drawn, witness="县纪委 见证人"))
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{case_id} {type(exc).__name__}: {exc}")
    db.close()
    results.put(("admin", errors))


@requires_server[0]
@requires_server[1]
def test_five_assessors_and_an_administrator_at_once() -> None:
    with county_server() as made:
        db = open_database(made.admin_url)
        demo.load_demo(db)
        for unit, outgoing, incoming in NEW_CASES:
            cases.create_case(db, cases.NewCase(unit, outgoing, incoming, "2021-09-01", "2026-09-30"))
        case_ids = sorted(c.id for c in reading.list_cases(db))
        assert len(case_ids) == ASSESSORS
        undrawn = [c for c in case_ids if draws.current_draw(db, c) is None]
        names = [add_user(made, f"assessor{n}", "assessor") for n in range(ASSESSORS)]
        boss = add_user(made, "boss", "admin")
        codes = [i.code for i in catalogue.load().indicators[:5]]
        before = audit.count(db)

        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(ASSESSORS + 1)
        results = context.Queue()
        workers = [
            context.Process(target=_assessor, args=(made.url(name), case_id, codes, barrier, results))
            for name, case_id in zip(names, case_ids, strict=True)
        ]
        workers.append(context.Process(target=_admin, args=(made.url(boss), undrawn, barrier, results)))
        for worker in workers:
            worker.start()
        outcome = dict(results.get(timeout=300) for _ in workers)
        for worker in workers:
            worker.join(timeout=60)
            assert worker.exitcode == 0

        assert outcome == {**{c: [] for c in case_ids}, "admin": []}, outcome
        for name, case_id in zip(names, case_ids, strict=True):
            # no lost update: each indicator holds the note of the last round that wrote it
            notes = {v.code: v.note for v in reading.get_case(db, case_id).values}
            last = {codes[i % len(codes)]: f"第{i + 1}轮" for i in range(ROUNDS)}
            assert {code: notes[code] for code in codes} == last
            edits = [e for e in audit.entries(db, case_id=case_id)[-ROUNDS * 3 :] if e.action == "value.edit"]
            assert [e.actor for e in edits][-ROUNDS:] == [name] * ROUNDS
        for case_id in undrawn:
            drawn = draws.current_draw(db, case_id)
            assert drawn is not None
        with db.engine.connect() as conn:  # the draws name the administrator signed in, not a name set on the PC
            found = conn.execute(text("SELECT case_id, operator FROM draw_record")).all()
        assert {operator for case_id, operator in found if case_id in undrawn} == {boss}
        entries = audit.entries(db)[before:]
        assert {e.actor for e in entries} == {*names, boss}  # the name claimed locally (冒名的人) never counts
        verdict = audit.verify(db)
        assert verdict.ok, verdict.message
        db.close()
        code, out, err = handover(made.url(names[0]), "audit", "verify")
        assert code == 0, out + err


@requires_pg[0]
@requires_pg[1]
def test_a_transaction_rolled_back_by_a_deadlock_runs_again(pg_url) -> None:  # type: ignore[no-untyped-def]
    """Two sessions lock two rows in opposite order: PostgreSQL ends one with a deadlock error (40P01); `retrying` runs
    that whole transaction again, so both changes are there and nobody sees an error."""
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE counter (id integer PRIMARY KEY, n integer NOT NULL)"))
        conn.execute(text("INSERT INTO counter VALUES (1, 0), (2, 0)"))
    barrier = threading.Barrier(2)
    attempts = {1: 0, 2: 0}
    errors: list[str] = []

    def both_rows(first: int) -> None:
        attempts[first] += 1
        with engine.begin() as conn:
            conn.execute(text("UPDATE counter SET n = n + 1 WHERE id = :id"), {"id": first})
            if attempts[first] == 1:
                barrier.wait(timeout=30)  # both hold their first row: each now waits for the other's
            conn.execute(text("UPDATE counter SET n = n + 1 WHERE id = :id"), {"id": 3 - first})

    def worker(first: int) -> None:
        try:
            server.retrying(partial(both_rows, first))
        except Exception as exc:  # noqa: BLE001
            errors.append(f"{type(exc).__name__}: {exc}")

    threads = [threading.Thread(target=worker, args=(first,)) for first in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    with engine.connect() as conn:
        counts = dict(conn.execute(text("SELECT id, n FROM counter")).all())
    engine.dispose()
    assert errors == []
    assert counts == {1: 2, 2: 2}
    assert sorted(attempts.values()) == [1, 2]  # one of the two was the deadlock's victim and ran again
