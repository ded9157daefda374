"""Backups that hold what was committed: `handover backup` while another process has the database open with its latest
commits still in the -wal file, daily backups kept in rotation, `handover restore` only of a backup that passes the
integrity and audit checks, keeping the file it replaces; on PostgreSQL, the advice to use pg_dump."""

from __future__ import annotations

import json
import multiprocessing
import shutil
import sqlite3
import stat
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from handover import audit
from handover.db import open_database
from handover.services import backups
from tests.conftest import requires_pg

WAIT = 30
NOTE = "打开程序时刚保存的备注"


def _note(path: Path, code: str = "ORG06") -> str | None:
    conn = sqlite3.connect(path)
    try:
        row = conn.execute("SELECT note FROM indicator_value WHERE case_id = 1 AND code = ?", (code,)).fetchone()
        return None if row is None else row[0]
    finally:
        conn.close()


def _hold_open(path: str, ready: Any, stop: Any) -> None:
    """The desktop application: saves a note and keeps the database open, its commit only in the -wal file."""
    from handover.services import cases

    db = open_database(path)
    keeper = sqlite3.connect(path)  # a second connection holds the WAL open, as the GUI's idle connections do
    keeper.execute("PRAGMA wal_autocheckpoint = 0")
    keeper.execute("SELECT count(*) FROM unit").fetchone()
    cases.set_value(db, 1, "ORG06", note=NOTE)
    ready.set()
    stop.wait(WAIT)
    keeper.close()
    db.close()


