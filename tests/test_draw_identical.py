"""The faster draw (issue 15) gives byte-identical records: the same pools, draw dates and seeds give the same snapshot
bytes and the same result as the code before it, whose outputs are pinned in tests/draw_identical.json.

The pools have every kind of exclusion (unit, village, secretaries, declared conflicts, expired or missing certificate,
no training, a recent panel of the same unit, inactive). Regenerate the pinned outputs only with a code that is known to
draw correctly: `.venv/bin/python -m tests.test_draw_identical --write`.
"""

from __future__ import annotations

import csv
import hashlib
import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from handover.db import Database, open_database
from handover.draw import algorithm
from handover.draw import service as draws
from handover.models import DrawRecord
from handover.services import cases, reviewer_import, units
from tests.conftest import PG_URL

PINNED = Path(__file__).with_name("draw_identical.json")
VERIFY_DRAW = Path(__file__).parents[1] / "docs" / "verify_draw.py"
ON = date(2026, 9, 1)
POOLS = (60, 700, 3000)
SEEDS = tuple(hashlib.sha256(f"seed {i}".encode()).digest() for i in range(3))


def write_pool(path: Path, count: int) -> None:
    """A pool with every exclusion rule at work, the same on every run (dates fixed against ON)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.writer(f)
        out.writerow(["姓名", "工作单位", "性别", "是否组织部", "证书编号", "证书有效期至", "最近培训日期", "回避对象", "是否在岗"])
        for i in range(count):
            org = i % 9 == 0
            unit = "县委组织部" if org else ("云岭镇人民政府" if i % 97 == 5 else ("东坑村委会" if i % 89 == 6 else f"单位{i % 41:03d}"))
            name = "周建国" if i == 13 else f"评审{i:05d}"
            until = "" if i % 71 == 8 else (ON + timedelta(days=-3 if i % 23 == 7 else 400)).isoformat()
            trained = "" if i % 67 == 9 else (ON - timedelta(days=500 if i % 19 == 3 else 60)).isoformat()
            conflict = "林晓梅（亲属）" if i % 53 == 5 else ("云岭镇（曾任职）" if i % 61 == 4 else "")
            out.writerow([name, unit, "男女"[i % 2], "是" if org else "否", f"BP-{(i * 7919) % 100_000:05d}", until,
                          trained, conflict, "否" if i % 83 == 10 else "是"])  # fmt: skip


def build(db: Database, folder: Path, count: int) -> int:
    """A township with a village, the case under draw, and another case of the same unit whose panel sat recently."""
    units.add_unit(db, "云岭镇", "township")
    units.add_village(db, "云岭镇", "东坑村")
    earlier = cases.create_case(db, cases.NewCase("云岭镇", "王大明", "林晓梅", "2016-09-01", "2021-08-31"))
    case_id = cases.create_case(db, cases.NewCase("云岭镇", "林晓梅", "周建国", "2021-09-01", "2026-08-20"))
    sheet = folder / f"pool{count}.csv"
    write_pool(sheet, count)
    reviewer_import.import_reviewers(db, sheet)
    sat = [{"certificate_no": f"BP-{(i * 7919) % 100_000:05d}", "name": f"评审{i:05d}", "role": role}
           for i, role in ((18, "leader"), (1, "member"), (2, "member"))]  # fmt: skip
    with db.session() as session:  # a panel drawn for the earlier case four months ago (rule 6)
        session.add(DrawRecord(case_id=earlier, attempt=1, created_at=datetime(2026, 5, 1, tzinfo=UTC), operator="t",
                               draw_date=date(2026, 5, 1), algorithm=algorithm.CURRENT, snapshot="{}", pool_hash="0" * 64,
                               os_entropy="0" * 64, witness="w", seed="0" * 64, record_hash="0" * 64,
                               result=json.dumps({"members": sat, "alternates": []})))  # fmt: skip
    return case_id


def outputs(db: Database, case_id: int) -> dict[str, object]:
    """What the draw code makes of the pool: the snapshot's SHA-256 and size, and the result for each seed."""
    preview = draws.preview(db, case_id, today=ON, alternates=2)
    with db.session() as session:
        from handover.draw.reading import case_and_unit
        from handover.draw.snapshot import freeze_pool

        case, unit = case_and_unit(session, case_id)
        snapshot = freeze_pool(session, case, unit, None, 2, ON)
    text = snapshot.canonical()
    assert hashlib.sha256(text).hexdigest() == preview.pool_hash
    results = [algorithm.canonical_json(algorithm.select(algorithm.parsed_snapshot(text.decode()), seed).to_dict()).decode()
               for seed in SEEDS]  # fmt: skip
    return {"pool_hash": preview.pool_hash, "bytes": len(text), "excluded": len(snapshot.excluded), "results": results}


