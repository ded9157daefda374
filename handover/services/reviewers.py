"""The reviewer pool (评审人员库): add, edit, list with filters, and import from the sheets counties keep.

GUI developers: `list_reviewers`, `get_reviewer`, `add_reviewer`, `update_reviewer`, `set_active`, `import_reviewers`
and `check_reviewer` (validate a dialog as the user types); all return plain views from handover.draw.views.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from functools import partial
from pathlib import Path

from sqlalchemy import delete, insert, or_
from sqlmodel import Session, col, select

from handover import audit, recusal, settings, value_rules
from handover.db import Database
from handover.draw.views import ConflictView, ImportResult, ReviewerView
from handover.errors import NotFound, Refused
from handover.models import Reviewer, ReviewerConflict, Unit, Village, utcnow
from handover.progress import Progress
from handover.tabular import Sheet, read_sheet

REVIEWER_HEADERS = {
    "姓名": "name", "name": "name",
    "工作单位": "organization", "organization": "organization",
    "性别": "gender", "gender": "gender",
    "是否组织部": "org_dept", "org_dept": "org_dept",
    "证书编号": "certificate_no", "certificate_no": "certificate_no",
    "证书有效期至": "certified_until", "certified_until": "certified_until",
    "最近培训日期": "trained_on", "trained_on": "trained_on",
    "回避对象": "conflicts", "conflicts": "conflicts",
    "是否在岗": "active", "active": "active",
}  # fmt: skip
FIELD_LABELS = {
    "name": "姓名", "organization": "工作单位", "gender": "性别", "org_dept": "是否组织部", "certificate_no": "证书编号",
    "certified_until": "证书有效期至", "trained_on": "最近培训日期", "conflicts": "回避对象", "active": "是否在岗",
}  # fmt: skip
REQUIRED = ("name", "organization", "certificate_no")
GENDERS = {"男": "男", "女": "女", "m": "男", "f": "女", "male": "男", "female": "女"}
YES = {"是", "y", "yes", "true", "1", "√", "✓", "组织部"}
NO = {"否", "n", "no", "false", "0", "×", ""}
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
class _Clean:
    name: str
    organization: str
    certificate_no: str
    gender: str | None
    org_dept: bool
    certified_until: date | None
    trained_on: date | None
    active: bool
    conflicts: tuple[ConflictInput, ...]


class _FieldRefused(Refused):
    """A refusal about one field, so an import can name the column."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def parse_day(text: date | str | None, field: str) -> date | None:
    """YYYY-MM-DD, also 2027/12/31, 2027.12.31 and 2027年12月31日 as counties type them; blank is None."""
    try:
        return value_rules.parse_day(text, FIELD_LABELS[field])
    except Refused as exc:
        raise _FieldRefused(field, exc.message) from None


def parse_flag(text: str, field: str) -> bool:
    value = text.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise _FieldRefused(field, f"{FIELD_LABELS[field]} 应填“是”或“否”，收到 “{text.strip()}”")


def parse_conflicts(text: str) -> tuple[ConflictInput, ...]:
    """“林晓梅（亲属）；云岭镇（曾任职）” → two conflicts; several are separated by ；or ; ."""
    found = []
    for item in _CONFLICT_SPLIT.split(text or ""):
        item = item.strip()
        if not item:
            continue
        match = _CONFLICT_ITEM.match(item)
        if match is None:
            raise _FieldRefused("conflicts", f"回避对象 “{item}” 无法识别，应写作 “姓名或单位（理由）”，多个用；分隔")
        found.append(ConflictInput(match["target"].strip(), (match["reason"] or "").strip()))
    return tuple(found)


def _limit(value: str, field: str, length: int) -> str:
    value = value.strip()
    if len(value) > length:
        raise _FieldRefused(field, f"{FIELD_LABELS[field]}过长（不超过{length}字）")
    return value


def _printable_name(name: str) -> str:
    try:
        return value_rules.check_name(name, "姓名", 50)
    except Refused as exc:
        raise _FieldRefused("name", exc.message) from None


