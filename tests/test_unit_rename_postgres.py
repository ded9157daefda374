"""Renaming a signed case's unit and village on PostgreSQL (migration 0010's trigger functions): the program's rename
goes through and the signed case keeps its names and fingerprint; a rename by hand is still refused."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from handover import demo, reading
from handover.services import cases, unit_edits, units
from handover.signoff import service as signoff
from tests.test_signoff_postgres import PG_URL, pg  # noqa: F401 - the fixture

pytestmark = [pytest.mark.postgres, pytest.mark.skipif(not PG_URL, reason="HANDOVER_TEST_PG_URL not set")]


def test_a_signed_case_keeps_its_names_on_postgres(pg) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    demo.load_demo(pg)
    complete = next(c for c in reading.list_cases(pg) if c.done == c.total)
    cases.submit(pg, complete.id)
    signoff.sign(pg, complete.id, "outgoing", complete.outgoing)
    signoff.sign(pg, complete.id, "incoming", complete.incoming)
    locked = signoff.sign(pg, complete.id, "supervisor", "周监交")
    assert locked.locked
    before = reading.get_case(pg, complete.id)
    village = next(v for v in before.values if v.villages_end).villages_end[0]

    for statement in ("UPDATE unit SET name = 'x' WHERE name = :unit", "UPDATE village SET name = 'x' WHERE name = :village"):
        with pg.engine.connect() as conn, pytest.raises(DBAPIError, match="handover-locked"):
            conn.execute(text(statement), {"unit": complete.unit, "village": village})

    unit_edits.rename_unit(pg, complete.unit, "改名后镇")
    unit_edits.rename_village(pg, "改名后镇", village, "改名后村")
    after = reading.get_case(pg, complete.id)
    assert after == before  # names, values and all: what was signed
    assert signoff.status(pg, complete.id).fingerprint == locked.fingerprint
    assert any(u.name == "改名后镇" and "改名后村" in u.villages for u in units.list_units(pg))
    with pytest.raises(Exception, match="不能删除"):
        unit_edits.delete_unit(pg, "改名后镇")
