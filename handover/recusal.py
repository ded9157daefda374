"""Who may not sit on a case's panel, and why (回避与资格): the seven exclusion rules, in one place.

1. works in the unit under review; 2. is the outgoing or incoming secretary; 3. declared a conflict with either
secretary or with the unit; 4. certificate missing or expired on the draw date; 5. no training within the last
`training_months`; 6. sat on a panel for the same unit within the last `recent_panel_months`; 7. inactive.
Every rule that applies is recorded, not only the first, so the record shows the full picture.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about the case under review."""

    unit: str
    villages: tuple[str, ...]
    outgoing: str
    incoming: str


@dataclass(frozen=True)
class ReviewerFacts:
    """What the rules need to know about one reviewer; conflicts are (target, reason) pairs."""

    certificate_no: str
    name: str
    organization: str
    certified_until: date | None
    trained_on: date | None
    active: bool
    conflicts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Periods:
    """The settings `training_months` and `recent_panel_months`."""

    training_months: int = 12
    recent_panel_months: int = 24


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, clamped to the month's end (2026-03-31 minus 1 month is 2026-02-28)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def _same_body(organization: str, body: str) -> bool:
    """A work unit belongs to a body if it is the body or starts with its name (云岭镇人民政府 belongs to 云岭镇)."""
    organization, body = organization.strip(), body.strip()
    return bool(body) and (organization == body or organization.startswith(body))


def works_in_unit(organization: str, case: CaseFacts) -> str | None:
    if _same_body(organization, case.unit):
        return f"工作单位“{organization}”属于被评审单位{case.unit}"
    for village in case.villages:
        if _same_body(organization, village):
            return f"工作单位“{organization}”是被评审单位{case.unit}下辖的{village}"
    return None


def reasons(
    reviewer: ReviewerFacts,
    case: CaseFacts,
    on: date,
    periods: Periods,
    recent_panels: Iterable[str] = (),
) -> tuple[str, ...]:
    """Every reason why this reviewer may not be drawn for this case on this date; empty when eligible.

    `recent_panels` describes the panels for the same unit within the period on which this reviewer sat.
    """
    found: list[str] = []
    unit_reason = works_in_unit(reviewer.organization, case)
    if unit_reason:
        found.append(f"规则1 在被评审单位工作：{unit_reason}")
    name = reviewer.name.strip()
    if name == case.outgoing.strip():
        found.append(f"规则2 本人是离任书记{case.outgoing}")
    if name == case.incoming.strip():
        found.append(f"规则2 本人是接任书记{case.incoming}")
    for target, why in reviewer.conflicts:
        with_whom = _conflict_match(target, case)
        if with_whom:
            found.append(f"规则3 申报回避：{with_whom}（{why or '未注明理由'}）")
    if reviewer.certified_until is None:
        found.append("规则4 无有效证书：未登记证书有效期")
    elif reviewer.certified_until < on:
        found.append(f"规则4 证书已过期：有效期至{reviewer.certified_until.isoformat()}，抽签日期{on.isoformat()}")
    cutoff = months_before(on, periods.training_months)
    if reviewer.trained_on is None:
        found.append(f"规则5 无培训记录（须在近{periods.training_months}个月内参加培训）")
    elif reviewer.trained_on < cutoff:
        found.append(
            f"规则5 近{periods.training_months}个月内未参加培训：最近培训日期{reviewer.trained_on.isoformat()}"
        )
    for panel in recent_panels:
        found.append(f"规则6 近{periods.recent_panel_months}个月内曾参加同一单位的评审：{panel}")
    if not reviewer.active:
        found.append("规则7 已停用（不在岗）")
    return tuple(found)


def quick_pass(case: CaseFacts, on: date, periods: Periods) -> Callable[[str, str, date | None, date | None, bool], bool]:
    """A test of (name, organization, certified_until, trained_on, active) that is True only when `reasons` finds nothing
    for a reviewer without declared conflicts and without recent panels: most of a pool, checked without building
    anything. False means: ask `reasons`, which says why."""
    cutoff = months_before(on, periods.training_months)
    secretaries = {case.outgoing.strip(), case.incoming.strip()}
    bodies = tuple(b for b in (b.strip() for b in (case.unit, *case.villages)) if b)  # as works_in_unit compares them

    def passes(name: str, organization: str, certified_until: date | None, trained_on: date | None, active: bool) -> bool:
        return bool(
            active
            and certified_until is not None
            and certified_until >= on
            and trained_on is not None
            and trained_on >= cutoff
            and name.strip() not in secretaries
            and not organization.strip().startswith(bodies)
        )

    return passes


def _conflict_match(target: str, case: CaseFacts) -> str | None:
    target = target.strip()
    if not target:
        return None
    if target == case.outgoing.strip():
        return f"与离任书记{case.outgoing}"
    if target == case.incoming.strip():
        return f"与接任书记{case.incoming}"
    if _same_body(target, case.unit):
        return f"与被评审单位{case.unit}"
    return None

