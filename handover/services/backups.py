"""Backups of the database file: on demand (`handover backup`), one a day kept in rotation, and restoring one.

Every copy is made by SQLite's online backup API, so it holds what other processes (the desktop application) have
committed, also what is still only in the -wal file; copying the .sqlite3 file itself loses that. Backups live in the
folder `backups` next to the database file (for the default database: in the data folder). On PostgreSQL the server's
own tools do this: pg_dump and pg_restore (docs/administration.md)."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from handover import audit, settings
from handover.db import (
    SQLITE_HEADER,
    Database,
    backups_dir,
    copy_database,
    copy_into,
    open_database,
    private_file,
    resolve_url,
    shown_url,
)
from handover.db_files import DAILY, daily_backup
from handover.errors import Refused

log = logging.getLogger(__name__)


def _folder(path: Path) -> Path:
    folder = backups_dir(path)
    folder.mkdir(mode=0o700, exist_ok=True)
    return folder


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")


#: an encrypted field file is not copied in plain text; what to do instead
FIELD_FILE_BACKUP = (
    "这是加密的外出核查文件，不另做备份副本（副本会把核查内容以明文留在电脑上）。带回办公室签回（handover field "
    "checkin）后，它的内容随办公室数据库一起备份；要留存这个文件本身，直接复制它即可，复制件同样要口令才能打开"
)


def _sqlite_path(db: Database) -> Path:
    if db.encrypted:
        raise Refused(FIELD_FILE_BACKUP)
    path = db.sqlite_path
    if path is None:
        raise Refused(postgres_advice(db.url, "backup"))
    return path


def backup(db: Database, target: str | Path | None = None, *, replace: bool = False) -> Path:
    """A consistent copy of the database, to `target` or into the backups folder; an existing file is replaced only
    with `replace` (the GUI's file dialog has asked)."""
    path = _sqlite_path(db)
    if target is None:
        target = _folder(path) / f"{path.stem}.manual-{_stamp()}.sqlite3"
    target = Path(target).expanduser().resolve()
    if not target.parent.is_dir():
        raise Refused(f"备份文件所在的文件夹不存在：{target.parent}")
    if target in (path.resolve(), Path(f"{path.resolve()}-wal"), Path(f"{path.resolve()}-shm")):
        raise Refused("备份文件不能是数据库文件本身")
    if target.exists() and not replace:
        raise Refused(f"备份文件 {target} 已存在；请换一个文件名（已有的备份不会被覆盖）")
    copy_database(path, target)
    log.info("database %s backed up to %s", path, target)
    return target


def daily(db: Database, today: date | None = None) -> Path | None:
    """Today's automatic backup, unless there is one already or the setting backup_keep is 0; the oldest daily
    backups beyond backup_keep are deleted. None when nothing was made (also on PostgreSQL)."""
    path = db.sqlite_path
    if path is None or not path.exists():
        return None
    with db.session() as session:
        keep = settings.get_int(session, "backup_keep")
    if keep == 0 or audit.count(db) == 0:
        return None  # switched off, or nothing recorded yet (a database made a moment ago)
    folder = _folder(path)
    made = None
    target = daily_backup(path, today or date.today())
    if not target.exists():
        made = copy_database(path, target)
        log.info("daily backup of %s: %s", path, target)
    dailies = sorted(folder.glob(f"{path.stem}.{DAILY}-*.sqlite3"))
    for old in dailies[: max(len(dailies) - keep, 0)]:
        old.unlink(missing_ok=True)  # another process may be rotating at the same moment
        log.info("old daily backup deleted: %s", old)
    return made


@dataclass(frozen=True)
class Restored:
    """What `restore` did: the database file, the backup it now holds, and where the file it replaced was kept."""

    path: Path
    source: Path
    replaced: Path | None
    entries: int


def restore(target: str | os.PathLike[str] | None, source: str | Path) -> Restored:
    """Replace the database named by `target` (--db) with the backup `source`, once the backup passes SQLite's full
    integrity check and the audit log's check; the file it replaces is kept in the backups folder. Works while the
    desktop application has the database open (it sees the restored content from its next read)."""
    url = resolve_url(target)
    path_text = make_url(url).database
    if not url.startswith("sqlite") or not path_text:
        raise Refused(postgres_advice(url, "restore"))
    path, source = Path(path_text), Path(source).expanduser().resolve()
    if not source.is_file():
        raise Refused(f"备份文件不存在：{source}")
    folder = _folder(path)
    with tempfile.TemporaryDirectory(dir=folder, prefix=".restore-") as scratch:
        candidate = Path(scratch) / path.name
        entries = _checked_copy(source, candidate)
        replaced = _keep_replaced(path, folder)
        _put_in_place(candidate, path)
    log.info("database %s restored from %s (replaced file kept as %s)", path, source, replaced)
    return Restored(path, source, replaced, entries)


def _checked_copy(source: Path, candidate: Path) -> int:
    """Copy the backup and check the copy: SQLite's full integrity check, then the audit log (after bringing an older
    backup's schema up to date). Returns the number of audit entries."""
    with source.open("rb") as file:
        if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            raise Refused(f"{source} 不是 SQLite 数据库文件，不能用来恢复")
    try:
        copy_database(source, candidate)
        connection = sqlite3.connect(candidate)
        try:
            found = [row[0] for row in connection.execute("PRAGMA integrity_check(3)")]
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise Refused(f"{source} 已损坏，不能用来恢复（{exc}）") from None
    if found != ["ok"]:
        raise Refused(f"{source} 未通过完整性检查，不能用来恢复（{'；'.join(found)}）")
    db = open_database(candidate)
    try:
        verdict = audit.verify(db)
    finally:
        db.close()
    if not verdict.ok:
        raise Refused(f"{source} 的操作日志未通过核验，不能用来恢复：{verdict.message}")
    if verdict.count == 0:
        raise Refused(f"{source} 中没有任何操作记录，不像是本系统数据库的备份，不能用来恢复")
    return verdict.count


def _keep_replaced(path: Path, folder: Path) -> Path | None:
    """Keep the file about to be replaced: a copy of a healthy one, the file itself (moved) if it cannot be read."""
    if not path.exists():
        return None
    kept = folder / f"{path.stem}.replaced-{_stamp()}.sqlite3"
    try:
        if path.stat().st_size == 0:
            raise sqlite3.DatabaseError("empty file")
        return copy_database(path, kept)
    except sqlite3.DatabaseError:
        for suffix in ("", "-wal", "-shm"):
            damaged = Path(f"{path}{suffix}")
            if damaged.exists():
                os.replace(damaged, Path(f"{kept}{suffix}"))
                os.chmod(Path(f"{kept}{suffix}"), 0o600)
        return kept


def _put_in_place(candidate: Path, path: Path) -> None:
    """Write the checked copy over the database by the backup API (other processes' open connections stay valid), or
    into a new file where the damaged one was moved away."""
    if not path.exists():
        private_file(path)
    copy_into(candidate, path)


def postgres_advice(url: str, what: str) -> str:
    """What to use on PostgreSQL instead, and whether it is installed on this PC."""
    tool = "pg_dump" if what == "backup" else "pg_restore"
    example = (
        f'pg_dump --format=custom --file=备份文件.dump "{shown_url(url)}"'
        if what == "backup"
        else f'pg_restore --clean --if-exists --dbname="{shown_url(url)}" 备份文件.dump'
    )
    found = shutil.which(tool)
    installed = (
        f"本机已安装 {tool}（{found}）"
        if found
        else f"本机没有安装 {tool}：请安装 PostgreSQL 客户端（Debian/Ubuntu：apt install postgresql-client）"
    )
    return (
        f"数据库 {shown_url(url)} 在 PostgreSQL 服务器上，请用服务器的工具{'备份' if what == 'backup' else '恢复'}："
        f"{example}（*** 处填写密码，或用 PGPASSFILE）。{installed}"
    )
