"""Where the database is, from --db, HANDOVER_DB or the data folder, and how its address may be shown: without
SQLAlchemy, so the GUI can read its first page before the ORM is loaded (handover/case_list.py)."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import urlsplit

from handover.errors import Refused
from handover.paths import data_dir

DEFAULT_FILE = "handover.sqlite3"


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
