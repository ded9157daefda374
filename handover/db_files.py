"""The database file as a file: where its backups go, a consistent copy of it, a new file only its owner may read.

Below `handover.db` (which re-exports these names), so the copying needs no SQLAlchemy."""

from __future__ import annotations

import os
import sqlite3
from datetime import date
from pathlib import Path

#: how long a writer waits for SQLite's write lock before it fails with "database is locked"
BUSY_TIMEOUT_MS = 10000
#: the folder next to a database file that holds its backups (in the data folder for the default database)
BACKUP_FOLDER = "backups"
#: the first 16 bytes of every SQLite database file
SQLITE_HEADER = b"SQLite format 3\x00"
#: the mark of the automatic backups, one a day: STEM.daily-YYYYMMDD.sqlite3 in the backups folder
DAILY = "daily"


def backups_dir(path: Path) -> Path:
    """Where the backups of a database file go: the folder `backups` next to it."""
    return path.parent / BACKUP_FOLDER


def daily_backup(path: Path, day: date) -> Path:
    """Where the day's automatic backup of a database file goes (services/backups.py makes it)."""
    return backups_dir(path) / f"{path.stem}.{DAILY}-{day:%Y%m%d}.sqlite3"


def latest_backup(path: Path) -> Path | None:
    """The newest backup of a database file: made by `handover backup`, every day, or before a migration."""
    found = [*backups_dir(path).glob(f"{path.stem}.*.sqlite3"), *path.parent.glob(f"{path.stem}.*.bak")]
    usable = (p for p in found if p.is_file() and ".replaced-" not in p.name)  # what a restore replaced is no backup
    return max(usable, key=lambda p: p.stat().st_mtime, default=None)


def private_file(path: Path) -> None:
    """Make an empty file only its owner may read and write (0600 on POSIX; SQLite gives its -wal and -shm files the
    same mode): the database and its backups hold people's names and records. Refuses to replace a file."""
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of a SQLite file by the online backup API (what other processes committed, also what is still
    in the -wal file), written under a temporary name and renamed, so a copy cut short is never taken for a backup."""
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    private_file(partial)
    try:
        copy_into(source, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return target


def copy_into(source: Path, target: Path) -> None:
    """Write every page of the SQLite file `source` into the database file `target` by the online backup API: the
    target's other connections (another process that has it open) see the new content from their next read."""
    reader = sqlite3.connect(source, timeout=BUSY_TIMEOUT_MS / 1000)
    try:
        writer = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            reader.backup(writer)
        finally:
            writer.close()
    finally:
        reader.close()
