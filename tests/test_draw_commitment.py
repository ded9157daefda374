"""Issue 10: the committed draw (prepare, notice, then the witness), its golden vectors, and the text rules of v2."""

from __future__ import annotations

import json
import re
import shutil
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from handover.draw import algorithm as draw
from handover.draw import record as records
from handover.draw import seed as seeds
from handover.errors import Refused
from handover.models import DrawRecord, DrawReplacement, DrawReplacementRefusal
from tests.conftest import case_with_a_fitting_pool, dump
from tests.report_support import assert_pdfa, pdftotext
from tests.test_draw_algorithm import DOC, GOLDEN_CASE, GOLDEN_ENTROPY, GOLDEN_EXCLUDED, GOLDEN_POOL, GOLDEN_WITNESS

V2_POOL_HASH = "06f6e52e4c6d66bace26dfee66cb5a7b496ecf63b4b8d03175926a9db0552877"
V2_COMMITMENT = "630dcd2966c4336691125448bbb25b4ff412a49c732db2c8abc1b8581bd710dd"
V2_SOURCE = "2026年8月1日福利彩票双色球第2026088期开奖号码"
V2_VALUE = "03 07 12 19 25 31 + 09"
V2_SEED = "2d3396c69af696b4a46fa115635fa3c80f11a340c49055180052499c67aa58f2"
V2_BLOCK0 = "031397e0d62b2baa5956fd09f5489dab1073b9642d06f501bfb8429473248f03"
V2_RESULT = (
    '{"alternates":[{"certificate_no":"GV-03","name":"丙三","role":"alternate"},'
    '{"certificate_no":"GV-07","name":"庚七","role":"alternate"}],'
    '"members":[{"certificate_no":"GV-01","name":"甲一","role":"leader"},'
    '{"certificate_no":"GV-08","name":"辛八","role":"member"},{"certificate_no":"GV-06","name":"己六","role":"member"}]}'
)
V2_RECORD_HASH = "48c63255b821f3723309b41d5098d20f665d6e7629b6b9f84ab99fb33bf2e67c"
V2_REPLACEMENT_HASH = "cefcce36139b87c278b675bf40954b4d81d5decd84b41db898f9e8eddb4b6047"
V2_REFUSAL_HASH = "8bb18ecb312fddc84cb35a99f8f9c0ed0684c3b2e625dfaca87a74bb47812deb"
V2_REFUSAL = "没有符合组成规则的候补人员可以递补甲一（庚七（非组织部人员，不能任组长））；请重新抽签并说明理由"


def v2_snapshot() -> draw.Snapshot:
    return draw.Snapshot(GOLDEN_CASE, "2026-08-01", 3, 2, GOLDEN_POOL, GOLDEN_EXCLUDED, algorithm=seeds.ALGORITHM_V2)


def v2_record() -> DrawRecord:
    record = DrawRecord(
        case_id=1, attempt=1, created_at=datetime(2026, 8, 1, 9, 30, tzinfo=UTC), operator="李操作", reason=None,
        draw_date=date(2026, 8, 1), algorithm=seeds.ALGORITHM_V2, snapshot=v2_snapshot().canonical().decode(),
        pool_hash=V2_POOL_HASH, os_entropy=GOLDEN_ENTROPY.hex(), witness=GOLDEN_WITNESS, seed=V2_SEED, result=V2_RESULT,
        previous_hash=None, record_hash="", commitment=V2_COMMITMENT, public_source=V2_SOURCE, public_value=V2_VALUE,
        prepared_at=datetime(2026, 8, 1, 9, 0, tzinfo=UTC), reason_kind=None,
    )  # fmt: skip
    record.record_hash = records.record_hash(record)
    return record


