"""Plain read-only views handed out by the services: safe to keep after the session is closed, no ORM in them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from handover.words import STATUSES, STEPS

#: the indicators of the handover sheet (交接单): every catalogue has exactly this many (catalogue.load checks it)
INDICATOR_COUNT = 40

#: a case not signed yet: a unit has at most one per term, a signed case at most one open revision
OPEN_STATUSES = ("draft", "review")


def step_of(*, complete: bool, panel_drawn: bool, evaluated: bool, status: str) -> str:
    """The first step of `STEPS` a case has not done yet; a signed case is at 归档 (its signed PDF goes to the file).

    The order is the order of the work: every indicator entered (清单), the panel drawn (抽签), the overall evaluation
    written (评价), submitted for review (提交), the three signatures (签字). A case under review or signed has done
    the steps before it even if, say, an old case had no draw recorded: its status says where it stands.
    """
    if status == "signed":
        return "archive"
    if status == "review":
        return "sign"
    for done, step in ((complete, "checklist"), (panel_drawn, "draw"), (evaluated, "evaluation")):
        if not done:
            return step
    return "submit"


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
    #: a panel has been drawn by lot for the case (a draw record exists)
    panel_drawn: bool = False

    @property
    def status_label(self) -> str:
        return STATUSES.get(self.status, self.status)

    @property
    def step(self) -> str:
        """The step the case is at: the first one not done (a code of `handover.words.STEPS`)."""
        return step_of(
            complete=self.done >= self.total,
            panel_drawn=self.panel_drawn,
            evaluated=self.grade is not None,
            status=self.status,
        )

    @property
    def step_label(self) -> str:
        return STEPS[self.step]

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
            "step": self.step,
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
