"""The sample county's reviewer pool (fictional people) and a panel drawn for its complete case; a step of `handover demo`."""

from __future__ import annotations

from datetime import date, timedelta

from handover.db import Database
from handover.demo.context import DemoContext
from handover.draw import service as draws
from handover.services import reviewers
from handover.services.reviewers import ReviewerInput
from handover.words import PANEL_PLACES

ORG = "县委组织部"
#: name, work unit, gender, certificate (ok/expired/none), training (ok/old/none), declared conflicts, active
POOL: list[tuple[str, str, str, str, str, str, bool]] = [
    ("郑文华", ORG, "男", "ok", "ok", "", True),
    ("钱雅琴", ORG, "女", "ok", "ok", "", True),
    ("孙卫东", ORG, "男", "ok", "ok", "", True),
    ("李慧敏", ORG, "女", "ok", "ok", "", True),
    ("冯志强", ORG, "男", "expired", "ok", "", True),
    ("何丽萍", ORG, "女", "ok", "none", "", True),
    ("王振宇", "县纪委监委", "男", "ok", "ok", "", True),
    ("陈晓燕", "县纪委监委", "女", "ok", "ok", "", True),
    ("刘建平", "县委宣传部", "男", "ok", "ok", "", True),
    ("赵国庆", "县财政局", "男", "ok", "ok", "林晓梅（亲属关系）", True),
    ("杨帆", "县审计局", "女", "ok", "ok", "", True),
    ("黄美玲", "县委党校", "女", "ok", "ok", "", True),
    ("徐明", "县委党校", "男", "ok", "old", "", True),
    ("朱红梅", "县民政局", "女", "ok", "ok", "", True),
    ("胡志刚", "县人力社保局", "男", "expired", "ok", "", True),
    ("郭静", "县农业农村局", "女", "ok", "ok", "", True),
    ("林峰", "县统计局", "男", "ok", "ok", "", True),
    ("罗永红", "县司法局", "女", "ok", "ok", "", False),
    ("梁文斌", "县住建局", "男", "ok", "old", "", True),
    ("宋佳", "县教育局", "女", "ok", "ok", "", True),
    ("谢云", "县卫健局", "男", "ok", "ok", "云岭镇（曾在该镇任职）", True),
    ("韩磊", "云岭镇人民政府", "男", "ok", "ok", "", True),
    ("唐晓东", "石门乡人民政府", "男", "ok", "ok", "", True),
    ("冯丽", "桃源镇人民政府", "女", "ok", "ok", "", True),
    ("董建华", "枫林街道办事处", "男", "ok", "ok", "陈立新（同村亲属）", True),
    ("萧雨", "青溪街道办事处", "女", "ok", "ok", "", True),
    ("程亮", "县委办公室", "男", "ok", "ok", "周建国（大学同学）", True),
    ("曹敏", "县政府办公室", "女", "ok", "ok", "", True),
    ("袁涛", "县信访局", "男", "none", "ok", "", True),
    ("邓红", "县发展改革局", "女", "ok", "ok", "", True),
    ("许杰", "县自然资源局", "男", "ok", "ok", "", True),
]


def _day(state: str, today: date, fresh: int, stale: int) -> date | None:
    # relative to today, so the sample stays valid whenever it is loaded
    return {"ok": today + timedelta(days=fresh), "expired": today - timedelta(days=stale)}.get(state)


def load(db: Database, ctx: DemoContext) -> None:
    """Add the pool and draw the complete case's panel with a witness phrase."""
    today = date.today()
    for number, (name, unit, gender, cert, trained, conflicts, active) in enumerate(POOL, start=1):
        reviewers.add_reviewer(
            db,
            ReviewerInput(
                name=name,
                organization=unit,
                certificate_no=f"QX-PS-{number:03d}",
                gender=gender,
                org_dept=unit == ORG,
                certified_until=_day(cert, today, 300 + 7 * number, 20 + number),
                trained_on={"ok": today - timedelta(days=30 + 5 * number),
                            "old": today - timedelta(days=430)}.get(trained),  # fmt: skip
                active=active,
                conflicts=reviewers.parse_conflicts(conflicts),
            ),
        )
    # the committed draw as an office does it: prepare (notice signed by the witnesses), then the witness speaks
    notice = draws.prepare(db, ctx.complete_case)
    view = draws.draw(db, ctx.complete_case, pool_hash=notice.pool_hash, commitment=notice.commitment,
                      witness="青溪县纪委监委 王振宇 见证")  # fmt: skip
    leader = next(m.name for m in view.members if m.role == "leader")
    members = "、".join(m.name for m in view.members if m.role != "leader")
    ctx.lines.append(
        f"评审人员库 {len(POOL)} 人；案件 {ctx.complete_case} 已抽签（抽签记录 {view.id}，排除 {len(view.excluded)} 人）："
        f"{PANEL_PLACES['leader']} {leader}，{PANEL_PLACES['member']} {members}，"
        f"{PANEL_PLACES['alternate']} {'、'.join(m.name for m in view.alternates)}"
    )
