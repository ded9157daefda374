"""Where a case stands: its step (清单 → 抽签 → 评价 → 提交 → 签字 → 归档), the same in the list and in the case."""

from __future__ import annotations

import json

import pytest

from handover.db import Database
from handover.reading import get_case, list_cases
from handover.views import step_of
from handover.words import STEPS
from tests.conftest import case_with_a_fitting_pool, draw_panel


@pytest.mark.parametrize(
    ("complete", "drawn", "evaluated", "status", "step"),
    [
        (False, False, False, "draft", "checklist"),
        (False, True, True, "draft", "checklist"),
        (True, False, True, "draft", "draw"),
        (True, True, False, "draft", "evaluation"),
        (True, True, True, "draft", "submit"),
        (True, True, True, "review", "sign"),
        (True, True, True, "signed", "archive"),
    ],
)
def test_the_step_is_the_first_one_not_done(complete: bool, drawn: bool, evaluated: bool, status: str, step: str) -> None:
    assert step_of(complete=complete, panel_drawn=drawn, evaluated=evaluated, status=status) == step


def test_the_steps_are_in_the_order_of_the_work() -> None:
    assert list(STEPS.values()) == ["清单", "抽签", "评价", "提交", "签字", "归档"]


def test_the_list_and_the_case_say_the_same_step(run, db: Database) -> None:  # type: ignore[no-untyped-def]
    case = int(case_with_a_fitting_pool(run))
    listed = json.loads(run("case", "list", "--json").out)
    assert [c["step"] for c in listed if c["id"] == case] == ["checklist"]
    assert not get_case(db, case).summary.panel_drawn
    draw_panel(db, case)
    detail = get_case(db, case)
    assert detail.summary.panel_drawn and detail.summary.step == "checklist"  # the 40 indicators are still to enter
    (row,) = [c for c in list_cases(db) if c.id == case]
    assert row.panel_drawn and row.step == detail.summary.step and row.step_label == "清单"