def check(db: Database, folder: Path, count: int) -> None:
    case_id = build(db, folder, count)
    expected = json.loads(PINNED.read_text(encoding="utf-8"))[str(count)]
    assert outputs(db, case_id) == expected
    # the whole committed draw stores that snapshot, and the plain-Python checker of docs/ accepts its record
    first = draws.prepare(db, case_id, alternates=2, today=ON)
    assert first.pool_hash == expected["pool_hash"]
    view = draws.draw(db, case_id, pool_hash=first.pool_hash, commitment=first.commitment, witness="见证人 张三")
    assert draws.verify(db, view.id).ok
    exported = folder / f"record{count}.json"
    exported.write_text(json.dumps(draws.export(db, view.id), ensure_ascii=False), encoding="utf-8")
    checked = subprocess.run([sys.executable, str(VERIFY_DRAW), str(exported)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    stored = draws.export(db, view.id)["snapshot"]
    assert hashlib.sha256(stored.encode()).hexdigest() == expected["pool_hash"]
    assert view.eligible_count + len(view.excluded) == count


@pytest.mark.parametrize("count", POOLS)
def test_same_snapshot_and_results_as_before_on_sqlite(db: Database, tmp_path: Path, count: int) -> None:
    check(db, tmp_path, count)


@pytest.mark.postgres
@pytest.mark.skipif(not PG_URL, reason="HANDOVER_TEST_PG_URL is not set")
def test_same_snapshot_and_results_as_before_on_postgresql(pg_url: str, tmp_path: Path) -> None:
    db = open_database(PG_URL)
    try:
        check(db, tmp_path, POOLS[1])
    finally:
        db.close()


def main() -> None:
    """Write tests/draw_identical.json from the code as it stands (only with a draw known to be right)."""
    import tempfile

    if "--write" not in sys.argv:
        raise SystemExit(__doc__)
    pinned = {}
    for count in POOLS:
        folder = Path(tempfile.mkdtemp())
        db = open_database(folder / "pool.sqlite3")
        pinned[str(count)] = outputs(db, build(db, folder, count))
        db.close()
    PINNED.write_text(json.dumps(pinned, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()


def test_snapshot_bytes_written_directly_equal_the_general_writer() -> None:
    """The pool is written without a dict per reviewer: the same bytes as canonical_json of to_dict, for any text."""
    odd = ['"引号"', "反斜杠\\", "换行\n制表\t", "\u2028\u2029", "😀𠀋", "\x7f\x00", "", " 空格 ", "é"]
    pool = tuple(algorithm.Candidate(f"C{i:03d}{t}", t or "无", f"单位{t}", i % 2 == 0) for i, t in enumerate(odd * 3))
    excluded = (algorithm.Excluded("X1", '"某"', "单位\\", ("规则1 原因", "规则4 \n")),)
    snapshot = algorithm.Snapshot({"id": 7, "unit": '云"岭', "outgoing": "a", "incoming": "b"}, "2026-09-01", 3, 2,
                                  tuple(reversed(pool)), excluded, algorithm.CURRENT)  # fmt: skip
    assert snapshot.canonical() == algorithm.canonical_json(snapshot.to_dict())
    assert algorithm.Snapshot.from_json(snapshot.canonical().decode()).canonical() == snapshot.canonical()
    numbers = algorithm.Snapshot({"id": 1}, "2026-09-01", 1, 0, (algorithm.Candidate("A", "甲", "乙", 1),), ())  # type: ignore[arg-type]
    assert numbers.canonical() == algorithm.canonical_json(numbers.to_dict())
    assert b'"org_dept":1' in numbers.canonical()
    remembered = algorithm.parsed_snapshot(algorithm.remember(snapshot))
    assert remembered == algorithm.Snapshot.from_json(snapshot.canonical().decode())
    assert remembered.canonical() == snapshot.canonical()


def test_quick_pass_lets_through_only_reviewers_without_a_reason() -> None:
    """The quick test of the pool's common case agrees with the seven rules: it passes exactly the reviewers `reasons`
    finds nothing against (given no declared conflicts and no recent panel)."""
    from handover import recusal

    case = recusal.CaseFacts(" 云岭镇 ", ("东坑村", " "), "林晓梅", " 周建国")
    periods = recusal.Periods(12, 24)
    passes = recusal.quick_pass(case, ON, periods)
    days = (None, ON - timedelta(days=400), ON - timedelta(days=1), ON, ON + timedelta(days=1))
    organisations = ("云岭镇人民政府", " 云岭镇", "东坑村委会", "县委组织部", "西岭镇", "")
    for name in ("林晓梅", "周建国 ", "张三"):
        for organization in organisations:
            for until in days:
                for trained in days:
                    for active in (True, False):
                        person = recusal.ReviewerFacts("C1", name, organization, until, trained, active)
                        expected = recusal.reasons(person, case, ON, periods) == ()
                        assert passes(name, organization, until, trained, active) == expected, person
