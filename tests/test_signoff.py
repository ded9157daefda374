"""Sign-off: the three required signatures lock a case, which then refuses every change through the core, the command
line and raw SQL; a correction is a revision that keeps the signed case."""

from __future__ import annotations

import json
import sqlite3
import zlib
from pathlib import Path

import pytest

from handover import reading
from handover.errors import Refused
from handover.services import attachments, cases
from handover.signoff import service as signoff
from tests.conftest import dump, ready_to_submit
from tests.test_rules_cli import refused

STROKES = {"width": 300, "height": 100, "strokes": [[[10, 80], [40, 20], [70, 80]], [[90, 50], [150, 50], [200, 30]]]}


def tiny_png() -> bytes:
    """A real 2×1 PNG, built by hand so the test needs no imaging library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return len(data).to_bytes(4, "big") + body + zlib.crc32(body).to_bytes(4, "big")

    header = (2).to_bytes(4, "big") + (1).to_bytes(4, "big") + bytes([8, 0, 0, 0, 0])
    pixels = zlib.compress(b"\x00\x00\xff")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture
def review_case(run, demo) -> str:  # type: ignore[no-untyped-def]
    """The demo's complete case, submitted to review: ready to sign."""
    listed = json.loads(run("case", "list", "--json").out)
    case_id = str(next(c["id"] for c in listed if c["progress"]["done"] == 40))
    assert run("case", "submit", case_id).code == 0
    return case_id


def names(run, case_id: str) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    detail = json.loads(run("case", "show", case_id, "--json").out)
    return detail["outgoing"], detail["incoming"]


def panel_leader(run, case_id: str) -> str:  # type: ignore[no-untyped-def]
    """The leader drawn for the case (the demo draws a panel for its complete case)."""
    draws = json.loads(run("draw", "list", case_id, "--json").out)
    return next(m["name"] for m in draws[-1]["panel"] if m["role"] == "leader")


@pytest.fixture
def signed_case(run, review_case, tmp_path) -> str:  # type: ignore[no-untyped-def]
    outgoing, incoming = names(run, review_case)
    strokes = tmp_path / "strokes.json"
    strokes.write_text(json.dumps(STROKES))
    png = tmp_path / "sig.png"
    png.write_bytes(tiny_png())
    first = run("sign", review_case, "--role", "outgoing", "--name", outgoing, "--strokes", str(strokes))
    assert first.code == 0, first.err
    assert "尚缺：接任领导干部、监交人" in first.out
    assert run("sign", review_case, "--role", "leader", "--name", panel_leader(run, review_case)).code == 0
    assert run("sign", review_case, "--role", "incoming", "--name", incoming, "--image", str(png)).code == 0
    last = run("sign", review_case, "--role", "supervisor", "--name", "周监交")
    assert last.code == 0, last.err
    assert "已签署并锁定" in last.out
    return review_case


def test_a_draft_cannot_be_signed_and_names_must_match(run, db_path, demo) -> None:  # type: ignore[no-untyped-def]
    listed = json.loads(run("case", "list", "--json").out)
    half = str(next(c["id"] for c in listed if c["progress"]["done"] < 40))
    assert "提交评审" in refused(run, db_path, "sign", half, "--role", "outgoing", "--name", "某人")


def test_outgoing_and_incoming_must_be_the_recorded_people(run, db_path, review_case) -> None:  # type: ignore[no-untyped-def]
    err = refused(run, db_path, "sign", review_case, "--role", "incoming", "--name", "冒名者")
    assert "冒名者" in err and "接任领导干部" in err
    assert "签字角色" in refused(run, db_path, "sign", review_case, "--role", "boss", "--name", "某人")
    assert "不是抽签产生的评审小组组长" in refused(run, db_path, "sign", review_case, "--role", "leader", "--name", "某人")


