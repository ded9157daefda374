"""The database: where it is, how every connection is set up, migrations with a backup first, one session per unit of work."""

from __future__ import annotations

import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError
from sqlmodel import Session

from handover.errors import Refused
from handover.paths import data_dir

log = logging.getLogger(__name__)

#: The newest migrations (Alembic heads) in handover/migrations/versions; a test checks them against Alembic's own.
#: Features may branch off the core schema, so there can be more than one head.
SCHEMA_HEADS = frozenset({"0006"})
DEFAULT_FILE = "handover.sqlite3"
#: how long a writer waits for SQLite's write lock before it fails with "database is locked"
BUSY_TIMEOUT_MS = 10000


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

    def __init__(self, url: str, engine: Engine) -> None:
        self.url = url
        self.engine = engine

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        database = make_url(self.url).database
        if not self.is_sqlite or not database or database == ":memory:":
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


def open_database(target: str | os.PathLike[str] | None = None, *, migrate: bool = True) -> Database:
    """Open (and create or migrate) the database named by --db, HANDOVER_DB or the default file."""
    url = resolve_url(target)
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
    db = Database(url, engine)
    if migrate:
        upgrade(db)
    return db


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
            raise Refused(
                f"无法打开数据库文件 {make_url(url).database}：它不是本系统的数据库，或已损坏，或没有读写权限（{reason}）"
            ) from None
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
    backup = None
    if current or _has_tables(db):
        backup = backup_database(db, reason=f"before-migrate-from-{current_revision(db) or 'none'}")
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(Path(__file__).with_name("migrations")))
    with db.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, revision)
    log.info("database %s migrated from %s to %s (backup: %s)", db.url, sorted(current), revision, backup)
    return backup


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
    target = path.with_name(f"{path.stem}.{reason}.{stamp}.bak")
    source = sqlite3.connect(path)
    try:
        dest = sqlite3.connect(target)
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target


