"""One name rule on every path that stores a name (signers, supervisor, reviewers, their units and conflicts), and notes,
reasons and comments stored without control characters: hostile input found by an outside tester, one case each."""

from __future__ import annotations

import json

import pytest

from handover import reading, value_rules
from handover.errors import Refused
from handover.services import cases
from tests.conftest import dump
from tests.test_rules_cli import refused
from tests.test_signoff import review_case  # noqa: F401 - the fixture

HOSTILE = {
    "RTL override": "王\u202e五",
    "LRM": "王\u200e五",
    "zero-width space": "王\u200b五",
    "zero-width joiner": "王\u200d五",
    "BEL": "王\x07五",
    "newline": "王\n五",
    "escape code": "王\x1b[31m五",
    "emoji": "王五😀",
    "emoji with a skin tone": "王五👍🏽",
    "line separator": "王\u2028五",
}


@pytest.mark.parametrize("name", HOSTILE.values(), ids=HOSTILE.keys())
def test_the_one_name_rule_refuses_what_cannot_be_printed(name: str) -> None:
    with pytest.raises(Refused) as refusal:
        value_rules.check_name(name, "监交人姓名", 50)
    assert refusal.value.message.startswith("监交人姓名 “王")  # the field is named, the character shown by its code
    assert "U+" in refusal.value.message and "\x1b" not in refusal.value.message and "\u202e" not in refusal.value.message


@pytest.mark.parametrize("name", ["王五", "欧阳娜娜", "𠀾明", "葛\U000e0100", "Zhang San", "阿卜杜·热合曼"])
def test_real_names_pass_the_rule(name: str) -> None:
    assert value_rules.check_name(f" {name} ", "姓名", 50) == name


@pytest.mark.parametrize("name", ["监交\u202e人", "监交\u200b人", "监交\x07人", "监交\n人", "监交人😀"])
def test_the_supervisor_signing_is_refused_a_hostile_name(run, db_path, review_case, name: str) -> None:  # noqa: F811  # type: ignore[no-untyped-def]
    """Found: `sign --role supervisor` stored any name up to 50 characters; `case new` refused the same name."""
    message = refused(run, db_path, "sign", review_case, "--role", "supervisor", "--name", name)
    assert "监交人姓名" in message and "含有不能打印在文件上的字符" in message


@pytest.mark.parametrize(
    ("option", "value", "field"),
    [
        ("--organization", "县财政局\u202e", "工作单位"),
        ("--organization", "县\u200b财政局", "工作单位"),
        ("--conflicts", "林晓\x07梅（亲属）", "回避对象"),
        ("--conflicts", "云岭镇\u2066（曾任职）", "回避对象"),
    ],
)
def test_a_reviewer_unit_or_conflict_with_a_hostile_name_is_refused(run, db_path, option, value, field) -> None:  # type: ignore[no-untyped-def]
    """Found: the reviewer's name had the rule, their work unit and conflicts (a person or a unit) did not."""
    assert run("reviewer", "list").code == 0  # the database exists before the refusal is compared with it
    args = {"--organization": "县财政局", "--conflicts": ""} | {option: value}
    extra = ["--conflicts", args["--conflicts"]] if args["--conflicts"] else []
    message = refused(run, db_path, "reviewer", "add", "张三", "--organization", args["--organization"],
                      "--certificate-no", "Z1", *extra)  # fmt: skip
    assert field in message and "含有不能打印在文件上的字符" in message


def test_a_pool_sheet_with_a_hostile_unit_is_refused_naming_the_row(run, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert run("reviewer", "list").code == 0
    path = tmp_path / "pool.csv"
    path.write_text("姓名,工作单位,证书编号\n张三,县委组织部,PS-1\n李四,县财政局\u202e,PS-2\n", encoding="utf-8")
    message = refused(run, db_path, "reviewer", "import", str(path))
    assert "pool.csv 第3行第2列（工作单位）" in message and "U+202E" in message


def test_notes_reasons_and_comments_are_stored_without_control_characters(run, db, township_case) -> None:  # type: ignore[no-untyped-def]
    """Found: a note accepted terminal escape codes, which recolour or retitle the terminal of whoever lists it."""
    hostile = "\x1b[2J\x1b]0;pwned\x07按季度\x07抽查\u202e，\r\n另附说明\x1b[0m"
    assert run("value", "set", township_case, "ORG06", "--start", "85", "--note", hostile).code == 0
    assert run("value", "set", township_case, "INN04", "--na", "辖区无\x1b[31m住宅小区\x00").code == 0
    result = run("evaluate", township_case, "--grade", "良好", "--comment", "\x1b[1m班子团结，\x07工作扎实，成效明显\x1b[0m")
    assert result.code == 0, result.err
    detail = reading.get_case(db, int(township_case))
    assert detail.value("ORG06").note == "按季度抽查，\n另附说明"
    assert detail.value("INN04").na_reason == "辖区无住宅小区"
    shown = json.loads(run("case", "show", township_case, "--json").out)
    assert shown["evaluation"]["comment"] == "班子团结，工作扎实，成效明显"
    cases.set_value(db, int(township_case), "ORG07", start="90", note="\t分两批\x08开展\x9b31m")
    assert reading.get_case(db, int(township_case)).value("ORG07").note == "分两批开展31m"


def test_text_cleaning_keeps_line_breaks_and_tabs_inside() -> None:
    assert value_rules.clean_text(" 第一行\r\n第二行\t（附）\r第三行 ") == "第一行\n第二行\t（附）\n第三行"
    assert value_rules.clean_text("\x1b[38;5;196m红\x1b[0m字\x1bc") == "红字"


def test_a_refused_hostile_name_changes_nothing(run, db_path) -> None:  # type: ignore[no-untyped-def]
    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0
    before = dump(db_path)
    assert "U+202E" in refused(run, db_path, "village", "add", "白鹤镇", "佐证\u202egpj村")
    assert dump(db_path) == before