def test_v2_golden_vector_from_snapshot_to_record_hash() -> None:
    snapshot = v2_snapshot()
    assert snapshot.sha256() == V2_POOL_HASH
    assert seeds.commitment(GOLDEN_ENTROPY) == V2_COMMITMENT
    seed = seeds.derive_seed_v2(GOLDEN_ENTROPY, bytes.fromhex(V2_POOL_HASH), GOLDEN_WITNESS, V2_SOURCE, V2_VALUE)
    assert seed.hex() == V2_SEED
    stream = draw.Stream(seed, bytes.fromhex(V2_POOL_HASH), seeds.ALGORITHM_V2)
    assert b"".join(stream.u64().to_bytes(8, "big") for _ in range(4)).hex() == V2_BLOCK0
    assert draw.canonical_json(draw.select(snapshot, seed).to_dict()).decode() == V2_RESULT
    assert v2_record().record_hash == V2_RECORD_HASH


def test_v2_replacement_refusal_and_rejection_vectors() -> None:
    replacement = DrawReplacement(draw_id=1, seq=1, replaced_certificate_no="GV-08", replacement_certificate_no="GV-03",
                                  reason="因病无法参加", operator="李操作", created_at=datetime(2026, 8, 2, 10, tzinfo=UTC),
                                  record_hash="")  # fmt: skip
    assert records.replacement_hash(replacement, V2_RECORD_HASH) == V2_REPLACEMENT_HASH
    snapshot, result = v2_snapshot(), json.loads(V2_RESULT)
    panel, remaining = records.state_before(snapshot, result, [], 1)
    leaving = next(c for c, _ in panel if c.certificate_no == "GV-08")
    assert draw.replacement_for(panel, remaining, leaving)[0].certificate_no == "GV-03"
    panel, remaining = records.state_before(snapshot, result, [replacement], 2)
    leader = next(c for c, _ in panel if c.certificate_no == "GV-01")
    with pytest.raises(Refused) as refused:
        draw.replacement_for(panel, remaining, leader)
    assert refused.value.message == V2_REFUSAL
    refusal = DrawReplacementRefusal(draw_id=1, seq=1, after_replacements=1, leaving_certificate_no="GV-01",
                                     reason="组长因公出差", refusal=V2_REFUSAL, operator="李操作",
                                     created_at=datetime(2026, 8, 3, 8, tzinfo=UTC), record_hash="")  # fmt: skip
    assert records.refusal_hash(refusal, V2_RECORD_HASH) == V2_REFUSAL_HASH
    stream = draw.Stream(bytes.fromhex(V2_SEED), bytes.fromhex(V2_POOL_HASH), seeds.ALGORITHM_V2)
    for _ in range(3):
        stream.u64()
    assert stream.below(2**63 + 1) == 1798387903461115383  # the 4th word, 13814865062313365251, is rejected
    # below used two words (the 4th and the 5th): the next word is the 6th, the second of block 1
    assert stream.u64() == int.from_bytes(bytes.fromhex(_block(1))[8:16], "big")


def _block(i: int) -> str:
    import hashlib
    import hmac

    message = b"handover-draw/hmac-sha256-ctr-v2\x00" + bytes.fromhex(V2_POOL_HASH) + i.to_bytes(8, "big")
    return hmac.new(bytes.fromhex(V2_SEED), message, hashlib.sha256).hexdigest()


def test_the_specification_states_every_v2_vector() -> None:
    text = DOC.read_text(encoding="utf-8")
    record_object = draw.canonical_json(records.record_fields(v2_record())).decode()
    for value in (v2_snapshot().canonical().decode(), V2_POOL_HASH, V2_COMMITMENT, V2_SEED, V2_BLOCK0, V2_RESULT,
                  record_object, V2_RECORD_HASH, V2_REPLACEMENT_HASH, V2_REFUSAL_HASH, V2_REFUSAL, "13814865062313365251",
                  "1798387903461115383", "9223372036854775809", seeds.ALGORITHM_V2):  # fmt: skip
        assert value in text, value


