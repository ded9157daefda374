"""The audit log: every change is recorded with who, when, old and new value, in a hash chain; `audit verify` names the
first entry altered, removed or reordered, even by someone who edits the database file directly."""

from __future__ import annotations

import json
import sqlite3

import pytest

from handover import audit
from tests.conftest import case_with_a_fitting_pool, prepare_and_draw


def log(run, *args: str) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    result = run("audit", "log", "--limit", "100000", "--json", *args)
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def tamper(db_path, *statements: str) -> None:  # type: ignore[no-untyped-def]
    """What an attacker with the database file can do: drop the append-only triggers, then edit."""
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER lock_audit_update")
    conn.execute("DROP TRIGGER lock_audit_delete")
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def test_demo_history_is_recorded_and_verifies(run, demo) -> None:  # type: ignore[no-untyped-def]
    entries = log(run)
    actions = {e["action"] for e in entries}
    assert {"case.create", "value.edit", "case.evaluate"} <= actions
    assert [e["seq"] for e in entries] == list(range(1, len(entries) + 1))
    assert {e["actor"] for e in entries} == {"测试员"}
    result = run("audit", "verify")
    assert result.code == 0, result.out
    assert f"共 {len(entries)} 条记录" in result.out


def test_a_value_edit_records_old_and_new_values_and_who(run, demo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    cases = json.loads(run("case", "list", "--json").out)
    case_id = str(next(c["id"] for c in cases if c["progress"]["done"] < 40))
    before = json.loads(run("case", "show", case_id, "--json").out)
    old = next(v for v in before["values"] if v["code"] == "MEM01")
    monkeypatch.setenv("HANDOVER_USER", "张评审")
    assert run("value", "set", case_id, "MEM01", "--start", "1234", "--note", "据党员信息系统").code == 0
    last = log(run, "--case", case_id)[-1]
    assert last["action"] == "value.edit" and last["actor"] == "张评审"
    assert last["details"]["code"] == "MEM01"
    assert last["details"]["new"] == {"start": "1234", "note": "据党员信息系统"}
    assert last["details"]["old"] == {"start": old["start"], "note": old["note"]}
    # a refused edit leaves no entry; an edit that changes nothing adds none
    count = len(log(run))
    assert run("value", "set", case_id, "MEM01", "--start", "-5").code == 2
    assert run("value", "set", case_id, "MEM01", "--start", "1234").code == 0
    assert len(log(run)) == count


def test_status_changes_signatures_and_attachments_are_recorded(run, demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    cases = json.loads(run("case", "list", "--json").out)
    case_id = str(next(c["id"] for c in cases if c["progress"]["done"] == 40))
    detail = json.loads(run("case", "show", case_id, "--json").out)
    assert run("case", "submit", case_id).code == 0
    assert run("sign", case_id, "--role", "outgoing", "--name", detail["outgoing"]).code == 0
    photo = tmp_path / "visit.jpg"
    photo.write_bytes(b"\xff\xd8\xff visit")
    assert run("attach", case_id, str(photo), "--kind", "evidence").code == 0
    entries = log(run, "--case", case_id)
    tail = [(e["action"], e["details"]) for e in entries[-3:]]
    assert tail[0] == ("case.status", {"old": "draft", "new": "review"})
    assert tail[1][0] == "signature.add" and tail[1][1]["role"] == "outgoing" and len(tail[1][1]["fingerprint"]) == 64
    assert tail[2][0] == "attachment.add" and tail[2][1]["filename"] == "visit.jpg"


def test_the_database_refuses_to_update_or_delete_audit_entries(db_path, demo) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db_path)
    for statement in ("UPDATE audit_log SET actor = 'x' WHERE seq = 1", "DELETE FROM audit_log WHERE seq = 1"):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            conn.execute(statement)
    conn.close()


def verify_fails(run, *args: str) -> str:  # type: ignore[no-untyped-def]
    result = run("audit", "verify", *args)
    assert result.code == 3, result.out
    assert "篡改" in result.out
    return result.out


def test_an_altered_entry_is_named(run, db_path, demo) -> None:  # type: ignore[no-untyped-def]
    entry = [e for e in log(run) if e["action"] == "value.edit"][3]
    seq = entry["seq"]
    new_value = json.dumps(entry["details"]["new"], ensure_ascii=False, separators=(",", ":"))
    forged = new_value.replace('"', '"9', 1)
    tamper(db_path, f"UPDATE audit_log SET details = replace(details, '{new_value}', '{forged}') WHERE seq = {seq}")
    out = verify_fails(run)
    assert f"第 {seq} 条记录" in out and "内容被改动" in out


def test_an_altered_and_rehashed_entry_is_named_by_the_next_one(run, db_path, demo) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db_path)
    row = conn.execute("SELECT seq, at, actor, action, case_id, details, prev_hash FROM audit_log WHERE seq = 5").fetchone()
    conn.close()
    details = row[5].replace("测试员", "他人") if "测试员" in row[5] else row[5] + " "
    forged = audit.entry_hash(row[0], row[1], "他人", row[3], row[4], details, row[6])
    tamper(db_path, f"UPDATE audit_log SET actor = '他人', details = '{details}', hash = '{forged}' WHERE seq = 5")
    out = verify_fails(run)
    assert "第 5 条记录被改动" in out


def test_a_removed_entry_is_named(run, db_path, demo) -> None:  # type: ignore[no-untyped-def]
    tamper(db_path, "DELETE FROM audit_log WHERE seq = 12")
    assert "第 12 条记录被删除" in verify_fails(run)


