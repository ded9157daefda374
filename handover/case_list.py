"""The case list in documented SQL: one page of cases, filtered, searched and sorted by the database (LIMIT/OFFSET).

Read through a plain DB-API connection (sqlite3, or psycopg for PostgreSQL), so the same few statements serve
`reading.list_cases` (`Database.reader`, autocommit: a page is one statement) and the GUI's first page at start-up,
before SQLAlchemy is even imported. Nothing here imports SQLAlchemy, SQLModel or pydantic.

The page query (placeholders shown as ``?``; PostgreSQL gets ``%s``)::

    SELECT h.id, u.name, u.unit_type, h.outgoing, h.incoming, h.term_start, h.term_end, h.handover_date, h.status,
           h.done_count, h.evaluation_grade, EXISTS (SELECT 1 FROM draw_record d WHERE d.case_id = h.id)
    FROM handover_case h JOIN unit u ON u.id = h.unit_id
    WHERE <filters> ORDER BY <column> <direction>, h.id <direction> LIMIT ? OFFSET ?

`h.done_count` is the case's completeness, stored by `reading.store_completeness` in the transaction of every edit
(migration 0007); the draw flag is an index lookup (ix_draw_record_case_id) for each row of the page only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from handover.errors import Refused
from handover.views import INDICATOR_COUNT, CaseSummary

#: SQL for "the value row v is complete": not applicable with a reason, or both values present (ValueView.complete)
COMPLETE = "(COALESCE(v.na_reason, '') <> '' OR (v.start_value IS NOT NULL AND v.end_value IS NOT NULL))"
#: every case's completeness counted again from its values (the benchmarks' bulk loads; migration 0007 has its own copy)
RECOUNT_ALL = (
    "UPDATE handover_case SET done_count = (SELECT count(*) FROM indicator_value v "
    f"WHERE v.case_id = handover_case.id AND {COMPLETE})"
)

#: how many cases one page holds (the GUI fetches the next page as the user scrolls)
PAGE = 50

_COLUMNS = (
    "h.id, u.name, u.unit_type, h.outgoing, h.incoming, h.term_start, h.term_end, h.handover_date, h.status, "
    "h.done_count, h.evaluation_grade, EXISTS (SELECT 1 FROM draw_record d WHERE d.case_id = h.id)"
)
_FROM = "FROM handover_case h JOIN unit u ON u.id = h.unit_id"
_DRAWN = "EXISTS (SELECT 1 FROM draw_record d WHERE d.case_id = h.id)"
_OPEN = "h.status NOT IN ('signed', 'review')"
#: the step of `views.step_of` as SQL conditions (the total number of indicators is the one parameter)
_STEP_WHERE = {
    "archive": ("h.status = 'signed'", False),
    "sign": ("h.status = 'review'", False),
    "checklist": (f"{_OPEN} AND h.done_count < ?", True),
    "draw": (f"{_OPEN} AND h.done_count >= ? AND NOT {_DRAWN}", True),
    "evaluation": (f"{_OPEN} AND h.done_count >= ? AND {_DRAWN} AND h.evaluation_grade IS NULL", True),
    "submit": (f"{_OPEN} AND h.done_count >= ? AND {_DRAWN} AND h.evaluation_grade IS NOT NULL", True),
}
#: the columns the list can be sorted by; every order ends with the case number, so pages never overlap
SORTS = {
    "id": "h.id",
    "unit": "u.name",
    "outgoing": "h.outgoing",
    "incoming": "h.incoming",
    "term": "h.term_start",
    "status": "h.status",
    "done": "h.done_count",
    "grade": "COALESCE(h.evaluation_grade, '')",
}


@dataclass(frozen=True)
class CaseQuery:
    """Which cases, in which order, which page. Filters combine; `search` looks in the unit and both secretaries'
    names (and a case number typed whole); `step` is a code of `words.STEPS`."""

    status: str | None = None
    year: int | None = None
    search: str | None = None
    unit: str | None = None
    step: str | None = None
    sort: str = "id"
    descending: bool = True
    limit: int | None = PAGE
    offset: int = 0

    def check(self) -> None:
        if self.year is not None and not 1949 <= self.year <= 2100:
            raise Refused(f"年份 {self.year} 不合理（应在 1949 至 2100 年之间）")
        if self.sort not in SORTS:
            raise Refused(f"无法按 “{self.sort}” 排序（可用：{'、'.join(SORTS)}）")
        if self.step is not None and self.step not in _STEP_WHERE:
            raise Refused(f"没有名为 “{self.step}” 的步骤")


def _where(query: CaseQuery, total: int, postgres: bool) -> tuple[str, list[Any]]:
    conditions: list[str] = []
    params: list[Any] = []
    if query.status:
        conditions.append("h.status = ?")
        params.append(query.status)
    if query.year is not None:
        first, last = date(query.year, 1, 1), date(query.year, 12, 31)
        conditions.append("h.term_end >= ? AND h.term_end <= ?")
        params += [first, last] if postgres else [first.isoformat(), last.isoformat()]
    if query.unit:
        conditions.append("u.name = ?")
        params.append(query.unit)
    needle = (query.search or "").strip()
    if needle:
        # % and _ typed by the user are letters, not LIKE wildcards
        pattern = "%" + needle.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        names = " OR ".join(f"{c} LIKE ? ESCAPE '\\'" for c in ("u.name", "h.outgoing", "h.incoming"))
        params += [pattern] * 3
        if needle.isdigit() and len(needle) < 19:
            names += " OR h.id = ?"
            params.append(int(needle))
        conditions.append(f"({names})")
    if query.step:
        condition, counted = _STEP_WHERE[query.step]
        conditions.append(condition)
        params += [total] if counted else []
    return (" WHERE " + " AND ".join(conditions)) if conditions else "", params


def _sql(statement: str, postgres: bool) -> str:
    return statement.replace("?", "%s") if postgres else statement


def page_sql(query: CaseQuery, *, postgres: bool = False) -> tuple[str, list[Any]]:
    """The statement of one page and its parameters."""
    query.check()
    total = indicator_total()
    where, params = _where(query, total, postgres)
    direction = "DESC" if query.descending else "ASC"
    order = SORTS[query.sort]
    order_by = f" ORDER BY {order} {direction}" + (f", h.id {direction}" if order != "h.id" else "")
    paging = ""
    if query.limit is not None:
        paging = " LIMIT ? OFFSET ?"
        params += [max(query.limit, 0), max(query.offset, 0)]
    return _sql(f"SELECT {_COLUMNS} {_FROM}{where}{order_by}{paging}", postgres), params


def count_sql(query: CaseQuery, *, postgres: bool = False) -> tuple[str, list[Any]]:
    query.check()
    where, params = _where(query, indicator_total(), postgres)
    # every case has its unit (a foreign key, not null): without a condition on the unit (its name filtered or
    # searched) the join changes no count
    on_unit = bool(query.unit or (query.search or "").strip())
    source = _FROM if on_unit else "FROM handover_case h"
    return _sql(f"SELECT count(*) {source}{where}", postgres), params


def indicator_total() -> int:
    """The number of indicators a complete case has: the catalogue's 40, which catalogue.load insists on (the list
    does not parse the catalogue for it: start-up shows the list before the catalogue is needed)."""
    return INDICATOR_COUNT


def is_postgres(connection: Any) -> bool:
    """psycopg (%s parameters) rather than sqlite3 or SQLCipher's sqlcipher3 (? parameters, an encrypted field file)."""
    return not type(connection).__module__.startswith(("sqlite3", "_sqlite3", "sqlcipher3"))


