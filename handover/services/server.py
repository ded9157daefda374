"""A county server (PostgreSQL) with accounts: setting it up, the people who may sign in, and who is signed in.

`init_server` migrates the schema and then runs services/server_sql.py: three group roles (admin, assessor, reader,
named by a prefix so several databases on one cluster keep theirs apart), their privileges, row-level security on the
audit log and the triggers. A person's account is a PostgreSQL login role in one of the groups; PostgreSQL checks the
password and refuses what the group may not do, whatever program the person uses. docs/server.md is the guide.
"""

from __future__ import annotations

import logging
import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError

from handover import db as _db
from handover.errors import Refused
from handover.services import server_sql
from handover.words import ACCOUNT_ROLES

log = logging.getLogger(__name__)
T = TypeVar("T")

#: the group roles are named PREFIX + admin|assessor|reader; HANDOVER_ROLE_PREFIX or --role-prefix changes it
DEFAULT_PREFIX = "handover_"
_PREFIX = re.compile(r"[a-z][a-z0-9_]{0,40}")
#: an account name: letters, digits, _ . - (a PostgreSQL role name, used as typed, 1-63 characters)
_ACCOUNT = re.compile(r"[A-Za-z][A-Za-z0-9_.\-]{0,62}")
MIN_PASSWORD = 8
#: SQLSTATE of a refused privilege (also row-level security), of a serialization failure and a deadlock
INSUFFICIENT_PRIVILEGE = "42501"
TRANSIENT = frozenset({"40001", "40P01"})
RETRIES = 5


@dataclass(frozen=True)
class Account:
    """Who is signed in: the database user, the role's code (None: in no group of this server), the server."""

    user: str
    role: str | None
    server: str

    @property
    def role_label(self) -> str:
        return ACCOUNT_ROLES.get(self.role or "", "无角色")


@dataclass(frozen=True)
class UserRow:
    name: str
    role: str
    can_login: bool


def role_prefix(prefix: str | None = None) -> str:
    value = (prefix or os.environ.get("HANDOVER_ROLE_PREFIX") or DEFAULT_PREFIX).strip()
    if not _PREFIX.fullmatch(value):
        raise Refused(f"角色名前缀 “{value}” 无效：应以小写字母开头，只含小写字母、数字和下划线（如 handover_）")
    return value


def group_names(prefix: str | None = None) -> dict[str, str]:
    chosen = role_prefix(prefix)
    return {role: chosen + suffix for role, suffix in server_sql.GROUPS}


def _require_server(db: _db.Database) -> None:
    if db.engine.dialect.name != "postgresql":
        raise Refused("账户和角色只用于县级服务器（PostgreSQL）；本机单用户模式（SQLite 文件）没有账户")


def init_server(target: str, prefix: str | None = None) -> dict[str, str]:
    """Create or upgrade the schema and the roles, privileges, policies and triggers; returns the group names."""
    names = group_names(prefix)
    if not _db.resolve_url(target).startswith("postgresql"):  # before opening: a file path would make a SQLite file
        raise Refused(
            "server init 只用于县级服务器（PostgreSQL 地址，如 postgresql+psycopg://管理员@主机/库名）；本机单用户模式不需要它"
        )
    db = _db.open_database(target)
    try:
        database = make_url(db.url).database or ""
        with db.engine.begin() as conn:
            for statement in server_sql.init_statements(names, database):
                conn.execute(text(statement))
    except DBAPIError as exc:
        raise Refused(
            f"无法完成服务器初始化：{_reason(exc)}（需要用数据库的所有者、且有 CREATEROLE 权限的账户运行）"
        ) from None
    finally:
        db.close()
    log.info("server %s initialised with roles %s", _db.shown_url(target), sorted(names.values()))
    return names


def is_server(db: _db.Database) -> bool:
    """Whether this database is a county server (made by `server init`), where accounts and roles apply."""
    if db.engine.dialect.name != "postgresql":
        return False
    with db.engine.connect() as conn:
        return bool(conn.execute(text(f"SELECT to_regclass('{server_sql.ROLE_TABLE}') IS NOT NULL")).scalar())


def signed_in(db: _db.Database) -> Account | None:
    """Who is signed in to a county server; None in the single-PC mode (SQLite) or on a database without accounts."""
    if not is_server(db):
        return None
    url = make_url(db.url)
    server = f"{url.host or 'localhost'}:{url.port or 5432}/{url.database}"
    with db.engine.connect() as conn:
        user = str(conn.execute(text("SELECT session_user::text")).scalar())
        held = {
            str(role)
            for (role,) in conn.execute(
                text(f"SELECT role FROM {server_sql.ROLE_TABLE} WHERE pg_has_role(session_user, rolname, 'MEMBER')")
            )
        }
    role = next((r for r, _ in server_sql.GROUPS if r in held), None)
    return Account(user, role, server)


