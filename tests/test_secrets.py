"""A database server's password is never printed or written to the log: not by `init`, not by a migration, not when
the server refuses; the SQLite database, its -wal file and its backups are readable by their owner only."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from tests.conftest import requires_pg


@pytest.mark.postgres
@requires_pg[1]
def test_init_and_the_migration_log_never_show_the_password(pg, pg_url, data_home) -> None:  # type: ignore[no-untyped-def]
    password = make_url(pg_url).password
    assert password
    code, out, err = pg("init")  # migrates the empty database: the log says so, with the URL
    assert code == 0, err
    assert "***" in out and f":{password}@" not in out
    log = (data_home / "handover.log").read_text(encoding="utf-8")
    assert "migrated" in log and "***" in log
    assert f":{password}@" not in log


def test_a_refused_server_login_shows_no_password(run, data_home, capsys) -> None:  # type: ignore[no-untyped-def]
    from handover import cli

    url = "postgresql+psycopg://handover:s3cret-pw@127.0.0.1:1/nowhere"
    assert cli.main(["--db", url, "case", "list"]) == 2
    captured = capsys.readouterr()
    assert "s3cret-pw" not in captured.out + captured.err
    assert "s3cret-pw" not in (data_home / "handover.log").read_text(encoding="utf-8")


def test_the_new_database_and_its_wal_are_readable_by_the_owner_only(db_path) -> None:
    from handover.services import connection, units

    db = connection.open_database(db_path)  # the first start on this path
    try:
        units.add_unit(db, "白鹤镇", "township")
        for path in (db_path, Path(f"{db_path}-wal")):
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        db.close()
