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
    code, out, err = pg("draw", "1", "--reason", "在 PostgreSQL 上重新抽签", "--witness", "见证", "--alternates", "5", "--json")
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
