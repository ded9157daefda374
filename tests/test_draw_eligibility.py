"""Who is excluded from a draw and why: each of the seven rules, recorded with its reason in the stored draw record."""

from __future__ import annotations

import json
import sqlite3
from datetime import date

import pytest

from handover import settings
from handover.db import Database
from handover.draw import service as draws
from handover.services import cases, units
from handover.services.reviewers import ConflictInput, ReviewerInput, add_reviewer
from tests.conftest import draw_panel

DRAW_DAY = date(2026, 8, 1)
VALID = {"certified_until": "2028-12-31", "trained_on": "2026-03-01"}


def person(name: str, unit: str, number: str, *, org: bool = False, **changes: object) -> ReviewerInput:
    fields: dict[str, object] = {**VALID, **changes}
    return ReviewerInput(name=name, organization=unit, certificate_no=number, org_dept=org, **fields)  # type: ignore[arg-type]


BASE = [
    person("组织甲", "县委组织部", "A01", org=True),
    person("组织乙", "县委组织部", "A02", org=True),
    person("纪委丙", "县纪委监委", "A03"),
    person("财政丁", "县财政局", "A04"),
    person("审计戊", "县审计局", "A05"),
    person("党校己", "县委党校", "A06"),
]
#: certificate number → (reviewer, the rule number expected in the recorded reason, words of the reason)
EXCLUDED = {
    "X11": (person("镇干部", "云岭镇人民政府", "X11"), "规则1", "属于被评审单位云岭镇"),
    "X12": (person("村干部", "张家村", "X12"), "规则1", "下辖的张家村"),
    "X21": (person("林晓梅", "县民政局", "X21"), "规则2", "离任书记林晓梅"),
    "X22": (person("周建国", "县民政局", "X22"), "规则2", "接任书记周建国"),
    "X31": (person("亲属甲", "县统计局", "X31", conflicts=(ConflictInput("林晓梅", "配偶之兄"),)), "规则3",
            "与离任书记林晓梅（配偶之兄）"),
    "X32": (person("同学乙", "县统计局", "X32", conflicts=(ConflictInput("周建国", "大学同学"),)), "规则3",
            "与接任书记周建国（大学同学）"),
    "X33": (person("旧部丙", "县统计局", "X33", conflicts=(ConflictInput("云岭镇", "曾任该镇副镇长"),)), "规则3",
            "与被评审单位云岭镇（曾任该镇副镇长）"),
    "X41": (person("过期甲", "县司法局", "X41", certified_until="2026-07-31"), "规则4", "有效期至2026-07-31"),
    "X42": (person("无证乙", "县司法局", "X42", certified_until=None), "规则4", "未登记证书有效期"),
    "X51": (person("久训甲", "县住建局", "X51", trained_on="2025-07-31"), "规则5", "最近培训日期2025-07-31"),
    "X52": (person("未训乙", "县住建局", "X52", trained_on=None), "规则5", "无培训记录"),
    "X71": (person("停用甲", "县教育局", "X71", active=False), "规则7", "已停用"),
}  # fmt: skip
BOUNDARY_OK = [
    person("今日到期", "县卫健局", "B01", certified_until="2026-08-01"),
    person("整年培训", "县交通局", "B02", trained_on="2025-08-01"),
    person("无关回避", "县水利局", "B03", conflicts=(ConflictInput("别人", "亲属"),)),
]


def county(db: Database) -> int:
    units.add_unit(db, "云岭镇", "township")
    units.add_village(db, "云岭镇", "张家村")
    units.add_unit(db, "石门乡", "township")
    return cases.create_case(db, cases.NewCase("云岭镇", "林晓梅", "周建国", "2021-09-01", "2026-08-20"))


@pytest.fixture
def case_id(db: Database) -> int:
    case = county(db)
    for reviewer in [*BASE, *(r for r, _, _ in EXCLUDED.values()), *BOUNDARY_OK]:
        add_reviewer(db, reviewer)
    return case


def test_each_rule_excludes_with_its_recorded_reason(db: Database, case_id: int, db_path) -> None:  # type: ignore[no-untyped-def]
    preview = draws.preview(db, case_id, today=DRAW_DAY)
    excluded = {e.certificate_no: e for e in preview.excluded}
    assert set(excluded) == set(EXCLUDED)
    for number, (_, rule, words) in EXCLUDED.items():
        assert len(excluded[number].reasons) == 1, excluded[number].reasons
        assert excluded[number].reason.startswith(rule) and words in excluded[number].reason
    assert {c.certificate_no for c in preview.eligible} == {"A01", "A02", "A03", "A04", "A05", "A06", "B01", "B02", "B03"}
    assert preview.problem is None

    view = draw_panel(db, case_id, today=DRAW_DAY)
    assert view.pool_hash == preview.pool_hash
    assert {e.certificate_no: e.reasons for e in view.excluded} == {k: v.reasons for k, v in excluded.items()}
    assert not {m.certificate_no for m in (*view.members, *view.alternates)} & set(EXCLUDED)
    # the reasons are in the stored record itself, not recomputed for display
    conn = sqlite3.connect(db_path)
    stored = json.loads(conn.execute("SELECT snapshot FROM draw_record WHERE id = ?", (view.id,)).fetchone()[0])
    conn.close()
    assert {e["certificate_no"]: e["reasons"][0][:3] for e in stored["excluded"]} == {
        k: rule for k, (_, rule, _) in EXCLUDED.items()
    }


