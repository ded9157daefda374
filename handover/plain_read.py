"""A read without the full open: a plain DB-API connection (handover/location.py) when opening the database the usual
way would change nothing and find nothing wrong, so `handover case list` answers through handover/case_list.py without
loading SQLAlchemy, SQLModel and pydantic (~0.5 s of imports for one SQL statement).

The usual open (handover/db.py, services/connection.py) checks the file, migrates it and makes the day's backup. A
read skips it only when none of that has anything to do:

- a SQLite file that exists, is a plain SQLite file (an encrypted field file needs its passphrase) and passed the
  integrity check as it is now (handover/checked.py); or a PostgreSQL server that answers;
- its schema is this program's (SCHEMA_HEADS): an older one is migrated by the usual open, a newer one refused by it;
- the day's automatic backup is made, or not due (switched off, or nothing recorded yet).

Anything else (no file yet, a file that is no database, a server that does not answer) is left to the usual open,
which does and says what it always did."""

from __future__ import annotations

import logging
import os
from datetime import date
from pathlib import Path
from typing import Any

from handover import checked, location
from handover.db_files import SQLITE_HEADER, daily_backup

log = logging.getLogger(__name__)


def reader(target: str | os.PathLike[str] | None) -> Any | None:
    """A plain connection to the database named by --db / HANDOVER_DB when a read needs nothing of the usual open,
    else None (the caller opens it the usual way). A folder that does not exist is refused as by the usual open."""
    url = location.resolve_url(target)
    path = location.sqlite_path(url)
    if path is not None and not _sound(path):
        return None
    try:
        connection = location.connect(url)
    except Exception as exc:  # noqa: BLE001 - the usual open says what is wrong
        log.info("no plain read of %s: %s", location.shown_url(url), exc)
        return None
    try:
        if _schema(connection) == location.SCHEMA_HEADS and (path is None or not _backup_due(connection, path)):
            return connection
    except Exception as exc:  # noqa: BLE001 - not this program's database as it stands: the usual open says so
        log.info("no plain read of %s: %s", location.shown_url(url), exc)
    connection.close()
    return None


def _sound(path: Path) -> bool:
    """A plain SQLite file that passed the integrity check as it is now."""
    stamp = checked.stamp(path)
    if stamp is None or not path.is_file() or not checked.found_sound(path, stamp):
        return False
    with path.open("rb") as file:
        return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER


def _rows(connection: Any, statement: str) -> list[Any]:
    cursor = connection.cursor()
    try:
        cursor.execute(statement)
        return list(cursor.fetchall())
    finally:
        cursor.close()


def _schema(connection: Any) -> frozenset[str]:
    return frozenset(str(row[0]) for row in _rows(connection, "SELECT version_num FROM alembic_version"))


def _backup_due(connection: Any, path: Path) -> bool:
    """Whether the usual open would make the day's backup (services/backups.py `daily`): none yet today, backups not
    switched off (the setting backup_keep at 0), and something recorded in the audit log."""
    if daily_backup(path, date.today()).exists():
        return False
    keep = [str(value).strip() for (value,) in _rows(connection, "SELECT value FROM setting WHERE key = 'backup_keep'")]
    if keep and keep[0].isdigit() and int(keep[0]) == 0:
        return False
    return bool(_rows(connection, "SELECT 1 FROM audit_log LIMIT 1"))
