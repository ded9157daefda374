"""A county server for the tests: a scratch database reached with a role that may create roles.

HANDOVER_TEST_PG_ADMIN_URL names it (`.ci/run` makes the role handover_ci_admin with CREATEROLE and a database it owns).
Each server gets its own role prefix `ho_<random>_`, so runs on one cluster never meet; `drop_server` removes every role
it made.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from handover import cli

ADMIN_URL = os.environ.get("HANDOVER_TEST_PG_ADMIN_URL")
requires_server = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not ADMIN_URL,
        reason="HANDOVER_TEST_PG_ADMIN_URL is not set: it names a PostgreSQL database owned by a role with CREATEROLE "
        "(.ci/run makes handover_ci_admin); the account and role tests need it",
    ),
]
PASSWORD = "pw-" + secrets.token_hex(8)


@dataclass
class Server:
    prefix: str
    admin_url: str
    users: dict[str, str] = field(default_factory=dict)  # account name -> role

    def url(self, user: str) -> str:
        return make_url(self.admin_url).set(username=user, password=PASSWORD).render_as_string(hide_password=False)

    def name(self, who: str) -> str:
        return f"{self.prefix}{who}"


def reset_schema(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def handover(url: str | None, *args: str) -> tuple[int, str, str]:
    """`handover --db URL ARGS` in-process, with its output (stdout, stderr) captured."""
    import contextlib
    import io

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = cli.main([*(["--db", url] if url else []), *args])
    return code, out.getvalue(), err.getvalue()


def add_user(server: Server, who: str, role: str) -> str:
    name = server.name(who)
    os.environ["HO_TEST_PASSWORD"] = PASSWORD
    code, out, err = handover(
        server.admin_url, "user", "add", name, "--role", role, "--password-env", "HO_TEST_PASSWORD"
    )
    assert code == 0, err
    server.users[name] = role
    return name


@contextmanager
def county_server() -> Iterator[Server]:
    """A freshly initialised server (schema, roles) with its own prefix; every role it made is dropped after."""
    assert ADMIN_URL
    reset_schema(ADMIN_URL)
    server = Server(f"ho_{secrets.token_hex(3)}_", ADMIN_URL)
    code, out, err = handover(None, "server", "init", "--db", ADMIN_URL, "--role-prefix", server.prefix)
    assert code == 0, err
    try:
        yield server
    finally:
        drop_server(server)


def drop_server(server: Server) -> None:
    reset_schema(server.admin_url)  # the objects and the privileges on them go with the schema
    database = make_url(server.admin_url).database
    groups = [server.name(g) for g in ("admin", "assessor", "reader")]
    engine = create_engine(server.admin_url)
    with engine.begin() as conn:
        conn.execute(text(f'REVOKE ALL ON DATABASE "{database}" FROM {", ".join(groups)}'))
        for role in [*server.users, *groups]:
            conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    engine.dispose()
