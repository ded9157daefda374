"""The database as the screens see it: the open database they hand to every service, and where it is for display.

The GUI reaches the database only through here and the other services; it imports neither `handover.db` nor SQLAlchemy
(the layer contract in pyproject.toml checks this)."""

from __future__ import annotations

import logging
import os
import sqlite3

from handover import db as _db
from handover.services import backups, server

log = logging.getLogger(__name__)

#: the open database every service takes as its first argument
Database = _db.Database


def open_database(
    target: str | os.PathLike[str] | None = None, *, create: bool = False, passphrase: str | None = None
) -> Database:
    """Open (creating or migrating) the database named by --db, HANDOVER_DB or the default file, and make the day's
    automatic backup if there is none yet (a backup that cannot be written, e.g. on a full disk, is logged, not fatal:
    the work of the day must go on). An encrypted field file needs its `passphrase` (and gets no plain copies)."""
    db = _db.open_database(target, create=create, passphrase=passphrase)
    server.adopt_signed_in_name(db)
    try:
        backups.daily(db)
    except (OSError, sqlite3.Error) as exc:
        log.warning("no daily backup of %s: %s", _db.shown_url(db.url), exc)
    return db


def shown_url(database: Database) -> str:
    """The database for display: a server password is never shown on screen."""
    return _db.shown_url(database.url)