def test_a_backup_holds_the_commits_still_in_the_wal_file(demo, run, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    context = multiprocessing.get_context("spawn")
    ready, stop = context.Event(), context.Event()
    holder = context.Process(target=_hold_open, args=(str(db_path), ready, stop))
    holder.start()
    try:
        assert ready.wait(WAIT)
        assert Path(f"{db_path}-wal").stat().st_size > 0
        copied = tmp_path / "copied.sqlite3"
        shutil.copyfile(db_path, copied)  # what an operator did: copy the file to a USB stick
        assert _note(copied) != NOTE  # the copy lost the latest commit
        result = run("backup", "-o", str(tmp_path / "usb.sqlite3"))
        assert result.code == 0, result.err
        assert _note(tmp_path / "usb.sqlite3") == NOTE
        assert "usb.sqlite3" in result.out
    finally:
        stop.set()
        holder.join(WAIT)
    restored = open_database(tmp_path / "usb.sqlite3")
    try:
        assert audit.verify(restored).ok
    finally:
        restored.close()


def test_backup_does_not_overwrite_a_file(demo, run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    existing = tmp_path / "old.sqlite3"
    existing.write_bytes(b"an older backup")
    result = run("backup", "-o", str(existing))
    assert result.code == 2 and "已存在" in result.err
    assert existing.read_bytes() == b"an older backup"


def test_daily_backups_rotate_keeping_the_number_set(demo, run, db_path) -> None:  # type: ignore[no-untyped-def]
    assert run("settings", "set", "backup_keep", "3").code == 0
    folder = db_path.parent / "backups"
    for made_today in folder.iterdir():
        made_today.unlink()
    first = date(2026, 11, 1)
    db = open_database(db_path)
    try:
        for day in range(6):
            backups.daily(db, first + timedelta(days=day))
            assert backups.daily(db, first + timedelta(days=day)) is None  # one a day
    finally:
        db.close()
    kept = sorted(p.name for p in folder.glob("county.daily-*.sqlite3"))
    assert kept == ["county.daily-20261104.sqlite3", "county.daily-20261105.sqlite3", "county.daily-20261106.sqlite3"]


def test_any_command_makes_the_days_backup_unless_switched_off(demo, run, db_path) -> None:  # type: ignore[no-untyped-def]
    folder = db_path.parent / "backups"
    assert run("case", "list").code == 0
    today = folder / f"county.daily-{date.today():%Y%m%d}.sqlite3"
    assert today.exists() and _note(today) == _note(db_path)
    assert run("settings", "set", "backup_keep", "0").code == 0
    today.unlink()
    assert run("case", "list").code == 0
    assert not today.exists()


def _audit_tampered(path: Path) -> None:
    conn = sqlite3.connect(path)
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("UPDATE audit_log SET actor = '别人' WHERE seq = 2")
    conn.commit()
    conn.close()


def test_restore_refuses_a_backup_that_fails_a_check(demo, run, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert run("backup", "-o", str(tmp_path / "good.sqlite3")).code == 0
    tampered = tmp_path / "tampered.sqlite3"
    shutil.copyfile(tmp_path / "good.sqlite3", tampered)
    _audit_tampered(tampered)
    damaged = tmp_path / "damaged.sqlite3"
    data = bytearray((tmp_path / "good.sqlite3").read_bytes())
    data[len(data) // 2 : len(data) // 2 + 8192] = b"\x00" * 8192
    damaged.write_bytes(bytes(data))
    empty = tmp_path / "empty.sqlite3"
    empty.write_bytes(b"")
    before = db_path.read_bytes()
    for candidate, why in ((tampered, "操作日志"), (damaged, "恢复"), (empty, "不是 SQLite")):
        result = run("restore", str(candidate))
        assert result.code == 2, (candidate, result.out, result.err)
        assert why in result.err and str(candidate) in result.err
    assert db_path.read_bytes() == before
    assert not list((db_path.parent / "backups").glob("county.replaced-*"))


def test_restore_replaces_the_database_and_keeps_the_replaced_file(demo, run, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert run("backup", "-o", str(tmp_path / "before.sqlite3")).code == 0
    assert run("value", "set", "1", "ORG06", "--note", "备份之后的改动").code == 0
    db = open_database(db_path)  # the desktop application, open during the restore
    try:
        result = run("restore", str(tmp_path / "before.sqlite3"))
        assert result.code == 0, result.err
        shown = json.loads(run("case", "show", "1", "--json").out)
        assert {v["code"]: v["note"] for v in shown["values"]}["ORG06"] != "备份之后的改动"
        assert audit.verify(db).ok and audit.count(db) == audit.count(open_database(tmp_path / "before.sqlite3"))
    finally:
        db.close()
    kept = list((db_path.parent / "backups").glob("county.replaced-*.sqlite3"))
    assert len(kept) == 1 and _note(kept[0]) == "备份之后的改动"
    assert str(kept[0]) in result.out


def test_restore_over_a_damaged_file_keeps_the_damaged_file(demo, run, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert run("backup", "-o", str(tmp_path / "good.sqlite3")).code == 0
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    db_path.write_bytes(b"")
    assert run("case", "list").code == 2
    result = run("restore", str(tmp_path / "good.sqlite3"))
    assert result.code == 0, result.err
    assert run("case", "list").code == 0
    kept = list((db_path.parent / "backups").glob("county.replaced-*.sqlite3"))
    assert len(kept) == 1 and kept[0].stat().st_size == 0


@pytest.mark.postgres
@requires_pg[1]
def test_on_postgresql_backup_and_restore_say_to_use_pg_dump(pg, pg_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert pg("init")[0] == 0
    for args, tool in ((("backup",), "pg_dump"), (("restore", str(tmp_path / "x.dump")), "pg_restore")):
        code, out, err = pg(*args)
        assert code == 2 and tool in err
        assert ("已安装" in err) == (shutil.which(tool) is not None)
        assert ":handover@" not in err  # the URL is shown without its password


def test_database_files_and_backups_are_readable_by_the_owner_only(run, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from handover import db as dbmod

    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0
    assert run("backup", "-o", str(tmp_path / "usb.sqlite3")).code == 0
    assert run("case", "list").code == 0  # the day's automatic backup
    db = open_database(db_path)
    try:
        before_migrating = dbmod.backup_database(db, reason="before-migrate-from-0004")
    finally:
        db.close()
    folder = db_path.parent / "backups"
    made = [db_path, tmp_path / "usb.sqlite3", before_migrating, *folder.iterdir()]
    assert len(made) == 4
    for path in made:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
