"""The command line as a new user meets it: demo, catalogue, a case filled to 40/40 and submitted."""

from __future__ import annotations

import io
import json
import sys

import pytest

from handover import __version__
from handover.demo import COMPLETE
from tests.conftest import SAMPLES, dump, ready_to_submit


def test_version(run, capsys) -> None:  # type: ignore[no-untyped-def]
    try:
        run("--version")
    except SystemExit as exc:
        assert exc.code == 0
    assert __version__ in capsys.readouterr().out


def test_catalogue_json_has_five_areas_and_forty_indicators(run) -> None:  # type: ignore[no-untyped-def]
    result = run("catalogue", "--json")
    data = json.loads(result.out)
    assert data["version"]
    assert [a["name"] for a in data["areas"]] == ["党组织建设", "村干部队伍建设", "党员队伍建设", "集体经济", "改革创新"]
    indicators = [i for a in data["areas"] for i in a["indicators"]]
    assert len(indicators) == 40
    assert sum(i["key"] for i in indicators) == 7
    assert {"code", "name", "kind", "direction", "key", "villages"} <= set(indicators[0])
    assert len({i["code"] for i in indicators}) == 40


def test_demo_complete_case_shows_all_values_with_trends(run, demo) -> None:  # type: ignore[no-untyped-def]
    cases = json.loads(run("case", "list", "--json").out)
    complete = next(c for c in cases if c["progress"]["done"] == 40)
    assert {"id", "unit", "outgoing", "incoming", "status", "progress"} <= set(complete)
    detail = json.loads(run("case", "show", str(complete["id"]), "--json").out)
    assert len(detail["values"]) == 40
    assert detail["progress"] == {"done": 40, "total": 40}
    by_code = {v["code"]: v for v in detail["values"]}
    assert by_code["ORG01"]["start"] == "2" and by_code["ORG01"]["end"] == "3"
    assert by_code["ORG01"]["trend"] == "提升"
    assert by_code["ORG01"]["villages_end"] == COMPLETE["ORG01"][1]
    assert by_code["ORG03"]["trend"] == "提升" and "上升1位" in by_code["ORG03"]["change_words"]
    assert by_code["ORG02"]["trend"] == "持平"
    assert by_code["ECO03"]["trend"] == "提升"  # fewer weak villages is better
    assert all(v["trend"] for v in detail["values"])
    assert detail["evaluation"]["grade"] == "优秀"
    half = next(c for c in cases if c["progress"]["done"] < 40)
    assert 0 < half["progress"]["done"] < 40
    text = run("case", "show", str(complete["id"])).out
    assert "从第2位升至第1位" in text and "40/40" in text


def test_new_case_filled_from_the_command_line_to_40_and_submitted(run) -> None:  # type: ignore[no-untyped-def]
    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0
    villages = ["甲村", "乙村", "丙村", "丁村", "戊村"]
    assert run("village", "add", "白鹤镇", *villages).code == 0
    created = run("case", "new", "--unit", "白鹤镇", "--outgoing", "王一", "--incoming", "李二",
                  "--term-start", "2021-01-05", "--term-end", "2026-01-04", "--json")  # fmt: skip
    assert created.code == 0, created.err
    case_id = str(json.loads(created.out)["id"])
    catalogue = json.loads(run("catalogue", "--json").out)
    for area in catalogue["areas"]:
        for ind in area["indicators"]:
            if ind["villages"]:
                args = ["--villages-start", "甲村,乙村", "--villages-end", "甲村、乙村、丙村"]
            else:
                start, end = SAMPLES[ind["kind"]]
                args = ["--start", start, "--end", end]
            result = run("value", "set", case_id, ind["code"], *args)
            assert result.code == 0, result.err
    before_submit = json.loads(run("case", "show", case_id, "--json").out)
    assert before_submit["progress"] == {"done": 40, "total": 40}
    ready_to_submit(run, case_id)  # the panel drawn and the evaluation written: the steps before review
    assert run("case", "submit", case_id).code == 0
    assert json.loads(run("case", "show", case_id, "--json").out)["status"] == "review"


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("case", "show", "abc"), "参数 id：编号应为正整数，收到 “abc”"),
        (("report", "1", "-o", "x.pdf", "--part", "foo"), "参数 --part 不能是 “foo”，应为 report, sheet, draw, all, meeting 之一"),
        (("report", "1"), "缺少必需的参数：-o/--output"),
        (("case", "list", "--bogus"), "无法识别的参数：--bogus"),
        (("report", "1", "-o", "x.pdf", "--p"), "选项 --p 不明确"),
        (("value", "set", "1", "ORG05", "--start"), "参数 --start 后面缺少值"),
    ],
)
def test_mistyped_commands_are_explained_in_chinese(run, capsys, db_path, args, words) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        run(*args)
    err = capsys.readouterr().err
    assert exited.value.code == 2
    assert words in err, err
    assert "argument" not in err and "invalid" not in err and "required" not in err
    assert not db_path.exists()  # nothing was even opened


