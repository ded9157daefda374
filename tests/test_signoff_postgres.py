"""The sign-off lock and the append-only audit log on PostgreSQL (its own trigger functions in migration 0003).

Runs when HANDOVER_TEST_PG_URL names an empty scratch database (its public schema is wiped), e.g.
postgresql+psycopg://user:pass@localhost/handover_test.
"""

from __future__ import annotations

import os

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from handover import audit, demo, reading
from handover.db import open_database
from handover.services import cases
from handover.signoff import service as signoff

PG_URL = os.environ.get("HANDOVER_TEST_PG_URL")
pytestmark = [pytest.mark.postgres, pytest.mark.skipif(not PG_URL, reason="HANDOVER_TEST_PG_URL not set")]


@pytest.fixture
def pg():  # type: ignore[no-untyped-def]
    assert PG_URL
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    database = open_database(PG_URL)
    yield database
    database.close()


def test_signed_case_is_locked_and_the_log_is_append_only_on_postgres(pg) -> None:  # type: ignore[no-untyped-def]
    demo.load_demo(pg)
    complete = next(c for c in reading.list_cases(pg) if c.done == c.total)
    cases.submit(pg, complete.id)
    signoff.sign(pg, complete.id, "outgoing", complete.outgoing)
    signoff.sign(pg, complete.id, "incoming", complete.incoming)
    assert signoff.sign(pg, complete.id, "supervisor", "周监交").locked
    statements = [
        "UPDATE handover_case SET evaluation_comment = 'x' WHERE id = :case",
        "DELETE FROM handover_case WHERE id = :case",
        "UPDATE indicator_value SET start_value = '9' WHERE case_id = :case",
        "DELETE FROM indicator_value WHERE case_id = :case",
        "INSERT INTO indicator_value (case_id, code, updated_at) VALUES (:case, 'NEW01', now())",
        "DELETE FROM named_village WHERE value_id IN (SELECT id FROM indicator_value WHERE case_id = :case)",
        "UPDATE village SET name = name || 'x' WHERE id IN (SELECT village_id FROM named_village)",
        "UPDATE unit SET name = 'x' WHERE id = (SELECT unit_id FROM handover_case WHERE id = :case)",
        "UPDATE signature SET name = 'x' WHERE case_id = :case",
        "DELETE FROM signature WHERE case_id = :case",
        "INSERT INTO attachment (case_id, kind, filename, media_type, sha256, size, content, created_at, created_by) "
        "VALUES (:case, 'evidence', 'a', 'b', 'c', 1, '\\x00', now(), 'x')",
        "UPDATE audit_log SET actor = 'x' WHERE seq = 1",
        "DELETE FROM audit_log WHERE seq = 1",
        "INSERT INTO draw_replacement (draw_id, seq, replaced_certificate_no, replacement_certificate_no, reason, "
        "operator, created_at, record_hash) SELECT id, 99, 'a', 'b', 'x', 'x', now(), 'x' FROM draw_record "
        "WHERE case_id = :case",
        "TRUNCATE audit_log",
        "TRUNCATE handover_case CASCADE",
    ]
    for statement in statements:
        with pg.engine.connect() as conn, pytest.raises(DBAPIError, match="handover-locked"):
            conn.execute(text(statement), {"case": complete.id})
    # a scan is still allowed, and the chain written on PostgreSQL verifies
    with pg.engine.begin() as conn:
        conn.execute(
            text("INSERT INTO attachment (case_id, kind, filename, media_type, sha256, size, content, created_at, "
                 "created_by) VALUES (:case, 'scan', 'a.pdf', 'application/pdf', 'c', 1, '\\x00', now(), 'x')"),
            {"case": complete.id},
        )  # fmt: skip
    assert audit.verify(pg).ok
    with pg.engine.connect() as conn, pytest.raises(DBAPIError, match="required signatures missing"):
        conn.execute(text("UPDATE handover_case SET status = 'signed' WHERE id <> :case"), {"case": complete.id})


def test_panel_members_may_sign_after_the_lock_on_postgres(pg) -> None:  # type: ignore[no-untyped-def]
    """Migration 0005's trigger function: only a panel signature on the signed content is appended to a signed case."""
    from handover.draw import service as draws
    from handover.errors import Refused
    demo.load_demo(pg)
    complete = next(c for c in reading.list_cases(pg) if c.done == c.total)
    cases.submit(pg, complete.id)
    signoff.sign(pg, complete.id, "outgoing", complete.outgoing)
    signoff.sign(pg, complete.id, "incoming", complete.incoming)
    locked = signoff.sign(pg, complete.id, "supervisor", "周监交")
    panel = draws.current_draw(pg, complete.id)
    assert locked.locked and panel is not None
    member = next(m.name for m in panel.panel if m.role == "member")
    after = signoff.sign(pg, complete.id, "member", member)
    assert after.locked and after.signatures[-1].name == member and after.signatures[-1].current
    with pytest.raises(Refused, match="不能重复签字"):
        signoff.sign(pg, complete.id, "member", member)
    same_content = (
        "SELECT case_id, {role}, {name}, now(), fingerprint, 'x' FROM signature "
        "WHERE case_id = :case AND role = 'supervisor'"
    )
    insert = "INSERT INTO signature (case_id, role, name, signed_at, fingerprint, recorded_by) "
    refused = [
        insert + same_content.format(role="'member'", name=f"'{member}'"),  # the same member twice
        insert + same_content.format(role="'supervisor'", name="'另一监交人'"),  # a required role after the lock
        insert + "VALUES (:case, 'leader', '某人', now(), 'not-the-signed-content', 'x')",
    ]
    for statement in refused:
        with pg.engine.connect() as conn, pytest.raises(DBAPIError, match="handover-locked"):
            conn.execute(text(statement), {"case": complete.id})
    # what the service does (the leader has not signed yet): let through
    with pg.engine.begin() as conn:
        conn.execute(text(insert + same_content.format(role="'leader'", name="'组长'")), {"case": complete.id})
    assert audit.verify(pg).ok
