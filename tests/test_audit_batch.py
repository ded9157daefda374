"""`audit.record_many`, the batched append a value import uses: the very rows (ids, sequence numbers, hashes, every
byte) that one `record` call per entry would store, on SQLite and on PostgreSQL, and a chain `audit verify` accepts."""

from __future__ import annotations

import itertools
import json
import shutil
import sqlite3
from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import create_engine, text

from handover import audit
from handover.db import Database, open_database
from handover.demo import COMPLETE
from handover.services import cases, value_import
from tests.conftest import dump, requires_pg
from tests.server_support import reset_schema

#: entries as a batch holds them: a case and none, a given actor and the local one, nested Chinese details
ENTRIES = [
    ("value.edit", 1, {"code": "ORG05", "old": {"note": None}, "new": {"note": "第一次"}}, None),
    ("value.edit", 1, {"code": "ECO01", "old": {"villages_start": []}, "new": {"villages_start": ["东村", "西村"]}}, None),
    ("report.generate", None, {"file": "报告.pdf", "n": 3}, "李四"),
    ("value.edit", 2, {"code": "SOC02", "old": {"start": "1.5"}, "new": {"start": "2"}}, ""),
]


def _pin_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same times for both ways of writing: entry n of a run is stamped 08:00:n."""
    ticks = itertools.count()
    monkeypatch.setattr(audit, "_now", lambda: f"2026-11-30T08:00:{next(ticks):02d}.000000+00:00")


def _write(db: Database, batched: bool, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Two entries on their own, then ENTRIES in one transaction: one `record` each, or one `record_many`."""
    _pin_clock(monkeypatch)
    with db.session() as session:
        audit.record(session, "case.create", 1, {"unit": "云岭镇"})
        audit.record(session, "setting.set", None, {"key": "x", "value": "1"}, actor="王五")
    with db.session() as session:
        if batched:
            hashes = audit.record_many(session, [audit.pending(a, c, d, actor=who) for a, c, d, who in ENTRIES])
        else:
            hashes = [audit.record(session, a, c, d, actor=who) for a, c, d, who in ENTRIES]
        audit.record(session, "case.status", 1, {"old": "draft", "new": "review"})  # and one after, chained on
    with db.session() as session:
        assert audit.record_many(session, []) == []
    return hashes


def test_a_batch_stores_the_same_bytes_as_one_record_each_on_sqlite(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    files = {}
    for batched in (False, True):
        files[batched] = tmp_path / f"batched-{batched}.sqlite3"
        db = open_database(files[batched])
        hashes = _write(db, batched, monkeypatch)
        assert audit.verify(db).ok and audit.count(db) == 2 + len(ENTRIES) + 1
        assert audit.head(db)[0] == 7 and hashes[-1] == audit.entries(db)[-2].hash
        db.close()
    one_by_one, batch = dump(files[False]), dump(files[True])
    assert "INSERT INTO \"audit_log\" VALUES(6,6,'2026-11-30T08:00:05.000000+00:00','测试员','value.edit',2" in batch
    assert "'李四','report.generate',NULL" in batch
    assert batch == one_by_one


def _pg_rows(url: str) -> list[str]:
    engine = create_engine(url)
    with engine.connect() as conn:
        rows = [r[0] for r in conn.execute(text("SELECT audit_log::text FROM audit_log ORDER BY id"))]
    engine.dispose()
    return rows


@requires_pg[0]  # the postgres marker
@requires_pg[1]  # skipped without HANDOVER_TEST_PG_URL
def test_a_batch_stores_the_same_rows_as_one_record_each_on_postgresql(pg_url, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    rows = {}
    for batched in (False, True):
        reset_schema(pg_url)
        db = open_database(pg_url)
        hashes = _write(db, batched, monkeypatch)
        assert audit.verify(db).ok and hashes[-1] == audit.entries(db)[-2].hash
        db.close()
        rows[batched] = _pg_rows(pg_url)
    assert len(rows[True]) == 7 and "李四" in rows[True][4]
    assert rows[True] == rows[False]


def _sheet(path: Path, note: str) -> Path:
    """The demo's complete values, a row per indicator (village lists included), each with a new note."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["指标代码", "届初", "届末", "届初村名", "届末村名", "备注"])
    for code, (start, end) in COMPLETE.items():
        if isinstance(start, list) and isinstance(end, list):
            sheet.append([code, None, None, "、".join(start), "、".join(end), f"{note}{code}"])
        else:
            sheet.append([code, start, end, None, None, f"{note}{code}"])
    book.save(path)
    return path


def test_an_import_logs_what_one_edit_per_row_would(demo, db_path, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Case 1 of the demo (complete, 云岭镇): the sheet imported at once, or each of its rows saved on its own, leave
    the same audit log, entry for entry, in the order of the rows."""
    other = tmp_path / "row-by-row.sqlite3"
    shutil.copyfile(db_path, other)
    path = _sheet(tmp_path / "values.xlsx", "新备注")
    _pin_clock(monkeypatch)
    db = open_database(db_path)
    assert value_import.import_values(db, 1, path) == len(COMPLETE)
    assert audit.verify(db).ok
    db.close()
    _pin_clock(monkeypatch)
    db = open_database(other)
    for edit in value_import.read_edits(path):
        cases.apply_edits(db, 1, [edit])
    db.close()
    logs = {}
    for name in (db_path, other):
        conn = sqlite3.connect(name)
        logs[name] = conn.execute("SELECT * FROM audit_log ORDER BY id").fetchall()
        conn.close()
    imported = [row for row in logs[db_path] if row[2].startswith("2026-11-30T08:00:")]
    assert [json.loads(row[6])["code"] for row in imported] == list(COMPLETE)
    assert logs[db_path] == logs[other]