def test_output_cut_short_by_the_reader_is_no_error(run, demo, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`handover case show 1 | head`: the pipe closes early; no 意外错误, no traceback, exit 0."""

    class ClosedPipe(io.StringIO):
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    result = run("case", "show", "1")
    assert result.code == 0
    assert "意外错误" not in result.err and "Traceback" not in result.err


def test_ctrl_c_is_a_short_message_not_a_traceback(run, db_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from handover import case_list

    assert run("unit", "add", "白鹤镇", "--type", "township").code == 0

    def interrupted(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(case_list, "fetch", interrupted)  # while the page is read
    result = run("case", "list")
    assert result.code == 130
    assert "已中断" in result.err and "Traceback" not in result.err


@pytest.mark.parametrize(
    "args",
    [
        ("case", "show", "99999999999999999999"),
        ("value", "set", "99999999999999999999", "ORG05", "--start", "1"),
        ("evaluate", "99999999999999999999", "--grade", "优秀", "--comment", "这是一段足够长的评语文字"),
        ("case", "submit", "0"),
        ("report", "99999999999999999999", "-o", "x.pdf"),
        ("sign", "99999999999999999999", "--role", "outgoing", "--name", "王一"),
        ("case", "revise", "99999999999999999999", "--reason", "更正数据"),
        ("report", "--all", "-o", "out", "--workers", "0"),
        ("audit", "log", "--limit", "-5"),
        ("audit", "log", "--limit", "99999999999999999999"),
    ],
)
def test_numbers_the_database_cannot_hold_are_refused(run, capsys, db_path, args) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        run(*args)
    err = capsys.readouterr().err
    assert exited.value.code == 2 and "正整数" in err and "意外错误" not in err, err


@pytest.mark.parametrize("args", [("draw", "99999999999999999999"), ("draw", "show", "99999999999999999999"),
                                  ("draw", "verify", "99999999999999999999")])  # fmt: skip
def test_draw_numbers_the_database_cannot_hold_are_refused(run, db_path, args) -> None:  # type: ignore[no-untyped-def]
    result = run(*args)
    assert result.code == 2 and "应为数字编号" in result.err, result.err


def test_report_all_names_files_that_fit_the_file_system(run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    unit = "长" * 100
    assert run("unit", "add", unit, "--type", "township").code == 0
    assert run("case", "new", "--unit", unit, "--outgoing", "欧" * 50, "--incoming", "李二",
               "--term-start", "2021-01-05", "--term-end", "2026-01-04").code == 0  # fmt: skip
    result = run("report", "--all", "-o", str(tmp_path / "out"), "--workers", "1")
    assert result.code == 0, result.err
    (made,) = (tmp_path / "out").iterdir()
    assert made.name.startswith("00001-长长") and made.suffix == ".pdf" and len(made.name.encode()) < 200


def test_case_list_columns_line_up_with_chinese_names(run, demo) -> None:  # type: ignore[no-untyped-def]
    """A Chinese character takes two terminal columns: the term dates start in the same column on every line."""
    import unicodedata

    assert run("unit", "add", "县委宣传部", "--type", "department").code == 0
    assert run("case", "new", "--unit", "县委宣传部", "--outgoing", "甲", "--incoming", "乙",
               "--term-start", "2021-01-05", "--term-end", "2026-01-04").code == 0  # fmt: skip

    def column_of_term(line: str) -> int:
        before = line[: line.index("20")]
        return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in before)

    lines = run("case", "list").out.splitlines()
    assert len(lines) == 3
    assert len({column_of_term(line) for line in lines}) == 1, lines


@pytest.mark.parametrize("args", [("--help",), ("case", "new", "--help"), ("draw", "--help"), ("value", "--help")])
def test_help_is_in_chinese(run, capsys, args) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SystemExit) as exited:
        run(*args)
    out = capsys.readouterr().out
    assert exited.value.code == 0 and out.startswith("用法：")
    for english in ("usage:", "positional arguments", "options:", "show this help", "show program"):
        assert english not in out, english


@pytest.mark.parametrize(
    "args",
    [
        ("value", "import", "1", "长" * 2000 + ".xlsx"),
        ("reviewer", "import", "长" * 2000 + ".csv"),
        ("report", "1", "-o", "长" * 2000 + ".pdf"),
        ("verify", "长" * 2000 + ".pdf"),
        ("attach", "1", "长" * 2000 + ".jpg", "--kind", "evidence"),
    ],
)
def test_a_file_name_too_long_is_a_message(run, demo, db_path, args) -> None:  # type: ignore[no-untyped-def]
    before = dump(db_path)
    result = run(*args)
    assert result.code == 2 and "文件名太长" in result.err and "意外错误" not in result.err, result.err
    assert dump(db_path) == before


def test_a_supervisor_name_that_cannot_be_printed(run, demo, db_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    before = dump(db_path)
    result = run("report", "1", "-o", str(tmp_path / "x.pdf"), "--supervisor", "监" * 5000)
    assert result.code == 2 and "监交人姓名过长" in result.err, result.err
    assert dump(db_path) == before and not (tmp_path / "x.pdf").exists()
