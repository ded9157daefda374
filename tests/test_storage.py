"""Storage: migrations match the models, a copy is taken before migrating, every SQLite connection is set up safely."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import text
from sqlmodel import SQLModel

import handover.audit  # noqa: F401 - registers the tables
import handover.field.models  # noqa: F401
import handover.models  # noqa: F401
import handover.signoff.models  # noqa: F401
from handover import cli
from handover import db as dbmod
from handover.db import open_database


def test_schema_heads_constant_matches_alembic() -> None:
    config = Config()
    config.set_main_option("script_location", str(Path(dbmod.__file__).with_name("migrations")))
    assert frozenset(ScriptDirectory.from_config(config).get_heads()) == dbmod.SCHEMA_HEADS


def test_migrations_create_exactly_the_model_schema(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), SQLModel.metadata)
    assert diff == []


def test_every_connection_uses_wal_foreign_keys_and_busy_timeout(db) -> None:  # type: ignore[no-untyped-def]
    with db.engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert conn.execute(text("PRAGMA busy_timeout")).scalar() >= 5000


def test_a_copy_is_taken_before_an_old_database_is_migrated(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "old.sqlite3"
    database = open_database(path, migrate=False)
    dbmod.upgrade(database, "0001")
    with database.engine.begin() as conn:
        conn.execute(text("INSERT INTO unit (name, unit_type, created_at) VALUES ('旧镇', 'township', '2025-01-01')"))
        # pretend the file was written by an older version of the schema
        conn.execute(text("UPDATE alembic_version SET version_num = '0001'"))
    database.close()
    if dbmod.SCHEMA_HEADS == frozenset({"0001"}):
        # with a single revision there is nothing newer to migrate to: check the no-op path keeps no copy
        assert dbmod.upgrade(open_database(path, migrate=False)) is None
        return
    reopened = open_database(path, migrate=False)
    backup = dbmod.upgrade(reopened)
    assert backup is not None and backup.exists()
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT name FROM unit").fetchall() == [("旧镇",)]
    copy.close()


def test_backup_is_a_consistent_copy(db, run) -> None:  # type: ignore[no-untyped-def]
    assert run("demo").code == 0
    backup = dbmod.backup_database(db, reason="test")
    assert backup is not None
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert conn.execute("SELECT count(*) FROM indicator_value").fetchone()[0] > 40
    conn.close()


def test_db_option_and_environment_variable(tmp_path, monkeypatch, run) -> None:  # type: ignore[no-untyped-def]
    from handover import cli

    target = tmp_path / "elsewhere" / "x.sqlite3"
    monkeypatch.setenv("HANDOVER_DB", str(target))
    # a folder that does not exist is a typing error, not a place for a new empty database
    assert cli.main(["unit", "add", "某镇", "--type", "township"]) == 2
    assert not target.parent.exists()
    target.parent.mkdir()
    assert cli.main(["unit", "add", "某镇", "--type", "township"]) == 0
    assert target.exists()
    url = f"sqlite:///{tmp_path / 'url.sqlite3'}"
    assert cli.main(["--db", url, "init"]) == 0
    assert (tmp_path / "url.sqlite3").exists()


@pytest.mark.parametrize(
    ("target", "words"),
    [
        ("{tmp}/report.pdf", "不是本系统的数据库"),
        ("postgresql+psycopg://county:secret-pw@127.0.0.1:1/handover", "无法连接数据库"),
        ("mysql://county@localhost/handover", "只支持 SQLite 文件路径，或 PostgreSQL"),
    ],
)
def test_a_database_that_cannot_be_used_is_a_message(run, capsys, tmp_path, target: str, words: str) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.7\n" + bytes(2048))
    code = cli.main(["--db", target.replace("{tmp}", str(tmp_path)), "case", "list"])
    err = capsys.readouterr().err
    assert code == 2 and words in err, err
    assert "意外错误" not in err and "secret-pw" not in err and "sqlalche.me" not in err
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF-1.7\n")
