"""The reviewer pool through the service functions the GUI calls and through `handover reviewer add|edit|list`."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from handover.db import Database
from handover.errors import NotFound, Refused
from handover.services import reviewer_import, reviewers
from handover.services.reviewers import ConflictInput, ReviewerInput
from tests.conftest import dump

TODAY = date(2026, 8, 1)


@pytest.fixture
def pool(db: Database) -> Database:
    entries = [
        ReviewerInput("组织甲", "县委组织部", "A1", "男", True, "2028-01-01", "2026-05-01"),
        ReviewerInput("财政乙", "县财政局", "A2", "女", False, "2026-07-31", "2026-05-01"),
        ReviewerInput("审计丙", "县审计局", "A3", None, False, "2028-01-01", "2025-01-01"),
        ReviewerInput("组织丁", "县委组织部", "A4", "女", True, None, None, active=False,
                      conflicts=(ConflictInput("林晓梅", "亲属"),)),
    ]  # fmt: skip
    for entry in entries:
        reviewers.add_reviewer(db, entry)
    return db


def numbers(views: list[reviewers.ReviewerView]) -> list[str]:
    return [v.certificate_no for v in views]


def test_list_filters_for_the_pool_view(pool: Database) -> None:
    assert numbers(reviewers.list_reviewers(pool, on=TODAY)) == ["A1", "A2", "A3", "A4"]
    assert numbers(reviewers.list_reviewers(pool, certificate_valid=True, on=TODAY)) == ["A1", "A3"]
    assert numbers(reviewers.list_reviewers(pool, certificate_valid=False, on=TODAY)) == ["A2", "A4"]
    assert numbers(reviewers.list_reviewers(pool, trained=True, on=TODAY)) == ["A1", "A2"]
    assert numbers(reviewers.list_reviewers(pool, org_dept=True, on=TODAY)) == ["A1", "A4"]
    assert numbers(reviewers.list_reviewers(pool, active=False, on=TODAY)) == ["A4"]
    assert numbers(reviewers.list_reviewers(pool, search="财政", on=TODAY)) == ["A2"]
    assert numbers(reviewers.list_reviewers(pool, org_dept=True, certificate_valid=True, trained=True, on=TODAY)) == ["A1"]
    (ding,) = reviewers.list_reviewers(pool, active=False, on=TODAY)
    assert ding.conflicts[0].label == "林晓梅（亲属）" and ding.conflicts[0].kind == "person"


def test_add_refuses_a_certificate_number_already_in_the_pool(pool: Database, db_path) -> None:  # type: ignore[no-untyped-def]
    before = dump(db_path)
    with pytest.raises(Refused, match="已在评审人员库中"):
        reviewers.add_reviewer(pool, ReviewerInput("另一人", "县民政局", "A1"))
    for bad, field in [(ReviewerInput("", "县民政局", "B1"), "姓名"), (ReviewerInput("某", "", "B1"), "工作单位"),
                       (ReviewerInput("某", "县民政局", " "), "证书编号"),
                       (ReviewerInput("某", "县民政局", "B1", certified_until="明年"), "证书有效期至")]:  # fmt: skip
        with pytest.raises(Refused, match=field):
            reviewers.add_reviewer(pool, bad)
    assert dump(db_path) == before


def test_update_and_deactivate(pool: Database) -> None:
    current = reviewers.input_of(reviewers.get_reviewer(pool, "A2"))
    changed = reviewers.update_reviewer(pool, "A2", replace(current, certificate_no="A2-2027", certified_until="2029-01-01"))
    assert changed.certificate_no == "A2-2027" and changed.certified_until == date(2029, 1, 1)
    with pytest.raises(NotFound):
        reviewers.get_reviewer(pool, "A2")
    with pytest.raises(Refused, match="已属于另一位评审人员"):
        reviewers.update_reviewer(pool, "A2-2027", replace(current, certificate_no="A1"))
    assert reviewers.set_active(pool, "A1", False).active is False
    assert reviewers.get_reviewer(pool, "A1").conflicts == ()


def test_cli_add_edit_and_list(run, db_path) -> None:  # type: ignore[no-untyped-def]
    added = run("reviewer", "add", "郑文华", "--organization", "县委组织部", "--certificate-no", "QX-1", "--gender", "男",
                "--org-dept", "--certified-until", "2099-12-31", "--trained-on", date.today().isoformat(),
                "--conflicts", "林晓梅（亲属）；云岭镇（曾任职）")  # fmt: skip
    assert added.code == 0, added.err
    listed = json.loads(run("reviewer", "list", "--json").out)
    assert listed[0]["name"] == "郑文华" and listed[0]["org_dept"] and len(listed[0]["conflicts"]) == 2
    assert listed[0]["certificate_valid"] and listed[0]["trained"]
    before = dump(db_path)
    for args, message in [
        (("reviewer", "add", "某", "--organization", "县民政局", "--certificate-no", "QX-1"), "已在评审人员库中"),
        (("reviewer", "add", "某", "--organization", "县民政局", "--certificate-no", "QX-2", "--trained-on", "2026-02-30"),
         "最近培训日期 “2026-02-30” 不是有效日期"),
        (("reviewer", "edit", "QX-9", "--inactive"), "没有证书编号为 “QX-9” 的评审人员"),
        (("reviewer", "edit", "QX-1"), "没有要修改的内容"),
        (("reviewer", "add", "某", "--organization", "县民政局", "--certificate-no", "QX-3", "--gender", "X"), "性别"),
    ]:  # fmt: skip
        result = run(*args)
        assert result.code == 2 and message in result.err, result.err
    assert dump(db_path) == before
    assert run("reviewer", "edit", "QX-1", "--inactive", "--organization", "县委组织部组织科").code == 0
    (row,) = json.loads(run("reviewer", "list", "--json").out)
    assert row["active"] is False and row["organization"] == "县委组织部组织科" and len(row["conflicts"]) == 2
    assert run("reviewer", "edit", "QX-1", "--conflicts", "").code == 0
    assert json.loads(run("reviewer", "list", "--json").out)[0]["conflicts"] == []
    assert "郑文华" in run("reviewer", "list").out
    assert json.loads(run("reviewer", "list", "--valid", "--org-dept", "--json").out)[0]["name"] == "郑文华"


def test_changes_to_the_pool_are_in_the_audit_log(pool: Database, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from handover import audit

    reviewers.set_active(pool, "A2", False)
    sheet = tmp_path / "pool.csv"
    sheet.write_text("姓名,工作单位,证书编号,证书有效期至,最近培训日期\n新人戊,县民政局,A9,2028-01-01,2026-06-01\n", encoding="utf-8")
    reviewer_import.import_reviewers(pool, sheet)
    log = audit.entries(pool)
    actions = [(e.action, e.details.get("certificate_no")) for e in log if e.action.startswith("reviewer.")]
    assert actions[:4] == [("reviewer.add", "A1"), ("reviewer.add", "A2"), ("reviewer.add", "A3"), ("reviewer.add", "A4")]
    update = next(e for e in log if e.action == "reviewer.update")
    assert update.details["certificate_no"] == "A2" and update.details["active"] is False
    imported = next(e for e in log if e.action == "reviewer.import")
    assert imported.details["added"] == 1 and imported.details["certificates"] == ["A9"]
    assert audit.verify(pool).ok