def test_bad_strokes_are_refused_with_the_reason(run, db_path, review_case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    outgoing, _ = names(run, review_case)
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"width": 100, "height": 50, "strokes": [[[10, 10], [500, 10]]]}))
    assert "超出画板" in refused(run, db_path, "sign", review_case, "--role", "outgoing", "--name", outgoing, "--strokes", str(bad))
    bad.write_text("{not json")
    assert "JSON" in refused(run, db_path, "sign", review_case, "--role", "outgoing", "--name", outgoing, "--strokes", str(bad))
    fake = tmp_path / "fake.png"
    fake.write_bytes(b"GIF89a....")
    assert "PNG" in refused(run, db_path, "sign", review_case, "--role", "outgoing", "--name", outgoing, "--image", str(fake))


def test_three_required_signatures_lock_and_each_is_bound_to_the_content(run, signed_case) -> None:  # type: ignore[no-untyped-def]
    status = json.loads(run("case", "signatures", signed_case, "--json").out)
    assert status["status"] == "signed" and status["locked"] and status["missing"] == []
    roles = [s["role"] for s in status["signatures"]]
    assert roles == ["outgoing", "leader", "incoming", "supervisor"]
    assert {s["fingerprint"] for s in status["signatures"]} == {status["fingerprint"]}
    assert [s["ink"] for s in status["signatures"]] == ["strokes", "paper", "image", "paper"]


def test_a_signature_made_before_a_change_no_longer_counts(run, review_case, db) -> None:  # type: ignore[no-untyped-def]
    outgoing, incoming = names(run, review_case)
    case_id = int(review_case)
    signoff.sign(db, case_id, "outgoing", outgoing)
    signoff.sign(db, case_id, "incoming", incoming)
    cases.set_value(db, case_id, "ORG05", note="签字后补充的备注")
    status = signoff.sign(db, case_id, "supervisor", "周监交")
    assert not status.locked and status.missing == ("outgoing", "incoming")
    assert [s.current for s in status.signatures] == [False, False, True]
    signoff.sign(db, case_id, "outgoing", outgoing)
    assert signoff.sign(db, case_id, "incoming", incoming).locked


