"""Field visits (issue 17, docs/field.md): check out to a laptop file, work offline, check in with a three-way merge.

The office and the laptop are separate processes (tests/field_support.py) on real files; nothing is mocked."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from handover.db import open_database
from handover.draw import service as draws
from handover.words import FIELD_STATES
from tests.conftest import dump
from tests.field_support import PASSPHRASE, Done, handover, ok


def _names(office: Path) -> set[str]:
    """Every reviewer of the pool and every secretary of the office database."""
    connection = sqlite3.connect(office)
    try:
        found = {r[0] for r in connection.execute("SELECT name FROM reviewer")}
        for outgoing, incoming in connection.execute("SELECT outgoing, incoming FROM handover_case"):
            found |= {outgoing, incoming}
        return found
    finally:
        connection.close()


def _value(db_path: Path, case: int, code: str) -> tuple[str | None, str | None]:
    connection = sqlite3.connect(db_path)
    try:
        row = connection.execute(
            "SELECT start_value, end_value FROM indicator_value WHERE case_id = ? AND code = ?", (case, code)
        ).fetchone()
        return (row[0], row[1]) if row else (None, None)
    finally:
        connection.close()


def _leader(db_path: Path, case: int) -> str:
    db = open_database(db_path)
    try:
        drawn = draws.current_draw(db, case)
        assert drawn is not None
        return next(m.name for m in drawn.panel if m.role == "leader")
    finally:
        db.close()


def _sign_at_the_meeting(trip: Path, leader: str, run=handover) -> None:  # type: ignore[no-untyped-def]
    ok(run(trip, "case", "submit", "1"))
    for role, name in (("outgoing", "林晓梅"), ("incoming", "周建国"), ("leader", leader), ("supervisor", "赵监交")):
        ok(run(trip, "sign", "1", "--role", role, "--name", name))


@pytest.mark.slow
def test_the_field_visit_story(demo, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    office, trip = db_path, tmp_path / "云岭石门.hofield"
    leader = _leader(office, 1)
    out = ok(handover(office, "field", "checkout", "1", "2", "-o", str(trip), "--passphrase-env", "FIELD_KEY", user="办公室"))
    assert "已加密" in out
    listed = ok(handover(office, "case", "list"))
    assert listed.count(FIELD_STATES["out"]) == 2
    # a lost laptop: no reviewer of the pool and no secretary can be read from the file
    content = trip.read_bytes()
    assert all(name.encode() not in content for name in _names(office))
    refused = handover(trip, "case", "list", passphrase=None)
    assert refused.code == 2 and "已加密" in refused.err
    wrong = handover(trip, "case", "list", passphrase="猜一个")
    assert wrong.code == 2 and "口令不对" in wrong.err
    # in the field: two values, a new village, the meeting signs case 1
    ok(handover(trip, "value", "set", "2", "ORG05", "--start", "8", "--end", "12", "--note", "现场核实台账"))
    ok(handover(trip, "value", "set", "2", "ORG06", "--start", "80", "--end", "95"))
    ok(handover(trip, "village", "add", "石门乡", "新建村"))
    _sign_at_the_meeting(trip, leader)
    assert "已签署" in ok(handover(trip, "case", "list"))
    assert ok(handover(trip, "audit", "verify"))
    # meanwhile the office changes ORG05 of case 2 differently
    ok(handover(office, "value", "set", "2", "ORG05", "--start", "9", "--end", "11", user="办公室"))
    before_org06 = _value(office, 2, "ORG06")

    first = handover(office, "field", "checkin", str(trip), "--json", user="办公室")
    assert first.code == 2, first.err
    result = json.loads(first.out)
    assert [(c["case"], c["code"]) for c in result["conflicts"]] == [(2, "ORG05")]
    conflict = result["conflicts"][0]
    assert (conflict["base"], conflict["office"]) == ("届初 7，届末 10", "届初 9，届末 11")
    assert conflict["field"].startswith("届初 8，届末 12")
    assert [a["case"] for a in result["applied"]] == [1]
    # nothing of case 2 applied: the other value and the village wait with the conflict
    assert _value(office, 2, "ORG06") == before_org06 and _value(office, 2, "ORG05") == ("9", "11")
    assert "新建村" not in ok(handover(office, "unit", "list"))
    assert "已签署" in ok(handover(office, "case", "signatures", "1"))
    listed = json.loads(ok(handover(office, "field", "conflicts", str(trip), "--json")))
    assert [(c["case"], c["code"], c["decided"]) for c in listed] == [(2, "ORG05", None)]

    ok(handover(office, "field", "resolve", str(trip), "--case", "2", "--code", "ORG05", "--take", "field", user="办公室"))
    second = handover(office, "field", "checkin", str(trip), user="办公室")
    assert second.code == 0, second.err + second.out
    assert _value(office, 2, "ORG05") == ("8", "12") and _value(office, 2, "ORG06") == ("80", "95")
    assert "新建村" in ok(handover(office, "unit", "list"))
    assert FIELD_STATES["out"] not in ok(handover(office, "case", "list"))

    unchanged = dump(office)
    third = handover(office, "field", "checkin", str(trip), user="办公室")
    assert third.code == 0 and "没有新的改动" in third.out
    assert dump(office) == unchanged
    verified = ok(handover(office, "audit", "verify"))
    assert "操作日志与数据表一致" in verified
    log = ok(handover(office, "audit", "log"))
    assert "外出核查带回" in log
    # who did what in the field is in the office log
    with sqlite3.connect(office) as connection:
        details = [json.loads(d) for (d,) in connection.execute("SELECT details FROM audit_log WHERE action = 'field.checkin'")]
    actors = {e["actor"] for d in details for e in d["field_entries"]}
    actions = {e["action"] for d in details for e in d["field_entries"]}
    assert actors == {"外勤组"} and {"value.edit", "signature.add", "village.add"} <= actions


@pytest.fixture
def at(capsys, monkeypatch):  # type: ignore[no-untyped-def]
    """`handover --db DB ARGS...` in this process (as field_support.handover, faster): same arguments, same result."""
    from handover import cli

    def _at(db: Path, *args: str, user: str = "外勤组", passphrase: str | None = PASSPHRASE) -> Done:
        monkeypatch.setenv("HANDOVER_USER", user)
        monkeypatch.delenv("HANDOVER_PASSPHRASE", raising=False)
        if passphrase is not None:
            monkeypatch.setenv("HANDOVER_PASSPHRASE", passphrase)
            monkeypatch.setenv("FIELD_KEY", passphrase)
        capsys.readouterr()
        code = cli.main(["--db", str(db), *args])
        captured = capsys.readouterr()
        return Done(code, captured.out, captured.err)

    return _at


def test_office_change_under_field_signatures_is_refused(demo, db_path: Path, tmp_path: Path, at) -> None:  # type: ignore[no-untyped-def]
    trip = tmp_path / "meeting.hofield"
    leader = _leader(db_path, 1)
    ok(at(db_path, "field", "checkout", "1", "-o", str(trip), passphrase=None))
    _sign_at_the_meeting(trip, leader, at)
    ok(at(db_path, "value", "set", "1", "ORG05", "--start", "7", "--end", "11", user="办公室"))
    before = dump(db_path)
    done = at(db_path, "field", "checkin", str(trip), user="办公室")
    assert done.code == 2
    assert "签字对应的是现场的内容" in done.out and "修订版本" in done.out
    assert dump(db_path) == before


def test_a_field_file_changed_outside_the_program_is_refused(demo, db_path: Path, tmp_path: Path, at) -> None:  # type: ignore[no-untyped-def]
    trip = tmp_path / "plain.hofield"
    ok(at(db_path, "field", "checkout", "2", "-o", str(trip), passphrase=None))
    ok(at(trip, "value", "set", "2", "ORG06", "--start", "80", "--end", "95", passphrase=None))
    with sqlite3.connect(trip) as connection:  # someone "corrects" a value with a database tool
        connection.execute("UPDATE indicator_value SET end_value = '99' WHERE case_id = 2 AND code = 'ORG06'")
    before = dump(db_path)
    done = at(db_path, "field", "checkin", str(trip))
    assert done.code == 2 and "本程序之外被改动过" in done.err
    assert dump(db_path) == before


def test_an_encrypted_field_file_with_a_changed_byte_is_refused(demo, db_path: Path, tmp_path: Path, at) -> None:  # type: ignore[no-untyped-def]
    trip = tmp_path / "sealed.hofield"
    ok(at(db_path, "field", "checkout", "2", "-o", str(trip), "--passphrase-env", "FIELD_KEY"))
    data = bytearray(trip.read_bytes())
    data[5000] ^= 0x01
    trip.write_bytes(bytes(data))
    before = dump(db_path)
    done = at(db_path, "field", "checkin", str(trip))
    assert done.code == 2 and ("本程序之外被改动过" in done.err or "本程序以外的方式改动" in done.err), done.err
    assert dump(db_path) == before


def test_a_field_file_of_another_office_is_refused(demo, db_path: Path, tmp_path: Path, at) -> None:  # type: ignore[no-untyped-def]
    other = tmp_path / "other.sqlite3"
    with sqlite3.connect(db_path) as source, sqlite3.connect(other) as target:
        source.backup(target)
    trip = tmp_path / "trip.hofield"
    ok(at(db_path, "field", "checkout", "2", "-o", str(trip), passphrase=None))
    ok(at(other, "field", "checkout", "1", "-o", str(tmp_path / "x.hofield"), passphrase=None))  # it gets an identity
    before = dump(other)
    done = at(other, "field", "checkin", str(trip), passphrase=None)
    assert done.code == 2 and "另一个办公室数据库" in done.err
    assert dump(other) == before


@pytest.mark.parametrize(
    ("args", "what"), [(("draw", "prepare", "1"), "抽签"), (("settings", "set", "panel_size", "5"), "修改设置"),
                       (("reviewer", "list"), "评审人员库"), (("report", "1", "-o", "r.pdf"), "生成正式文件")],
)  # fmt: skip
def test_draws_and_settings_stay_in_the_office(demo, db_path: Path, tmp_path: Path, run, capsys, args, what) -> None:  # type: ignore[no-untyped-def]
    from handover import cli

    trip = tmp_path / "trip.hofield"
    assert run("field", "checkout", "1", "-o", str(trip)).code == 0
    before = dump(trip)
    capsys.readouterr()
    assert cli.main(["--db", str(trip), *args]) == 2
    err = capsys.readouterr().err
    assert "外出核查文件" in err and what in err and "办公室" in err
    assert dump(trip) == before


def test_evaluation_and_evidence_photos_come_back(demo, db_path: Path, tmp_path: Path, run, at) -> None:  # type: ignore[no-untyped-def]
    from PIL import Image

    trip, photo = tmp_path / "trip.hofield", tmp_path / "党群服务中心.png"
    Image.new("RGB", (40, 30), (200, 30, 30)).save(photo)
    assert run("field", "checkout", "2", "-o", str(trip)).code == 0
    ok(at(trip, "attach", "2", str(photo), "--kind", "evidence", "--indicator", "ORG05", passphrase=None))
    ok(at(trip, "evaluate", "2", "--grade", "良好", "--comment", "现场走访七个村，台账齐全，群众评价较好。", passphrase=None))
    back = run("field", "checkin", str(trip), "--json")
    assert back.code == 0, back.err
    assert json.loads(back.out)["applied"][0]["attachments"] == 1
    shown = json.loads(run("case", "show", "2", "--json").out)
    assert shown["evaluation"]["grade"] == "良好"
    with sqlite3.connect(db_path) as connection:
        stored = connection.execute("SELECT filename, content FROM attachment WHERE case_id = 2").fetchall()
    assert [(name, data) for name, data in stored] == [(photo.name, photo.read_bytes())]
    assert run("audit", "verify").code == 0


def test_a_draw_in_a_field_file_is_refused_by_the_file_itself(demo, db_path: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """What the GUI's draw tab, report tab or a script would do goes to the database: the field file refuses it, plainly."""
    from handover import settings
    from handover.errors import Refused
    from handover.signing import documents
    from ui.errors import user_message

    trip = tmp_path / "trip.hofield"
    assert run("field", "checkout", "2", "-o", str(trip)).code == 0
    field = open_database(trip)
    try:
        before = dump(trip)
        with pytest.raises(Exception) as refused:  # noqa: B017 - the database's own refusal, whatever its class
            settings.set_value(field, "panel_size", "5")
        assert not isinstance(refused.value, Refused)
        assert user_message(refused.value).startswith("这是外出核查文件：抽签、设置和评审人员库只能在办公室")
        assert dump(trip) == before
        pdf = tmp_path / "报告.pdf"
        with pytest.raises(Exception) as refused:  # noqa: B017
            documents.produce(field, 2, pdf)
        assert "正式文件（PDF）在带回后由办公室生成" in user_message(refused.value) and not pdf.exists()
        assert dump(trip) == before
        with pytest.raises(Refused):  # the file has no reviewer pool: nobody to draw (the refusal is logged)
            draws.prepare(field, 2)
        with sqlite3.connect(trip) as connection:
            assert connection.execute("SELECT count(*) FROM draw_prepared").fetchone() == (0,)
    finally:
        field.close()


