"""Units and villages renamed and deleted on the command line (issue 13 item 3f): a signed case keeps the names it was
signed with (its signed PDF still verifies, a reprint shows the old names, its fingerprint is unchanged) while open cases
show the new ones; a delete is refused while a case or a village list refers to it; every change is in the log."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.conftest import dump
from tests.report_support import flat, pages_text
from tests.test_signed_report import issuing_body_set, make_report, org, signed_case  # noqa: F401 - fixtures


def _fingerprint(out: str) -> str:
    found = re.search(r"内容指纹 SHA-256 ([0-9a-f]{64})", out)
    assert found is not None, out
    return found.group(1)


def _case(run, case_id: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    shown = run("case", "show", case_id, "--json")
    assert shown.code == 0, shown.err
    return json.loads(shown.out)


def test_a_signed_case_keeps_its_names_after_a_rename(run, signed_case, org, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    signed_pdf = tmp_path / "signed.pdf"
    make_report(run, signed_case, signed_pdf, org, monkeypatch)
    before = run("report", signed_case, "-o", str(tmp_path / "before.pdf"))
    assert before.code == 0, before.err
    unit = _case(run, signed_case)["unit"]
    assert unit == "云岭镇" and "梅坑村" in _case(run, signed_case)["values"][1]["villages_end"]
    opened = run("case", "new", "--unit", unit, "--outgoing", "周建国", "--incoming", "郑新", "--term-start", "2026-09-01",
                 "--term-end", "2031-08-31", "--json")  # fmt: skip
    assert opened.code == 0, opened.err
    open_case = str(json.loads(opened.out)["id"])
    assert run("value", "set", open_case, "ORG02", "--villages-start", "梅坑村").code == 0

    renamed = run("unit", "rename", "云岭镇", "云岭新镇")
    assert renamed.code == 0, renamed.err
    assert run("village", "rename", "云岭新镇", "梅坑村", "梅岭村").code == 0

    verified = run("verify", str(signed_pdf), "--trust", str(org["pem"]))
    assert verified.code == 0 and "核验通过" in verified.out, verified.out
    after = run("report", signed_case, "-o", str(tmp_path / "after.pdf"))
    assert after.code == 0, after.err
    assert _fingerprint(after.out) == _fingerprint(before.out)
    reprint = flat("".join(pages_text(tmp_path / "after.pdf")))
    assert "云岭镇" in reprint and "梅坑村" in reprint and "云岭新镇" not in reprint and "梅岭村" not in reprint
    signed = _case(run, signed_case)
    assert signed["unit"] == "云岭镇" and signed["values"][1]["villages_end"] == ["梅坑村"]

    still_open = _case(run, open_case)
    assert still_open["unit"] == "云岭新镇" and still_open["values"][1]["villages_start"] == ["梅岭村"]
    assert run("audit", "verify").code == 0  # the tables still agree with the log after the renames
    log = run("audit", "log", "--limit", "5", "--json")
    renames = {e["action"]: e["details"] for e in json.loads(log.out)}
    assert (renames["unit.rename"]["unit"], renames["unit.rename"]["new"]) == ("云岭镇", "云岭新镇")
    assert renames["village.rename"] == {"unit": "云岭新镇", "village": "梅坑村", "new": "梅岭村"}


def test_delete_is_refused_while_something_refers_to_it(run, db_path, township_case) -> None:  # type: ignore[no-untyped-def]
    assert run("value", "set", township_case, "ORG01", "--villages-end", "甲村").code == 0
    before = dump(db_path)
    refused = run("unit", "delete", "白鹤镇")
    assert refused.code == 2 and "1 个案件" in refused.err and f"案件 {township_case}" in refused.err
    refused = run("village", "delete", "白鹤镇", "甲村")
    assert refused.code == 2 and "村名单" in refused.err and f"案件 {township_case}" in refused.err
    assert dump(db_path) == before
    deleted = run("village", "delete", "白鹤镇", "乙村")  # named by no case
    assert deleted.code == 0, deleted.err
    assert run("unit", "add", "空白镇", "--type", "township").code == 0
    assert run("village", "add", "空白镇", "子村").code == 0
    assert run("unit", "delete", "空白镇").code == 0
    units = {u["name"]: u["villages"] for u in json.loads(run("unit", "list", "--json").out)}
    assert "空白镇" not in units and units["白鹤镇"] == ["甲村", "丙村"]
    assert run("audit", "verify").code == 0


def test_a_declared_conflict_with_the_unit_follows_its_rename(run, township_case) -> None:  # type: ignore[no-untyped-def]
    added = run("reviewer", "add", "评审员甲", "--organization", "县委组织部", "--certificate-no", "C001",
                "--conflicts", "白鹤镇（曾任职）；王一（亲属）")  # fmt: skip
    assert added.code == 0, added.err
    assert run("unit", "rename", "白鹤镇", "白鹤新镇").code == 0
    reviewer = next(r for r in json.loads(run("reviewer", "list", "--json").out) if r["certificate_no"] == "C001")
    assert {c["target"] for c in reviewer["conflicts"]} == {"白鹤新镇", "王一"}
    entry = json.loads(run("audit", "log", "--limit", "1", "--json").out)[0]
    assert entry["action"] == "unit.rename" and entry["details"] == {"unit": "白鹤镇", "new": "白鹤新镇", "conflicts": 1}
    assert run("audit", "verify").code == 0


def test_renames_are_checked_like_new_names(run, db_path, township_case) -> None:  # type: ignore[no-untyped-def]
    assert run("unit", "add", "红岩镇", "--type", "township").code == 0
    before = dump(db_path)
    for args, words in [
        (("unit", "rename", "白鹤镇", "红岩镇"), "已存在"),
        (("unit", "rename", "无此镇", "新镇"), "没有名为"),
        (("village", "rename", "白鹤镇", "甲村", "乙村"), "已有村"),
        (("village", "rename", "白鹤镇", "甲村", "戊村 己村"), "空格"),
        (("village", "rename", "白鹤镇", "无此村", "戊村"), "没有名为"),
    ]:
        result = run(*args)
        assert result.code == 2 and words in result.err, (args, result.err)
    assert dump(db_path) == before


def test_a_case_signed_before_0010_keeps_its_names_after_the_migration(tmp_path: Path) -> None:
    """An office's database signed under 0006 (no signed_name yet): migrating fills in the names it was signed with."""
    from alembic import command
    from alembic.config import Config

    from handover import db as dbmod
    from handover import demo, reading
    from handover.services import cases, unit_edits
    from handover.signoff import service as signoff

    path = tmp_path / "office.sqlite3"
    config = Config()
    config.set_main_option("script_location", str(Path(dbmod.__file__).with_name("migrations")))
    old = dbmod.open_database(path)
    demo.load_demo(old)
    complete = next(c for c in reading.list_cases(old) if c.done == c.total)
    cases.submit(old, complete.id)
    for role, name in (("outgoing", complete.outgoing), ("incoming", complete.incoming), ("supervisor", "周监交")):
        locked = signoff.sign(old, complete.id, role, name)
    signed = reading.get_case(old, complete.id)
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "0006")
    old.close()

    migrated = dbmod.open_database(path)
    try:
        assert dbmod.current_revisions(migrated) == dbmod.SCHEMA_HEADS
        village = next(v for v in signed.values if v.villages_end).villages_end[0]
        unit_edits.rename_unit(migrated, complete.unit, "迁移后镇")
        unit_edits.rename_village(migrated, "迁移后镇", village, "迁移后村")
        assert reading.get_case(migrated, complete.id) == signed
        assert signoff.status(migrated, complete.id).fingerprint == locked.fingerprint
    finally:
        migrated.close()
