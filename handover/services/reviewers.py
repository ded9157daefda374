"""The reviewer pool (评审人员库): add, edit and list with filters (importing sheets is services.reviewer_import).

GUI developers: `list_reviewers`, `get_reviewer`, `add_reviewer`, `update_reviewer`, `set_active` and `check_reviewer`
(validate a dialog as the user types); all return plain views from handover.draw.views.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import delete, insert, or_
from sqlmodel import Session, col, select

from handover import audit, recusal, settings, value_rules
from handover.db import Database
from handover.draw.views import ConflictView, ReviewerView
from handover.errors import NotFound, Refused
from handover.models import Reviewer, ReviewerConflict, Unit, Village, utcnow

FIELD_LABELS = {
    "name": "姓名", "organization": "工作单位", "gender": "性别", "org_dept": "是否组织部", "certificate_no": "证书编号",
    "certified_until": "证书有效期至", "trained_on": "最近培训日期", "conflicts": "回避对象", "active": "是否在岗",
}  # fmt: skip
REQUIRED = ("name", "organization", "certificate_no")
GENDERS = {"男": "男", "女": "女", "m": "男", "f": "女", "male": "男", "female": "女"}
_CONFLICT_SPLIT = re.compile(r"[；;\n]+")
_CONFLICT_ITEM = re.compile(r"^(?P<target>[^（(]+?)\s*(?:[（(](?P<reason>[^）)]*)[）)])?$")


@dataclass(frozen=True)
class ConflictInput:
    """A conflict as typed: the person or unit, and the reason (亲属关系, 曾在该单位任职, ...)."""

    target: str
    reason: str = ""


@dataclass(frozen=True)
class ReviewerInput:
    """What the reviewer dialog, `handover reviewer add` and each import row collect. Dates as date or YYYY-MM-DD."""

    name: str
    organization: str
    certificate_no: str
    gender: str | None = None
    org_dept: bool = False
    certified_until: date | str | None = None
    trained_on: date | str | None = None
    active: bool = True
    conflicts: tuple[ConflictInput, ...] = ()


@dataclass(frozen=True)
class CheckedReviewer:
    """A reviewer that passed `check_reviewer`: trimmed text, parsed dates, gender as 男 or 女."""

    name: str
    organization: str
    certificate_no: str
    gender: str | None
    org_dept: bool
    certified_until: date | None
    trained_on: date | None
    active: bool
    conflicts: tuple[ConflictInput, ...]


class FieldRefused(Refused):
    """A refusal about one field, so an import can name the column."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def parse_day(text: date | str | None, field: str) -> date | None:
    """YYYY-MM-DD, also 2027/12/31, 2027.12.31 and 2027年12月31日 as counties type them; blank is None."""
    try:
        return value_rules.parse_day(text, FIELD_LABELS[field])
    except Refused as exc:
        raise FieldRefused(field, exc.message) from None



def parse_conflicts(text: str) -> tuple[ConflictInput, ...]:
    """“林晓梅（亲属）；云岭镇（曾任职）” → two conflicts; several are separated by ；or ; ."""
    found = []
    for item in _CONFLICT_SPLIT.split(text or ""):
        item = item.strip()
        if not item:
            continue
        match = _CONFLICT_ITEM.match(item)
        if match is None:
            raise FieldRefused("conflicts", f"回避对象 “{item}” 无法识别，应写作 “姓名或单位（理由）”，多个用；分隔")
        found.append(ConflictInput(match["target"].strip(), (match["reason"] or "").strip()))
    return tuple(found)


def _limit(value: str, field: str, length: int) -> str:
    value = value.strip()
    if len(value) > length:
        raise FieldRefused(field, f"{FIELD_LABELS[field]}过长（不超过{length}字）")
    return value


def _printable_name(name: str, field: str = "name", limit: int = 50) -> str:
    try:
        return value_rules.check_name(name, FIELD_LABELS[field], limit)
    except Refused as exc:
        raise FieldRefused(field, exc.message) from None


