"""`handover case list` reads through the plain DB-API reader (issue 15: each command imports only what it uses): no
SQLAlchemy, SQLModel, pydantic, Alembic, reportlab or pyHanko is loaded, and what it prints is what the usual open
printed. Everything runs the installed command in a process of its own, with Python's import log
(PYTHONPROFILEIMPORTTIME) saying which modules it loaded."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from handover import reading
from handover.db import open_database
from handover.field.checkout import checked_out_ids
from handover.words import FIELD_STATES
from tests.conftest import dump, requires_pg

HANDOVER = Path(sys.executable).parent / "handover"
#: what a plain read must not load (~0.5 s of imports); the usual open loads the first three
HEAVY = {"sqlalchemy", "sqlmodel", "pydantic", "alembic", "reportlab", "pyhanko"}
PASSPHRASE = "村口老槐树 2026"


@dataclass
class Listed:
    code: int
    out: str
    err: str
    loaded: set[str]  # the top-level packages the process imported

    @property
    def plain(self) -> bool:
        return not self.loaded & HEAVY


def listing(db: str | Path, *args: str, usual: bool = False, passphrase: str | None = None) -> Listed:
    """`handover --db DB case list ARGS...` as its own process. `usual`: the file changed since its integrity check
    passed (its time moved on), so the command opens it the usual way, as every command did before."""
    if usual:
        stat = Path(db).stat()
        os.utime(db, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    env = {**os.environ, "PYTHONPROFILEIMPORTTIME": "1"}
    env.pop("HANDOVER_PASSPHRASE", None)
    if passphrase is not None:
        env["HANDOVER_PASSPHRASE"] = passphrase
    done = subprocess.run([str(HANDOVER), "--db", str(db), "case", "list", *args], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=300)  # fmt: skip
    lines = done.stderr.splitlines()
    loaded = {line.rsplit("|", 1)[1].strip().split(".")[0] for line in lines if line.startswith("import time:")}
    err = "\n".join(line for line in lines if not line.startswith("import time:"))
    return Listed(done.returncode, done.stdout, err, loaded - {"module"})  # "module" is the log's heading


#: filters, search, step, paging and both outputs; the demo county plus cases of other years and steps
OPTIONS = [
    (),
    ("--json",),
    ("--limit", "2", "--offset", "1"),
    ("--status", "draft", "--json"),
    ("--search", "云岭"),
    ("--search", "吴"),
    ("--step", "checklist", "--json"),
    ("--step", "evaluation"),
    ("--year", "2026"),
    ("--year", "2019", "--json"),
    ("--search", "100%"),  # nothing found: "没有案件。"
]


@pytest.fixture
def county(demo, run, db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:  # type: ignore[no-untyped-def]
    """The demo county, two more cases (one ended in 2019), and cases 1 and 2 out on a field visit."""
    for outgoing, incoming, start, end in (("孙一", "钱二", "2014-03-01", "2019-02-28"), ("赵三", "李四", "2009-03-01", "2014-02-28")):
        made = run("case", "new", "--unit", "云岭镇", "--outgoing", outgoing, "--incoming", incoming,
                   "--term-start", start, "--term-end", end)  # fmt: skip
        assert made.code == 0, made.err
    monkeypatch.setenv("FIELD_KEY", PASSPHRASE)
    trip = db_path.with_name("云岭石门.hofield")
    out = run("field", "checkout", "1", "2", "-o", str(trip), "--passphrase-env", "FIELD_KEY")
    assert out.code == 0, out.err
    return db_path


@pytest.mark.parametrize("options", OPTIONS, ids=" ".join)
def test_case_list_prints_what_the_usual_open_printed_without_loading_the_orm(county: Path, options) -> None:  # type: ignore[no-untyped-def]
    before = listing(county, *options, usual=True)
    assert before.code == 0, before.err
    assert {"sqlalchemy", "sqlmodel", "pydantic"} <= before.loaded  # the usual open, as every command did
    after = listing(county, *options)
    assert after.code == 0, after.err
    assert after.plain, sorted(after.loaded & HEAVY)
    assert (after.out, after.err) == (before.out, before.err)
    if "--search" in options and "100%" in options:
        assert after.out == "没有案件。\n"
    else:
        assert after.out.strip()


def test_the_json_is_the_full_path_s_own_list(county: Path) -> None:
    db = open_database(county)
    try:
        out = checked_out_ids(db)
        expected = [r.to_dict() | {"checked_out": r.id in out} for r in reading.list_cases(db)]
        paged = [r.to_dict() | {"checked_out": r.id in out} for r in reading.list_cases(db, step="checklist", limit=1)]
    finally:
        db.close()
    listing(county, usual=True)  # checked once the usual way: from now on it is read plainly
    plain = listing(county, "--json")
    assert plain.plain and json.loads(plain.out) == expected
    assert [c["checked_out"] for c in expected].count(True) == 2
    paged_plain = listing(county, "--json", "--step", "checklist", "--limit", "1")
    assert paged_plain.plain and json.loads(paged_plain.out) == paged
    text = listing(county)
    assert text.plain and text.out.count(FIELD_STATES["out"]) == 2


def test_a_file_that_is_no_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    for name, content, why in (("notes.sqlite3", "县委组织部会议记录".encode() * 200, "不是 SQLite 数据库文件"),
                               ("empty.sqlite3", b"", "文件是空的")):  # fmt: skip
        path = tmp_path / name
        path.write_bytes(content)
        refused = listing(path)
        assert refused.code == 2 and "错误：" in refused.err and why in refused.err, refused.err
        assert "Traceback" not in refused.err
        assert path.read_bytes() == content


def test_another_program_s_sqlite_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "contacts.sqlite3"
    connection = sqlite3.connect(path)
    connection.execute("CREATE TABLE contact (name TEXT)")
    connection.execute("INSERT INTO contact VALUES ('张三')")
    connection.commit()
    connection.close()
    before, files = dump(path), _files(tmp_path)
    refused = listing(path)
    assert refused.code == 2 and "它不是本系统的数据库" in refused.err and str(path) in refused.err, refused.err
    assert dump(path) == before and _files(tmp_path) == files  # no table added, no copy made


def test_a_newer_schema_is_refused_before_anything_is_written(demo, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    connection = sqlite3.connect(db_path)
    connection.execute("UPDATE alembic_version SET version_num = '0099'")
    connection.commit()
    connection.close()
    before, files = dump(db_path), _files(db_path.parent)
    for usual in (True, False):
        refused = listing(db_path, usual=usual)
        assert refused.code == 2 and "结构版本（0099）比本程序新" in refused.err and "新版本" in refused.err, refused.err
        assert dump(db_path) == before
        assert _files(db_path.parent) == files  # no copy before a migration, no backup


def _files(folder: Path) -> list[str]:
    """The files in the folder and its backups folder (not the data folder `home`, where the log is written)."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.relative_to(folder).parts[0] != "home")


