"""Plain read-only views of the reviewer pool and of draws, handed to the GUI, the PDF appendix and the command line."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from handover.words import PANEL_PLACES


@dataclass(frozen=True)
class ConflictView:
    """A declared conflict (回避对象): `kind` is "person" or "unit"."""

    target: str
    kind: str
    reason: str

    @property
    def label(self) -> str:
        return f"{self.target}（{self.reason}）" if self.reason else self.target

    def to_dict(self) -> dict[str, str]:
        return {"target": self.target, "kind": self.kind, "reason": self.reason}


@dataclass(frozen=True)
class ReviewerView:
    """One reviewer of the pool; `certificate_valid` and `trained` are judged on `as_of` with the current settings."""

    id: int
    name: str
    organization: str
    gender: str | None
    org_dept: bool
    certificate_no: str
    certified_until: date | None
    trained_on: date | None
    active: bool
    conflicts: tuple[ConflictView, ...]
    certificate_valid: bool
    trained: bool
    as_of: date

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "organization": self.organization,
            "gender": self.gender,
            "org_dept": self.org_dept,
            "certificate_no": self.certificate_no,
            "certified_until": self.certified_until.isoformat() if self.certified_until else None,
            "trained_on": self.trained_on.isoformat() if self.trained_on else None,
            "active": self.active,
            "conflicts": [c.to_dict() for c in self.conflicts],
            "certificate_valid": self.certificate_valid,
            "trained": self.trained,
        }


@dataclass(frozen=True)
class ImportResult:
    """What `import_reviewers` did: rows read, reviewers added, reviewers updated (matched by certificate number)."""

    rows: int
    added: int
    updated: int


@dataclass(frozen=True)
class ExclusionView:
    """A reviewer left out of a draw and every reason why (each reason starts with its rule number, 规则1..规则7)."""

    certificate_no: str
    name: str
    organization: str
    reasons: tuple[str, ...]

    @property
    def reason(self) -> str:
        return "；".join(self.reasons)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "certificate_no": self.certificate_no, "organization": self.organization,
                "reason": self.reason, "reasons": list(self.reasons)}  # fmt: skip


@dataclass(frozen=True)
class CandidateView:
    """An eligible reviewer as frozen in the snapshot."""

    certificate_no: str
    name: str
    organization: str
    org_dept: bool


@dataclass(frozen=True)
class EligibilityPreview:
    """Who would be in the draw for a case today, before drawing: the pool hash witnesses note down (抽签前公示)."""

    case_id: int
    unit: str
    draw_date: date
    panel_size: int
    alternates: int
    eligible: tuple[CandidateView, ...]
    excluded: tuple[ExclusionView, ...]
    pool_hash: str
    org_dept_eligible: int
    work_units: int
    problem: str | None
    """Why the draw would be refused (the unmet composition rule and the counts), or None when a panel can be drawn."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "unit": self.unit,
            "draw_date": self.draw_date.isoformat(),
            "panel_size": self.panel_size,
            "alternates": self.alternates,
            "pool_hash": self.pool_hash,
            "eligible": [{"name": c.name, "certificate_no": c.certificate_no, "organization": c.organization,
                          "org_dept": c.org_dept} for c in self.eligible],  # fmt: skip
            "excluded": [e.to_dict() for e in self.excluded],
            "org_dept_eligible": self.org_dept_eligible,
            "work_units": self.work_units,
            "problem": self.problem,
        }


@dataclass(frozen=True)
class PanelMember:
    """A person on the panel or on the alternates list; role is "leader", "member" or "alternate"."""

    certificate_no: str
    name: str
    organization: str
    role: str

    @property
    def role_label(self) -> str:
        return PANEL_PLACES.get(self.role, self.role)

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "role": self.role, "role_label": self.role_label,
                "certificate_no": self.certificate_no, "organization": self.organization}  # fmt: skip