def test_changes_after_a_check_in_are_not_lost_silently(demo, db_path: Path, tmp_path: Path, at) -> None:  # type: ignore[no-untyped-def]
    trip = tmp_path / "trip.hofield"
    ok(at(db_path, "field", "checkout", "2", "-o", str(trip), passphrase=None))
    ok(at(trip, "value", "set", "2", "ORG06", "--start", "80", "--end", "95", passphrase=None))
    ok(at(db_path, "field", "checkin", str(trip)))
    ok(at(trip, "value", "set", "2", "ORG07", "--start", "91", "--end", "99", passphrase=None))
    before = dump(db_path)
    late = at(db_path, "field", "checkin", str(trip))
    assert late.code == 2 and "只带回一次" in late.out
    assert dump(db_path) == before


def test_a_case_comes_back_whole_or_not_at_all(demo, db_path: Path, tmp_path: Path, at) -> None:  # type: ignore[no-untyped-def]
    trip = tmp_path / "trip.hofield"
    ok(at(db_path, "field", "checkout", "2", "-o", str(trip), passphrase=None))
    ok(at(trip, "value", "set", "2", "ORG06", "--start", "80", "--end", "95", passphrase=None))
    ok(at(trip, "value", "set", "2", "ORG03", "--start", "3", "--end", "1", passphrase=None))  # 3 townships in the county
    ok(at(db_path, "settings", "set", "ranked_units", "2", user="办公室"))  # now only two are ranked: 3 is out of range
    before = dump(db_path)
    done = at(db_path, "field", "checkin", str(trip), "--json")
    assert done.code == 2
    refused = json.loads(done.out)["refused"]
    assert [r["case"] for r in refused] == [2] and "ORG03" in refused[0]["reason"]
    assert dump(db_path) == before  # not even ORG06, which alone would have been fine
    assert "外出核查中" in ok(at(db_path, "case", "list"))


