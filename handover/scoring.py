"""The suggested overall grade (建议等次) of a case from its trends, with the rule behind it stated in words.

Each indicator with both values counts as improved (提升), held (持平) or declined (下降); a key indicator (★, the seven of
the review report) weighs KEY_WEIGHT, any other 1. Indicators with no better direction (变化) and "not applicable" ones do
not count. The score is (improved weight − declined weight) / counted weight, from −1 to 1.
The suggestion only helps the organisation department: the final grade is theirs.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from handover import catalogue as catalogue_mod
from handover.trend import Trend
from handover.views import CaseDetail
from handover.words import GRADES

KEY_WEIGHT = 2
#: (lowest score, grade), best first; 优秀 also needs no declined key indicator
THRESHOLDS = ((Fraction(1, 2), GRADES[0]), (Fraction(1, 5), GRADES[1]), (Fraction(-1, 10), GRADES[2]))
LOWEST = GRADES[3]


@dataclass(frozen=True)
class AreaTrends:
    """How the indicators of one area moved."""

    code: str
    name: str
    improved: int
    held: int
    declined: int
    other: int  # changed without a better side, not applicable, or not yet filled


@dataclass(frozen=True)
class Suggestion:
    grade: str | None
    score: Fraction | None
    improved: int
    held: int
    declined: int
    key_declined: tuple[str, ...]
    areas: tuple[AreaTrends, ...]
    rule: str


def area_trends(detail: CaseDetail) -> tuple[AreaTrends, ...]:
    cat = catalogue_mod.load()
    result = []
    for area in cat.areas:
        values = [v for v in detail.values if v.area_code == area.code]
        counts = {t: sum(1 for v in values if v.trend == t.value) for t in (Trend.IMPROVED, Trend.HELD, Trend.DECLINED)}
        other = len(values) - sum(counts.values())
        result.append(
            AreaTrends(area.code, area.name, counts[Trend.IMPROVED], counts[Trend.HELD], counts[Trend.DECLINED], other)
        )
    return tuple(result)


def suggest(detail: CaseDetail) -> Suggestion:
    """The suggested grade; None while indicators are missing."""
    areas = area_trends(detail)
    improved = sum(a.improved for a in areas)
    held = sum(a.held for a in areas)
    declined = sum(a.declined for a in areas)
    key_declined = tuple(v.name for v in detail.values if v.key and v.trend == Trend.DECLINED.value)
    counts = f"{Trend.IMPROVED} {improved} 项、{Trend.HELD} {held} 项、{Trend.DECLINED} {declined} 项"
    if detail.missing:
        rule = f"尚有 {len(detail.missing)} 项指标未填写完整，暂不给出建议等次（目前{counts}）"
        return Suggestion(None, None, improved, held, declined, key_declined, areas, rule)
    weight = {True: KEY_WEIGHT, False: 1}
    counted = [v for v in detail.values if v.trend in (Trend.IMPROVED.value, Trend.HELD.value, Trend.DECLINED.value)]
    total = sum(weight[v.key] for v in counted)
    if total == 0:
        rule = "没有可比较的指标（均为不适用或无优劣方向），不给出建议等次"
        return Suggestion(None, None, improved, held, declined, key_declined, areas, rule)
    up = sum(weight[v.key] for v in counted if v.trend == Trend.IMPROVED.value)
    down = sum(weight[v.key] for v in counted if v.trend == Trend.DECLINED.value)
    score = Fraction(up - down, total)
    grade = LOWEST
    for low, name in THRESHOLDS:
        if score >= low and not (name == GRADES[0] and key_declined):
            grade = name
            break
    rule = (
        f"{counts}；重点指标按 {KEY_WEIGHT} 倍计权，得分 =（提升权重 {up} − 下降权重 {down}）÷ 可比权重 {total} = "
        f"{float(score):.2f}。得分 ≥ 0.50 且重点指标无下降为优秀，≥ 0.20 为良好，≥ −0.10 为一般，其余为较差"
    )
    if key_declined and score >= THRESHOLDS[0][0]:
        rule += f"（重点指标 {'、'.join(key_declined)} 下降，不建议优秀）"
    return Suggestion(grade, score, improved, held, declined, key_declined, areas, rule)
