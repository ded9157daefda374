"""docs/verify_draw.py, the verifier that needs nothing of this program, against records the program made (issue 10).

It runs as its own process under `python3 -I -S` (no site-packages: standard library only) on `handover draw show ID
--json` exports, and must fail, naming a step, on an export with any single field changed.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest

from handover import audit
from handover.draw import algorithm
from handover.draw import record as records
from handover.draw.reading import case_and_unit
from handover.draw.snapshot import freeze_pool
from handover.models import DrawRecord
from tests.conftest import case_with_a_fitting_pool

VERIFIER = Path(__file__).resolve().parent.parent / "docs" / "verify_draw.py"


def verify(tmp_path: Path, record: dict[str, Any], earlier: dict[str, Any] | None = None) -> subprocess.CompletedProcess[str]:
    files = []
    for i, data in enumerate([record] + ([earlier] if earlier else [])):
        path = tmp_path / f"record-{i}.json"
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        files.append(str(path))
    return subprocess.run([sys.executable, "-I", "-S", str(VERIFIER), *files], capture_output=True, text=True,
                          encoding="utf-8")  # fmt: skip


def exported(run, draw_id: int) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    shown = run("draw", "show", str(draw_id), "--json")
    assert shown.code == 0, shown.err
    return json.loads(shown.out)  # type: ignore[no-any-return]


@pytest.fixture
def full_record(run) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A committed draw with a public value, one replacement and one refused replacement, as exported."""
    case = case_with_a_fitting_pool(run)
    # with the demo's reviewers in the pool too, the one alternate may not fit: then the panel is drawn again (with a
    # reason, as an office would) until a member can be replaced, so the record always has one of each
    for attempt in range(20):
        notice = json.loads(run("draw", "prepare", case, "--alternates", "1", "--public-source", "某期开奖号码", "--json").out)
        again = ("--reason", "候补不符合组成规则，重新抽签", "--reason-kind", "other") if attempt else ()
        drawn = run("draw", case, "--pool-hash", notice["pool_hash"], "--commitment", notice["commitment"], "--witness",
                    "见证人 “张三” \\ 引号", "--public-value", "01 02 03", "--json", *again)  # fmt: skip
        assert drawn.code == 0, drawn.err
        data = json.loads(drawn.out)
        member = next(m["name"] for m in data["members"] if m["role"] == "member")
        leader = next(m["name"] for m in data["members"] if m["role"] == "leader")
        if run("draw", "replace", str(data["draw_id"]), member, "--reason", "因病").code == 0:
            break
    else:
        pytest.fail("no draw in 20 left an alternate who could replace a member")
    assert run("draw", "replace", str(data["draw_id"]), leader, "--reason", "出差").code == 2
    record = exported(run, data["draw_id"])
    assert len(record["replacements"]) == 1 and len(record["refused_replacements"]) == 1
    return record


def test_program_made_records_verify_without_the_program(run, demo, tmp_path, full_record) -> None:  # type: ignore[no-untyped-def]
    first = verify(tmp_path, exported(run, 1))  # the demo's draw
    assert first.returncode == 0, first.stdout + first.stderr
    assert "核验通过" in first.stdout and "第9步（被拒绝的递补）" in first.stdout
    full = verify(tmp_path, full_record)
    assert full.returncode == 0, full.stdout + full.stderr
    assert "1 次递补" in full.stdout and "1 次被拒绝的递补" in full.stdout


def test_a_second_attempt_verifies_against_the_first(run, demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    notice = json.loads(run("draw", "prepare", "1", "--json").out)
    second = json.loads(run("draw", "1", "--pool-hash", notice["pool_hash"], "--commitment", notice["commitment"],
                            "--witness", "见证", "--reason", "组长须回避", "--reason-kind", "recusal", "--json").out)  # fmt: skip
    later, earlier = exported(run, second["draw_id"]), exported(run, 1)
    assert verify(tmp_path, later, earlier).returncode == 0
    forged = copy.deepcopy(earlier)
    forged["record_hash"] = "0" * 64
    result = verify(tmp_path, later, forged)
    assert result.returncode == 3 and "第7步（记录哈希）" in result.stderr


def _leaves(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    if isinstance(data, dict):
        return [leaf for key, value in data.items() for leaf in _leaves(value, (*path, key))]
    if isinstance(data, list):
        return [leaf for i, value in enumerate(data) for leaf in _leaves(value, (*path, i))]
    return [path]


def _changed(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return "x" if value is None else not value
    if isinstance(value, int):
        return value + 1
    if len(value) == 64 and all(c in "0123456789abcdef" for c in value):
        return ("1" if value[0] == "0" else "0") + value[1:]  # a hash or the random bytes, one hex digit off
    if value.startswith("{"):
        return value.replace('"', '"x', 1)  # the snapshot or the result: one character more
    return value + "x"


def test_any_single_changed_field_fails_naming_the_step(tmp_path, full_record) -> None:  # type: ignore[no-untyped-def]
    leaves = _leaves(full_record)
    assert len(leaves) == 22 + 8 + 9  # the record, its replacement, its refused replacement
    for path in leaves:
        record = copy.deepcopy(full_record)
        target = record
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = _changed(target[path[-1]])
        result = verify(tmp_path, record)
        assert result.returncode == 3, f"changing {path} went unnoticed: {result.stdout}"
        assert "核验不通过：第" in result.stderr and "步（" in result.stderr, path


def test_an_unreadable_file_is_not_a_verdict(tmp_path) -> None:  # type: ignore[no-untyped-def]
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = subprocess.run([sys.executable, "-I", "-S", str(VERIFIER), str(broken)], capture_output=True, text=True)
    assert result.returncode == 2 and "无法读取" in result.stderr


def _v1_record(db, case_id: int) -> int:  # type: ignore[no-untyped-def]
    """A draw as the first version made it (no prepared attempt, no commitment), stored with its audit entry."""
    with db.session() as session:
        case, unit = case_and_unit(session, case_id)
        snapshot = replace(freeze_pool(session, case, unit, None, None, date(2026, 8, 1)), algorithm=algorithm.ALGORITHM)
        entropy = bytes(range(32))
        seed = algorithm.derive_seed(entropy, "见证人 王五")
        record = DrawRecord(
            case_id=case_id, attempt=1, created_at=datetime(2026, 8, 1, 9, 0, tzinfo=UTC), operator="老版本",
            reason=None, draw_date=date(2026, 8, 1), algorithm=algorithm.ALGORITHM,
            snapshot=snapshot.canonical().decode(), pool_hash=snapshot.sha256(), os_entropy=entropy.hex(),
            witness="见证人 王五", seed=seed.hex(),
            result=algorithm.canonical_json(algorithm.select(snapshot, seed).to_dict()).decode(), previous_hash=None,
            record_hash="",
        )  # fmt: skip
        record.record_hash = records.record_hash(record)
        session.add(record)
        session.flush()
        assert record.id is not None
        audit.record(session, "draw", case_id, {"draw_id": record.id, "record_hash": record.record_hash})
        return record.id


def test_records_of_the_first_version_still_verify(run, demo, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    draw_id = _v1_record(db, 2)
    assert run("draw", "verify", str(draw_id)).code == 0
    assert run("audit", "verify").code == 0
    record = exported(run, draw_id)
    assert record["algorithm"] == "hmac-sha256-ctr-v1" and record["commitment"] is None
    assert verify(tmp_path, record).returncode == 0
    record["commitment"] = "0" * 64  # a v1 record cannot claim a commitment it never had
    assert verify(tmp_path, record).returncode == 3