def check_reviewer(data: ReviewerInput) -> CheckedReviewer:
    """Every rule for one reviewer; refuses with a message naming the field. Shared by the dialog, add and import."""
    for field in REQUIRED:
        if not str(getattr(data, field) or "").strip():
            raise FieldRefused(field, f"{FIELD_LABELS[field]}不能为空")
    gender = (data.gender or "").strip()
    if gender and gender.lower() not in GENDERS:
        raise FieldRefused("gender", f"性别应为“男”或“女”，收到 “{gender}”")
    conflicts = []
    for c in data.conflicts:
        if not c.target.strip():
            raise FieldRefused("conflicts", "回避对象不能为空")
        target = _printable_name(c.target, "conflicts", 100)
        conflicts.append(ConflictInput(target, _limit(value_rules.clean_text(c.reason, "回避理由"), "conflicts", 200)))
    trained_on = parse_day(data.trained_on, "trained_on")
    if trained_on is not None and trained_on > date.today():
        raise FieldRefused("trained_on", f"最近培训日期 {trained_on.isoformat()} 晚于今天，请检查")
    return CheckedReviewer(
        name=_printable_name(data.name),
        organization=_printable_name(data.organization, "organization", 100),
        certificate_no=_limit(data.certificate_no, "certificate_no", 50),
        gender=GENDERS.get(gender.lower()) if gender else None,
        org_dept=data.org_dept,
        certified_until=parse_day(data.certified_until, "certified_until"),
        trained_on=trained_on,
        active=data.active,
        conflicts=tuple(conflicts),
    )


def _view(row: Reviewer, conflicts: Sequence[ReviewerConflict], on: date, p: recusal.Periods) -> ReviewerView:
    assert row.id is not None
    return ReviewerView(
        id=row.id,
        name=row.name,
        organization=row.organization,
        gender=row.gender,
        org_dept=row.org_dept,
        certificate_no=row.certificate_no,
        certified_until=row.certified_until,
        trained_on=row.trained_on,
        active=row.active,
        conflicts=tuple(ConflictView(c.target, c.kind, c.reason) for c in conflicts),
        certificate_valid=row.certified_until is not None and row.certified_until >= on,
        trained=row.trained_on is not None and row.trained_on >= recusal.months_before(on, p.training_months),
        as_of=on,
    )


def _conflicts_by_reviewer(session: Session, ids: Sequence[int] | None = None) -> dict[int, list[ReviewerConflict]]:
    query = select(ReviewerConflict).order_by(col(ReviewerConflict.id))
    if ids is not None:
        query = query.where(col(ReviewerConflict.reviewer_id).in_(ids))
    found: dict[int, list[ReviewerConflict]] = {}
    for c in session.exec(query):
        found.setdefault(c.reviewer_id, []).append(c)
    return found


def list_reviewers(
    db: Database,
    *,
    certificate_valid: bool | None = None,
    trained: bool | None = None,
    org_dept: bool | None = None,
    active: bool | None = None,
    search: str | None = None,
    on: date | None = None,
) -> list[ReviewerView]:
    """The pool in certificate-number order; each filter left as None does not filter. `search` matches name or unit."""
    on = on or date.today()
    with db.session() as session:
        p = settings.recusal_periods_in(session)
        query = select(Reviewer).order_by(col(Reviewer.certificate_no))
        if org_dept is not None:
            query = query.where(Reviewer.org_dept == org_dept)
        if active is not None:
            query = query.where(Reviewer.active == active)
        if search and search.strip():
            pattern = f"%{search.strip()}%"
            query = query.where(or_(col(Reviewer.name).like(pattern), col(Reviewer.organization).like(pattern)))
        rows = session.exec(query).all()
        conflicts = _conflicts_by_reviewer(session)
        views = [_view(r, conflicts.get(r.id or 0, []), on, p) for r in rows]
    if certificate_valid is not None:
        views = [v for v in views if v.certificate_valid == certificate_valid]
    if trained is not None:
        views = [v for v in views if v.trained == trained]
    return views


def _row_by_certificate(session: Session, certificate_no: str) -> Reviewer:
    row = session.exec(select(Reviewer).where(Reviewer.certificate_no == certificate_no.strip())).first()
    if row is None:
        raise NotFound(f"没有证书编号为 “{certificate_no}” 的评审人员（可用 handover reviewer list 查看）")
    return row


def get_reviewer(db: Database, certificate_no: str, *, on: date | None = None) -> ReviewerView:
    with db.session() as session:
        row = _row_by_certificate(session, certificate_no)
        return _view(row, _conflicts_by_reviewer(session, [row.id or 0]).get(row.id or 0, []), on or date.today(),
                     settings.recusal_periods_in(session))  # fmt: skip


def _known_bodies(session: Session) -> set[str]:
    return set(session.exec(select(Unit.name))) | set(session.exec(select(Village.name)))


def _conflict_rows(reviewer_id: int, conflicts: Sequence[ConflictInput], bodies: set[str]) -> list[dict[str, object]]:
    # a conflict naming a known unit or village is a unit conflict; anything else names a person
    return [
        {"reviewer_id": reviewer_id, "kind": "unit" if c.target in bodies else "person", "target": c.target,
         "reason": c.reason}  # fmt: skip
        for c in conflicts
    ]