def adopt_signed_in_name(db: _db.Database) -> None:
    """On a county server, the name this process records in draws, signatures and attachments (identity.current_user)
    is the account signed in, as in the audit log (which the database enforces): not a name set on this PC."""
    account = signed_in(db)
    if account is not None:
        os.environ["HANDOVER_USER"] = account.user


def _checked_name(name: str) -> str:
    clean = name.strip()
    if not _ACCOUNT.fullmatch(clean):
        raise Refused(
            f"账户名 “{name}” 无效：应以英文字母开头，只含英文字母、数字和 _ . -，最长 63 个字符（如 zhangsan）"
        )
    return clean


def add_user(db: _db.Database, name: str, role: str, password: str) -> None:
    """A login role in the group of `role`; only an administrator may (the database checks it)."""
    _require_server(db)
    clean = _checked_name(name)
    if role not in ACCOUNT_ROLES:
        raise Refused(f"角色 “{role}” 无效：应为 {'、'.join(ACCOUNT_ROLES)} 之一")
    if len(password) < MIN_PASSWORD:
        raise Refused(f"密码太短：至少 {MIN_PASSWORD} 个字符")
    _call(db, "SELECT handover_user_add(:name, :role, :password)", name=clean, role=role, password=password)


def disable_user(db: _db.Database, name: str) -> None:
    """The account may no longer sign in (NOLOGIN); its entries in the audit log stay as they are."""
    _require_server(db)
    _call(db, "SELECT handover_user_disable(:name)", name=_checked_name(name))


def _call(db: _db.Database, statement: str, **params: str) -> None:
    try:
        with db.engine.begin() as conn:
            conn.execute(text(statement), params)
    except DBAPIError as exc:
        if (refusal := permission_refusal(db, exc)) is not None:
            raise Refused(refusal) from None
        raise Refused(_reason(exc)) from None


def list_users(db: _db.Database) -> list[UserRow]:
    _require_server(db)
    query = text(
        f"SELECT r.rolname, s.role, r.rolcanlogin FROM pg_roles r "
        f"JOIN pg_auth_members m ON m.member = r.oid JOIN pg_roles g ON g.oid = m.roleid "
        f"JOIN {server_sql.ROLE_TABLE} s ON s.rolname = g.rolname ORDER BY r.rolname"
    )
    rank = {role: i for i, (role, _) in enumerate(server_sql.GROUPS)}
    found: dict[str, UserRow] = {}
    with db.engine.connect() as conn:
        for name, role, can_login in conn.execute(query):
            held = found.get(name)
            if held is None or rank[role] < rank[held.role]:
                found[name] = UserRow(str(name), str(role), bool(can_login))
    return list(found.values())


def _sqlstate(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", None)
    return getattr(orig, "sqlstate", None) if orig is not None else None


def _reason(exc: DBAPIError) -> str:
    message = str(exc.orig).strip().splitlines()[0] if exc.orig is not None else type(exc).__name__
    return re.sub(r"^handover-(refused|denied|actor): ", "", message)


def permission_refusal(db: _db.Database | None, exc: BaseException) -> str | None:
    """The Chinese refusal for a privilege the database refused (the role may not do it); None for other errors."""
    if not isinstance(exc, DBAPIError) or _sqlstate(exc) != INSUFFICIENT_PRIVILEGE:
        return None
    who = ""
    if db is not None:
        try:
            account = signed_in(db)
        except DBAPIError:
            account = None
        if account is not None:
            who = f"账户 “{account.user}”（{account.role_label}）"
    return (
        f"权限不足：{who or '当前账户'}不能做这一操作，数据库拒绝了它，没有保存任何修改"
        f"（{_reason(exc)}）。各角色能做什么见 docs/server.md，如需更多权限请找管理员"
    )


def is_transient(exc: BaseException) -> bool:
    """A serialization failure or a deadlock: the transaction was rolled back whole and may simply run again."""
    return isinstance(exc, DBAPIError) and _sqlstate(exc) in TRANSIENT


def retrying(work: Callable[[], T], attempts: int = RETRIES) -> T:
    """Run `work` (one or more whole transactions), again after a serialization failure or deadlock."""
    for attempt in range(1, attempts + 1):
        try:
            return work()
        except DBAPIError as exc:
            if not is_transient(exc) or attempt == attempts:
                raise
            log.info("transaction rolled back (%s), attempt %d of %d", _sqlstate(exc), attempt, attempts)
            time.sleep(0.05 * attempt)
    raise AssertionError("unreachable")
