"""Field visits with the office on the county's PostgreSQL server: the same check-out, merge and check-in as on SQLite
(the field file is always a SQLite file on the laptop)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import requires_pg
from tests.field_support import ok
from tests.test_field import at  # noqa: F401 - the fixture

pytestmark = requires_pg


def _value(at, office: str, case: int, code: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]  # noqa: F811
    shown = json.loads(ok(at(office, "case", "show", str(case), "--json")))
    value = next(v for v in shown["values"] if v["code"] == code)
    return value["start"], value["end"]


def test_check_out_and_in_with_the_office_on_postgres(pg_url: str, tmp_path: Path, at) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    trip = tmp_path / "trip.hofield"
    ok(at(pg_url, "demo"))
    assert "已加密" in ok(at(pg_url, "field", "checkout", "1", "2", "-o", str(trip), "--passphrase-env", "FIELD_KEY"))
    assert "外出核查中" in ok(at(pg_url, "case", "list"))
    ok(at(trip, "value", "set", "2", "ORG05", "--start", "8", "--end", "12"))
    ok(at(trip, "value", "set", "2", "ORG06", "--start", "80", "--end", "95"))
    ok(at(pg_url, "value", "set", "2", "ORG05", "--start", "9", "--end", "11", user="办公室"))
    first = at(pg_url, "field", "checkin", str(trip), "--json", user="办公室")
    assert first.code == 2
    assert [(c["case"], c["code"]) for c in json.loads(first.out)["conflicts"]] == [(2, "ORG05")]
    assert _value(at, pg_url, 2, "ORG06") == ("86.5", "97")  # nothing of case 2 applied
    ok(at(pg_url, "field", "resolve", str(trip), "--case", "2", "--code", "ORG05", "--take", "office", user="办公室"))
    ok(at(pg_url, "field", "checkin", str(trip), user="办公室"))
    assert _value(at, pg_url, 2, "ORG05") == ("9", "11") and _value(at, pg_url, 2, "ORG06") == ("80", "95")
    again = at(pg_url, "field", "checkin", str(trip), user="办公室")
    assert again.code == 0 and "没有新的改动" in again.out
    assert "操作日志与数据表一致" in ok(at(pg_url, "audit", "verify"))


def test_a_field_file_is_refused_by_another_postgres_office(pg_url: str, tmp_path: Path, at) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    sqlite_office = tmp_path / "other.sqlite3"
    ok(at(sqlite_office, "demo"))
    trip = tmp_path / "trip.hofield"
    ok(at(sqlite_office, "field", "checkout", "2", "-o", str(trip)))
    ok(at(pg_url, "demo"))
    ok(at(pg_url, "field", "checkout", "1", "-o", str(tmp_path / "pg.hofield")))
    done = at(pg_url, "field", "checkin", str(trip))
    assert done.code == 2 and "另一个办公室数据库" in done.err