def apply_fields(session: Session, row: Reviewer, clean: CheckedReviewer) -> None:
    """Copy the checked fields onto a stored reviewer (not the certificate number, which is how rows are matched)."""
    for name in ("name", "organization", "gender", "org_dept", "certified_until", "trained_on", "active"):
        setattr(row, name, getattr(clean, name))
    row.updated_at = utcnow()


def certificate_holder(db: Database, certificate_no: str) -> str | None:
    """The name of the reviewer holding this certificate number, or None (the add dialog checks it as you type)."""
    with db.session() as session:
        return session.exec(select(Reviewer.name).where(Reviewer.certificate_no == certificate_no.strip())).first()


def duplicate_certificate(certificate_no: str, holder: str) -> Refused:
    return Refused(f"证书编号 “{certificate_no}” 已在评审人员库中（{holder}）；一个证书编号只能对应一位评审人员")


def add_reviewer(db: Database, data: ReviewerInput) -> ReviewerView:
    """Add one reviewer; refuses a certificate number already in the pool."""
    clean = check_reviewer(data)
    with db.session() as session:
        holder = session.exec(select(Reviewer.name).where(Reviewer.certificate_no == clean.certificate_no)).first()
        if holder is not None:
            raise duplicate_certificate(clean.certificate_no, holder)
        row = Reviewer(certificate_no=clean.certificate_no, name=clean.name, organization=clean.organization)
        apply_fields(session, row, clean)
        session.add(row)
        session.flush()
        assert row.id is not None
        write_conflicts(session, {row.id: clean.conflicts})
        audit.record(session, "reviewer.add", None, _audit_details(clean))
    return get_reviewer(db, clean.certificate_no)


def _audit_details(clean: CheckedReviewer) -> dict[str, object]:
    """What the audit log keeps of a reviewer's data (enough to see who changed what in the pool)."""
    return {
        "certificate_no": clean.certificate_no,
        "name": clean.name,
        "organization": clean.organization,
        "org_dept": clean.org_dept,
        "certified_until": str(clean.certified_until or ""),
        "trained_on": str(clean.trained_on or ""),
        "active": clean.active,
        "conflicts": [f"{c.target}（{c.reason}）" for c in clean.conflicts],
    }


def update_reviewer(db: Database, certificate_no: str, data: ReviewerInput) -> ReviewerView:
    """Replace every field of the reviewer with this certificate number (the certificate number itself may change)."""
    clean = check_reviewer(data)
    with db.session() as session:
        row = _row_by_certificate(session, certificate_no)
        if clean.certificate_no != row.certificate_no:
            if session.exec(select(Reviewer).where(Reviewer.certificate_no == clean.certificate_no)).first():
                raise Refused(f"证书编号 “{clean.certificate_no}” 已属于另一位评审人员")
            row.certificate_no = clean.certificate_no
        apply_fields(session, row, clean)
        assert row.id is not None
        write_conflicts(session, {row.id: clean.conflicts})
        audit.record(session, "reviewer.update", None, {"was": certificate_no, **_audit_details(clean)})
    return get_reviewer(db, clean.certificate_no)


def input_of(view: ReviewerView) -> ReviewerInput:
    """The stored reviewer as dialog input, to change a few fields with dataclasses.replace and save."""
    return ReviewerInput(
        name=view.name,
        organization=view.organization,
        certificate_no=view.certificate_no,
        gender=view.gender,
        org_dept=view.org_dept,
        certified_until=view.certified_until,
        trained_on=view.trained_on,
        active=view.active,
        conflicts=tuple(ConflictInput(c.target, c.reason) for c in view.conflicts),
    )


def set_active(db: Database, certificate_no: str, active: bool) -> ReviewerView:
    """Mark a reviewer as active or inactive (停用); inactive reviewers stay in the pool but are never drawn."""
    return update_reviewer(db, certificate_no, replace(input_of(get_reviewer(db, certificate_no)), active=active))


def write_conflicts(session: Session, conflicts: dict[int, tuple[ConflictInput, ...]]) -> None:
    """Replace the stored conflicts of each reviewer id by the given ones."""
    if not conflicts:
        return
    ids = list(conflicts)
    for start in range(0, len(ids), 500):  # old SQLite builds allow at most 999 parameters per statement
        session.execute(delete(ReviewerConflict).where(col(ReviewerConflict.reviewer_id).in_(ids[start : start + 500])))
    bodies = _known_bodies(session)
    rows = [r for rid, items in conflicts.items() for r in _conflict_rows(rid, items, bodies)]
    if rows:
        session.execute(insert(ReviewerConflict), rows)
