"""Shared fixtures: every test gets its own data folder and a real SQLite file in it."""

from __future__ import annotations

import contextlib
import io
import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from handover import cli  # noqa: E402
from handover.db import Database, open_database  # noqa: E402


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "home"
    monkeypatch.setenv("HANDOVER_HOME", str(home))
    monkeypatch.delenv("HANDOVER_DB", raising=False)
    monkeypatch.setenv("HANDOVER_USER", "测试员")
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "county.sqlite3"


@pytest.fixture
def db(db_path: Path) -> Iterator[Database]:
    database = open_database(db_path)
    yield database
    database.close()


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def run(db_path: Path, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `handover --db <test file> ARGS...` in-process, as the user types it; returns exit code, stdout, stderr."""

    def _run(*args: str) -> Result:
        capsys.readouterr()
        code = cli.main(["--db", str(db_path), *args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return _run


def dump(path: Path) -> str:
    """Every row of every table, for checking that a refused input changed nothing."""
    conn = sqlite3.connect(path)
    try:
        return "\n".join(conn.iterdump())
    finally:
        conn.close()


#: an empty scratch PostgreSQL database the tests may wipe; CI (.ci/run) starts a server and sets it
PG_URL = os.environ.get("HANDOVER_TEST_PG_URL", "")
requires_pg = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="HANDOVER_TEST_PG_URL is not set (CI starts a PostgreSQL server)"),
]


@pytest.fixture
def pg_url() -> str:
    """The scratch PostgreSQL database, emptied (its public schema dropped and made again)."""
    from sqlalchemy import create_engine, text

    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return PG_URL


@pytest.fixture
def pg(pg_url: str, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """Run `handover --db <PostgreSQL URL> ARGS...` in-process; returns (exit code, stdout, stderr)."""

    def _run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli.main(["--db", pg_url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return _run


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """`handover demo` run once per test session (it takes about a second); each test gets its own copy."""
    folder = tmp_path_factory.mktemp("demo-template")
    path = folder / "county.sqlite3"
    out = io.StringIO()
    with pytest.MonkeyPatch.context() as patch, contextlib.redirect_stdout(out):
        patch.setenv("HANDOVER_HOME", str(folder / "home"))
        patch.delenv("HANDOVER_DB", raising=False)
        patch.setenv("HANDOVER_USER", "测试员")
        code = cli.main(["--db", str(path), "demo"])
    assert code == 0, out.getvalue()
    return path, out.getvalue()


@pytest.fixture
def demo(_demo_template: tuple[Path, str], db_path: Path) -> Result:
    """The demo county (`handover demo`) in this test's database file."""
    template, out = _demo_template
    source, target = sqlite3.connect(template), sqlite3.connect(db_path)
    try:
        source.backup(target)  # the whole database, also over one a `db` fixture has already made
    finally:
        source.close()
        target.close()
    return Result(0, out, "")


@pytest.fixture
def township_case(run) -> str:  # type: ignore[no-untyped-def]
    """A township with three villages and a draft case of it, no values yet: its id, as the command line takes it."""
    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0
    assert run("village", "add", "白鹤镇", "甲村", "乙村", "丙村").code == 0
    result = run("case", "new", "--unit", "白鹤镇", "--outgoing", "王一", "--incoming", "李二",
                 "--term-start", "2021-01-05", "--term-end", "2026-01-04", "--json")  # fmt: skip
    return str(json.loads(result.out)["id"])


def case_with_a_fitting_pool(run) -> str:  # type: ignore[no-untyped-def]
    """A case and six organisation-department reviewers from six offices: every alternate fits any panel, so a
    replacement never depends on the luck of the draw (the demo's pool can leave no fitting alternate)."""
    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0
    created = run("case", "new", "--unit", "白鹤镇", "--outgoing", "王一", "--incoming", "李二",
                  "--term-start", "2021-01-05", "--term-end", "2026-01-04", "--json")  # fmt: skip
    add_six_reviewers(run)
    return str(json.loads(created.out)["id"])


def add_six_reviewers(run) -> None:  # type: ignore[no-untyped-def]
    """Six trained, certified organisation-department reviewers from six offices (C001 … C006)."""
    from datetime import date, timedelta

    trained = (date.today() - timedelta(days=30)).isoformat()
    for i in range(1, 7):
        added = run("reviewer", "add", f"评审员{i}", "--organization", f"县委组织部第{i}科", "--certificate-no", f"C{i:03d}",
                    "--org-dept", "--certified-until", "2035-12-31", "--trained-on", trained)  # fmt: skip
        assert added.code == 0, added.err


#: a value of each kind of indicator, at the start and the end of the term
SAMPLES = {"count": ("3", "4"), "percent": ("80", "95.5"), "rank": ("1", "1"), "amount": ("10.5", "20"),
           "grade": ("较好", "好"), "years": ("50", "48.5")}  # fmt: skip


def ready_to_submit(run, case: str) -> None:  # type: ignore[no-untyped-def]
    """Make a draft ready for review the way an office does, step by step (清单 → 抽签 → 评价): every indicator still
    missing filled (a village list names the unit's first village), the panel drawn by the committed draw (six
    reviewers added when the county has no pool), the overall evaluation written. What is already done is kept."""
    fill_values(run, case)
    if _step(run, case) == "draw":
        if not json.loads(run("reviewer", "list", "--json").out):
            add_six_reviewers(run)
        prepare_and_draw(run, case)
    if _step(run, case) == "evaluation":
        evaluated = run("evaluate", case, "--grade", "良好", "--comment", "任期内党建工作扎实推进，成效明显。")
        assert evaluated.code == 0, evaluated.err
    assert _step(run, case) == "submit"


def fill_values(run, case: str, *, leave: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Every indicator still missing (but `leave`) filled with a sample value; a village list names the unit's first
    village."""
    detail = json.loads(run("case", "show", case, "--json").out)
    kinds = {i["code"]: i for a in json.loads(run("catalogue", "--json").out)["areas"] for i in a["indicators"]}
    units = json.loads(run("unit", "list", "--json").out)
    villages = next(u["villages"] for u in units if u["name"] == detail["unit"])
    for missing in (m for m in detail["missing"] if m["code"] != leave):
        indicator = kinds[missing["code"]]
        if indicator["villages"]:
            args = ["--villages-start", villages[0], "--villages-end", villages[0]]
        else:
            args = ["--start", SAMPLES[indicator["kind"]][0], "--end", SAMPLES[indicator["kind"]][1]]
        filled = run("value", "set", case, missing["code"], *args)
        assert filled.code == 0, filled.err


def _step(run, case: str) -> str:  # type: ignore[no-untyped-def]
    return str(next(c["step"] for c in json.loads(run("case", "list", "--json").out) if str(c["id"]) == case))


PREPARE_OPTIONS = ("--size", "--alternates", "--public-source")


def prepare_and_draw(run, case: str, *args: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """`handover draw prepare CASE` then `handover draw CASE` with the two hashes of the notice, as an office does it.

    --size, --alternates and --public-source go to the prepare step, everything else to the draw; a witness text is
    added when none is given. Returns the draw's --json output.
    """
    prepare_args, draw_args = [], []
    rest = list(args)
    while rest:
        option = rest.pop(0)
        (prepare_args if option in PREPARE_OPTIONS else draw_args).extend([option, rest.pop(0)])
    prepared = run("draw", "prepare", case, *prepare_args, "--json")
    assert prepared.code == 0, prepared.err
    notice = json.loads(prepared.out)
    if "--witness" not in draw_args:
        draw_args += ["--witness", "见证人 张三"]
    drawn = run("draw", case, "--pool-hash", notice["pool_hash"], "--commitment", notice["commitment"], *draw_args,
                "--json")  # fmt: skip
    assert drawn.code == 0, drawn.err
    return json.loads(drawn.out)  # type: ignore[no-any-return]


def draw_panel(db, case_id: int, *, today=None, alternates=None, witness: str = "见证人 张三", **draw_options):  # type: ignore[no-untyped-def]
    """The service-level committed draw: prepare, then draw with the notice's two hashes."""
    from handover.draw import service as draws

    notice = draws.prepare(db, case_id, today=today, alternates=alternates)
    return draws.draw(db, case_id, pool_hash=notice.pool_hash, commitment=notice.commitment, witness=witness,
                      **draw_options)  # fmt: skip
