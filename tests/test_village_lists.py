"""Village lists on the command line as people type them (issue 13 item 3): 无 or 0 is an entered list naming no
village, names separated by spaces or line breaks are several; the GUI reads them with the same core rule."""

from __future__ import annotations

import json

import pytest

from handover import value_rules


def _value(run, case_id: str, code: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    shown = run("case", "show", case_id, "--json")
    assert shown.code == 0, shown.err
    return next(v for v in json.loads(shown.out)["values"] if v["code"] == code)


@pytest.mark.parametrize("typed", ["无", "0", "０", " 无 "])
def test_wu_or_zero_is_entered_with_no_village(run, township_case, typed: str) -> None:  # type: ignore[no-untyped-def]
    result = run("value", "set", township_case, "ORG02", "--villages-end", typed)
    assert result.code == 0, result.err
    value = _value(run, township_case, "ORG02")
    assert value["end"] == "0" and value["villages_end"] == []
    assert value["start"] is None  # the other point stays not entered


def test_spaces_and_line_breaks_separate_villages(run, township_case) -> None:  # type: ignore[no-untyped-def]
    assert run("value", "set", township_case, "ORG04", "--villages-end", "甲村 乙村\n丙村").code == 0
    value = _value(run, township_case, "ORG04")
    assert value["villages_end"] == ["甲村", "乙村", "丙村"] and value["end"] == "3"
    assert run("value", "set", township_case, "ORG04", "--villages-start", "甲村　乙村").code == 0  # a full-width space
    assert _value(run, township_case, "ORG04")["villages_start"] == ["甲村", "乙村"]


def test_a_village_name_with_a_space_is_refused_since_a_list_would_split_it(run) -> None:  # type: ignore[no-untyped-def]
    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0
    result = run("village", "add", "白鹤镇", "金坑 村")
    assert result.code == 2 and "空格" in result.err


def test_the_field_shows_what_it_reads_back() -> None:
    assert value_rules.village_entry("") is None and value_rules.village_entry("  ") is None
    assert value_rules.village_entry("无") == [] and value_rules.village_text((), "0") == "无"
    assert value_rules.village_text((), None) == "" and value_rules.village_text(("甲村", "乙村"), "2") == "甲村、乙村"
    assert value_rules.split_names("某村（含甲 乙自然村） 丁村") == ["某村（含甲 乙自然村）", "丁村"]
