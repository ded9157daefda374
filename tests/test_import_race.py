"""Two `handover value import` commands into one case at the same moment, in two real processes, many rounds: the case
ends with exactly one file's content (the second applied whole after the first), never rows of each; a command that
is refused says so. On SQLite and on PostgreSQL.

The two processes stay up for all rounds (starting Python takes longer than a round) and run the command's own entry
point, `handover.cli.main`, as the `handover` program does; a barrier starts both imports of a round at once.
"""

from __future__ import annotations

import contextlib
import io
import json
import multiprocessing
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from handover.db import Database, open_database
from tests.conftest import Result, requires_pg

ROUNDS = 50
WAIT = 60
#: three indicators of the case, with values that differ between the two files in every cell
CODES = ("ORG06", "CAD05", "MEM01")


def _sheets(folder: Path, round_no: int) -> dict[str, Path]:
    """File A and file B of a round: the same three indicators, every value different (and different every round, so a
    round cannot pass on the values of the round before)."""
    files = {}
    for name, base in (("A", 10), ("B", 50)):
        lines = ["code,start,end,note"]
        lines += [f"{code},{base + i},{base + i + round_no % 7 + 1},{name}{round_no}" for i, code in enumerate(CODES)]
        path = folder / f"{name}{round_no}.csv"
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
        files[name] = path
    return files


def _importer(target: str, case_id: str, barrier: Any, jobs: Any, results: Any) -> None:
    """One process: for every file it is given, wait for the other process, then run `handover value import`."""
    from handover import cli

    while (path := jobs.get(timeout=WAIT)) is not None:
        barrier.wait(timeout=WAIT)
        err = io.StringIO()
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            code = cli.main(["--db", target, "value", "import", case_id, path])
        results.put((Path(path).stem[0], code, err.getvalue()))


def _content(db: Database, case_id: str) -> dict[str, tuple[str | None, str | None, str | None]]:
    with db.session() as session:
        rows = session.execute(
            text("SELECT code, start_value, end_value, note FROM indicator_value WHERE case_id = :case"), {"case": case_id}
        )
        return {code: (start, end, note) for code, start, end, note in rows if code in CODES}


def _expected(path: Path) -> dict[str, tuple[str, str, str]]:
    rows = [line.split(",") for line in path.read_text(encoding="utf-8").split()[1:]]
    return {code: (start, end, note) for code, start, end, note in rows}


def race(target: str, run: Any, tmp_path: Path) -> None:
    created = run("case", "new", "--unit", "白鹤镇", "--outgoing", "王一", "--incoming", "李二",
                  "--term-start", "2021-01-05", "--term-end", "2026-01-04", "--json")  # fmt: skip
    case_id = str(json.loads(created.out)["id"])
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(2), context.Queue()
    jobs = {name: context.Queue() for name in "AB"}
    workers = [context.Process(target=_importer, args=(target, case_id, barrier, jobs[n], results)) for n in "AB"]
    for worker in workers:
        worker.start()
    mixed, refused = [], 0
    db = open_database(target)
    try:
        for round_no in range(ROUNDS):
            files = _sheets(tmp_path, round_no)
            for name in "AB":
                jobs[name].put(str(files[name]))
            outcome = dict((name, (code, err)) for name, code, err in (results.get(timeout=WAIT) for _ in "AB"))
            for name, (code, err) in outcome.items():
                assert code in (0, 2), f"round {round_no}: import {name} failed with exit {code}: {err}"
                if code == 2:  # the loser is told, in words
                    assert "错误" in err, err
                    refused += 1
            content = _content(db, case_id)
            applied = [name for name in "AB" if outcome[name][0] == 0]
            if not any(content == _expected(files[name]) for name in applied):
                mixed.append((round_no, content))
    finally:
        db.close()
        for name in "AB":
            jobs[name].put(None)
        for worker in workers:
            worker.join(timeout=WAIT)
            if worker.is_alive():
                worker.terminate()
    assert mixed == [], f"{len(mixed)} of {ROUNDS} rounds ended with rows of both files: {mixed[:3]}"
    assert refused < ROUNDS, "every round refused one import: the second should wait and apply whole"
    verified = run("audit", "verify")
    assert verified.code == 0, verified.out + verified.err


def _township(run: Any) -> None:
    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0


@pytest.mark.slow
def test_two_imports_at_once_never_mix_on_sqlite(run, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _township(run)
    race(str(db_path), run, tmp_path)


@pytest.mark.slow
@pytest.mark.postgres
@requires_pg[1]
def test_two_imports_at_once_never_mix_on_postgresql(pg, pg_url, tmp_path) -> None:  # type: ignore[no-untyped-def]
    def run(*args: str) -> Result:
        return Result(*pg(*args))

    _township(run)
    race(pg_url, run, tmp_path)


def test_a_writer_that_cannot_get_the_lock_is_told_and_changes_nothing(monkeypatch, run, db_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    from handover import db as dbmod
    from tests.conftest import dump

    _township(run)
    assert run("case", "new", "--unit", "白鹤镇", "--outgoing", "王一", "--incoming", "李二",
               "--term-start", "2021-01-05", "--term-end", "2026-01-04").code == 0  # fmt: skip
    monkeypatch.setattr(dbmod, "BUSY_TIMEOUT_MS", 300)  # the other writer holds the lock longer than the wait
    before = dump(db_path)
    other = sqlite3.connect(db_path, isolation_level=None)
    try:
        other.execute("BEGIN IMMEDIATE")
        result = run("value", "set", "1", "ORG06", "--start", "80", "--end", "90")
    finally:
        other.rollback()
        other.close()
    assert result.code == 2, result.err
    assert "数据库正忙" in result.err and "没有保存" in result.err and "意外错误" not in result.err
    assert dump(db_path) == before
