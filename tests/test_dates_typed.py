"""Dates on the command line as people type them (issue 13 item 3): one parser in the core (handover.dates) reads
2021-01-05, 2021/1/5, 2021.1.5 and 2021年1月5日 in every date option; an impossible date is refused naming the field."""

from __future__ import annotations

import json
from datetime import date

import pytest

from handover import dates
from handover.errors import Refused
from tests.conftest import dump


@pytest.mark.parametrize("typed", ["2021-01-05", "2021/1/5", "2021.1.5", "2021年1月5日", "２０２１年１月５日", " 2021 年 1 月 5 日 "])
def test_every_way_of_writing_a_day_is_that_day(typed: str) -> None:
    assert dates.parse_date(typed, "届初日期") == date(2021, 1, 5)


@pytest.mark.parametrize(
    ("typed", "words"),
    [("2021-02-30", "2021年2月只有 28 天"), ("2024-02-30", "2024年2月只有 29 天"), ("2021-13-01", "月份应在 1 至 12 之间"),
     ("2021-00-10", "月份"), ("2021-04-31", "只有 30 天"), ("2021-1", "格式应为"), ("明天", "格式应为")],
)
def test_an_impossible_day_is_refused_naming_the_field(typed: str, words: str) -> None:
    with pytest.raises(Refused) as refused:
        dates.parse_date(typed, "交接日期")
    assert refused.value.message.startswith(f"交接日期 “{typed}”") and words in refused.value.message


def test_case_new_reads_every_way(run) -> None:  # type: ignore[no-untyped-def]
    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0
    result = run("case", "new", "--unit", "白鹤镇", "--outgoing", "王一", "--incoming", "李二", "--term-start", "2021年1月5日",
                 "--term-end", "2026/1/4", "--handover-date", "2026.1.10", "--json")  # fmt: skip
    assert result.code == 0, result.err
    shown = json.loads(run("case", "show", str(json.loads(result.out)["id"]), "--json").out)
    assert (shown["term_start"], shown["term_end"], shown["handover_date"]) == ("2021-01-05", "2026-01-04", "2026-01-10")


def test_case_new_refuses_an_impossible_day_and_changes_nothing(run, db_path) -> None:  # type: ignore[no-untyped-def]
    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0
    before = dump(db_path)
    result = run("case", "new", "--unit", "白鹤镇", "--outgoing", "王一", "--incoming", "李二", "--term-start", "2021-02-30",
                 "--term-end", "2026-01-04")  # fmt: skip
    assert result.code == 2 and "届初日期 “2021-02-30” 不是有效日期" in result.err
    assert dump(db_path) == before


def test_reviewer_dates_read_every_way(run) -> None:  # type: ignore[no-untyped-def]
    added = run("reviewer", "add", "评审员甲", "--organization", "县委组织部", "--certificate-no", "C001",
                "--certified-until", "2035年12月31日", "--trained-on", "2026.1.5")  # fmt: skip
    assert added.code == 0, added.err
    refused = run("reviewer", "add", "评审员乙", "--organization", "县委组织部", "--certificate-no", "C002",
                  "--certified-until", "2035-02-29")  # fmt: skip
    assert refused.code == 2 and "证书有效期至" in refused.err and "只有 28 天" in refused.err
    listed = run("reviewer", "list", "--json")
    assert listed.code == 0, listed.err
    row = next(r for r in json.loads(listed.out) if r["certificate_no"] == "C001")
    assert (row["certified_until"], row["trained_on"]) == ("2035-12-31", "2026-01-05")
