"""`audit verify` checks the tables against the log, and the organisation's checkpoints: what someone with the database
file can do by plain SQL (forged signatures, a changed value, a forged entry with a correct hash, a cover-up, a rewritten
history) is caught and named, on a copy of the demo county made by the program."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

import pytest

from handover import audit
from handover.db import open_database
from handover.signing import pki
from handover.signoff import fingerprint as content
from tests.test_pades import PASSWORD, make_org
from tests.test_signoff import panel_leader

EXIT_NOT_VERIFIED = 3


@pytest.fixture(scope="module")
def org(tmp_path_factory) -> dict[str, Path]:  # type: ignore[no-untyped-def]
    return make_org(tmp_path_factory)


def complete_case(run) -> tuple[str, dict]:  # type: ignore[no-untyped-def, type-arg]
    listed = json.loads(run("case", "list", "--json").out)
    case_id = str(next(c["id"] for c in listed if c["progress"]["done"] == 40))
    return case_id, json.loads(run("case", "show", case_id, "--json").out)


def sign_off(run, case_id: str, detail: dict, *key: str) -> None:  # type: ignore[no-untyped-def, type-arg]
    assert run("case", "submit", case_id).code == 0
    for role, name in (("outgoing", detail["outgoing"]), ("incoming", detail["incoming"]), ("supervisor", "周监交")):
        result = run("sign", case_id, "--role", role, "--name", name, *key)
        assert result.code == 0, result.err


def sql(db_path: Path, *statements: str, drop_triggers: bool = False) -> None:
    """What someone with the database file does: plain SQL, with the triggers dropped first if asked."""
    conn = sqlite3.connect(db_path)
    if drop_triggers:
        for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
            conn.execute(f'DROP TRIGGER "{name}"')
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def append_forged(db_path: Path, action: str, case_id: int | None, details: dict) -> None:  # type: ignore[type-arg]
    """An entry appended by hand with a correct hash: the chain alone cannot tell it from a real one."""
    conn = sqlite3.connect(db_path)
    seq, prev = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    at, actor, text = "2026-11-30T08:00:00.000000+00:00", "测试员", audit.canonical_details(details)
    digest = audit.entry_hash(seq + 1, at, actor, action, case_id, text, prev)
    conn.execute(
        "INSERT INTO audit_log (seq, at, actor, action, case_id, details, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (seq + 1, at, actor, action, case_id, text, prev, digest),
    )
    conn.commit()
    conn.close()


def verify(run, *args: str):  # type: ignore[no-untyped-def]
    return run("audit", "verify", *args)


def test_a_signed_revised_case_with_attachments_verifies(run, demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    case_id, detail = complete_case(run)
    sign_off(run, case_id, detail)
    assert run("sign", case_id, "--role", "leader", "--name", panel_leader(run, case_id)).code == 0
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4 scan")
    assert run("attach", case_id, str(scan), "--kind", "scan").code == 0
    revised = json.loads(run("case", "revise", case_id, "--reason", "更正党员人数", "--json").out)["id"]
    assert run("value", "set", str(revised), "MEM01", "--start", "1234").code == 0
    result = verify(run)
    assert result.code == 0, result.out
    assert "操作日志与数据表一致" in result.out


def test_signatures_forged_by_insert_and_a_status_update_are_caught(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    case_id, detail = complete_case(run)
    assert run("case", "submit", case_id).code == 0
    fp = json.loads(run("case", "signatures", case_id, "--json").out)["fingerprint"]
    rows = ", ".join(
        f"({case_id}, '{role}', '{name}', '2026-11-30 08:00:00', '{fp}', 'x')"
        for role, name in (("outgoing", detail["outgoing"]), ("incoming", detail["incoming"]), ("supervisor", "周监交"))
    )
    # no trigger is in the way: the case is still under review
    sql(db_path, f"INSERT INTO signature (case_id, role, name, signed_at, fingerprint, recorded_by) VALUES {rows}",
        f"UPDATE handover_case SET status = 'signed' WHERE id = {case_id}")  # fmt: skip
    shown = json.loads(run("case", "signatures", case_id, "--json").out)
    assert shown["locked"] is True  # the forgery shows as signed and locked ...
    result = verify(run)
    assert result.code == EXIT_NOT_VERIFIED, result.out  # ... and audit verify now says so
    assert f"表 handover_case 第 {case_id} 行" in result.out and "“已签署”" in result.out and "“评审中”" in result.out
    # the signatures alone, without the status change, are named too
    sql(db_path, f"UPDATE handover_case SET status = 'review' WHERE id = {case_id}", drop_triggers=True)
    result = verify(run)
    assert result.code == EXIT_NOT_VERIFIED
    assert "表 signature 第 1 行" in result.out and "没有记录" in result.out


def test_a_value_changed_by_update_is_named_with_both_values(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    case_id, detail = complete_case(run)
    old = next(v for v in detail["values"] if v["code"] == "MEM01")["end"]
    sql(db_path, f"UPDATE indicator_value SET end_value = '57' WHERE case_id = {case_id} AND code = 'MEM01'")
    result = verify(run)
    assert result.code == EXIT_NOT_VERIFIED
    assert f"案件 {case_id} 指标 MEM01 的届末值在数据表中是 “57”，按操作日志应是 “{old}”" in result.out


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("UPDATE handover_case SET evaluation_comment = '改过的评语，十个字以上的评语' WHERE id = {case}",
         "总体评价评语在数据表中是 “改过的评语"),
        ("UPDATE village SET name = name || '村' WHERE id IN (SELECT village_id FROM named_village "
         "JOIN indicator_value ON indicator_value.id = named_village.value_id WHERE case_id = {case})",
         "所列村（社区）在数据表中是"),
    ],
)  # fmt: skip
def test_a_signed_case_changed_with_the_triggers_dropped_is_caught(run, demo, db_path, statement, named) -> None:  # type: ignore[no-untyped-def]
    case_id, detail = complete_case(run)
    sign_off(run, case_id, detail)
    sql(db_path, statement.format(case=case_id), drop_triggers=True)
    result = verify(run)
    assert result.code == EXIT_NOT_VERIFIED
    assert named in result.out


def test_forged_entries_with_a_correct_hash_are_caught(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    case_id, detail = complete_case(run)
    old = next(v for v in detail["values"] if v["code"] == "MEM01")["end"]
    # an edit the log claims but the tables never saw
    append_forged(db_path, "value.edit", int(case_id), {"code": "MEM01", "old": {"end": old}, "new": {"end": "57"}})
    result = verify(run)
    assert result.code == EXIT_NOT_VERIFIED
    assert f"指标 MEM01 的届末值在数据表中是 “{old}”，按操作日志应是 “57”" in result.out


def test_a_forged_lock_entry_without_the_signatures_is_caught(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    case_id, _detail = complete_case(run)
    assert run("case", "submit", case_id).code == 0
    fp = json.loads(run("case", "signatures", case_id, "--json").out)["fingerprint"]
    # the entry and the table agree, but no signature in the log explains the lock
    append_forged(db_path, "case.status", int(case_id), {"old": "review", "new": "signed", "fingerprint": fp})
    sql(db_path, f"UPDATE handover_case SET status = 'signed' WHERE id = {case_id}", drop_triggers=True)
    result = verify(run)
    assert result.code == EXIT_NOT_VERIFIED
    assert "此前日志中没有离任领导干部、接任领导干部、监交人在这一指纹上的签字" in result.out


def cover_up(db_path: Path, case_id: str) -> str:
    """Change a signed value, then re-point every signature (and nothing in the log) at the new content."""
    sql(db_path, f"UPDATE indicator_value SET end_value = '57' WHERE case_id = {case_id} AND code = 'MEM01'",
        drop_triggers=True)  # fmt: skip
    database = open_database(db_path)
    try:
        new = content.of_case(database, int(case_id))
    finally:
        database.close()
    sql(db_path, f"UPDATE signature SET fingerprint = '{new}' WHERE case_id = {case_id}")
    return new


def test_the_cover_up_fails_audit_verify_and_the_printed_head(run, demo, db_path, org, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # a draft (样稿) is never signed, and a signed case reprints with the issuing body it was locked with
    assert run("settings", "set", "issuing_body", "中共景宁县委组织部").code == 0
    case_id, detail = complete_case(run)
    sign_off(run, case_id, detail)
    new = cover_up(db_path, case_id)
    assert json.loads(run("case", "signatures", case_id, "--json").out)["fingerprint"] == new
    monkeypatch.setenv("ORG_PW", PASSWORD)
    out = tmp_path / "new.pdf"
    made = run("report", case_id, "-o", str(out), "--p12", str(org["p12"]), "--password-env", "ORG_PW")
    assert made.code == 0, made.err
    head = re.search(r"操作日志哈希 ([0-9a-f]{64})", made.out).group(1)  # type: ignore[union-attr]
    for args in ((), ("--head", head), ("--trust", str(org["pem"]))):
        result = verify(run, *args)
        assert result.code == EXIT_NOT_VERIFIED, (args, result.out)
        assert f"案件 {case_id} 指标 MEM01 的届末值在数据表中是 “57”" in result.out


def rewrite_history(db_path: Path, seq: int, actor: str) -> None:
    """Change entry `seq` and recompute every later hash, as someone who knows audit.py's canonical form would; a
    checkpoint is made to name the new head too (its signature cannot follow without the key)."""
    conn = sqlite3.connect(db_path)
    conn.execute("DROP TRIGGER lock_audit_update")
    rows = conn.execute("SELECT seq, at, actor, action, case_id, details, prev_hash FROM audit_log ORDER BY seq").fetchall()
    prev = audit.GENESIS
    for s, at, who, action, case, details, _prev in rows:
        who = actor if s == seq else who
        if action == "audit.checkpoint":
            details = audit.canonical_details({**json.loads(details), "head": prev})
        digest = audit.entry_hash(s, at, who, action, case, details, prev)
        conn.execute(
            "UPDATE audit_log SET actor = ?, details = ?, prev_hash = ?, hash = ? WHERE seq = ?",
            (who, details, prev, digest, s),
        )
        prev = digest
    conn.commit()
    conn.close()


def test_a_lock_adds_a_checkpoint_and_rewriting_history_before_it_fails(run, demo, db_path, org, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ORG_PW", PASSWORD)
    case_id, detail = complete_case(run)
    sign_off(run, case_id, detail, "--p12", str(org["p12"]), "--password-env", "ORG_PW")
    last = json.loads(run("audit", "log", "--json", "--limit", "2").out)
    assert [e["action"] for e in last] == ["case.status", "audit.checkpoint"]
    assert last[1]["details"]["head"] == last[0]["hash"]
    result = verify(run, "--trust", str(org["pem"]))
    assert result.code == 0, result.out
    assert "单位签名的检查点 1 个，签名均有效（中共景宁县委组织部）" in result.out
    rewrite_history(db_path, 5, "冒名者")
    result = verify(run, "--trust", str(org["pem"]))
    assert result.code == EXIT_NOT_VERIFIED, result.out
    assert "哈希链首尾相接" in result.out  # the chain itself was rewritten consistently ...
    assert "的单位签名无效" in result.out  # ... the checkpoint could not be


def test_a_checkpoint_re_signed_with_another_key_is_not_trusted(run, demo, db_path, org, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ORG_PW", PASSWORD)
    forger = tmp_path / "forger.p12"
    forger.write_bytes(pki.create_org_certificate("中共景宁县委组织部", PASSWORD).p12)
    assert run("audit", "checkpoint", "--p12", str(forger), "--password-env", "ORG_PW").code == 0
    # the forger's certificate carries the same name; only the trusted certificate decides
    result = verify(run, "--trust", str(org["pem"]))
    assert result.code == EXIT_NOT_VERIFIED
    assert "该证书不在信任列表中" in result.out


def test_a_forged_lock_after_a_checkpoint_is_caught_even_when_tables_and_log_agree(run, demo, db_path, org, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ORG_PW", PASSWORD)
    assert run("audit", "checkpoint", "--p12", str(org["p12"]), "--password-env", "ORG_PW").code == 0
    case_id, detail = complete_case(run)
    assert run("case", "submit", case_id).code == 0
    fp = json.loads(run("case", "signatures", case_id, "--json").out)["fingerprint"]
    signers = (("outgoing", detail["outgoing"]), ("incoming", detail["incoming"]), ("supervisor", "周监交"))
    for number, (role, name) in enumerate(signers, start=1):
        sql(db_path, "INSERT INTO signature (id, case_id, role, name, signed_at, fingerprint, recorded_by) "
            f"VALUES ({number}, {case_id}, '{role}', '{name}', '2026-11-30 08:00:00', '{fp}', 'x')")  # fmt: skip
        append_forged(db_path, "signature.add", int(case_id), {
            "signature_id": number, "role": role, "name": name, "fingerprint": fp, "ink": "paper",
            "ink_sha256": "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        })  # fmt: skip
    append_forged(db_path, "case.status", int(case_id), {"old": "review", "new": "signed", "fingerprint": fp})
    sql(db_path, f"UPDATE handover_case SET status = 'signed' WHERE id = {case_id}")
    result = verify(run, "--trust", str(org["pem"]))
    assert result.code == EXIT_NOT_VERIFIED, result.out
    assert "操作日志与数据表一致" in result.out  # a perfect forgery of log and tables ...
    assert "之后没有单位签名的检查点" in result.out  # ... but no checkpoint signed by the organisation follows it


@pytest.mark.parametrize(
    ("statement", "named"),
    [
        ("UPDATE attachment SET content = X'00'", "与第"),
        ("DELETE FROM attachment", "添加了附件 visit.jpg，但数据表中没有"),
        ("DELETE FROM signature", "在案件 {case} 上的签字，但数据表中没有"),
        ("UPDATE signature SET name = '冒名者'", "签字人被改动过"),
        ("UPDATE unit SET name = '改名镇' WHERE id = (SELECT unit_id FROM handover_case WHERE id = {case})", "单位在数据表中是 “改名镇”"),
    ],
)
def test_other_rows_changed_by_sql_are_named(run, demo, db_path, tmp_path, statement, named) -> None:  # type: ignore[no-untyped-def]
    case_id, detail = complete_case(run)
    assert run("case", "submit", case_id).code == 0
    assert run("sign", case_id, "--role", "outgoing", "--name", detail["outgoing"]).code == 0
    photo = tmp_path / "visit.jpg"
    photo.write_bytes(b"\xff\xd8\xff visit")
    assert run("attach", case_id, str(photo), "--kind", "evidence").code == 0
    assert verify(run).code == 0
    sql(db_path, statement.format(case=case_id), drop_triggers=True)
    result = verify(run)
    assert result.code == EXIT_NOT_VERIFIED, result.out
    assert named.format(case=case_id) in result.out


def test_a_change_no_entry_describes_breaks_the_signed_fingerprint(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    case_id, detail = complete_case(run)
    leader = panel_leader(run, case_id)
    sign_off(run, case_id, detail)
    # the panel printed on the sheet and covered by the signatures: no entry of the log describes it on its own
    sql(db_path, f"UPDATE draw_record SET result = replace(result, '{leader}', '冒名者'), "
        f"snapshot = replace(snapshot, '{leader}', '冒名者') WHERE case_id = {case_id}", drop_triggers=True)  # fmt: skip
    assert panel_leader(run, case_id) == "冒名者"
    result = verify(run)
    assert result.code == EXIT_NOT_VERIFIED
    assert f"案件 {case_id}：签署时的内容指纹是" in result.out and "签署后数据被绕过程序直接改动过" in result.out


def test_without_any_trust_a_checkpoint_is_checked_against_the_certificate_it_carries(run, demo, db_path, org, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("ORG_PW", PASSWORD)
    assert pki.list_trust() == []
    case_id, detail = complete_case(run)
    sign_off(run, case_id, detail, "--p12", str(org["p12"]), "--password-env", "ORG_PW")
    result = verify(run)
    assert result.code == 0, result.out
    assert "签名与所附证书相符（中共景宁县委组织部），但本机没有信任的证书，无法确认签名者" in result.out
    rewrite_history(db_path, 5, "冒名者")
    result = verify(run)
    assert result.code == EXIT_NOT_VERIFIED
    assert "的单位签名无效" in result.out


def test_a_forged_entry_that_contradicts_the_ones_before_it_is_named(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    case_id, _detail = complete_case(run)
    # the case is a draft: an entry claiming it left review contradicts the log before it
    append_forged(db_path, "case.status", int(case_id), {"old": "review", "new": "draft"})
    result = verify(run)
    assert result.code == EXIT_NOT_VERIFIED
    assert f"记录称案件 {case_id} 原来的状态是 “评审中”，但按之前的记录是 “草稿”" in result.out
    assert "该记录与之前的记录矛盾" in result.out