def test_code_point_order_of_certificate_numbers_is_the_documented_one() -> None:
    numbers = ["qx-1", "QX-𠀀1", "QX-9", "QX-１０", "QX-10"]
    ordered = ["QX-10", "QX-9", "QX-１０", "QX-𠀀1", "qx-1"]
    pool = tuple(draw.Candidate(n, n, f"单位{i}", True) for i, n in enumerate(numbers))
    snapshot = draw.Snapshot({"id": 1}, "2026-01-01", 1, 0, pool, (), algorithm=seeds.ALGORITHM_V2)
    assert [c["certificate_no"] for c in json.loads(snapshot.canonical())["pool"]] == ordered
    assert sorted(numbers, key=lambda s: s.encode("utf-16-be")) != ordered  # not the order of UTF-16 code units
    text = DOC.read_text(encoding="utf-8")
    assert all(f"`{n}`" in text for n in ordered)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [("  见证人：张三\u3000", "见证人：张三"), ("e\u0301", "é"), ("Ａ", "Ａ"), ("\u2028见证\u00a0", "见证"), ("", "")],
)
def test_typed_text_is_nfc_without_white_space_at_the_ends(typed: str, stored: str) -> None:
    assert seeds.clean_text(typed, "见证人输入") == stored


@pytest.mark.parametrize(("typed", "why"), [("a\tb", "U+0009"), ("见证\x00", "U+0000"), ("x\x85", "U+0085"),
                                            ("\udcff", "UTF-8")])  # fmt: skip
def test_control_characters_and_invalid_utf8_are_refused(typed: str, why: str) -> None:
    with pytest.raises(Refused, match=re.escape(why)):
        seeds.clean_text(typed, "见证人输入")