def test_a_signed_case_refuses_every_change_through_the_core(db, db_path, signed_case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    case_id = int(signed_case)
    evidence = tmp_path / "photo.jpg"
    evidence.write_bytes(b"\xff\xd8\xff photo")
    before = dump(db_path)
    attempts = [
        lambda: cases.set_value(db, case_id, "ORG05", start="9"),
        lambda: cases.apply_edits(db, case_id, [cases.ValueEdit("ORG06", note="改")]),
        lambda: cases.evaluate(db, case_id, "良好", "任期内党建工作扎实推进，成效明显。"),
        lambda: cases.submit(db, case_id),
        lambda: signoff.sign(db, case_id, "member", "钱成员"),
        lambda: attachments.add(db, case_id, evidence, "evidence"),
    ]
    for attempt in attempts:
        with pytest.raises(Refused):
            attempt()
    assert dump(db_path) == before


def test_a_signed_case_refuses_every_change_through_the_command_line(run, db_path, signed_case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheet = tmp_path / "values.csv"
    sheet.write_text("指标代码,届初,届末\nORG05,1,2\n", encoding="utf-8")
    evidence = tmp_path / "photo.jpg"
    evidence.write_bytes(b"\xff\xd8\xff photo")
    for args in (
        ("value", "set", signed_case, "ORG05", "--start", "9"),
        ("value", "set", signed_case, "ORG01", "--villages-end", ""),
        ("value", "import", signed_case, str(sheet)),
        ("evaluate", signed_case, "--grade", "良好", "--comment", "任期内党建工作扎实推进，成效明显。"),
        ("case", "submit", signed_case),
        ("sign", signed_case, "--role", "member", "--name", "钱成员"),
        ("attach", signed_case, str(evidence), "--kind", "evidence"),
    ):
        assert "已签署" in refused(run, db_path, *args), args
    # the wet-ink scan of the signed paper is still welcome
    scan = tmp_path / "signed-sheet.pdf"
    scan.write_bytes(b"%PDF-1.4 scan of the signed sheet")
    result = run("attach", signed_case, str(scan), "--kind", "scan")
    assert result.code == 0, result.err
    import hashlib

    assert hashlib.sha256(scan.read_bytes()).hexdigest() in result.out


DRAW_COLUMNS = (
    "case_id, attempt, created_at, operator, reason, draw_date, algorithm, snapshot, pool_hash, os_entropy, witness, "
    "seed, result, previous_hash, record_hash"
)
RAW_SQL = [
    # a new draw attempt or a replacement would change the panel printed on the signed report (migration 0004)
    f"INSERT INTO draw_record ({DRAW_COLUMNS}) SELECT {DRAW_COLUMNS.replace('attempt', 'attempt + 100')} "
    "FROM draw_record WHERE case_id = :case",
    "INSERT INTO draw_replacement (draw_id, seq, replaced_certificate_no, replacement_certificate_no, reason, operator, "
    "created_at, record_hash) SELECT id, 99, 'a', 'b', '改抽', 'x', '2026-01-01', 'x' FROM draw_record WHERE case_id = :case",
    "UPDATE handover_case SET evaluation_comment = '改写' WHERE id = :case",
    "UPDATE handover_case SET status = 'draft' WHERE id = :case",
    "DELETE FROM handover_case WHERE id = :case",
    "UPDATE indicator_value SET start_value = '99' WHERE case_id = :case AND code = 'ORG05'",
    "DELETE FROM indicator_value WHERE case_id = :case AND code = 'ORG05'",
    "INSERT INTO indicator_value (case_id, code, updated_at) VALUES (:case, 'NEW01', '2026-01-01')",
    "UPDATE indicator_value SET case_id = :case WHERE case_id <> :case",
    "DELETE FROM named_village WHERE value_id IN (SELECT id FROM indicator_value WHERE case_id = :case)",
    "UPDATE named_village SET position = position + 10 WHERE value_id IN (SELECT id FROM indicator_value WHERE case_id = :case)",
    "INSERT INTO named_village (value_id, point, village_id, position) SELECT v.id, 'start', n.village_id, 99 "
    "FROM indicator_value v JOIN named_village n ON n.value_id = v.id WHERE v.case_id = :case AND n.point = 'end' "
    "AND n.village_id NOT IN (SELECT village_id FROM named_village WHERE value_id = v.id AND point = 'start') LIMIT 1",
    "UPDATE village SET name = name || '（改）' WHERE id IN (SELECT village_id FROM named_village)",
    "UPDATE unit SET name = '改名镇' WHERE id = (SELECT unit_id FROM handover_case WHERE id = :case)",
    "UPDATE signature SET name = '他人' WHERE case_id = :case",
    "DELETE FROM signature WHERE case_id = :case",
    # after the lock only the panel's leader and members may still sign, on the content signed (migration 0005)
    "INSERT INTO signature (case_id, role, name, signed_at, fingerprint, recorded_by) "
    "VALUES (:case, 'member', '补签', '2026-01-01', 'x', 'x')",
    "INSERT INTO signature (case_id, role, name, signed_at, fingerprint, recorded_by) SELECT case_id, 'supervisor', "
    "'另一监交人', '2026-01-01', fingerprint, 'x' FROM signature WHERE case_id = :case AND role = 'supervisor'",
    "INSERT INTO signature (case_id, role, name, signed_at, fingerprint, recorded_by) SELECT case_id, 'outgoing', "
    "name, '2026-01-01', fingerprint, 'x' FROM signature WHERE case_id = :case AND role = 'outgoing'",
    # the leader signed before the lock: a second leader signature on the same content is refused
    "INSERT INTO signature (case_id, role, name, signed_at, fingerprint, recorded_by) SELECT case_id, 'leader', "
    "'另一组长', '2026-01-01', fingerprint, 'x' FROM signature WHERE case_id = :case AND role = 'supervisor'",
    "INSERT INTO attachment (case_id, kind, filename, media_type, sha256, size, content, created_at, created_by) "
    "VALUES (:case, 'evidence', 'a.jpg', 'image/jpeg', 'x', 1, x'00', '2026-01-01', 'x')",
]


def test_a_signed_case_refuses_raw_sql(db_path, signed_case) -> None:  # type: ignore[no-untyped-def]
    before = dump(db_path)
    for statement in RAW_SQL:
        conn = sqlite3.connect(db_path)
        try:
            try:
                conn.execute(statement, {"case": int(signed_case)})
            except sqlite3.IntegrityError as exc:
                assert "handover-locked" in str(exc), (statement, exc)
            else:
                pytest.fail(f"the database accepted: {statement}")
            conn.rollback()
        finally:
            conn.close()
        assert dump(db_path) == before, statement


def test_raw_sql_cannot_mark_a_case_signed_without_signatures(db_path, demo) -> None:  # type: ignore[no-untyped-def]
    conn = sqlite3.connect(db_path)
    with pytest.raises(sqlite3.IntegrityError, match="required signatures missing"):
        conn.execute("UPDATE handover_case SET status = 'signed'")
    conn.close()


def test_the_lock_triggers_exist_after_all_migrations(db_path, db) -> None:  # type: ignore[no-untyped-def]
    """A later SQLite batch migration that recreates a table silently drops its triggers: this catches it."""
    from importlib import import_module

    expected = {
        trigger[0]
        for module in ("0003_signing_audit", "0004_lock_draws", "0005_late_panel_signatures")
        for trigger in import_module(f"handover.migrations.versions.{module}").SQLITE_TRIGGERS
    }
    conn = sqlite3.connect(db_path)
    present = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    conn.close()
    assert expected <= present


def test_revise_keeps_the_signed_case_and_needs_new_signatures(run, db_path, signed_case, db) -> None:  # type: ignore[no-untyped-def]
    signed_before = json.loads(run("case", "show", signed_case, "--json").out)
    assert "修订理由" in refused(run, db_path, "case", "revise", signed_case, "--reason", " ")
    result = run("case", "revise", signed_case, "--reason", "届末党员总数统计有误，更正", "--json")
    assert result.code == 0, result.err
    new_id = str(json.loads(result.out)["id"])
    revision = json.loads(run("case", "show", new_id, "--json").out)
    assert revision["status"] == "draft"
    assert revision["values"] == signed_before["values"]
    assert revision["evaluation"] == signed_before["evaluation"]
    assert run("value", "set", new_id, "MEM01", "--end", "1300").code == 0
    assert json.loads(run("case", "show", signed_case, "--json").out) == signed_before
    status = json.loads(run("case", "signatures", new_id, "--json").out)
    assert status["revises"] == int(signed_case) and status["signatures"] == [] and not status["locked"]
    assert json.loads(run("case", "signatures", signed_case, "--json").out)["revised_by"] == [int(new_id)]
    assert "未签署的修订版本" in refused(run, db_path, "case", "revise", signed_case, "--reason", "再改一次试试")
    assert "尚未签署" in refused(run, db_path, "case", "revise", new_id, "--reason", "修订版本本身")
    # the revision goes through review and its own signatures like any case: its own panel drawn first
    ready_to_submit(run, new_id)
    assert run("case", "submit", new_id).code == 0
    outgoing, incoming = names(run, new_id)
    for role, name in (("outgoing", outgoing), ("incoming", incoming), ("supervisor", "周监交")):
        assert run("sign", new_id, "--role", role, "--name", name).code == 0
    assert json.loads(run("case", "signatures", new_id, "--json").out)["locked"]
    assert Path(db_path).exists()


def test_signers_lists_a_place_per_signer_for_the_pads(run, review_case, db) -> None:  # type: ignore[no-untyped-def]
    outgoing, incoming = names(run, review_case)
    leader = panel_leader(run, review_case)
    signoff.sign(db, int(review_case), "outgoing", outgoing, strokes=json.dumps(STROKES))
    places = signoff.signers(db, int(review_case))
    assert [(p.role, p.required) for p in places[:3]] == [("outgoing", True), ("incoming", True), ("supervisor", True)]
    assert places[0].name == outgoing and places[0].signature is not None and places[0].signature.has_strokes
    assert places[1].name == incoming and places[1].signature is None
    assert any(p.role == "leader" and p.name == leader and not p.required for p in places)
    from handover.signoff.ink import parse_strokes

    assert signoff.ink(db, places[0].signature.id).strokes == parse_strokes(json.dumps(STROKES))


def panel_members(run, case_id: str) -> list[str]:  # type: ignore[no-untyped-def]
    draws = json.loads(run("draw", "list", case_id, "--json").out)
    return [m["name"] for m in draws[-1]["panel"] if m["role"] == "member"]


def test_panel_members_may_sign_after_the_lock(run, db_path, signed_case, db) -> None:  # type: ignore[no-untyped-def]
    """Panel members often sign last: their signatures are appended to the signed case, on the content signed."""
    first, *others = panel_members(run, signed_case)
    before = json.loads(run("case", "signatures", signed_case, "--json").out)
    result = run("sign", signed_case, "--role", "member", "--name", first, "--json")
    assert result.code == 0, result.err
    after = json.loads(result.out)
    assert after["locked"] and after["status"] == "signed" and after["fingerprint"] == before["fingerprint"]
    late = after["signatures"][-1]
    assert (late["role"], late["name"], late["fingerprint"], late["current"]) == (
        "member", first, before["fingerprint"], True)  # fmt: skip
    assert after["signatures"][:-1] == before["signatures"]
    entry = json.loads(run("audit", "log", "--json", "--limit", "1").out)[-1]
    assert entry["action"] == "signature.add" and entry["details"]["name"] == first and entry["details"]["after_lock"]
    assert run("audit", "verify").code == 0
    # each person once; nobody outside the drawn panel; no other role
    assert "本签字在签署后追加" in run("sign", signed_case, "--role", "member", "--name", others[0]).out
    assert "已经以评审小组成员身份签字" in refused(run, db_path, "sign", signed_case, "--role", "member", "--name", first)
    assert "不是抽签产生的评审小组成员" in refused(run, db_path, "sign", signed_case, "--role", "member", "--name", "钱成员")
    leader = panel_leader(run, signed_case)
    assert "已经以评审小组组长身份签字" in refused(run, db_path, "sign", signed_case, "--role", "leader", "--name", leader)
    err = refused(run, db_path, "sign", signed_case, "--role", "supervisor", "--name", "周监交")
    assert "已签署" in err and "评审小组组长、成员" in err
    # the pads: a member still to sign is open, the others are closed
    assert [p.name for p in signoff.signers(db, int(signed_case)) if p.open] == others[1:]
    # the signed content is untouched: every other change is still refused
    assert "已签署" in refused(run, db_path, "value", "set", signed_case, "ORG05", "--start", "9")


def test_a_late_signature_appears_on_the_next_report(run, signed_case, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from handover.report.data import gather

    member = panel_members(run, signed_case)[0]
    before = gather(db, int(signed_case))
    assert member not in [s.name for s in before.signatures if s.signed_on]
    signoff.sign(db, int(signed_case), "member", member, strokes=json.dumps(STROKES))
    after = gather(db, int(signed_case))
    slot = next(s for s in after.signatures if s.role == "member" and s.name == member)
    assert slot.image is not None and slot.signed_on is not None
    assert after.fingerprint == before.fingerprint and after.document_id == before.document_id


def test_raw_sql_may_only_append_a_panel_signature_to_a_signed_case(db_path, signed_case) -> None:  # type: ignore[no-untyped-def]
    """The triggers let through what the service needs (a member's signature on the signed content) and nothing more."""
    insert = (
        "INSERT INTO signature (case_id, role, name, signed_at, fingerprint, recorded_by) SELECT case_id, 'member', "
        "'成员甲', '2026-01-01', fingerprint, 'x' FROM signature WHERE case_id = :case AND role = 'supervisor'"
    )
    conn = sqlite3.connect(db_path)
    try:
        conn.execute(insert, {"case": int(signed_case)})
        with pytest.raises(sqlite3.IntegrityError, match="handover-locked"):
            conn.execute(insert, {"case": int(signed_case)})  # the same person twice
        with pytest.raises(sqlite3.IntegrityError, match="handover-locked"):
            conn.execute("UPDATE signature SET name = '成员乙' WHERE name = '成员甲'")
        with pytest.raises(sqlite3.IntegrityError, match="handover-locked"):
            conn.execute("DELETE FROM signature WHERE name = '成员甲'")
        conn.rollback()
    finally:
        conn.close()


def test_the_leader_may_sign_after_the_lock_once(run, db_path, review_case, db) -> None:  # type: ignore[no-untyped-def]
    outgoing, incoming = names(run, review_case)
    case_id = int(review_case)
    for role, name in (("outgoing", outgoing), ("incoming", incoming), ("supervisor", "周监交")):
        locked = signoff.sign(db, case_id, role, name)
    assert locked.locked
    leader = panel_leader(run, review_case)
    assert "不是抽签产生的评审小组组长" in refused(run, db_path, "sign", review_case, "--role", "leader", "--name", "某人")
    after = signoff.sign(db, case_id, "leader", leader, strokes=json.dumps(STROKES))
    assert after.locked and after.fingerprint == locked.fingerprint and after.missing == ()
    assert {(s.role, s.name) for s in after.current()} >= {("leader", leader), ("supervisor", "周监交")}
    place = next(p for p in signoff.signers(db, case_id) if p.role == "leader")
    assert place.signature is not None and not place.open


def test_a_signed_database_from_before_0005_takes_late_panel_signatures(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An office's existing database, signed under migration 0004, migrates to 0005 (copy first) and back.

    The demo and its committed draw need today's schema (issue 10, migration 0006), and today's code cannot read a
    0004 draw_record: the case is set up and signed at the head, taken back to 0004, and the member signatures at 0004
    are tried with plain SQL, as the triggers see them.
    """
    from alembic import command
    from alembic.config import Config

    from handover import db as dbmod
    from handover import demo
    from handover.db import open_database
    from handover.draw import service as draws
    path = tmp_path / "office.sqlite3"
    config = Config()
    config.set_main_option("script_location", str(Path(dbmod.__file__).with_name("migrations")))
    old = open_database(path)
    demo.load_demo(old)
    complete = next(c for c in reading.list_cases(old) if c.done == c.total)
    cases.submit(old, complete.id)
    for role, name in (("outgoing", complete.outgoing), ("incoming", complete.incoming), ("supervisor", "周监交")):
        signoff.sign(old, complete.id, role, name)
    drawn = draws.current_draw(old, complete.id)
    assert drawn is not None
    first, second = [m.name for m in drawn.panel if m.role == "member"][:2]
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    old.close()
    member = (
        "INSERT INTO signature (case_id, role, name, signed_at, fingerprint, recorded_by) SELECT case_id, 'member', "
        ":name, '2026-01-01', fingerprint, 'x' FROM signature WHERE case_id = :case AND role = 'supervisor'"
    )
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="handover-locked"):  # 0004's trigger: no signature at all after the lock
        conn.execute(member, {"name": first, "case": complete.id})
    conn.close()

    migrated = open_database(path)
    assert dbmod.current_revisions(migrated) == dbmod.SCHEMA_HEADS
    assert list(tmp_path.glob("office.before-migrate-from-0004.*.bak"))
    assert signoff.sign(migrated, complete.id, "member", first).locked
    with migrated.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0004")
    migrated.close()
    conn = sqlite3.connect(path)
    with pytest.raises(sqlite3.IntegrityError, match="handover-locked"):
        conn.execute(member, {"name": second, "case": complete.id})
    conn.close()
