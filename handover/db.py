"""The database: where it is, how every connection is set up, migrations with a backup first, one session per unit of work."""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlmodel import Session

from handover import checked, cipher
from handover.db_files import BACKUP_FOLDER as BACKUP_FOLDER
from handover.db_files import BUSY_TIMEOUT_MS as BUSY_TIMEOUT_MS
from handover.db_files import SQLITE_HEADER as SQLITE_HEADER
from handover.db_files import backups_dir as backups_dir
from handover.db_files import copy_database as copy_database
from handover.db_files import copy_into as copy_into
from handover.db_files import latest_backup as latest_backup
from handover.db_files import private_file as private_file
from handover.errors import Refused
from handover.location import DEFAULT_FILE as DEFAULT_FILE
from handover.location import SCHEMA_HEADS as SCHEMA_HEADS
from handover.location import connect
from handover.location import resolve_url as resolve_url
from handover.paths import migrations_dir

log = logging.getLogger(__name__)

#: the integrity check at open stops after this long, so a big file still opens at once (it is checked fully on restore)
QUICK_CHECK_SECONDS = 2.0


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    # WAL with NORMAL is durable across application crashes; FULL also survives power loss mid-commit
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


class Database:
    """An open database: the engine and a way to get one session per unit of work."""

    def __init__(self, url: str, engine: Engine, *, encrypted: bool = False) -> None:
        self.url = url
        self.engine = engine
        self.encrypted = encrypted  # a field file under a passphrase: no plain copies (backups) of it
        #: how a plain reader connects when the URL alone cannot (an encrypted field file needs its passphrase)
        self.connect_reader: Callable[[], Any] | None = None
        self._local = threading.local()
        self._readers: list[Any] = []

    def reader(self) -> Any:
        """This thread's plain DB-API connection for the case list's pages (handover/case_list.py): autocommit, so a
        page is one statement, with no pool checkout, BEGIN or ROLLBACK around it."""
        found = getattr(self._local, "reader", None)
        if found is None:
            found = self._local.reader = self.connect_reader() if self.connect_reader else connect(self.url)
            self._readers.append(found)
        return found

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        database = make_url(self.url).database
        if not self.is_sqlite or not database or database == ":memory:" or self.encrypted:
            return None
        return Path(database)

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One transaction: committed when the block ends normally, rolled back on any error."""
        with Session(self.engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def close(self) -> None:
        for reader in self._readers:
            reader.close()
        self._readers.clear()
        self.engine.dispose()


def hold_write_lock(session: Session) -> None:
    """On SQLite, hold the database's write lock from now until the transaction ends (BEGIN IMMEDIATE, waiting up to
    the busy timeout); elsewhere nothing. Python's sqlite3 begins a transaction only at the first change, so what was
    read before that is not protected by it: a transaction whose change depends on what it reads takes the lock first.
    One that has already changed something holds the lock anyway.

    The wait is ours, a try every millisecond: SQLite's own backs off to 100 ms between tries, so a writer that comes
    back within that time (an assessor saving field after field) could keep another from the lock for seconds."""
    connection = session.connection()
    raw = connection.connection.dbapi_connection
    if connection.dialect.name != "sqlite" or raw is None or raw.in_transaction:
        return
    connection.exec_driver_sql("PRAGMA busy_timeout=0")
    try:
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as exc:
                code = getattr(exc.orig, "sqlite_errorcode", None)
                if code is None or code & 0xFF != sqlite3.SQLITE_BUSY or time.monotonic() >= deadline:
                    raise  # not "database is locked" (SQLITE_BUSY and its extended codes), or waited long enough
            time.sleep(0.001)
    finally:
        connection.exec_driver_sql(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")


def open_database(
    target: str | os.PathLike[str] | None = None, *, migrate: bool = True, create: bool = False,
    passphrase: str | None = None,
) -> Database:
    """Open (and create or migrate) the database named by --db, HANDOVER_DB or the default file.

    A SQLite file is made only where there is none (the first start), or over an empty (0-byte) one by `create`
    (`handover init`). A file that exists but is empty, is not a database or fails the integrity check is refused,
    naming the latest backup: taken for a new county, it would be written over and its records lost. With a
    `passphrase` the file is an encrypted field file (handover/cipher.py)."""
    url = resolve_url(target)
    path = _sqlite_file(url)
    if passphrase is not None and path is not None:
        return _open_encrypted(url, path, passphrase, migrate=migrate)
    if path is not None:
        _check_file(path, create=create)
    kwargs: dict[str, Any] = {}
    if url.startswith("sqlite"):
        kwargs["connect_args"] = {"timeout": 10}
    try:
        engine = create_engine(url, **kwargs)
    except (ArgumentError, ImportError) as exc:
        log.warning("unusable database URL %s: %s", shown_url(url), exc)
        raise Refused(
            f"无法使用数据库 “{shown_url(url)}”：只支持 SQLite 文件路径，或 PostgreSQL 地址"
            "（postgresql+psycopg://用户:密码@主机/库名）"
        ) from None
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
    _probe(engine, url)
    if path is not None:
        _quick_check(engine, path)
    db = Database(url, engine)
    if migrate:
        upgrade(db)
    return db


def _open_encrypted(url: str, path: Path, passphrase: str, *, migrate: bool) -> Database:
    if not path.exists():
        private_file(path)
    engine = cipher.engine(path, passphrase)
    event.listen(engine, "connect", _sqlite_pragmas)
    db = Database(url, engine, encrypted=True)
    db.connect_reader = lambda: cipher.connect(path, passphrase)
    if migrate:
        upgrade(db)
    return db


def _sqlite_file(url: str) -> Path | None:
    try:
        parsed = make_url(url)
    except ArgumentError:
        return None
    if not parsed.drivername.startswith("sqlite") or not parsed.database or parsed.database == ":memory:":
        return None
    return Path(parsed.database)


#: the files this process made by opening a path where there was none: they may be given a schema
_made: set[Path] = set()


def _made_now(path: Path) -> bool:
    return path.resolve() in _made


def _check_file(path: Path, *, create: bool) -> None:
    """Refuse a file that exists but is no database (0 bytes, another kind of file); make a new one readable by its
    owner only (it holds people's names and records)."""
    if not path.exists():
        try:
            private_file(path)
            _made.add(path.resolve())
        except FileExistsError:
            pass  # another process made it this moment
        return
    if path.is_dir():
        raise Refused(f"数据库路径 {path} 是一个文件夹，不是数据库文件")
    size = path.stat().st_size
    if size == 0 and (create or _made_now(path)):
        return
    if size == 0:
        raise Refused(_unusable(path, "文件是空的（0 字节），可能是复制未完成或磁盘已满", empty=True))
    with path.open("rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if header != SQLITE_HEADER:
        raise Refused(_unusable(path, "它不是 SQLite 数据库文件，不是本系统的数据库（可能已损坏，或选错了文件）"))
    if not create and not _has_schema(path):
        raise Refused(_unusable(path, "它是一个空的 SQLite 数据库，没有本系统的任何数据", empty=True))


def _has_schema(path: Path) -> bool:
    """Whether the file holds any table, read without writing to it (not even the WAL mode every connection sets)."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000)
        try:
            return int(connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]) > 0
        finally:
            connection.close()
    except sqlite3.Error:
        return True  # not for this check to say: the probe and the integrity check name what is wrong


def _unusable(path: Path, why: str, *, empty: bool = False) -> str:
    """The refusal of a database file: what is wrong, that nothing was written, and where the latest backup is."""
    backup = latest_backup(path)
    if backup is not None:
        where = f"最近的备份是 {backup}，可用 handover restore \"{backup}\" 恢复（被替换的文件会保留）"
    else:
        where = f"在 {backups_dir(path)} 中没有找到它的备份"
    new = "；如确实要在这里建立一个新的空数据库，请运行 handover init" if empty else ""
    return f"数据库文件 {path} 无法使用：{why}。为免把它当作新库写入，本程序没有改动它。{where}{new}"


def _quick_check(engine: Engine, path: Path) -> None:
    """SQLite's quick integrity check, for at most QUICK_CHECK_SECONDS: a damaged file is refused before anything is
    written into it. A check cut short by the time limit lets the file open (the log says so). A file that passed and
    has not changed since (size and time, handover/checked.py) is not checked again."""
    before = checked.stamp(path)
    if checked.found_sound(path, before):
        log.info("quick check of %s skipped: unchanged since it passed", path)
        return
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)
    deadline = time.monotonic() + QUICK_CHECK_SECONDS
    connection.set_progress_handler(lambda: int(time.monotonic() > deadline), 1000)
    try:
        found = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
    except sqlite3.OperationalError as exc:
        if "interrupt" not in str(exc) and "locked" not in str(exc):
            engine.dispose()
            raise Refused(_unusable(path, f"文件已损坏（{exc}）")) from None
        log.info("quick check of %s not finished: %s", path, exc)
        return
    except sqlite3.DatabaseError as exc:
        engine.dispose()
        raise Refused(_unusable(path, f"文件已损坏（{exc}）")) from None
    finally:
        connection.close()
    if found != ["ok"]:
        engine.dispose()
        log.warning("quick check of %s failed: %s", path, found)
        raise Refused(_unusable(path, f"完整性检查发现损坏（{'；'.join(found)}）"))
    checked.record(path, before)


def trouble_found(target: str | os.PathLike[str] | None, exc: BaseException) -> str | None:
    """The refusal to show when SQLite meets a damaged page in the middle of a command (on a big file the check at open
    stops before the end), or when another writer held the lock longer than the busy timeout; else None."""
    found = getattr(exc, "orig", exc)
    if isinstance(found, sqlite3.OperationalError) and "locked" in str(found):
        return (
            f"数据库正忙：另一个程序或窗口正在写入，等了 {BUSY_TIMEOUT_MS // 1000} 秒仍未轮到；这次的修改没有保存，请稍后再试"
        )
    if not isinstance(found, sqlite3.DatabaseError) or "malformed" not in str(found):
        return None
    path = _sqlite_file(resolve_url(target))
    return None if path is None else _unusable(path, f"读写时发现文件已损坏（{found}）")


def shown_url(url: str) -> str:
    """The URL as it may be shown and logged: never with its password."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("://", 1)[0] + "://…"


def _probe(engine: Engine, url: str) -> None:
    """Connect once, so a file that is not a database or a server that does not answer is a message, not a traceback."""
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except DBAPIError as exc:
        engine.dispose()
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else type(exc).__name__
        log.warning("cannot open the database %s: %s", shown_url(url), reason)
        if engine.dialect.name == "sqlite":
            path = Path(make_url(url).database or "")
            raise Refused(_unusable(path, f"它不是本系统的数据库，或已损坏，或没有读写权限（{reason}）")) from None
        raise Refused(f"无法连接数据库 {shown_url(url)}：请检查服务器是否运行、地址和密码是否正确（{reason}）") from None


def current_revisions(db: Database) -> frozenset[str]:
    with db.engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return frozenset()
        return frozenset(row[0] for row in conn.execute(text("SELECT version_num FROM alembic_version")))


def current_revision(db: Database) -> str | None:
    """The schema version as one string (several heads joined with +), or None for an empty database."""
    revisions = current_revisions(db)
    return "+".join(sorted(revisions)) if revisions else None


def upgrade(db: Database, revision: str = "heads") -> Path | None:
    """Bring the schema to the newest revision; an existing SQLite file is copied aside first. Returns the copy."""
    current = current_revisions(db)
    if current == SCHEMA_HEADS and revision == "heads":
        return None
    from alembic import command
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    _refuse_foreign(db, current, {s.revision for s in ScriptDirectory.from_config(config).walk_revisions()})
    backup = None
    if current:
        backup = backup_database(db, reason=f"before-migrate-from-{current_revision(db) or 'none'}")
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    log.info("database %s migrated from %s to %s (backup: %s)", shown_url(db.url), sorted(current), revision, backup)
    return backup


def _refuse_foreign(db: Database, current: frozenset[str], known: set[str]) -> None:
    """Refuse, before anything is copied or written, a database no migration of this program may touch: one a newer
    version wrote (a revision unknown here), or another program's (tables, but no schema version of ours)."""
    where = db.sqlite_path or shown_url(db.url)
    if newer := sorted(current - known):
        raise Refused(
            f"数据库 {where} 的结构版本（{'+'.join(newer)}）比本程序新：它由更新版本的 handover 写入，"
            "本程序无法读写它，也没有改动它。请安装新版本的 handover 后再打开"
        )
    if not current and _has_tables(db):
        raise Refused(
            f"数据库 {where} 无法使用：其中已有别的数据表，却没有本系统的结构版本，它不是本系统的数据库（可能选错了文件）。"
            "为免写入它，本程序没有改动它"
        )


def _has_tables(db: Database) -> bool:
    with db.engine.connect() as conn:
        return bool(inspect(conn).get_table_names())


def backup_database(db: Database, *, reason: str) -> Path | None:
    """A consistent copy of the SQLite file next to it (the online backup API, safe with WAL). None for servers."""
    path = db.sqlite_path
    if path is None or not path.exists():
        log.warning("no file backup for %s: back up the server database with its own tools", db.engine.dialect.name)
        return None
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return copy_database(path, path.with_name(f"{path.stem}.{reason}.{stamp}.bak"))