def test_an_older_schema_is_migrated_by_the_usual_open_then_read_plainly(run, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    from handover import db as dbmod

    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0
    assert run("case", "new", "--unit", "白鹤镇", "--outgoing", "王一", "--incoming", "李二",
               "--term-start", "2021-01-05", "--term-end", "2026-01-04").code == 0  # fmt: skip
    expected = listing(db_path, usual=True).out
    _downgrade(db_path, "0008")  # a database an older version of the program wrote
    migrated = listing(db_path)
    assert migrated.code == 0, migrated.err
    assert "alembic" in migrated.loaded and migrated.out == expected
    assert list(db_path.parent.glob("county.before-migrate-from-0008.*.bak"))
    db = open_database(db_path, migrate=False)
    try:
        assert dbmod.current_revisions(db) == dbmod.SCHEMA_HEADS
    finally:
        db.close()
    again = listing(db_path)
    assert again.plain and again.out == expected


def _downgrade(path: Path, revision: str) -> None:
    from alembic import command
    from alembic.config import Config

    from handover.paths import migrations_dir

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    db = open_database(path, migrate=False)
    try:
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.downgrade(config, revision)
    finally:
        db.close()


def test_a_missing_file_or_folder_is_what_it_was(tmp_path: Path) -> None:
    new = tmp_path / "new.sqlite3"
    made = listing(new)  # the first start makes the database, as every command does
    assert made.code == 0 and made.out == "没有案件。\n" and new.is_file()
    nowhere = tmp_path / "nowhere" / "county.sqlite3"
    refused = listing(nowhere)
    assert refused.code == 2 and f"数据库文件所在的文件夹不存在：{nowhere.parent}" in refused.err
    assert not nowhere.parent.exists()


def test_the_day_s_backup_is_still_made_by_the_first_list_of_the_day(demo, db_path: Path) -> None:  # type: ignore[no-untyped-def]
    folder = db_path.parent / "backups"
    for made in folder.glob("*"):
        made.unlink()
    first = listing(db_path)
    assert first.code == 0 and "sqlalchemy" in first.loaded
    assert len(list(folder.glob("county.daily-*.sqlite3"))) == 1
    second = listing(db_path)
    assert second.plain and second.out == first.out


def test_an_encrypted_field_file_is_read_with_its_passphrase(county: Path) -> None:
    trip = county.with_name("云岭石门.hofield")
    refused = listing(trip)
    assert refused.code == 2 and "已加密" in refused.err
    listed = listing(trip, passphrase=PASSPHRASE)
    assert listed.code == 0, listed.err
    assert "林晓梅 → 周建国" in listed.out and "陈立新 → 吴海燕" in listed.out and "孙一" not in listed.out


@pytest.mark.postgres
@requires_pg[1]
def test_on_postgresql_the_list_is_read_plainly_and_the_same(pg, pg_url: str, county: Path) -> None:  # type: ignore[no-untyped-def]
    assert pg("demo")[0] == 0
    for outgoing, incoming, start, end in (("孙一", "钱二", "2014-03-01", "2019-02-28"), ("赵三", "李四", "2009-03-01", "2014-02-28")):
        made = pg("case", "new", "--unit", "云岭镇", "--outgoing", outgoing, "--incoming", incoming,
                  "--term-start", start, "--term-end", end)  # fmt: skip
        assert made[0] == 0, made[2]
    db = open_database(pg_url)
    try:
        expected = [r.to_dict() | {"checked_out": False} for r in reading.list_cases(db)]
    finally:
        db.close()
    plain = listing(pg_url, "--json")
    assert plain.code == 0 and plain.plain, plain.err
    assert json.loads(plain.out) == expected and len(expected) == 4
    for options in OPTIONS:
        # the same county on SQLite, opened the usual way (its cases 1 and 2 are out on a field visit)
        usual = listing(county, *options, usual=True).out.replace(f"  {FIELD_STATES['out']}", "")
        usual = usual.replace('"checked_out": true', '"checked_out": false')
        server = listing(pg_url, *options)
        assert server.plain and server.code == 0, server.err
        assert server.out == usual, options
        assert ":handover@" not in server.err

