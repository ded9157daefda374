"""The database as the screens see it: the open database they hand to every service, and where it is for display.

The GUI reaches the database only through here and the other services; it imports neither `handover.db` nor SQLAlchemy
(the layer contract in pyproject.toml checks this)."""

from __future__ import annotations

import os

from handover import db as _db

#: the open database every service takes as its first argument
Database = _db.Database


def open_database(target: str | os.PathLike[str] | None = None) -> Database:
    """Open (creating or migrating) the database named by --db, HANDOVER_DB or the default file."""
    return _db.open_database(target)


def shown_url(database: Database) -> str:
    """The database for display: a server password is never shown on screen."""
    return _db.shown_url(database.url)
