"""A county server's roles, enforced by PostgreSQL (issue 16): what each role may do and what it is refused, through the
`handover` command (exit 2 with a message naming the account) and through a raw psycopg session of that role
(permission denied), so no honest copy of the program is needed for the rules to hold."""

from __future__ import annotations

from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy.engine import make_url

from handover import audit, demo, reading
from handover.db import open_database
from handover.services import cases
from handover.signoff import service as signoff
from tests.server_support import Server, add_user, county_server, handover, requires_server


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("HANDOVER_HOME", str(tmp_path_factory.mktemp("home")))  # the CLI's log file goes there
        patch.setenv("HANDOVER_USER", "测试员")
        with county_server() as made:
            db = open_database(made.admin_url)
            demo.load_demo(db)
            complete = next(c for c in reading.list_cases(db) if c.done == c.total)
            cases.submit(db, complete.id)
            signoff.sign(db, complete.id, "outgoing", complete.outgoing)
            signoff.sign(db, complete.id, "incoming", complete.incoming)
            assert signoff.sign(db, complete.id, "supervisor", "周监交").locked
            db.close()
            for who, role in (("boss", "admin"), ("alice", "assessor"), ("bob", "reader")):
                add_user(made, who, role)
            yield made


def cases_of(server: Server) -> tuple[int, int]:
    """(the signed case, the open case) of the demo county."""
    db = open_database(server.admin_url)
    listed = {c.status: c.id for c in reading.list_cases(db)}
    db.close()
    return listed["signed"], listed["draft"]


def raw(server: Server, who: str) -> psycopg.Connection:  # type: ignore[type-arg]
    url = make_url(server.url(server.name(who)))
    return psycopg.connect(
        host=url.host, port=url.port or 5432, dbname=url.database, user=url.username, password=url.password,
        autocommit=True,
    )  # fmt: skip


def refused_raw(server: Server, who: str, statement: str, match: str = "permission denied") -> None:
    with raw(server, who) as conn, pytest.raises(psycopg.Error, match=match):
        conn.execute(statement)


def refused_cli(server: Server, who: str, *args: str) -> str:
    code, out, err = handover(server.url(server.name(who)), *args)
    assert code == 2, (out, err)
    assert "权限不足" in err and server.name(who) in err and "没有保存任何修改" in err, err
    return err


@requires_server[0]
@requires_server[1]
def test_the_accounts_are_listed_with_their_roles_and_init_runs_again(server: Server) -> None:
    code, out, err = handover(server.admin_url, "server", "init", "--role-prefix", server.prefix)
    assert code == 0, err
    assert f"角色 {server.name('assessor')}" in out
    code, out, _ = handover(server.url(server.name("bob")), "user", "list")
    assert code == 0
    lines = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:-1]}
    assert lines[server.name("boss")] == ["管理员", "可登录"]
    assert lines[server.name("alice")] == ["评审录入员", "可登录"]
    assert lines[server.name("bob")] == ["只读用户", "可登录"]


@requires_server[0]
@requires_server[1]
def test_an_assessor_edits_an_open_case_in_its_own_name(server: Server) -> None:
    _signed, open_case = cases_of(server)
    alice = server.url(server.name("alice"))
    code, out, err = handover(alice, "value", "set", str(open_case), "ORG05", "--note", "实地核实")
    assert code == 0, err
    code, _, err = handover(
        alice, "evaluate", str(open_case), "--grade", "良好", "--comment", "工作扎实，台账齐全，群众满意"
    )
    assert code == 0, err
    newest = audit.entries(open_database(server.admin_url), limit=2)
    assert [e.actor for e in newest] == [server.name("alice")] * 2
    assert [e.action for e in newest] == ["value.edit", "case.evaluate"]
    code, out, _ = handover(server.url(server.name("bob")), "audit", "verify")
    assert code == 0 and "操作日志完整" in out


@requires_server[0]
@requires_server[1]
def test_an_assessor_may_not_draw_change_the_pool_settings_or_accounts(server: Server) -> None:
    signed, open_case = cases_of(server)
    refused_cli(server, "alice", "draw", "prepare", str(open_case))
    refused_cli(server, "alice", "settings", "set", "panel_size", "5")
    err = refused_cli(
        server, "alice", "reviewer", "add", "冒名者", "--organization", "县委", "--certificate-no", "PS-9999"
    )
    assert "reviewer" in err
    refused_cli(
        server, "alice", "user", "add", server.name("mallory"), "--role", "admin", "--password-env", "HO_TEST_PASSWORD"
    )
    code, _, err = handover(
        server.url(server.name("alice")), "value", "set", str(signed), "ORG05", "--note", "改签署后的"
    )
    assert code == 2 and "签署" in err


