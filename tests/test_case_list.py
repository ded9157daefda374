"""The case list at scale: pages, filters, search and sorts done by the database return the rows a straightforward
reading of every case returns; each case's stored completeness is what its values say after every kind of edit."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import insert, select, text

from handover import catalogue, reading
from handover.case_list import RECOUNT_ALL, CaseQuery, any_case, fetch, term_years
from handover.db import Database, open_database
from handover.location import connect
from handover.models import HandoverCase, IndicatorValue, Unit
from handover.paths import migrations_dir
from handover.views import CaseSummary
from tests.conftest import requires_pg
from tests.test_audit_tables import complete_case, sign_off

#: a valid (start, end) pair for each kind of indicator
PAIRS = {"count": ("1", "2"), "percent": ("80", "95"), "rank": ("2", "1"), "amount": ("10", "20"), "grade": ("较好", "好"),
         "years": ("50", "48")}  # fmt: skip
UNITS = ["甲镇", "乙乡", "桃源%镇", "河_西街道", "东湖街道"]


def seed(db: Database, count: int = 130) -> None:
    """`count` cases over five units (names with % and _), three statuses, six years, some graded, some drawn (the
    draw flag comes from the demo's case when it is there), values complete, partly or not at all."""
    cat = catalogue.load()
    now = datetime.now(UTC)
    with db.session() as s:
        s.execute(insert(Unit), [{"name": n, "unit_type": "township", "created_at": now} for n in UNITS])
        units = [uid for (uid,) in s.execute(select(Unit.id).where(Unit.name.in_(UNITS))).all()]  # type: ignore[attr-defined]
        s.execute(insert(HandoverCase), [
            {"unit_id": units[i % len(units)], "outgoing": f"张{'_%'[i % 2]}{i}", "incoming": f"李{i % 11}",
             "term_start": date(2015 + i % 6, 1 + i % 12, 1), "term_end": date(2020 + i % 6, 1 + i % 12, 28),
             "status": ("draft", "draft", "review")[i % 3], "catalogue_version": cat.version,
             "evaluation_grade": "优秀" if i % 4 == 0 else None, "created_at": now, "updated_at": now}
            for i in range(count)
        ])  # fmt: skip
        ids = [cid for (cid,) in s.execute(select(HandoverCase.id).where(HandoverCase.unit_id.in_(units))).all()]  # type: ignore[attr-defined]
        s.execute(insert(IndicatorValue), [
            {"case_id": cid, "code": ind.code, "start_value": PAIRS[ind.kind][0],
             "end_value": None if n % 5 == 1 else PAIRS[ind.kind][1],
             "na_reason": "不适用" if n % 5 == 2 and k == 0 else None, "updated_at": now}
            for n, cid in enumerate(ids) if n % 5 != 3 for k, ind in enumerate(cat.indicators) if n % 5 != 4 or k < 7
        ])  # fmt: skip
        s.execute(text(RECOUNT_ALL))


def every_case(db: Database) -> list[CaseSummary]:
    """Each case read the straightforward way: its detail (completeness counted from its 40 values)."""
    with db.engine.connect() as conn:
        ids = [cid for (cid,) in conn.execute(text("SELECT id FROM handover_case"))]
    return [reading.get_case(db, cid).summary for cid in ids]


SORT_KEYS = {
    "id": lambda c: c.id, "unit": lambda c: c.unit, "outgoing": lambda c: c.outgoing, "incoming": lambda c: c.incoming,
    "term": lambda c: c.term_start, "status": lambda c: c.status, "done": lambda c: c.done,
    "grade": lambda c: c.grade or "",
}  # fmt: skip


def expected(cases: list[CaseSummary], q: CaseQuery) -> list[CaseSummary]:
    needle = (q.search or "").strip()
    kept = [
        c for c in cases
        if (not q.status or c.status == q.status) and (q.year is None or c.term_end.year == q.year)
        and (not q.unit or c.unit == q.unit) and (not q.step or c.step == q.step)
        and (not needle or needle in c.unit or needle in c.outgoing or needle in c.incoming or needle == str(c.id))
    ]  # fmt: skip
    kept.sort(key=lambda c: (SORT_KEYS[q.sort](c), c.id), reverse=q.descending)
    end = None if q.limit is None else q.offset + q.limit
    return kept[q.offset : end]


QUERIES = [
    CaseQuery(limit=None), CaseQuery(), CaseQuery(limit=7, offset=0), CaseQuery(limit=7, offset=126),
    CaseQuery(limit=7, offset=500), CaseQuery(limit=0), CaseQuery(status="review", limit=None),
    CaseQuery(year=2023, limit=None), CaseQuery(search="桃源%", limit=None), CaseQuery(search="_西", limit=None),
    CaseQuery(search="张_", limit=10, offset=10), CaseQuery(search="李3", status="draft", year=2021, limit=None),
    CaseQuery(search="12", limit=None), CaseQuery(unit="甲镇", sort="done", descending=False, limit=None),
    CaseQuery(sort="term", descending=False, limit=9, offset=18), CaseQuery(sort="outgoing", limit=None),
    CaseQuery(sort="grade", descending=False, limit=None), CaseQuery(sort="incoming", limit=13, offset=13),
    CaseQuery(sort="status", limit=None), CaseQuery(sort="unit", descending=False, limit=None),
    *(CaseQuery(step=step, limit=None) for step in ("checklist", "draw", "evaluation", "submit", "sign", "archive")),
    CaseQuery(step="evaluation", status="draft", sort="done", limit=3, offset=1),
]  # fmt: skip


def _listed(db: Database, q: CaseQuery) -> list[CaseSummary]:
    return reading.list_cases(
        db, status=q.status, year=q.year, search=q.search, unit=q.unit, step=q.step, sort=q.sort,
        descending=q.descending, limit=q.limit, offset=q.offset,
    )  # fmt: skip


def test_pages_filters_and_sorts_return_the_straightforward_rows(demo, db_path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(db_path)
    try:
        seed(db)
        cases = every_case(db)
        assert {c.step for c in cases} >= {"checklist", "draw", "submit", "sign"}
        assert any(c.panel_drawn for c in cases) and any(c.done == c.total for c in cases)
        for q in QUERIES:
            assert _listed(db, q) == expected(cases, q), q
            filters = {"status": q.status, "year": q.year, "search": q.search, "unit": q.unit, "step": q.step}
            assert reading.count_cases(db, **filters) == len(expected(cases, CaseQuery(**filters, limit=None)))  # type: ignore[arg-type]
        plain = connect(db.url)  # the GUI's first page, before SQLAlchemy: the same rows
        try:
            assert fetch(plain, CaseQuery(search="张_", limit=10, offset=10)) == expected(cases, QUERIES[10])
        finally:
            plain.close()
    finally:
        db.close()


def test_the_start_up_reads_any_case_and_the_years_without_reading_every_case(db_path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(db_path)
    plain = connect(db.url)
    try:
        assert any_case(plain) is False and term_years(plain) == []
        seed(db, 40)
        ends = [c.term_end.year for c in every_case(db)]
        assert any_case(plain) is True
        assert term_years(plain) == list(range(max(ends), min(ends) - 1, -1))
        # each bound one step of the term_end index (min and max in one SELECT would read every row)
        plan = " ".join(str(r) for r in plain.execute(
            "EXPLAIN QUERY PLAN SELECT (SELECT min(term_end) FROM handover_case), (SELECT max(term_end) FROM handover_case)"))
        assert plan.count("SEARCH handover_case USING COVERING INDEX ix_handover_case_term_end") == 2
        assert "SCAN handover_case" not in plan
    finally:
        plain.close()
        db.close()


def test_the_pages_of_the_list_add_up_to_the_whole_list(demo, db_path) -> None:  # type: ignore[no-untyped-def]
    db = open_database(db_path)
    try:
        seed(db, 101)
        whole = reading.list_cases(db, sort="done")
        pages = [reading.list_cases(db, sort="done", limit=10, offset=o) for o in range(0, 120, 10)]
        assert [c for page in pages for c in page] == whole
        assert [len(p) for p in pages] == [10] * 10 + [3, 0]
    finally:
        db.close()


def test_a_refused_year_or_sort_names_the_field(db) -> None:  # type: ignore[no-untyped-def]
    for kwargs, words in (({"year": 1800}, "年份 1800"), ({"sort": "salary"}, "排序"), ({"step": "pay"}, "步骤")):
        with pytest.raises(Exception, match=words):
            reading.list_cases(db, **kwargs)  # type: ignore[arg-type]


def pg_only(test: Any) -> Any:
    for mark in requires_pg:
        test = mark(test)
    return test


@pg_only
def test_pages_and_filters_on_postgresql(pg_url) -> None:  # type: ignore[no-untyped-def]
    db = open_database(pg_url)
    try:
        seed(db)
        cases = every_case(db)
        for q in QUERIES:
            if q.sort in ("id", "term", "done"):  # text sorts follow the server's collation
                assert _listed(db, q) == expected(cases, q), q
        plain = connect(pg_url)
        try:
            assert fetch(plain, CaseQuery(year=2023, limit=None)) == expected(cases, CaseQuery(year=2023, limit=None))
        finally:
            plain.close()
    finally:
        db.close()



def stored_counts(db_path: Path) -> dict[int, int]:
    conn = sqlite3.connect(db_path)
    try:
        return dict(conn.execute("SELECT id, done_count FROM handover_case").fetchall())
    finally:
        conn.close()


def assert_counts_true(db_path: Path) -> dict[int, int]:
    stored = stored_counts(db_path)
    db = open_database(db_path)
    try:
        assert stored == {cid: reading.get_case(db, cid).summary.done for cid in stored}
    finally:
        db.close()
    return stored


def test_stored_completeness_follows_every_kind_of_edit(run, demo, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    counts = assert_counts_true(db_path)  # the demo: loaded through the services
    assert sorted(counts.values()) == [16, 40]
    made = run("case", "new", "--unit", "桃源镇", "--outgoing", "张三", "--incoming", "李四",
               "--term-start", "2021-01-01", "--term-end", "2026-01-01", "--json")  # fmt: skip
    new = str(json.loads(made.out)["id"])
    steps = [
        ("value", "set", new, "ORG05", "--start", "3"),
        ("value", "set", new, "ORG05", "--end", "4"),
        ("value", "set", new, "ORG06", "--na", "本届未开展"),
        ("value", "set", new, "ORG06", "--na", ""),
        ("value", "set", new, "ORG01", "--villages-start", "桃源村", "--villages-end", "桃源村"),
        ("value", "set", new, "ORG05", "--end", ""),
    ]
    seen = [assert_counts_true(db_path)[int(new)]]
    for args in steps:
        result = run(*args)
        assert result.code == 0, result.err
        seen.append(assert_counts_true(db_path)[int(new)])
    csv = tmp_path / "values.csv"
    csv.write_bytes(b"code,start,end\nORG05,3,5\nMEM01,1200,1250\n")
    assert run("value", "import", new, str(csv)).code == 0
    seen.append(assert_counts_true(db_path)[int(new)])
    assert seen[1:4] == [seen[0], seen[0] + 1, seen[0] + 2] and seen[4] == seen[0] + 1 and seen[-1] == seen[6] + 2
    case_id, detail = complete_case(run)
    sign_off(run, case_id, detail)
    revised = json.loads(run("case", "revise", case_id, "--reason", "更正党员人数", "--json").out)["id"]
    assert assert_counts_true(db_path)[revised] == 40
    refused = run("value", "set", new, "ORG05", "--start", "很多")
    assert refused.code == 2 and assert_counts_true(db_path)[int(new)] == seen[-1]


def test_audit_verify_notices_a_count_changed_by_hand(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    assert run("audit", "verify").code == 0
    conn = sqlite3.connect(db_path)
    conn.execute("UPDATE handover_case SET done_count = 40 WHERE done_count = 16")
    conn.commit()
    conn.close()
    result = run("audit", "verify")
    assert result.code != 0
    assert "完成项数是 40" in result.out + result.err and "应是 16" in result.out + result.err


def _migrate(url: str, revision: str, down: bool = False) -> None:
    db = open_database(url, migrate=False)
    config = Config()
    config.set_main_option("script_location", str(migrations_dir()))
    try:
        with db.engine.begin() as conn:
            config.attributes["connection"] = conn
            (command.downgrade if down else command.upgrade)(config, revision)
    finally:
        db.close()


def _signed_demo(run: Any) -> str:
    case_id, detail = complete_case(run)
    sign_off(run, case_id, detail)
    return case_id


def test_the_migration_counts_every_case_also_a_signed_one(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    signed = _signed_demo(run)
    before = assert_counts_true(db_path)
    _migrate(f"sqlite:///{db_path}", "0006", down=True)
    _migrate(f"sqlite:///{db_path}", "heads")
    assert assert_counts_true(db_path) == before and before[int(signed)] == 40
    conn = sqlite3.connect(db_path)
    try:  # the signed case is locked again
        with pytest.raises(sqlite3.DatabaseError, match="handover-locked"):
            conn.execute("UPDATE handover_case SET done_count = 1 WHERE id = ?", (int(signed),))
    finally:
        conn.close()


@pg_only
def test_the_migration_counts_every_case_on_postgresql(pg, pg_url) -> None:  # type: ignore[no-untyped-def]
    from handover import demo as demo_mod

    db = open_database(pg_url)
    try:
        demo_mod.load_demo(db)
        with db.engine.begin() as conn:
            before = dict(conn.execute(text("SELECT id, done_count FROM handover_case")).all())
    finally:
        db.close()
    _migrate(pg_url, "0006", down=True)
    _migrate(pg_url, "heads")
    db = open_database(pg_url)
    try:
        with db.engine.begin() as conn:
            assert dict(conn.execute(text("SELECT id, done_count FROM handover_case")).all()) == before
        assert sorted(before.values()) == [16, 40]
    finally:
        db.close()



def test_case_list_on_the_command_line_pages_and_filters_by_step(run, demo) -> None:  # type: ignore[no-untyped-def]
    first = json.loads(run("case", "list", "--limit", "1", "--json").out)
    assert [c["id"] for c in first] == [2]  # newest first
    second = json.loads(run("case", "list", "--limit", "1", "--offset", "1", "--json").out)
    assert [c["id"] for c in second] == [1]
    by_step = json.loads(run("case", "list", "--step", "checklist", "--json").out)
    assert [(c["id"], c["step"]) for c in by_step] == [(2, "checklist")]
    with pytest.raises(SystemExit) as refused:  # argparse refuses it, in Chinese, as a usage error
        run("case", "list", "--limit", "0")
    assert refused.value.code == 2
