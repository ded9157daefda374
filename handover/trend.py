"""Change and trend of an indicator from the start of the term (届初) to its end (届末), stated plainly."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from handover.catalogue import Direction, Indicator, Kind
from handover.words import TRENDS


class Trend(StrEnum):
    """How the indicator moved, judged by its direction: better, level, worse, or moved with no better side."""

    IMPROVED = TRENDS["improved"]
    HELD = TRENDS["held"]
    DECLINED = TRENDS["declined"]
    CHANGED = TRENDS["changed"]


ARROW = {Trend.IMPROVED: "↑", Trend.HELD: "→", Trend.DECLINED: "↓", Trend.CHANGED: "↕"}


@dataclass(frozen=True)
class Change:
    """The change in numbers (end − start; for grades, levels gained) and in words."""

    delta: str | None
    trend: Trend
    words: str

    @property
    def arrow(self) -> str:
        return ARROW[self.trend]


def _fmt(number: Decimal) -> str:
    return format(number.normalize(), "f") if number != 0 else "0"


def compute(ind: Indicator, start: str, end: str, grades: tuple[str, ...]) -> Change:
    """The change from start to end of one indicator; both values are canonical (see rules.parse_value)."""
    if ind.kind is Kind.GRADE:
        # grades are listed best first, so a smaller index is better
        gained = grades.index(start) - grades.index(end)
        if gained == 0:
            return Change("0", Trend.HELD, f"{Trend.HELD}（均为“{end}”）")
        verb = "提高" if gained > 0 else "降低"
        trend = Trend.IMPROVED if gained > 0 else Trend.DECLINED
        return Change(str(gained), trend, f"由“{start}”{verb}为“{end}”（{verb}{abs(gained)}个等次）")
    a, b = Decimal(start), Decimal(end)
    delta = b - a
    if delta == 0:
        return Change("0", Trend.HELD, Trend.HELD.value)
    if ind.kind is Kind.RANK:
        # rank 1 is best: a smaller number is a rise in position
        rose = delta < 0
        trend = Trend.IMPROVED if rose else Trend.DECLINED
        word = "上升" if rose else Trend.DECLINED.value
        return Change(_fmt(delta), trend, f"从第{start}位{'升' if rose else '降'}至第{end}位（{word}{_fmt(abs(delta))}位）")
    increased = delta > 0
    if ind.direction is Direction.NONE:
        trend = Trend.CHANGED
    elif increased == (ind.direction is Direction.UP):
        trend = Trend.IMPROVED
    else:
        trend = Trend.DECLINED
    amount = _fmt(abs(delta))
    if ind.kind is Kind.PERCENT:
        verb = "提高" if increased else "降低"
        words = f"从{start}%{verb}至{end}%（{verb}{amount}个百分点）"
    elif ind.kind is Kind.AMOUNT:
        verb = "增加" if increased else "减少"
        words = f"从{start}万元{verb}至{end}万元（{verb}{amount}万元）"
    elif ind.kind is Kind.YEARS:
        verb = "提高" if increased else "降低"
        words = f"从{start}岁{verb}至{end}岁（{verb}{amount}岁）"
    else:
        verb = "增至" if increased else "减至"
        unit = ind.unit_label
        words = f"从{start}{unit}{verb}{end}{unit}（{'增加' if increased else '减少'}{amount}{unit}）"
    return Change(_fmt(delta), trend, words)
