"""`handover draw ...` as a user types it: draw, second draw, show, list, verify, replace, tampering, refusals."""

from __future__ import annotations

import json
import sqlite3

import pytest

from tests.conftest import case_with_a_fitting_pool, dump, prepare_and_draw


def recorded_attempt(db_path, before: str) -> str:  # type: ignore[no-untyped-def]
    """After a refused draw: nothing changed but one audit entry, the refused attempt; returns the refusal recorded."""
    now = dump(db_path).splitlines()
    added = [line for line in now if line not in before.splitlines()]
    assert len(added) == 1 and added[0].startswith('INSERT INTO "audit_log"') and "'draw.attempt'" in added[0], added
    assert len(now) == len(before.splitlines()) + 1
    return added[0]


def _drawn(run, case: str, *args: str) -> dict:  # type: ignore[no-untyped-def]
    """Prepared and drawn, as the committed draw needs (tests.conftest.prepare_and_draw)."""
    return prepare_and_draw(run, case, *args)  # type: ignore[no-any-return]


def _prepared(run, case: str, *args: str) -> dict:  # type: ignore[no-untyped-def]
    result = run("draw", "prepare", case, *args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def _view(run, case: str, attempt: int = 1) -> dict:  # type: ignore[no-untyped-def]
    """A drawn panel by name, as `handover draw list --json` shows it (`draw show --json` is the record to verify)."""
    return next(d for d in json.loads(run("draw", "list", case, "--json").out) if d["attempt"] == attempt)  # type: ignore[no-any-return]


def _sql(path, statement: str, *params: object) -> None:  # type: ignore[no-untyped-def]
    """Change the file behind the application's back, as someone with the file and a SQLite tool could."""
    conn = sqlite3.connect(path)
    try:
        for trigger in ("draw_record_no_update", "draw_record_no_delete", "draw_replacement_no_update"):
            conn.execute(f"DROP TRIGGER IF EXISTS {trigger}")
        conn.execute(statement, params)
        conn.commit()
    finally:
        conn.close()


def test_demo_has_a_reviewer_pool_and_a_verified_panel(run, demo) -> None:  # type: ignore[no-untyped-def]
    pool = json.loads(run("reviewer", "list", "--json").out)
    assert 25 <= len(pool) <= 40
    assert {"name", "organization", "gender", "org_dept", "certificate_no", "certified_until", "trained_on",
            "active", "conflicts"} <= set(pool[0])  # fmt: skip
    assert any(not r["certificate_valid"] for r in pool) and any(not r["trained"] for r in pool)
    assert any(r["conflicts"] for r in pool) and any(not r["active"] for r in pool)
    assert "已抽签" in demo.out
    draws = json.loads(run("draw", "list", "1", "--json").out)
    assert len(draws) == 1 and len(draws[0]["members"]) == 3 and len(draws[0]["alternates"]) == 2
    assert draws[0]["excluded"] and draws[0]["witness"]
    assert run("draw", "verify", str(draws[0]["draw_id"])).code == 0


def test_draw_json_is_the_documented_shape_and_is_stored_before_shown(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    data = _drawn(run, "2", "--witness", "纪委 王振宇", "--size", "3", "--alternates", "2")
    assert {"draw_id", "seed", "pool_hash", "algorithm", "members", "alternates", "excluded"} <= set(data)
    assert data["algorithm"] == "hmac-sha256-ctr-v2"  # issue 10: committed draws are a new algorithm version
    assert [m["role"] for m in data["members"]] == ["leader", "member", "member"]
    assert all(set(m) == {"name", "role"} for m in data["members"])
    assert len(data["alternates"]) == 2 and all(isinstance(a, str) for a in data["alternates"])
    assert all(set(e) == {"name", "reason"} and e["reason"] for e in data["excluded"])
    assert len(data["seed"]) == 64 and len(data["pool_hash"]) == 64
    conn = sqlite3.connect(db_path)
    row = conn.execute("SELECT seed, pool_hash, operator, witness FROM draw_record WHERE id = ?", (data["draw_id"],)).fetchone()
    conn.close()
    assert row == (data["seed"], data["pool_hash"], "测试员", "纪委 王振宇")


def test_second_draw_needs_a_reason_and_keeps_the_first(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    notice = _prepared(run, "1")
    before = dump(db_path)
    refused = run("draw", "1", "--pool-hash", notice["pool_hash"], "--commitment", notice["commitment"], "--witness", "见证")
    assert refused.code == 2 and "--reason" in refused.err and "原记录保留" in refused.err
    assert "须用 --reason 说明理由" in recorded_attempt(db_path, before)
    again = _drawn(run, "1", "--reason", "原组长因公出国，经部务会同意重新抽签", "--reason-kind", "unavailable")
    listed = json.loads(run("draw", "list", "1", "--json").out)
    assert [d["attempt"] for d in listed] == [1, 2]
    assert [d["superseded"] for d in listed] == [True, False]
    assert listed[1]["draw_id"] == again["draw_id"] and listed[1]["reason"].startswith("原组长")
    assert listed[1]["previous_hash"] == listed[0]["record_hash"]
    for d in listed:
        assert run("draw", "verify", str(d["draw_id"])).code == 0
    text = run("draw", "list", "1").out
    assert "第1次" in text and "已取代" in text and "第2次" in text


def test_show_prints_the_whole_record(run, demo) -> None:  # type: ignore[no-untyped-def]
    shown = json.loads(run("draw", "show", "1", "--json").out)
    # issue 10: `draw show --json` is the complete record a verifier needs (the panel by name is `draw list --json`)
    assert {"created_at", "operator", "pool_hash", "seed", "witness", "algorithm", "snapshot", "result", "commitment",
            "os_entropy", "public_source", "public_value", "replacements", "refused_replacements",
            "record_hash"} <= set(shown)  # fmt: skip
    text = run("draw", "show", "1").out
    assert shown["pool_hash"] in text and shown["seed"] in text and "组长" in text and "候补" in text
    assert all(e["name"] in text for e in json.loads(shown["snapshot"])["excluded"])


@pytest.mark.parametrize(
    ("column", "change", "failing"),
    [
        ("snapshot", "member", "快照哈希"),
        ("snapshot", "exclusion", "快照哈希"),
        ("seed", "seed", "种子"),
        ("result", "result", "抽签结果"),
        ("witness", "witness", "种子"),
        ("operator", "operator", "记录完整性"),
    ],
)
def test_tampering_makes_verify_fail(run, demo, db_path, column: str, change: str, failing: str) -> None:  # type: ignore[no-untyped-def]
    shown = json.loads(run("draw", "show", "1", "--json").out)
    conn = sqlite3.connect(db_path)
    snapshot, result = conn.execute("SELECT snapshot, result FROM draw_record WHERE id = 1").fetchone()
    conn.close()
    if change == "member":
        someone = json.loads(snapshot)["pool"][-1]["name"]
        new: str = snapshot.replace(f'"name":"{someone}"', f'"name":"{someone}X"')
    elif change == "exclusion":
        new = snapshot.replace("规则4 证书已过期", "规则7 已停用", 1)
    elif change == "seed":
        new = ("0" if shown["seed"][0] != "0" else "1") + shown["seed"][1:]
    elif change == "result":
        data = json.loads(result)
        data["members"][1], data["alternates"][0] = data["alternates"][0] | {"role": "member"}, data["members"][1] | {
            "role": "alternate"}  # fmt: skip
        new = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    elif change == "witness":
        new = shown["witness"] + "。"
    else:
        new = "别人"
    assert new != {"snapshot": snapshot, "result": result}.get(column, shown.get(column))
    _sql(db_path, f"UPDATE draw_record SET {column} = ? WHERE id = 1", new)
    verdict = run("draw", "verify", "1")
    assert verdict.code == 3
    assert "核验不通过" in verdict.err and failing in verdict.err
    assert f"✗ {failing}" in verdict.out


def test_a_garbled_record_is_refused_for_display_and_fails_verification(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    _sql(db_path, "UPDATE draw_record SET snapshot = substr(snapshot, 1, 100) WHERE id = 1")
    shown = run("draw", "show", "1")
    assert shown.code == 2 and "已损坏" in shown.err
    verdict = run("draw", "verify", "1")
    assert verdict.code == 3 and "记录无法解析" in verdict.out


def test_a_deleted_earlier_attempt_is_noticed(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    _drawn(run, "1", "--reason", "测试", "--reason-kind", "procedure")
    _sql(db_path, "DELETE FROM draw_record WHERE attempt = 1 AND case_id = 1")
    verdict = run("draw", "verify", "2")
    assert verdict.code == 3 and "第1次抽签记录不见了" in verdict.out


def test_the_database_refuses_to_change_draw_records(demo, db_path) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db_path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("UPDATE draw_record SET seed = 'x'")
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute("DELETE FROM draw_record")
    finally:
        conn.close()


def test_replace_takes_the_next_fitting_alternate_with_a_reason(run, db_path) -> None:  # type: ignore[no-untyped-def]
    shown = _drawn(run, case_with_a_fitting_pool(run))
    member = next(m["name"] for m in shown["members"] if m["role"] == "member")
    before = dump(db_path)
    assert run("draw", "replace", "1", member).code == 2  # no reason
    assert run("draw", "replace", "1", "不存在的人", "--reason", "x").code == 2
    assert dump(db_path) == before
    replaced = run("draw", "replace", "1", member, "--reason", "因病住院", "--json")
    assert replaced.code == 0, replaced.err
    data = json.loads(replaced.out)
    (replacement,) = data["replacements"]
    assert replacement["replaced"] == member and replacement["reason"] == "因病住院"
    assert replacement["replacement"] in shown["alternates"]
    assert member not in [m["name"] for m in data["panel"]]
    assert replacement["replacement"] in [m["name"] for m in data["panel"]]
    assert [m["name"] for m in data["members"]] == [m["name"] for m in shown["members"]]  # the draw itself is unchanged
    assert run("draw", "verify", "1").code == 0
    assert "因病住院" in run("draw", "show", "1").out
    _sql(db_path, "UPDATE draw_replacement SET reason = '另有他事' WHERE draw_id = 1")
    assert run("draw", "verify", "1").code == 3


def test_only_the_latest_draw_can_be_changed(run, demo) -> None:  # type: ignore[no-untyped-def]
    first = _view(run, "1")
    _drawn(run, "1", "--reason", "重新抽签", "--reason-kind", "other")
    refused = run("draw", "replace", "1", first["members"][1]["name"], "--reason", "因病")
    assert refused.code == 2 and "取代" in refused.err


def test_no_valid_panel_is_refused_with_the_rule_and_counts(run, db_path) -> None:  # type: ignore[no-untyped-def]
    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0
    assert run("case", "new", "--unit", "白鹤镇", "--outgoing", "王一", "--incoming", "李二",
               "--term-start", "2021-01-05", "--term-end", "2026-01-04").code == 0  # fmt: skip
    for i, unit in enumerate(["县财政局", "县审计局", "县民政局", "县教育局"]):
        added = run("reviewer", "add", f"人{i}", "--organization", unit, "--certificate-no", f"C{i}",
                    "--certified-until", "2099-12-31", "--trained-on", "2026-01-01")  # fmt: skip
        assert added.code == 0, added.err
    before = dump(db_path)
    refused = run("draw", "prepare", "1")  # issue 10: the pool is frozen, and judged, when the draw is prepared
    assert refused.code == 2
    assert "符合条件的 4 人中组织部人员为 0 人" in refused.err
    assert "组织部人员为 0 人" in recorded_attempt(db_path, before)
    preview = run("draw", "preview", "1")
    assert preview.code == 2 and "组织部人员为 0 人" in preview.out


def test_pool_hash_from_the_preview_guards_against_a_changed_pool(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    shown = json.loads(run("draw", "preview", "2", "--json").out)
    assert shown["eligible"] and shown["excluded"] and len(shown["pool_hash"]) == 64
    notice = _prepared(run, "2")
    assert notice["pool_hash"] == shown["pool_hash"]
    assert run("reviewer", "edit", "QX-PS-001", "--inactive").code == 0
    before = dump(db_path)
    refused = run("draw", "2", "--pool-hash", shown["pool_hash"], "--commitment", notice["commitment"], "--witness", "见证")
    assert refused.code == 2 and "发生了变化" in refused.err
    assert "发生了变化" in recorded_attempt(db_path, before)
    fresh = json.loads(run("draw", "preview", "2", "--json").out)["pool_hash"]
    assert _drawn(run, "2")["pool_hash"] == fresh


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("draw", "abc"), "既不是案件编号"),
        (("draw", "show", "1", "--size", "3"), "--size 不能用于"),
        (("draw", "show"), "用法"),
        (("draw", "99"), "没有编号为 99 的案件"),
        (("draw", "show", "99"), "没有编号为 99 的抽签记录"),
        (("draw", "verify", "x"), "应为数字编号"),
        (("draw", "prepare", "1", "--size", "0"), "至少为1人"),  # issue 10: the panel's size is fixed when prepared
        (("draw", "1", "--size", "3"), "--size 不能用于"),
    ],
)
def test_draw_command_refuses_bad_input(run, demo, db_path, args: tuple[str, ...], message: str) -> None:  # type: ignore[no-untyped-def]
    before = dump(db_path)
    result = run(*args)
    assert result.code == 2 and message in result.err
    assert dump(db_path) == before


def test_preview_with_an_empty_pool_says_where_to_start(run, db_path) -> None:  # type: ignore[no-untyped-def]
    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0
    assert run("case", "new", "--unit", "白鹤镇", "--outgoing", "王一", "--incoming", "李二",
               "--term-start", "2021-01-05", "--term-end", "2026-01-04").code == 0  # fmt: skip
    before = dump(db_path)
    result = run("draw", "preview", "1")
    assert result.code == 2
    assert "评审人员库是空的" in result.out and "handover reviewer import" in result.out
    assert "符合条件 0 人" in result.out and "\n  \n" not in result.out
    assert dump(db_path) == before
