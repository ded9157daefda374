"""The steps in order on the command line: no review without every indicator, a drawn panel and an evaluation; no
signature before review; the lock says what it locks and that a correction needs a revision."""

from __future__ import annotations

import json

from tests.conftest import add_six_reviewers, fill_values, prepare_and_draw, ready_to_submit
from tests.test_rules_cli import refused

EVALUATION = ("--grade", "良好", "--comment", "任期内党建工作扎实推进，成效明显。")


def status(run, case: str) -> str:  # type: ignore[no-untyped-def]
    return str(json.loads(run("case", "show", case, "--json").out)["status"])


def test_submit_names_every_missing_step_and_changes_nothing(run, db_path, township_case) -> None:  # type: ignore[no-untyped-def]
    case = township_case
    err = refused(run, db_path, "case", "submit", case)
    assert "40 项指标未完成" in err and "尚未抽签产生评审小组" in err and "尚未填写总体评价" in err
    assert status(run, case) == "draft"

    fill_values(run, case)
    err = refused(run, db_path, "case", "submit", case)
    assert "指标未完成" not in err
    assert "尚未抽签产生评审小组" in err and f"handover draw prepare {case}" in err and "尚未填写总体评价" in err
    assert status(run, case) == "draft"

    add_six_reviewers(run)
    prepare_and_draw(run, case)
    err = refused(run, db_path, "case", "submit", case)
    assert "尚未填写总体评价" in err and "抽签" not in err
    assert status(run, case) == "draft"


def test_an_evaluation_without_a_panel_is_still_refused(run, db_path, township_case) -> None:  # type: ignore[no-untyped-def]
    case = township_case
    fill_values(run, case)
    assert run("evaluate", case, *EVALUATION).code == 0
    err = refused(run, db_path, "case", "submit", case)
    assert "尚未抽签产生评审小组" in err and "总体评价" not in err
    assert status(run, case) == "draft"


def test_sign_before_review_refused_then_the_lock_explains_itself(run, db_path, township_case) -> None:  # type: ignore[no-untyped-def]
    case = township_case
    ready_to_submit(run, case)
    err = refused(run, db_path, "sign", case, "--role", "outgoing", "--name", "王一")
    assert "草稿" in err and f"handover case submit {case}" in err
    submitted = run("case", "submit", case)
    assert submitted.code == 0, submitted.err
    assert status(run, case) == "review"
    assert run("sign", case, "--role", "outgoing", "--name", "王一").code == 0
    second = run("sign", case, "--role", "incoming", "--name", "李二")
    assert second.code == 0 and "修订版本" not in second.out and "尚缺" in second.out
    last = run("sign", case, "--role", "supervisor", "--name", "周监交")
    assert last.code == 0, last.err
    for words in ("已签署并锁定", "指标数值", "村（社区）名单", "总体评价", "评审小组", "只读", "修订版本",
                  f"handover case revise {case}"):  # fmt: skip
        assert words in last.out, words
    assert status(run, case) == "signed"