def notice_of(run, case: str, *args: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    result = run("draw", "prepare", case, *args, "--json")
    assert result.code == 0, result.err
    return json.loads(result.out)  # type: ignore[no-any-return]


def draw_rows(db_path: Path) -> list[tuple[object, ...]]:
    conn = sqlite3.connect(db_path)
    try:
        return conn.execute("SELECT * FROM draw_record").fetchall()
    finally:
        conn.close()


def test_prepare_shows_the_commitment_and_prints_the_notice(run, demo, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pdf = tmp_path / "抽签公告.pdf"
    notice = notice_of(run, "2", "-o", str(pdf))
    assert {"case", "attempt", "pool_hash", "commitment"} <= set(notice)
    assert (notice["case"], notice["attempt"]) == (2, 1) and len(notice["commitment"]) == 64
    assert_pdfa(pdf)
    text = pdftotext(pdf)
    assert "抽签公告" in text and "见证人签字" in text and notice["commitment"] in text.replace("\n", "")
    assert notice["pool_hash"] in text.replace("\n", "")
    conn = sqlite3.connect(db_path)
    entropy, commitment = conn.execute("SELECT os_entropy, commitment FROM draw_prepared WHERE case_id = 2").fetchone()
    conn.close()
    assert seeds.commitment(bytes.fromhex(entropy)) == commitment == notice["commitment"]
    shown = run("draw", "prepare", "2")
    assert entropy not in shown.out  # the random bytes are not shown before the draw
    assert "承诺" in shown.out and "--commitment" in shown.out


def test_a_draw_needs_the_prepared_attempt_and_both_of_its_hashes(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    before = draw_rows(db_path)
    missing = run("draw", "2", "--witness", "见证")
    assert missing.code == 2 and "--pool-hash" in missing.err and "draw prepare" in missing.err
    unprepared = run("draw", "2", "--pool-hash", "0" * 64, "--commitment", "0" * 64, "--witness", "见证")
    assert unprepared.code == 2 and "没有待抽签的准备记录" in unprepared.err
    notice = notice_of(run, "2")
    for pool_hash, commitment, word in ((notice["pool_hash"], "f" * 64, "承诺值"), ("e" * 64, notice["commitment"], "人员库哈希")):
        wrong = run("draw", "2", "--pool-hash", pool_hash, "--commitment", commitment, "--witness", "见证")
        assert wrong.code == 2 and word in wrong.err and "不符" in wrong.err
    assert draw_rows(db_path) == before  # nothing stored
    drawn = run("draw", "2", "--pool-hash", notice["pool_hash"].upper(), "--commitment", notice["commitment"],
                "--witness", "见证", "--json")  # fmt: skip
    assert drawn.code == 0, drawn.err
    assert json.loads(drawn.out)["commitment"] == notice["commitment"]
    again = run("draw", "2", "--pool-hash", notice["pool_hash"], "--commitment", notice["commitment"], "--witness", "见证",
                "--reason", "再试", "--reason-kind", "other")  # fmt: skip
    assert again.code == 2 and "没有待抽签的准备记录" in again.err  # a prepared attempt is used once


def test_preparing_again_replaces_the_earlier_commitment(run, demo, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Restoring a copy and preparing again gives a new commitment: the witnesses' notice no longer fits."""
    copy = tmp_path / "copy.sqlite3"
    first = notice_of(run, "2")
    shutil.copy(db_path, copy)
    second = notice_of(run, "2")
    assert second["commitment"] != first["commitment"] and second["pool_hash"] == first["pool_hash"]
    assert second["prepared"] == first["prepared"] + 1
    stale = run("draw", "2", "--pool-hash", first["pool_hash"], "--commitment", first["commitment"], "--witness", "见证")
    assert stale.code == 2 and "承诺值" in stale.err
    shutil.copy(copy, db_path)  # the restored copy: a third prepare, again another commitment
    third = notice_of(run, "2")
    assert third["commitment"] not in (first["commitment"], second["commitment"])


def test_an_announced_public_value_is_required_and_mixed_in(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    notice = notice_of(run, "2", "--public-source", V2_SOURCE)
    hashes = ("--pool-hash", notice["pool_hash"], "--commitment", notice["commitment"], "--witness", "见证人 张三")
    without = run("draw", "2", *hashes)
    assert without.code == 2 and "--public-value" in without.err and len(draw_rows(db_path)) == 1  # the demo's own
    drawn = run("draw", "2", *hashes, "--public-value", f" {V2_VALUE} ", "--json")
    assert drawn.code == 0, drawn.err
    data = json.loads(drawn.out)
    assert (data["public_source"], data["public_value"]) == (V2_SOURCE, V2_VALUE)
    assert run("draw", "verify", str(data["draw_id"])).code == 0
    exported = json.loads(run("draw", "show", str(data["draw_id"]), "--json").out)
    seed = seeds.derive_seed_v2(bytes.fromhex(exported["os_entropy"]), bytes.fromhex(exported["pool_hash"]), "见证人 张三",
                                V2_SOURCE, V2_VALUE)  # fmt: skip
    assert seed.hex() == exported["seed"]
    other = notice_of(run, "1")
    unannounced = run("draw", "1", "--pool-hash", other["pool_hash"], "--commitment", other["commitment"], "--witness", "见证",
                      "--public-value", "1 2 3", "--reason", "r", "--reason-kind", "other")  # fmt: skip
    assert unannounced.code == 2 and "没有公布公开随机来源" in unannounced.err


def test_witness_text_with_control_characters_is_refused_with_a_message(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    notice = notice_of(run, "2")
    before = draw_rows(db_path)
    refused = run("draw", "2", "--pool-hash", notice["pool_hash"], "--commitment", notice["commitment"],
                  "--witness", "见证\x1b[31m")  # fmt: skip
    assert refused.code == 2 and "控制字符" in refused.err and "U+001B" in refused.err
    empty = run("draw", "2", "--pool-hash", notice["pool_hash"], "--commitment", notice["commitment"], "--witness", "\u3000")
    assert empty.code == 2 and "见证人须输入" in empty.err
    assert draw_rows(db_path) == before


def test_witness_bytes_that_are_not_utf8_are_refused_by_the_command(demo, db_path) -> None:  # type: ignore[no-untyped-def]
    import os
    import subprocess
    import sys

    handover = Path(sys.executable).with_name("handover")
    env = {**os.environ, "HANDOVER_DB": str(db_path), "PYTHONIOENCODING": "utf-8", "LC_ALL": "C.UTF-8"}
    prepared = subprocess.run([handover, "draw", "prepare", "2", "--json"], env=env, capture_output=True, check=True)
    notice = json.loads(prepared.stdout)
    args = [os.fsencode(a) for a in (handover, "draw", "2", "--pool-hash", notice["pool_hash"], "--commitment",
                                    notice["commitment"], "--witness")] + [b"\xff\xfe\xe8\xa7"]  # fmt: skip
    refused = subprocess.run(args, env=env, capture_output=True)
    assert refused.returncode == 2 and "不是有效的 UTF-8" in refused.stderr.decode("utf-8")
    assert len(draw_rows(db_path)) == 1  # the demo's own draw only


def test_a_redraw_reason_comes_from_the_fixed_list(run, demo, capsys) -> None:  # type: ignore[no-untyped-def]
    notice = notice_of(run, "1")
    hashes = ("--pool-hash", notice["pool_hash"], "--commitment", notice["commitment"], "--witness", "见证")
    wrong = run("draw", "1", *hashes, "--reason", "看着不顺眼", "--reason-kind", "whim")
    assert wrong.code == 2 and "不在规定之列" in wrong.err and "recusal" in wrong.err
    no_kind = run("draw", "1", *hashes, "--reason", "组长须回避")
    assert no_kind.code == 2 and "--reason-kind" in no_kind.err
    drawn = json.loads(run("draw", "1", *hashes, "--reason", "组长与离任人系亲属", "--reason-kind", "recusal", "--json").out)
    exported = json.loads(run("draw", "show", str(drawn["draw_id"]), "--json").out)
    assert (exported["reason_kind"], exported["reason"]) == ("recusal", "组长与离任人系亲属")
    with pytest.raises(SystemExit):
        run("draw", "--help")
    assert "recusal（抽中人员须回避）" in capsys.readouterr().out


def test_replace_takes_a_certificate_number_and_a_name_only_when_unique(run, db_path) -> None:  # type: ignore[no-untyped-def]
    case = case_with_a_fitting_pool(run)
    assert run("reviewer", "add", "评审员2", "--organization", "县委组织部第9科", "--certificate-no", "C999",
               "--org-dept", "--certified-until", "2035-12-31", "--trained-on", date.today().isoformat()).code == 0  # fmt: skip
    notice = notice_of(run, case)
    drawn = json.loads(run("draw", case, "--pool-hash", notice["pool_hash"], "--commitment", notice["commitment"],
                           "--witness", "见证", "--json").out)  # fmt: skip
    exported = json.loads(run("draw", "show", str(drawn["draw_id"]), "--json").out)
    member = json.loads(exported["result"])["members"][1]
    before = dump(db_path)
    ambiguous = run("draw", "replace", str(drawn["draw_id"]), "评审员2", "--reason", "因病")
    assert ambiguous.code == 2 and "有 2 位 “评审员2”" in ambiguous.err and "C002" in ambiguous.err and "C999" in ambiguous.err
    assert dump(db_path) == before
    replaced = run("draw", "replace", str(drawn["draw_id"]), member["certificate_no"], "--reason", "因病", "--json")
    assert replaced.code == 0, replaced.err
    (done,) = json.loads(run("draw", "show", str(drawn["draw_id"]), "--json").out)["replacements"]
    assert done["replaced"] == member["certificate_no"]  # by number: the pool has two people of one name


def test_audit_verify_fails_on_draw_rows_added_by_plain_sql(run, demo, db_path) -> None:  # type: ignore[no-untyped-def]
    assert run("audit", "verify").code == 0
    conn = sqlite3.connect(db_path)
    columns = [r[1] for r in conn.execute("PRAGMA table_info(draw_record)") if r[1] not in ("id",)]
    # a second attempt for case 1, consistent in itself (hashes computed as the program does), but off the books
    conn.execute(f"INSERT INTO draw_record ({', '.join(columns)}) SELECT {', '.join('2' if c == 'attempt' else 'NULL' if c == 'prepared_id' else c for c in columns)} FROM draw_record WHERE id = 1")  # noqa: E501
    conn.commit()
    new_id = conn.execute("SELECT max(id) FROM draw_record").fetchone()[0]
    conn.close()
    result = run("audit", "verify")
    assert result.code == 3 and f"抽签记录 {new_id}（案件 1 第2次抽签）" in result.out and "没有对应的记录" in result.out


@pytest.mark.parametrize(
    ("table", "statement", "named"),
    [
        ("draw_prepared", "INSERT INTO draw_prepared (case_id, seq, attempt, created_at, operator, draw_date, algorithm, "
         "snapshot, pool_hash, os_entropy, commitment) SELECT 2, 9, 1, created_at, operator, draw_date, algorithm, snapshot, "
         "pool_hash, os_entropy, commitment FROM draw_prepared WHERE id = 1", "抽签准备记录"),
        ("draw_replacement", "INSERT INTO draw_replacement (draw_id, seq, replaced_certificate_no, "
         "replacement_certificate_no, reason, operator, created_at, record_hash) VALUES (1, 1, 'a', 'b', 'r', 'o', "
         "'2026-01-01', 'abc')", "递补记录"),
        ("draw_replacement_refusal", "INSERT INTO draw_replacement_refusal (draw_id, seq, after_replacements, "
         "leaving_certificate_no, reason, refusal, operator, created_at, record_hash) VALUES (1, 1, 0, 'a', 'r', 'x', 'o', "
         "'2026-01-01', 'abc')", "被拒绝的递补记录"),
    ],
)  # fmt: skip
def test_audit_verify_names_any_draw_row_without_its_entry(run, demo, db_path, table: str, statement: str, named: str) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db_path)
    conn.execute(statement)
    conn.commit()
    row = conn.execute(f"SELECT max(id) FROM {table}").fetchone()[0]
    conn.close()
    result = run("audit", "verify")
    assert result.code == 3 and f"{named} {row}" in result.out


def test_every_committed_step_has_its_audit_entry(run, db_path) -> None:  # type: ignore[no-untyped-def]
    case = case_with_a_fitting_pool(run)
    notice = notice_of(run, case, "--alternates", "1")
    drawn = json.loads(run("draw", case, "--pool-hash", notice["pool_hash"], "--commitment", notice["commitment"],
                           "--witness", "见证", "--json").out)  # fmt: skip
    leader = next(m["name"] for m in drawn["members"] if m["role"] == "leader")
    member = next(m["name"] for m in drawn["members"] if m["role"] == "member")
    assert run("draw", "replace", str(drawn["draw_id"]), member, "--reason", "因病").code == 0
    refused = run("draw", "replace", str(drawn["draw_id"]), leader, "--reason", "出差")
    assert refused.code == 2 and "候补已用完" in refused.err
    log = json.loads(run("audit", "log", "--json").out)
    assert [e["action"] for e in log if e["action"].startswith("draw")] == [
        "draw.prepare", "draw", "draw.replace", "draw.replace.refused"]
    assert run("audit", "verify").code == 0
    exported = json.loads(run("draw", "show", str(drawn["draw_id"]), "--json").out)
    (refusal,) = exported["refused_replacements"]
    assert (refusal["reason"], refusal["after_replacements"]) == ("出差", 1) and "候补已用完" in refusal["refusal"]
    assert run("draw", "verify", str(drawn["draw_id"])).code == 0