WRITER = """
import sys
from handover.db import open_database
from handover.services import cases
db = open_database(sys.argv[1], passphrase=sys.argv[2])
for i in range(1, 10_000):
    cases.set_value(db, 2, "ORG06", start=str(i % 100), end="95")
    print(i % 100, flush=True)
"""


def test_a_field_file_killed_mid_work_keeps_every_saved_value(demo, db_path: Path, tmp_path: Path, at) -> None:  # type: ignore[no-untyped-def]
    """The battery dies: the process writing to the encrypted file is killed; what it had saved is there, and the file
    still opens with its passphrase, page checks and log whole."""
    import signal
    import subprocess
    import sys

    from handover import cipher
    from handover.services import integrity

    trip = tmp_path / "trip.hofield"
    ok(at(db_path, "field", "checkout", "2", "-o", str(trip), "--passphrase-env", "FIELD_KEY"))
    writer = subprocess.Popen([sys.executable, "-c", WRITER, str(trip), PASSPHRASE], stdout=subprocess.PIPE, text=True)
    assert writer.stdout is not None
    saved = [writer.stdout.readline().strip() for _ in range(5)]
    writer.send_signal(signal.SIGKILL)
    writer.wait()
    assert cipher.damaged_pages(trip, PASSPHRASE) == []
    field = open_database(trip, passphrase=PASSPHRASE)
    try:
        start = int(_field_value(field, 2, "ORG06"))
        assert start >= int(saved[-1])  # the last value it reported saved, or one saved after it
        verdict = integrity.verify(field)
        assert verdict.chain.ok and verdict.mismatch is None
    finally:
        field.close()


def _field_value(field, case: int, code: str) -> str:  # type: ignore[no-untyped-def]
    from handover.reading import get_case

    return next(v.start for v in get_case(field, case).values if v.code == code)


def test_an_encrypted_field_file_is_not_backed_up_in_plain_text(demo, db_path: Path, tmp_path: Path, at) -> None:  # type: ignore[no-untyped-def]
    """`backup` of a field file says what to do instead (not the PostgreSQL advice) and writes nothing."""
    trip = tmp_path / "trip.hofield"
    ok(at(db_path, "field", "checkout", "2", "-o", str(trip), "--passphrase-env", "FIELD_KEY"))
    before = sorted(p.name for p in tmp_path.rglob("*"))
    for args in ((), ("-o", str(tmp_path / "copy.sqlite3"))):
        done = at(trip, "backup", *args)
        assert done.code == 2 and "加密的外出核查文件" in done.err and "field checkin" in done.err, done
        assert "PostgreSQL" not in done.err and "pg_dump" not in done.err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before