def test_reordered_entries_are_named(run, db_path, demo) -> None:  # type: ignore[no-untyped-def]
    tamper(
        db_path,
        "UPDATE audit_log SET seq = -1 WHERE seq = 9",
        "UPDATE audit_log SET seq = 9 WHERE seq = 10",
        "UPDATE audit_log SET seq = 10 WHERE seq = -1",
    )
    out = verify_fails(run)
    assert "第 9 条记录原本是第 10 条" in out and "顺序被调换" in out


def test_a_whole_rewritten_chain_is_caught_against_the_head_printed_on_paper(run, db_path, demo) -> None:  # type: ignore[no-untyped-def]
    # the newest entry is not the demo's draw: an entry of a draw row removed is caught without the paper (issue 10)
    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0
    head = log(run)[-1]["hash"]
    assert run("audit", "verify", "--head", head).code == 0
    # the attacker deletes the newest entry: the rest is a consistent chain, but the paper's head is gone
    tamper(db_path, "DELETE FROM audit_log WHERE seq = (SELECT max(seq) FROM audit_log)")
    assert run("audit", "verify").code == 0
    assert "不在日志中" in verify_fails(run, "--head", head)


def test_check_chain_pins_the_canonical_form() -> None:
    """Golden vector: a third party reimplementing the documented canonical form gets this hash."""
    details = audit.canonical_details({"code": "ORG01", "new": {"end": "3"}, "old": {"end": "2"}})
    assert details == '{"code":"ORG01","new":{"end":"3"},"old":{"end":"2"}}'
    digest = audit.entry_hash(1, "2026-11-21T07:00:00.000000+00:00", "张三", "value.edit", 1, details, audit.GENESIS)
    import hashlib

    text = (
        '[1,"2026-11-21T07:00:00.000000+00:00","张三","value.edit",1,'
        '"{\\"code\\":\\"ORG01\\",\\"new\\":{\\"end\\":\\"3\\"},\\"old\\":{\\"end\\":\\"2\\"}}",'
        f'"{audit.GENESIS}"]'
    )
    assert digest == hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_draws_and_replacements_are_recorded(run) -> None:  # type: ignore[no-untyped-def]
    case_id = case_with_a_fitting_pool(run)
    drawn = prepare_and_draw(run, case_id)
    draw_id = str(drawn["draw_id"])
    entry = [e for e in log(run) if e["action"] == "draw"][-1]
    shown = json.loads(run("draw", "show", draw_id, "--json").out)
    assert entry["details"]["draw_id"] == int(draw_id) and entry["case"] == int(case_id)
    assert entry["details"]["seed"] == shown["seed"] and entry["details"]["pool_hash"] == shown["pool_hash"]
    prepared = [e for e in log(run) if e["action"] == "draw.prepare"][-1]
    assert prepared["details"]["commitment"] == shown["commitment"] and prepared["case"] == int(case_id)
    member = next(m["name"] for m in drawn["members"] if m["role"] == "member")
    result = run("draw", "replace", draw_id, member, "--reason", "因病无法参加")
    assert result.code == 0, result.err
    last = log(run)[-1]
    assert last["action"] == "draw.replace" and last["details"]["reason"] == "因病无法参加"
    assert run("audit", "verify").code == 0


def test_refused_draws_are_recorded_as_attempts(run, db_path, demo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A refused draw stores no draw, but the attempt is history: who tried, when, with what, and why it was refused."""
    from tests.conftest import dump

    def without_audit(text: str) -> list[str]:
        return [line for line in text.splitlines() if "audit_log" not in line]

    monkeypatch.setenv("HANDOVER_USER", "李操作")
    # issue 10: a draw names the two hashes of a prepared attempt's notice
    shown = json.loads(run("draw", "prepare", "2", "--json").out)
    again_notice = json.loads(run("draw", "prepare", "1", "--json").out)
    assert run("reviewer", "edit", "QX-PS-001", "--inactive").code == 0
    before = dump(db_path)
    count = len(log(run))
    refused = run("draw", "2", "--pool-hash", shown["pool_hash"], "--commitment", shown["commitment"],
                  "--witness", "纪委 王振宇")  # fmt: skip
    assert refused.code == 2 and "发生了变化" in refused.err
    no_reason = run("draw", "1", "--pool-hash", again_notice["pool_hash"], "--commitment", again_notice["commitment"],
                    "--witness", "纪委 王振宇")  # fmt: skip
    assert no_reason.code == 2 and "--reason" in no_reason.err
    assert without_audit(dump(db_path)) == without_audit(before), "a refused draw stores nothing but its audit entry"
    entries = log(run)
    assert len(entries) == count + 2
    changed, again = entries[-2:]
    assert (changed["action"], changed["case"], changed["actor"]) == ("draw.attempt", 2, "李操作")
    assert "发生了变化" in changed["details"]["refused"]
    assert changed["details"]["expected_pool_hash"] == shown["pool_hash"]
    assert changed["details"]["pool_hash"] != shown["pool_hash"] and len(changed["details"]["pool_hash"]) == 64
    assert changed["details"]["witness"] == "纪委 王振宇"
    assert (again["action"], again["case"]) == ("draw.attempt", 1) and "--reason" in again["details"]["refused"]
    assert "抽签尝试" in run("audit", "log", "--case", "2").out
    assert run("audit", "verify").code == 0
    # a case that does not exist is a typing mistake, not an attempt
    assert run("draw", "99").code == 2
    assert len(log(run)) == count + 2