@requires_server[0]
@requires_server[1]
def test_an_assessors_own_session_is_refused_by_the_database(server: Server) -> None:
    signed, open_case = cases_of(server)
    refused_raw(server, "alice", "INSERT INTO draw_record (case_id) VALUES (1)")
    refused_raw(server, "alice", "UPDATE setting SET value = 'x'")
    refused_raw(server, "alice", "INSERT INTO setting (key, value) VALUES ('panel_size', '2')")
    refused_raw(server, "alice", "UPDATE reviewer SET name = 'x'")
    refused_raw(server, "alice", "DELETE FROM reviewer_conflict")
    refused_raw(server, "alice", "DELETE FROM draw_record")
    refused_raw(server, "alice", f"UPDATE handover_case SET outgoing = 'x' WHERE id = {open_case}")
    refused_raw(
        server, "alice", f"UPDATE handover_case SET evaluation_comment = 'x' WHERE id = {signed}", "handover-locked"
    )
    refused_raw(server, "alice", f"UPDATE indicator_value SET note = 'x' WHERE case_id = {signed}", "handover-locked")
    refused_raw(server, "alice", "UPDATE audit_log SET actor = 'x'")
    refused_raw(server, "alice", "SELECT handover_user_add('ho_never', 'admin', 'password1')")
    refused_raw(
        server, "alice",
        "INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) "
        f"VALUES (100000, 'now', '{server.name('boss')}', 'value.edit', '{{}}', 'x', 'x')",
        "recorded in the name of the signed-in user",
    )  # fmt: skip
    with raw(server, "alice") as conn, conn.transaction(force_rollback=True):  # what it may do, it may do by hand
        done = conn.execute(f"UPDATE indicator_value SET note = '手工' WHERE case_id = {open_case} AND code = 'ORG05'")
        assert done.rowcount == 1


@requires_server[0]
@requires_server[1]
def test_a_reader_reads_and_verifies_but_writes_nothing(server: Server) -> None:
    _signed, open_case = cases_of(server)
    bob = server.url(server.name("bob"))
    assert handover(bob, "case", "list")[0] == 0
    assert handover(bob, "audit", "verify")[0] == 0
    refused_cli(server, "bob", "value", "set", str(open_case), "ORG05", "--note", "只读用户改")
    refused_cli(server, "bob", "evaluate", str(open_case), "--grade", "一般", "--comment", "只读用户不能写评价的内容")
    refused_cli(server, "bob", "case", "submit", str(open_case))
    with raw(server, "bob") as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        assert {"handover_case", "audit_log", "draw_record", "setting"} <= set(tables)
        for table in tables:
            column = conn.execute(
                "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
                (table,),
            ).fetchone()
            assert column is not None
            statements = [f"UPDATE {table} SET {column[0]} = {column[0]}", f"DELETE FROM {table}"]
            if table != "audit_log":  # its own "report generated" entries it may add: row-level security, below
                statements.append(f"INSERT INTO {table} DEFAULT VALUES")
            for statement in statements:
                with pytest.raises(psycopg.errors.InsufficientPrivilege):
                    conn.execute(statement)
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            conn.execute(
                "INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) "
                f"VALUES (100000, 'now', '{server.name('bob')}', 'value.edit', '{{}}', 'x', 'x')"
            )


@requires_server[0]
@requires_server[1]
def test_the_log_and_the_draws_stay_append_only_for_the_administrator_and_the_owner(server: Server) -> None:
    for statement in ("UPDATE audit_log SET actor = 'x' WHERE seq = 1", "DELETE FROM audit_log", "DELETE FROM draw_record",
                      "UPDATE draw_prepared SET operator = 'x'", "DELETE FROM case_revision"):  # fmt: skip
        refused_raw(server, "boss", statement)
    url = make_url(server.admin_url)
    with psycopg.connect(host=url.host, port=url.port or 5432, dbname=url.database, user=url.username,
                         password=url.password, autocommit=True) as owner:  # fmt: skip
        for statement in ("TRUNCATE draw_record CASCADE", "TRUNCATE audit_log", "DELETE FROM audit_log"):
            with pytest.raises(psycopg.Error, match="append-only"):
                owner.execute(statement)
        with pytest.raises(psycopg.Error, match="recorded in the name of the signed-in user"):
            owner.execute("INSERT INTO audit_log (seq, at, actor, action, details, prev_hash, hash) "
                          "VALUES (100000, 'now', 'someone', 'value.edit', '{}', 'x', 'x')")  # fmt: skip


@requires_server[0]
@requires_server[1]
def test_an_administrator_adds_and_disables_accounts(server: Server) -> None:
    boss = server.url(server.name("boss"))
    name = add_user(server, "carol", "assessor")
    code, out, err = handover(boss, "user", "disable", name)
    assert code == 0, err
    code, out, _ = handover(boss, "user", "list")
    assert f"{name}" in out and "已停用" in out
    code, _, err = handover(server.url(name), "case", "list")
    assert code == 2 and "无法连接数据库" in err
    code, _, err = handover(boss, "user", "disable", server.name("boss"))
    assert code == 2 and "不能停用自己正在使用的账户" in err
    code, _, err = handover(boss, "user", "add", "1bad", "--role", "reader", "--password-env", "HO_TEST_PASSWORD")
    assert code == 2 and "账户名" in err


def test_accounts_belong_to_a_server_not_to_the_single_pc_mode(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    done = run("user", "list")
    assert done.code == 2 and "本机单用户模式" in done.err
    target = tmp_path / "not-made.sqlite3"
    done = run("server", "init", "--db", str(target))
    assert done.code == 2 and "PostgreSQL" in done.err and not target.exists()


@requires_server[0]
@requires_server[1]
def test_a_reader_prints_a_report_and_the_log_says_who(server: Server, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _signed, open_case = cases_of(server)
    code, out, err = handover(server.url(server.name("bob")), "report", str(open_case), "-o", str(tmp_path / "r.pdf"))
    assert code == 0, err
    assert (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    newest = audit.entries(open_database(server.admin_url), limit=1)[0]
    assert (newest.actor, newest.action, newest.case_id) == (server.name("bob"), "report.generate", open_case)
