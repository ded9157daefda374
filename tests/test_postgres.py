"""The same code on PostgreSQL: migrations, the demo, a case shown, a refusal that changes nothing.

Runs when HANDOVER_TEST_PG_URL names an empty database the test may wipe (CI sets it up); skipped otherwise.
"""

from __future__ import annotations

import json

from sqlalchemy import MetaData, create_engine

from tests.conftest import PG_URL, requires_pg

pytestmark = requires_pg


def _snapshot() -> dict[str, list[tuple[object, ...]]]:
    engine = create_engine(PG_URL)
    meta = MetaData()
    meta.reflect(engine)
    with engine.connect() as conn:
        data = {t.name: sorted(map(tuple, conn.execute(t.select())), key=repr) for t in meta.sorted_tables}
    engine.dispose()
    return data


def test_demo_and_rules_on_postgresql(pg) -> None:  # type: ignore[no-untyped-def]
    code, out, err = pg("demo")
    assert code == 0, err
    listed = json.loads(pg("case", "list", "--json")[1])
    complete = next(c for c in listed if c["progress"]["done"] == 40)
    detail = json.loads(pg("case", "show", str(complete["id"]), "--json")[1])
    assert {v["code"]: v["trend"] for v in detail["values"]}["ORG03"] == "提升"
    before = _snapshot()
    code, _, err = pg("value", "set", str(complete["id"]), "ORG06", "--start", "130")
    assert code == 2 and "0 至 100" in err
    assert _snapshot() == before
    half = next(c for c in listed if c["progress"]["done"] < 40)
    assert pg("value", "set", str(half["id"]), "ORG01", "--villages-start", "石门村", "--villages-end", "石门村,高坪村")[0] == 0
    shown = json.loads(pg("case", "show", str(half["id"]), "--json")[1])
    assert {v["code"]: v for v in shown["values"]}["ORG01"]["villages_end"] == ["石门村", "高坪村"]
