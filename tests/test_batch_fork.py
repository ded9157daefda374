"""`report --all` forks its worker processes on Linux (issue 15: a spawned worker spent most of a second of CPU starting):
only when the caller allows it and runs no other thread, the documents are the same as spawned workers make, and the
caller's own database connection, open across the fork, is neither used nor closed by a worker."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from handover import reading
from handover.db import Database, open_database
from handover.signing.batch import produce_many, start_method
from tests.conftest import PG_URL
from tests.report_support import pages_text
from tests.test_pades import PASSWORD, make_org

linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")


def test_workers_are_forked_only_when_allowed_on_linux_and_without_other_threads() -> None:
    assert start_method(False) == "spawn"  # the GUI's call: always spawned
    if sys.platform.startswith("linux"):
        assert threading.active_count() == 1
        assert start_method(True) == "fork"
    else:
        assert start_method(True) == "spawn"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert start_method(True) == "spawn"  # forking beside a running thread could copy a lock it holds
    finally:
        stop.set()
        other.join()


def _same_documents(forked: list[Path], spawned: list[Path]) -> None:
    assert [f.name for f in forked] == [f.name for f in spawned] and forked
    for a, b in zip(forked, spawned, strict=True):
        # the same pages, word for word, but for the audit log's head: each document made adds an entry to the log
        left, right = ([ln for ln in "".join(pages_text(f)).splitlines() if "操作日志" not in ln] for f in (a, b))
        assert left == right


def _made_while_holding_a_connection(db: Database, folder: Path, count: str) -> list[Path]:
    """report --all's way (fork allowed) while this process holds a connection in an open transaction; the connection
    still answers afterwards (a worker that closed its inherited copy would have ended the server session)."""
    cases = reading.list_cases(db)
    assert start_method(True) == ("fork" if sys.platform.startswith("linux") else "spawn")
    with db.engine.connect() as held:
        before = held.execute(text(count)).scalar_one()
        items = produce_many(db.url, cases, folder, workers=2, fork=True)
        assert held.execute(text(count)).scalar_one() == before == len(cases) == 2
    assert all(item.ok and item.pages > 0 for item in items)
    return sorted(folder.glob("*.pdf"))


@linux
def test_forked_workers_make_the_same_documents_and_leave_the_callers_sqlite_connection_alone(  # type: ignore[no-untyped-def]
    db: Database, demo, run, tmp_path: Path
) -> None:
    forked = _made_while_holding_a_connection(db, tmp_path / "forked", "SELECT count(*) FROM handover_case")
    spawned = produce_many(db.url, reading.list_cases(db), tmp_path / "spawned", workers=2)
    assert all(item.ok for item in spawned)
    _same_documents(forked, sorted((tmp_path / "spawned").glob("*.pdf")))
    for f in forked:
        assert run("verify", str(f)).code == 0
    assert db.engine.connect().execute(text("PRAGMA integrity_check")).scalar_one() == "ok"


@linux
def test_forked_workers_sign_with_the_key_this_process_opened(run, demo, tmp_path_factory, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    org = make_org(tmp_path_factory)
    monkeypatch.setenv("ORG_PW", PASSWORD)
    assert run("settings", "set", "issuing_body", "中共青溪县委组织部").code == 0
    out = tmp_path_factory.mktemp("signed")
    assert start_method(True) == "fork"
    result = run("report", "--all", "-o", str(out), "--workers", "2", "--p12", str(org["p12"]), "--password-env", "ORG_PW")
    assert result.code == 0, result.err
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 2
    for pdf in pdfs:
        checked = run("verify", str(pdf), "--trust", str(org["pem"]))
        assert checked.code == 0 and "数字签名有效" in checked.out, checked.out


@linux
@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="HANDOVER_TEST_PG_URL is not set (CI starts a PostgreSQL server)")
def test_forked_workers_leave_the_callers_postgresql_session_alone(pg, pg_url: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert pg("demo")[0] == 0
    db = open_database(pg_url, migrate=False)
    try:
        forked = _made_while_holding_a_connection(db, tmp_path / "forked", "SELECT count(*) FROM handover_case")
        assert [pg("verify", str(f))[0] for f in forked] == [0, 0]
    finally:
        db.close()
