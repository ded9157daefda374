"""The draw on PostgreSQL: draw, verify, replace, and the append-only trigger (skipped without HANDOVER_TEST_PG_URL)."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from tests.conftest import PG_URL, requires_pg

pytestmark = requires_pg


def test_draw_verify_replace_and_append_only_on_postgresql(pg) -> None:  # type: ignore[no-untyped-def]
    code, out, err = pg("demo")
    assert code == 0, err
    # five alternates: some member always has one that keeps the composition rules (the draw itself is random)
    code, out, err = pg("draw", "prepare", "1", "--alternates", "5", "--json")
    assert code == 0, err
    notice = json.loads(out)
    code, out, err = pg("draw", "1", "--pool-hash", notice["pool_hash"], "--commitment", notice["commitment"],
                        "--reason", "在 PostgreSQL 上重新抽签", "--reason-kind", "other", "--witness", "见证", "--json")  # fmt: skip
    assert code == 0, err
    drawn = json.loads(out)
    assert pg("draw", "verify", str(drawn["draw_id"]))[0] == 0
    replaced = [
        pg("draw", "replace", str(drawn["draw_id"]), member["name"], "--reason", "因病", "--json")[0]
        for member in drawn["members"][1:]
    ]
    assert 0 in replaced, replaced
    assert set(replaced) <= {0, 2}  # 2: no alternate fits this member, a refusal with its reason
    assert pg("draw", "verify", str(drawn["draw_id"]))[0] == 0
    assert [d["attempt"] for d in json.loads(pg("draw", "list", "1", "--json")[1])] == [1, 2]
    engine = create_engine(PG_URL)
    try:
        for statement in ("UPDATE draw_record SET seed = 'x'", "DELETE FROM draw_replacement"):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.execute(text(statement))
    finally:
        engine.dispose()


def test_committed_draw_export_and_audit_cross_check_on_postgresql(pg, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Issue 10 on PostgreSQL: prepare, draw with the notice's hashes, export verified by docs/verify_draw.py, the
    new tables append-only, and a draw record added by plain SQL caught by `audit verify`."""
    import subprocess
    import sys
    from pathlib import Path

    assert pg("demo")[0] == 0
    code, out, err = pg("draw", "prepare", "2", "--public-source", "某期开奖号码", "--alternates", "0", "--json")
    assert code == 0, err
    notice = json.loads(out)
    hashes = ("--pool-hash", notice["pool_hash"], "--commitment", notice["commitment"], "--witness", "见证")
    assert pg("draw", "2", *hashes)[0] == 2  # the announced public value is missing
    code, out, err = pg("draw", "2", *hashes, "--public-value", "7 8 9", "--json")
    assert code == 0, err
    draw_id = json.loads(out)["draw_id"]
    members = json.loads(out)["members"]
    assert pg("draw", "replace", str(draw_id), members[1]["name"], "--reason", "因病")[0] == 2  # no alternate: kept
    assert pg("draw", "verify", str(draw_id))[0] == 0
    export = tmp_path / "draw.json"
    export.write_text(pg("draw", "show", str(draw_id), "--json")[1], encoding="utf-8")
    verifier = Path(__file__).resolve().parent.parent / "docs" / "verify_draw.py"
    checked = subprocess.run([sys.executable, "-I", "-S", str(verifier), str(export)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert pg("audit", "verify")[0] == 0
    engine = create_engine(PG_URL)
    try:
        for statement in ("UPDATE draw_prepared SET commitment = 'x'", "DELETE FROM draw_replacement_refusal"):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.execute(text(statement))
        with engine.begin() as conn:
            conn.execute(text(
                "INSERT INTO draw_record (case_id, attempt, created_at, operator, reason, draw_date, algorithm, snapshot, "
                "pool_hash, os_entropy, witness, seed, result, previous_hash, record_hash) SELECT case_id, attempt + 1, "
                "created_at, operator, 'r', draw_date, algorithm, snapshot, pool_hash, os_entropy, witness, seed, result, "
                "record_hash, record_hash FROM draw_record WHERE id = :id"), {"id": draw_id})  # fmt: skip
    finally:
        engine.dispose()
    code, out, _ = pg("audit", "verify")
    assert code == 3 and "案件 2 第2次抽签" in out and "没有对应的记录" in out