def test_every_reason_that_applies_is_recorded(db: Database) -> None:
    case = county(db)
    for reviewer in BASE:
        add_reviewer(db, reviewer)
    add_reviewer(db, person("林晓梅", "云岭镇人民政府", "M01", certified_until=None, trained_on=None, active=False))
    (only,) = draws.preview(db, case, today=DRAW_DAY).excluded
    assert [r[:3] for r in only.reasons] == ["规则1", "规则2", "规则4", "规则5", "规则7"]


def test_periods_are_settings(db: Database, case_id: int) -> None:
    settings.set_value(db, "training_months", "24")
    excluded = {e.certificate_no for e in draws.preview(db, case_id, today=DRAW_DAY).excluded}
    assert "X51" not in excluded and "X52" in excluded


def test_a_pool_frozen_again_sees_a_changed_setting_and_day(db: Database, case_id: int) -> None:
    # the same process freezes the pool again (prepare, then draw): what changed besides the reviewers counts too
    before = draws.preview(db, case_id, today=DRAW_DAY)
    assert "X51" in {e.certificate_no for e in before.excluded}
    settings.set_value(db, "training_months", "24")
    after = draws.preview(db, case_id, today=DRAW_DAY)
    assert "X51" not in {e.certificate_no for e in after.excluded} and after.pool_hash != before.pool_hash
    later = draws.preview(db, case_id, today=date(2099, 1, 1))
    assert not later.eligible and later.pool_hash != after.pool_hash


def test_rule6_recent_panel_for_the_same_unit(db: Database, case_id: int) -> None:
    earlier = cases.create_case(db, cases.NewCase("云岭镇", "前任甲", "林晓梅", "2016-09-01", "2021-08-31"))
    oldest = cases.create_case(db, cases.NewCase("云岭镇", "前任乙", "前任甲", "2011-09-01", "2016-08-31"))
    elsewhere = cases.create_case(db, cases.NewCase("石门乡", "某甲", "某乙", "2021-09-01", "2026-08-20"))
    recent = draw_panel(db, earlier, today=date(2025, 6, 1))  # 14 months before the draw day
    old = draw_panel(db, oldest, today=date(2024, 6, 1))  # 26 months before
    other = draw_panel(db, elsewhere, today=date(2026, 7, 1))  # another unit
    recent_panel = {m.certificate_no for m in recent.panel}
    excluded = {e.certificate_no: e.reasons for e in draws.preview(db, case_id, today=DRAW_DAY).excluded}
    for number in recent_panel:
        assert any(r.startswith("规则6") and f"案件{earlier}" in r and "前任甲离任" in r for r in excluded[number])
    rule6 = {k for k, reasons in excluded.items() if any(r.startswith("规则6") for r in reasons)}
    assert rule6 == recent_panel
    assert not ({m.certificate_no for m in old.panel} - recent_panel) & rule6
    assert not ({m.certificate_no for m in other.panel} - recent_panel) & rule6
    # alternates did not sit on the panel; the period is the setting recent_panel_months
    assert not {a.certificate_no for a in recent.alternates} & rule6
    settings.set_value(db, "recent_panel_months", "12")
    reasons = [r for e in draws.preview(db, case_id, today=DRAW_DAY).excluded for r in e.reasons]
    assert not [r for r in reasons if r.startswith("规则6")]


def test_rule6_follows_replacements(db: Database, case_id: int) -> None:
    earlier = cases.create_case(db, cases.NewCase("云岭镇", "前任甲", "林晓梅", "2016-09-01", "2021-08-31"))
    first = draw_panel(db, earlier, today=date(2025, 6, 1), alternates=3)
    leaving = next(m for m in first.panel if m.role == "member")
    after = draws.replace_member(db, first.id, leaving.name, "因病住院")
    newcomer = after.replacements[0].replacement.certificate_no
    excluded = {e.certificate_no: e.reasons for e in draws.preview(db, case_id, today=DRAW_DAY).excluded}
    assert any(r.startswith("规则6") for r in excluded[newcomer])
    assert not any(r.startswith("规则6") for r in excluded.get(leaving.certificate_no, ()))