def check_reviewer(data: ReviewerInput) -> _Clean:
    """Every rule for one reviewer; refuses with a message naming the field. Shared by the dialog, add and import."""
    for field in REQUIRED:
        if not str(getattr(data, field) or "").strip():
            raise _FieldRefused(field, f"{FIELD_LABELS[field]}不能为空")
    gender = (data.gender or "").strip()
    if gender and gender.lower() not in GENDERS:
        raise _FieldRefused("gender", f"性别应为“男”或“女”，收到 “{gender}”")
    conflicts = []
    for c in data.conflicts:
        target = _limit(c.target, "conflicts", 100)
        if not target:
            raise _FieldRefused("conflicts", "回避对象不能为空")
        conflicts.append(ConflictInput(target, _limit(c.reason, "conflicts", 200)))
    trained_on = parse_day(data.trained_on, "trained_on")
    if trained_on is not None and trained_on > date.today():
        raise _FieldRefused("trained_on", f"最近培训日期 {trained_on.isoformat()} 晚于今天，请检查")
    return _Clean(
        name=_printable_name(data.name),
        organization=_limit(data.organization, "organization", 100),
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


def _apply(session: Session, row: Reviewer, clean: _Clean) -> None:
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
        _apply(session, row, clean)
        session.add(row)
        session.flush()
        assert row.id is not None
        _write_conflicts(session, {row.id: clean.conflicts})
        audit.record(session, "reviewer.add", None, _audit_details(clean))
    return get_reviewer(db, clean.certificate_no)


def _audit_details(clean: _Clean) -> dict[str, object]:
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
        _apply(session, row, clean)
        assert row.id is not None
        _write_conflicts(session, {row.id: clean.conflicts})
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


def _write_conflicts(session: Session, conflicts: dict[int, tuple[ConflictInput, ...]]) -> None:
    if not conflicts:
        return
    ids = list(conflicts)
    for start in range(0, len(ids), 500):  # old SQLite builds allow at most 999 parameters per statement
        session.execute(delete(ReviewerConflict).where(col(ReviewerConflict.reviewer_id).in_(ids[start : start + 500])))
    bodies = _known_bodies(session)
    rows = [r for rid, items in conflicts.items() for r in _conflict_rows(rid, items, bodies)]
    if rows:
        session.execute(insert(ReviewerConflict), rows)


def _read_row(sheet_cell: Callable[[str], str]) -> ReviewerInput:
    active = sheet_cell("active")
    return ReviewerInput(
        name=sheet_cell("name"),
        organization=sheet_cell("organization"),
        certificate_no=sheet_cell("certificate_no"),
        gender=sheet_cell("gender") or None,
        org_dept=parse_flag(sheet_cell("org_dept"), "org_dept"),
        certified_until=parse_day(sheet_cell("certified_until"), "certified_until"),
        trained_on=parse_day(sheet_cell("trained_on"), "trained_on"),
        active=parse_flag(active, "active") if active else True,
        conflicts=parse_conflicts(sheet_cell("conflicts")),
    )


def _checked_rows(path: str | Path, progress: Progress | None = None) -> list[_Clean]:
    """Every row of the sheet checked; the first problem refuses the whole sheet, naming the row and the column."""
    sheet = read_sheet(path, REVIEWER_HEADERS, required=REQUIRED)
    total = len(sheet.rows)
    cleaned: list[_Clean] = []
    seen: dict[str, int] = {}
    for done, (number, row) in enumerate(sheet.rows, start=1):
        try:
            clean = check_reviewer(_read_row(partial(sheet.cell, row)))
        except _FieldRefused as exc:
            raise Refused(f"{_where(sheet, number, exc.field)}：{exc.message}") from None
        if clean.certificate_no in seen:
            raise Refused(
                f"{_where(sheet, number, 'certificate_no')}：证书编号 “{clean.certificate_no}” 与第{seen[clean.certificate_no]}行重复"
            )
        seen[clean.certificate_no] = number
        cleaned.append(clean)
        if progress and done % 200 == 0:
            progress(done, total * 2, Path(path).name)
    return cleaned


@dataclass(frozen=True)
class ImportPreview:
    """What an import would do (names of the reviewers added and updated); the sheet has passed every check."""

    added: list[str]
    updated: list[str]


def preview_import(db: Database, path: str | Path) -> ImportPreview:
    """Check the whole sheet and say what it would change, storing nothing (the summary shown before importing)."""
    cleaned = _checked_rows(path)
    with db.session() as session:
        known = set(session.exec(select(Reviewer.certificate_no)))
    return ImportPreview(
        added=[c.name for c in cleaned if c.certificate_no not in known],
        updated=[c.name for c in cleaned if c.certificate_no in known],
    )


def import_reviewers(db: Database, path: str | Path, progress: Progress | None = None) -> ImportResult:
    """Import a .xlsx or .csv sheet with the headers of REVIEWER_HEADERS (Chinese or English). All rows or none.

    A reviewer whose certificate number is already in the pool is updated (and their conflicts replaced by the sheet's);
    the others are added. A refusal names the file, the row and the column. `progress` hears how many rows are checked
    and written; a cancel there stops the import before anything is stored.
    """
    cleaned = _checked_rows(path, progress)
    total = len(cleaned)
    added = updated = 0
    with db.session() as session:
        existing = {r.certificate_no: r for r in session.exec(select(Reviewer))}
        new_rows = [c for c in cleaned if c.certificate_no not in existing]
        if new_rows:
            now = utcnow()
            session.execute(
                insert(Reviewer),
                [{"name": c.name, "organization": c.organization, "gender": c.gender, "org_dept": c.org_dept,
                  "certificate_no": c.certificate_no, "certified_until": c.certified_until, "trained_on": c.trained_on,
                  "active": c.active, "created_at": now, "updated_at": now} for c in new_rows],  # fmt: skip
            )
            added = len(new_rows)
        for clean in cleaned:
            if clean.certificate_no in existing:
                _apply(session, existing[clean.certificate_no], clean)
                updated += 1
        session.flush()
        ids = {no: rid for no, rid in session.exec(select(Reviewer.certificate_no, Reviewer.id)) if rid is not None}
        _write_conflicts(session, {ids[c.certificate_no]: c.conflicts for c in cleaned})
        audit.record(session, "reviewer.import", None, {
            "file": Path(path).name,
            "sha256": hashlib.sha256(Path(path).read_bytes()).hexdigest(),
            "rows": total, "added": added, "updated": updated,
            "certificates": [c.certificate_no for c in cleaned],
        })  # fmt: skip
        if progress:  # inside the transaction: a cancel up to here leaves the pool as it was
            progress(total * 2, total * 2, Path(path).name)
    return ImportResult(rows=total, added=added, updated=updated)


def _where(sheet: Sheet, row: int, field: str) -> str:
    index = sheet.columns.get(field)
    column = f"第{index + 1}列（{FIELD_LABELS[field]}）" if index is not None else f"（{FIELD_LABELS[field]}）"
    return f"{sheet.path.name} 第{row}行{column}"
