"""Plain read-only views handed out by the services: safe to keep after the session is closed, no ORM in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from handover.words import STATUSES

#: a case not signed yet: a unit has at most one per term, a signed case at most one open revision
OPEN_STATUSES = ("draft", "review")


@dataclass(frozen=True)
class UnitView:
    id: int
    name: str
    unit_type: str
    type_name: str
    villages: tuple[str, ...] = ()


@dataclass(frozen=True)
class CaseSummary:
    """One line of the case list."""

    id: int
    unit: str
    unit_type: str
    outgoing: str
    incoming: str
    term_start: date
    term_end: date
    handover_date: date | None
    status: str
    done: int
    total: int
    grade: str | None

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "unit": self.unit,
            "outgoing": self.outgoing,
            "incoming": self.incoming,
            "term_start": self.term_start.isoformat(),
            "term_end": self.term_end.isoformat(),
            "status": self.status,
            "progress": {"done": self.done, "total": self.total},
            "grade": self.grade,
        }


@dataclass(frozen=True)
class ValueView:
    """One indicator of a case with its values, the computed change and trend, and the villages named."""

    code: str
    name: str
    area_code: str
    kind: str
    unit_label: str
    direction: str
    key: bool
    lists_villages: bool
    start: str | None
    end: str | None
    change: str | None
    trend: str | None
    change_words: str | None
    villages_start: tuple[str, ...]
    villages_end: tuple[str, ...]
    na_reason: str | None
    note: str | None

    @property
    def complete(self) -> bool:
        return bool(self.na_reason) or (self.start is not None and self.end is not None)

    @property
    def villages_added(self) -> tuple[str, ...]:
        return tuple(v for v in self.villages_end if v not in self.villages_start)

    @property
    def villages_removed(self) -> tuple[str, ...]:
        return tuple(v for v in self.villages_start if v not in self.villages_end)

    def to_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "start": self.start,
            "end": self.end,
            "change": self.change,
            "trend": self.trend,
            "change_words": self.change_words,
            "villages_start": list(self.villages_start),
            "villages_end": list(self.villages_end),
            "na_reason": self.na_reason,
            "note": self.note,
        }


@dataclass(frozen=True)
class Missing:
    """What keeps one indicator from being complete."""

    code: str
    name: str
    what: str


@dataclass(frozen=True)
class CaseDetail:
    """A whole case: the header, all 40 values in catalogue order, the evaluation and what is missing."""

    summary: CaseSummary
    catalogue_version: str
    values: tuple[ValueView, ...]
    evaluation_grade: str | None
    evaluation_comment: str | None
    missing: tuple[Missing, ...] = field(default_factory=tuple)

    @property
    def id(self) -> int:
        return self.summary.id

    def value(self, code: str) -> ValueView:
        return next(v for v in self.values if v.code == code)

    def to_dict(self) -> dict[str, object]:
        s = self.summary
        return {
            "id": s.id,
            "unit": s.unit,
            "unit_type": s.unit_type,
            "outgoing": s.outgoing,
            "incoming": s.incoming,
            "term_start": s.term_start.isoformat(),
            "term_end": s.term_end.isoformat(),
            "handover_date": s.handover_date.isoformat() if s.handover_date else None,
            "status": s.status,
            "catalogue_version": self.catalogue_version,
            "progress": {"done": s.done, "total": s.total},
            "missing": [{"code": m.code, "name": m.name, "what": m.what} for m in self.missing],
            "values": [v.to_dict() for v in self.values],
            "evaluation": {"grade": self.evaluation_grade, "comment": self.evaluation_comment},
        }
