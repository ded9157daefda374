"""`audit verify` against plain SQL on PostgreSQL: forged signatures, a changed value with the triggers dropped, the
cover-up, and a history rewritten before a checkpoint, on the demo county loaded by the program.

Runs when HANDOVER_TEST_PG_URL names an empty scratch database (its public schema is wiped).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from handover import audit, demo, reading
from handover.db import Database, open_database
from handover.services import cases
from handover.signing import pki
from handover.signoff import fingerprint as content
from handover.signoff import service as signoff
from tests.conftest import PG_URL, requires_pg
from tests.test_pades import PASSWORD, make_org

pytestmark = requires_pg
EXIT_NOT_VERIFIED = 3


@pytest.fixture(scope="module")
def org(tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    return make_org(tmp_path_factory)


@pytest.fixture
def county(pg_url: str):  # type: ignore[no-untyped-def]
    database = open_database(pg_url)
    demo.load_demo(database)
    yield database
    database.close()


def complete(db: Database) -> Any:
    return next(c for c in reading.list_cases(db) if c.done == c.total)


def sign_off(db: Database, case: Any, key: Any = None) -> None:
    cases.submit(db, case.id)
    signoff.sign(db, case.id, "outgoing", case.outgoing)
    signoff.sign(db, case.id, "incoming", case.incoming)
    with_key = {"key": key} if key is not None else {}  # the locking signature adds the checkpoint
    assert signoff.sign(db, case.id, "supervisor", "周监交", **with_key).locked


def sql(*statements: str, drop_triggers: bool = False, **params: Any) -> None:
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        if drop_triggers:
            rows = conn.execute(text("SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE NOT tgisinternal"))
            for name, table in list(rows):
                conn.execute(text(f'DROP TRIGGER "{name}" ON {table}'))
        for statement in statements:
            conn.execute(text(statement), params)
    engine.dispose()


def test_forged_signatures_on_postgres_are_caught(pg, county) -> None:  # type: ignore[no-untyped-def]
    case = complete(county)
    cases.submit(county, case.id)
    fp = signoff.fingerprint(county, case.id)
    for role, name in (("outgoing", case.outgoing), ("incoming", case.incoming), ("supervisor", "周监交")):
        sql("INSERT INTO signature (case_id, role, name, signed_at, fingerprint, recorded_by) "
            "VALUES (:case, :role, :name, now(), :fp, 'x')", case=case.id, role=role, name=name, fp=fp)  # fmt: skip
    sql("UPDATE handover_case SET status = 'signed' WHERE id = :case", case=case.id)  # the triggers let it through
    assert signoff.status(county, case.id).locked
    code, out, _err = pg("audit", "verify")
    assert code == EXIT_NOT_VERIFIED, out
    assert f"表 handover_case 第 {case.id} 行" in out and "“已签署”" in out


def test_a_signed_value_changed_with_the_triggers_dropped_on_postgres(pg, county) -> None:  # type: ignore[no-untyped-def]
    case = complete(county)
    sign_off(county, case)
    assert pg("audit", "verify")[0] == 0
    sql("UPDATE indicator_value SET end_value = '57' WHERE case_id = :case AND code = 'MEM01'",
        drop_triggers=True, case=case.id)  # fmt: skip
    code, out, _err = pg("audit", "verify")
    assert code == EXIT_NOT_VERIFIED
    assert f"案件 {case.id} 指标 MEM01 的届末值在数据表中是 “57”" in out


def test_the_cover_up_on_postgres_fails_with_and_without_the_head(pg, county) -> None:  # type: ignore[no-untyped-def]
    case = complete(county)
    sign_off(county, case)
    sql("UPDATE indicator_value SET end_value = '57' WHERE case_id = :case AND code = 'MEM01'",
        drop_triggers=True, case=case.id)  # fmt: skip
    new = content.of_case(county, case.id)
    sql("UPDATE signature SET fingerprint = :fp WHERE case_id = :case", fp=new, case=case.id)
    assert signoff.status(county, case.id).fingerprint == new
    _seq, head = audit.head(county)
    for args in ((), ("--head", head)):
        code, out, _err = pg("audit", "verify", *args)
        assert code == EXIT_NOT_VERIFIED, out
        assert "届末值在数据表中是 “57”" in out


def test_a_history_rewritten_before_a_checkpoint_on_postgres(pg, county, org) -> None:  # type: ignore[no-untyped-def]
    key = pki.load_p12(org["p12"].read_bytes(), PASSWORD)
    sign_off(county, complete(county), key=key)
    assert pg("audit", "verify", "--trust", str(org["pem"]))[0] == 0
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP TRIGGER handover_lock_audit ON audit_log"))
        rows = list(conn.execute(text("SELECT seq, at, actor, action, case_id, details FROM audit_log ORDER BY seq")))
        prev = audit.GENESIS
        for seq, at, actor, action, case_id, details in rows:
            actor = "冒名者" if seq == 3 else actor
            if action == "audit.checkpoint":
                details = audit.canonical_details({**json.loads(details), "head": prev})
            digest = audit.entry_hash(seq, at, actor, action, case_id, details, prev)
            conn.execute(text("UPDATE audit_log SET actor = :a, details = :d, prev_hash = :p, hash = :h WHERE seq = :s"),
                         {"a": actor, "d": details, "p": prev, "h": digest, "s": seq})  # fmt: skip
            prev = digest
    engine.dispose()
    code, out, _err = pg("audit", "verify", "--trust", str(org["pem"]))
    assert code == EXIT_NOT_VERIFIED, out
    assert "哈希链首尾相接" in out and "的单位签名无效" in out