@dataclass(frozen=True)
class ReplacementView:
    """A member who could not serve and the alternate who took their place (递补), with the reason."""

    seq: int
    replaced: PanelMember
    replacement: PanelMember
    reason: str
    operator: str
    created_at: datetime
    skipped: tuple[str, ...] = ()
    """Alternates passed over because they would break a composition rule (they stay available)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "replaced": self.replaced.name,
            "replacement": self.replacement.name,
            "role": self.replaced.role,
            "reason": self.reason,
            "operator": self.operator,
            "time": self.created_at.isoformat(timespec="seconds"),
            "skipped": list(self.skipped),
        }


@dataclass(frozen=True)
class DrawView:
    """One draw record (抽签记录) with everything needed to print it as an appendix or to check it by hand.

    `members` and `alternates` are the result as drawn; `panel` and `remaining_alternates` apply the replacements.
    """

    id: int
    case_id: int
    unit: str
    attempt: int
    created_at: datetime
    operator: str
    reason: str | None
    draw_date: date
    algorithm: str
    panel_size: int
    pool_hash: str
    os_entropy: str
    witness: str
    seed: str
    eligible_count: int
    members: tuple[PanelMember, ...]
    alternates: tuple[PanelMember, ...]
    excluded: tuple[ExclusionView, ...]
    replacements: tuple[ReplacementView, ...] = field(default_factory=tuple)
    panel: tuple[PanelMember, ...] = field(default_factory=tuple)
    remaining_alternates: tuple[PanelMember, ...] = field(default_factory=tuple)
    record_hash: str = ""
    previous_hash: str | None = None
    superseded: bool = False
    """True when a later attempt exists for the same case (this record stays, but is no longer the panel)."""
    commitment: str | None = None
    public_source: str | None = None
    public_value: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "draw_id": self.id,
            "case_id": self.case_id,
            "unit": self.unit,
            "attempt": self.attempt,
            "time": self.created_at.isoformat(timespec="seconds"),
            "operator": self.operator,
            "reason": self.reason,
            "draw_date": self.draw_date.isoformat(),
            "seed": self.seed,
            "os_entropy": self.os_entropy,
            "witness": self.witness,
            "pool_hash": self.pool_hash,
            "algorithm": self.algorithm,
            "eligible_count": self.eligible_count,
            "members": [{"name": m.name, "role": m.role} for m in self.members],
            "alternates": [m.name for m in self.alternates],
            "excluded": [{"name": e.name, "reason": e.reason} for e in self.excluded],
            "replacements": [r.to_dict() for r in self.replacements],
            "panel": [{"name": m.name, "role": m.role} for m in self.panel],
            "remaining_alternates": [m.name for m in self.remaining_alternates],
            "record_hash": self.record_hash,
            "previous_hash": self.previous_hash,
            "superseded": self.superseded,
            "commitment": self.commitment,
            "public_source": self.public_source,
            "public_value": self.public_value,
        }


@dataclass(frozen=True)
class PreparedView:
    """A draw made ready (抽签准备): what the notice shows and the witnesses sign under, before the witness speaks."""

    id: int
    case_id: int
    unit: str
    outgoing: str
    seq: int
    attempt: int
    created_at: datetime
    operator: str
    draw_date: date
    algorithm: str
    pool_hash: str
    commitment: str
    public_source: str | None
    panel_size: int
    alternates: int
    eligible_count: int
    excluded_count: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "case": self.case_id,
            "attempt": self.attempt,
            "pool_hash": self.pool_hash,
            "commitment": self.commitment,
            "prepared": self.seq,
            "time": self.created_at.isoformat(timespec="seconds"),
            "operator": self.operator,
            "draw_date": self.draw_date.isoformat(),
            "algorithm": self.algorithm,
            "public_source": self.public_source,
            "panel_size": self.panel_size,
            "alternates": self.alternates,
            "eligible_count": self.eligible_count,
            "excluded_count": self.excluded_count,
        }


@dataclass(frozen=True)
class VerifyCheck:
    """One check of a verification: what was checked, whether it held, and what was found."""

    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class VerifyResult:
    """The verdict of recomputing a draw from its stored record: `ok` only if every check holds."""

    draw_id: int
    checks: tuple[VerifyCheck, ...]

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)

    @property
    def failures(self) -> tuple[VerifyCheck, ...]:
        return tuple(c for c in self.checks if not c.ok)
