"""The problem report (问题报告) for the county's IT staff: log, versions, platform and settings in one zip file.

It carries no personal data and no password: the names of people in the database (secretaries, reviewers, signers,
operators), the operator of this PC, the login name and home folder are replaced in the log, and a database URL is
shown without its password. If the database cannot be read, the names are unknown, so log lines with Chinese text
are left out instead.
"""

from __future__ import annotations

import json
import os
import platform
import re
import sys
import zipfile
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import make_url

from handover import __version__, db, settings
from handover.identity import current_user
from handover.paths import data_dir

#: the distributions whose versions explain most problems
PACKAGES = ("PySide6-Essentials", "SQLAlchemy", "sqlmodel", "alembic", "reportlab", "pyhanko", "pypdf", "psycopg",
            "cryptography", "openpyxl", "pillow", "platformdirs")  # fmt: skip
LOG_LINES = 5000
NAME = "[姓名]"
_URL_PASSWORD = re.compile(r"(://[^:/@\s]+:)[^@\s]+@")
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
#: where the database keeps people's names: secretaries, reviewers and their declared conflicts, signers, operators
PEOPLE = (
    "SELECT outgoing FROM handover_case", "SELECT incoming FROM handover_case", "SELECT name FROM reviewer",
    "SELECT target FROM reviewer_conflict WHERE kind = 'person'", "SELECT name FROM signature",
    "SELECT actor FROM audit_log",
)  # fmt: skip
COUNTED = ("unit", "handover_case", "reviewer")


def versions() -> dict[str, str]:
    found = {"handover": __version__, "python": sys.version.split()[0]}
    for name in PACKAGES:
        try:
            found[name] = version(name)
        except PackageNotFoundError:
            found[name] = "（未安装）"
    return found


def _people(database: db.Database) -> set[str]:
    """Every name of a person the database holds."""
    with database.engine.connect() as conn:
        names = {str(value) for query in PEOPLE for value in conn.execute(text(query)).scalars()}
    return {n.strip() for n in names if n and n.strip()}


def _database_part(database: db.Database) -> dict[str, Any]:
    with database.engine.connect() as conn:
        rows = {table: conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one() for table in COUNTED}
    return {"url": db.shown_url(database.url), "dialect": database.engine.dialect.name,
            "schema": db.current_revision(database), "rows": rows}  # fmt: skip


def scrub(text: str, names: Iterable[str]) -> str:
    """The text without passwords in URLs, without the home folder and login name, and with each name replaced."""
    text = _URL_PASSWORD.sub(r"\1***@", text)
    home = str(Path.home())
    if len(home) > 3:
        text = text.replace(home, "~")
    for name in sorted(set(names) - {""}, key=len, reverse=True):  # 欧阳振华 before 欧阳
        text = text.replace(name, NAME)
    return text


def _log_tail(path: Path, names: set[str] | None) -> str:
    if not path.is_file():
        return "（没有日志文件）\n"
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()[-LOG_LINES:]
    if names is None:
        lines = [line if not _CHINESE.search(line) else "（此行含中文，数据库无法读取、无法去除姓名，已略去）" for line in lines]
    return scrub("\n".join(lines), names or ()) + "\n"


def problem_report(target: str | None, extra: dict[str, Any] | None = None) -> tuple[dict[str, Any], str]:
    """(report.json's content, the scrubbed log) for the database named as --db would name it."""
    info: dict[str, Any] = {
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "versions": versions(),
        "platform": {"system": platform.platform(), "machine": platform.machine(),
                     "frozen": bool(getattr(sys, "frozen", False)), "locale": os.environ.get("LANG", "")},  # fmt: skip
        "data_folder": scrub(str(data_dir()), ()),
        **(extra or {}),
    }
    people = _read_database(target, info)
    this_pc = {current_user(), os.environ.get("USERNAME", ""), os.environ.get("USER", "")} - {""}
    names = None if people is None else people | this_pc
    log = _log_tail(data_dir() / "handover.log", names)
    return _scrub_values(info, names or this_pc), log


def _scrub_values(value: Any, names: set[str]) -> Any:
    if isinstance(value, dict):
        return {key: _scrub_values(item, names) for key, item in value.items()}
    return scrub(value, names) if isinstance(value, str) else value


def _read_database(target: str | None, info: dict[str, Any]) -> set[str] | None:
    """Add the database's part and the settings to `info`; the names of its people, or None if it cannot be read.

    Nothing is created or migrated: a missing file or an old schema is reported as it is."""
    try:
        url = db.resolve_url(target)
        parsed = make_url(url)
        missing = parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file()
        if missing:
            info["database"] = {"url": db.shown_url(url), "error": "数据库文件不存在"}
            return None
        database = db.open_database(target, migrate=False)
    except Exception as exc:  # noqa: BLE001 - a database that does not open is what the report is often for
        info["database"] = {"error": str(exc)}
        return None
    try:
        info["database"] = _database_part(database)
        info["settings"] = settings.all_settings(database)
        return _people(database)
    except Exception as exc:  # noqa: BLE001 - an old or damaged schema: still report the rest
        info["database"] = {"url": db.shown_url(database.url), "error": str(exc)}
        return None
    finally:
        database.close()


def write_problem_report(path: Path, target: str | None, extra: dict[str, Any] | None = None) -> Path:
    """The zip file for the IT staff: report.json and handover.log, written whole or not at all."""
    report, log = problem_report(target, extra)
    if path.suffix.lower() != ".zip":
        path = path.with_name(path.name + ".zip")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".part")
    with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("report.json", json.dumps(report, ensure_ascii=False, indent=2))
        archive.writestr("handover.log", log)
    partial.replace(path)
    return path
