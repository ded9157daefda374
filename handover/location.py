"""Where the database is, from --db, HANDOVER_DB or the data folder, and how its address may be shown: without
SQLAlchemy, so the GUI can read its first page before the ORM is loaded (handover/case_list.py)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, unquote, urlsplit

from handover.errors import Refused
from handover.paths import data_dir

DEFAULT_FILE = "handover.sqlite3"
#: The newest migrations (Alembic heads) in handover/migrations/versions; a test checks them against Alembic's own.
#: Features may branch off the core schema, so there can be more than one head. (Here, not in handover/db.py, which
#: re-exports it: a plain read compares a database's schema with it before SQLAlchemy is loaded, handover/plain_read.py.)
SCHEMA_HEADS = frozenset({"0010"})


def resolve_url(target: str | os.PathLike[str] | None = None) -> str:
    """A SQLAlchemy URL from --db / HANDOVER_DB (a file path or a URL), or the SQLite file in the data folder."""
    target = target or os.environ.get("HANDOVER_DB") or None
    if target is None:
        return f"sqlite:///{data_dir() / DEFAULT_FILE}"
    value = os.fspath(target)
    if "://" in value:
        return value
    path = Path(value).expanduser().resolve()
    if not path.parent.is_dir():
        # a mistyped folder must not quietly start an empty county database somewhere else
        raise Refused(f"数据库文件所在的文件夹不存在：{path.parent}（请先建立该文件夹，或检查路径是否写错）")
    return f"sqlite:///{path}"


def shown_url(url: str) -> str:
    """The address as it may be shown: a server password replaced by ***, as SQLAlchemy shows it."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    return url.replace(f":{parts.password}@", ":***@", 1)


def sqlite_path(url: str) -> Path | None:
    """The file of a SQLite URL as `resolve_url` gives it (sqlite:///relative or sqlite:////absolute); None for a server."""
    if urlsplit(url).scheme.split("+")[0] != "sqlite":
        return None
    return Path(url.split("://", 1)[1][1:].split("?")[0])


def connect(url: str) -> Any:
    """A plain DB-API connection for reading (sqlite3, or psycopg in autocommit mode) from a SQLAlchemy-style URL, as
    `resolve_url` gives it: the case list's pages (handover/case_list.py), also before SQLAlchemy is loaded. A sqlite3
    connection may be closed from another thread (Database.close); it is used by one thread only."""
    parts = urlsplit(url)
    scheme = parts.scheme.split("+")[0]
    if (path := sqlite_path(url)) is not None:
        import sqlite3

        return sqlite3.connect(path, timeout=10, check_same_thread=False)
    if scheme in ("postgresql", "postgres"):
        import psycopg

        options: dict[str, Any] = dict(parse_qsl(parts.query))
        return psycopg.connect(
            host=parts.hostname or None, port=parts.port or None, user=unquote(parts.username or "") or None,
            password=unquote(parts.password or "") or None, dbname=parts.path.lstrip("/") or None,
            autocommit=True, **options,
        )  # fmt: skip
    raise Refused(f"不支持的数据库地址：{scheme}")
