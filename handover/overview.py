"""The county at a glance (全县概览): every unit with its latest case, its step, grade and the seven key indicators.

One reading serves the overview screen and the summary spreadsheet (`handover export summary`), so both say the same:
the cases come from `reading.list_cases`, the key indicators' values from one query over the chosen cases, their change
and trend from `trend.compute` as everywhere else, and each key indicator's county ranking from the end-of-term values.

Ranking rule: among the rows whose key indicator has an end-of-term value (not "not applicable"), the better value ranks
first — the larger one where the indicator's better direction is up (↑), the smaller where it is down (↓); equal values
share a rank and the next rank skips (1, 2, 2, 4); an indicator with no better direction is not ranked.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import select as sa_select
from sqlmodel import col, select

from handover import catalogue as catalogue_mod
from handover import trend
from handover.catalogue import Direction, Indicator
from handover.db import Database
from handover.models import IndicatorValue, Unit
from handover.reading import list_cases
from handover.views import CaseSummary

#: SQLite refuses more than 32,766 parameters in one statement; the case ids are sent in chunks well below that
_CHUNK = 500


@dataclass(frozen=True)
class KeyValue:
    """One key indicator of one case: both values, the change, the trend word and the county rank of the end value."""

    code: str
    start: str | None
    end: str | None
    na_reason: str | None
    change: str | None
    trend: str | None
    rank: int | None = None


@dataclass(frozen=True)
class OverviewRow:
    """One unit and its latest case (None when the unit has no case yet, or none in the year asked for)."""

    unit: str
    unit_type: str
    case: CaseSummary | None
    keys: tuple[KeyValue, ...]

    def key(self, code: str) -> KeyValue | None:
        return next((k for k in self.keys if k.code == code), None)


@dataclass(frozen=True)
class Overview:
    key_indicators: tuple[Indicator, ...]
    rows: tuple[OverviewRow, ...]


def county_overview(db: Database, *, year: int | None = None, step: str | None = None) -> Overview:
    """Every unit with its latest case (the one with the latest term end, then the newest), filtered by year and step.

    With a year or a step, units with no case that matches are left out; without, they are listed with no case.
    """
    cases = latest_cases(list_cases(db, year=year))
    if step:
        cases = {unit: case for unit, case in cases.items() if case.step == step}
    with db.session() as session:
        units = [(name, kind) for name, kind in session.exec(select(Unit.name, Unit.unit_type).order_by(col(Unit.name)))]
    if year is not None or step:
        units = [(name, kind) for name, kind in units if name in cases]
    keys = key_values(db, [c for c in cases.values()])
    rows = [OverviewRow(name, kind, cases.get(name), keys.get(cases[name].id, ()) if name in cases else ()) for name, kind in units]
    cat = catalogue_mod.load()
    return Overview(cat.key_indicators, tuple(ranked(rows, cat.key_indicators)))


def latest_cases(cases: Iterable[CaseSummary]) -> dict[str, CaseSummary]:
    """The latest case of each unit, by unit name: the latest term end, and of two with the same end the newer one."""
    latest: dict[str, CaseSummary] = {}
    for case in cases:
        held = latest.get(case.unit)
        if held is None or (case.term_end, case.id) > (held.term_end, held.id):
            latest[case.unit] = case
    return latest


def key_values(db: Database, cases: Sequence[CaseSummary]) -> dict[int, tuple[KeyValue, ...]]:
    """The seven key indicators of each case, by case id, in catalogue order (unfilled ones with no values)."""
    cat = catalogue_mod.load()
    indicators = cat.key_indicators
    stored: dict[tuple[int, str], tuple[str | None, str | None, str | None]] = {}
    ids = [c.id for c in cases]
    with db.session() as session:
        for i in range(0, len(ids), _CHUNK):
            query = sa_select(*(col(c) for c in (
                IndicatorValue.case_id, IndicatorValue.code, IndicatorValue.start_value, IndicatorValue.end_value,
                IndicatorValue.na_reason,
            ))).where(
                col(IndicatorValue.case_id).in_(ids[i : i + _CHUNK]),
                col(IndicatorValue.code).in_([ind.code for ind in indicators]),
            )  # fmt: skip
            for case_id, code, start, end, na in session.execute(query):
                stored[(case_id, code)] = (start, end, na)
    result = {}
    for case_id in ids:
        values = []
        for ind in indicators:
            start, end, na = stored.get((case_id, ind.code), (None, None, None))
            change = trend.compute(ind, start, end, cat.grades) if start is not None and end is not None and not na else None
            values.append(KeyValue(ind.code, start, end, na, change.delta if change else None,
                                   change.trend.value if change else None))  # fmt: skip
        result[case_id] = tuple(values)
    return result


def _number(text: str | None, ind: Indicator, grades: tuple[str, ...]) -> Decimal | None:
    if text is None:
        return None
    if text in grades:  # 好 is better than 较好: a grade's place in the list, smaller is better
        return Decimal(-grades.index(text))
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def ranked(rows: Sequence[OverviewRow], indicators: Sequence[Indicator]) -> list[OverviewRow]:
    """The rows with each key indicator's county rank filled in (see the module's ranking rule)."""
    grades = catalogue_mod.load().grades
    ranks: dict[tuple[int, str], int] = {}
    for ind in indicators:
        if ind.direction is Direction.NONE:
            continue
        scored = []
        for number, row in enumerate(rows):
            value = row.key(ind.code)
            amount = _number(value.end, ind, grades) if value and not value.na_reason else None
            if amount is not None:
                scored.append((amount if ind.direction is Direction.DOWN else -amount, number))
        scored.sort()
        for place, (amount, number) in enumerate(scored):
            ranks[(number, ind.code)] = place + 1 if place == 0 or amount != scored[place - 1][0] else ranks[(scored[place - 1][1], ind.code)]
    return [
        OverviewRow(row.unit, row.unit_type, row.case,
                    tuple(_with_rank(k, ranks.get((number, k.code))) for k in row.keys))  # fmt: skip
        for number, row in enumerate(rows)
    ]


def _with_rank(value: KeyValue, rank: int | None) -> KeyValue:
    return KeyValue(value.code, value.start, value.end, value.na_reason, value.change, value.trend, rank)