def fetch(connection: Any, query: CaseQuery) -> list[CaseSummary]:
    """One page of cases as plain views, read through a DB-API connection."""
    postgres = is_postgres(connection)
    statement, params = page_sql(query, postgres=postgres)
    total = indicator_total()
    cursor = connection.cursor()
    try:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    finally:
        cursor.close()
    return [_summary(row, total) for row in rows]


def count(connection: Any, query: CaseQuery) -> int:
    """How many cases the query's filters let through (its sort and page do not matter)."""
    statement, params = count_sql(query, postgres=is_postgres(connection))
    cursor = connection.cursor()
    try:
        cursor.execute(statement, params)
        return int(cursor.fetchone()[0])
    finally:
        cursor.close()


def _day(value: Any) -> Any:
    return date.fromisoformat(value) if isinstance(value, str) else value


def _summary(row: Sequence[Any], total: int) -> CaseSummary:
    """One row as a CaseSummary. Its fields are set at once: the frozen dataclass's __init__ sets each of them through
    object.__setattr__, 2.6 µs a row, more than the database needs for the row (tests compare with the views that
    reading.get_case builds the usual way)."""
    cid, unit, unit_type, out, inc, start, end, handover, status, done, grade, drawn = row
    summary = object.__new__(CaseSummary)
    summary.__dict__.update(
        id=int(cid), unit=unit, unit_type=unit_type, outgoing=out, incoming=inc, term_start=_day(start),
        term_end=_day(end), handover_date=_day(handover), status=status, done=int(done or 0), total=total, grade=grade,
        panel_drawn=bool(drawn),
    )  # fmt: skip
    return summary


def any_case(connection: Any) -> bool:
    """Whether the database holds a case at all (one index step, whatever the number of cases)."""
    cursor = connection.cursor()
    try:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM handover_case)")
        return bool(cursor.fetchone()[0])
    finally:
        cursor.close()


def term_years(connection: Any) -> list[int]:
    """The years from the earliest to the latest end of a term, newest first (the list's year filter)."""
    cursor = connection.cursor()
    try:
        # two subqueries, each one step of ix_handover_case_term_end: min() and max() in one SELECT read every row
        cursor.execute("SELECT (SELECT min(term_end) FROM handover_case), (SELECT max(term_end) FROM handover_case)")
        first, last = cursor.fetchone()
    finally:
        cursor.close()
    if first is None or last is None:
        return []
    return list(range(_day(last).year, _day(first).year - 1, -1))


def setting(connection: Any, key: str) -> str | None:
    """A setting as stored (None when it was never set): what the GUI needs before SQLAlchemy is loaded."""
    cursor = connection.cursor()
    try:
        cursor.execute(_sql("SELECT value FROM setting WHERE key = ?", is_postgres(connection)), [key])
        found = cursor.fetchone()
    finally:
        cursor.close()
    return None if found is None else str(found[0])


def checked_out(connection: Any) -> frozenset[int]:
    """The cases out on a field visit now (a checkout not checked in: handover/field), read plainly for the list."""
    cursor = connection.cursor()
    try:
        cursor.execute("SELECT case_id FROM field_checkout WHERE checked_in_at IS NULL")
        return frozenset(int(row[0]) for row in cursor.fetchall())
    finally:
        cursor.close()
