"""Importing the reviewer pool (评审人员库) from the .xlsx or .csv sheets counties keep: all rows or none.

GUI developers: `preview_import` (what an import would change, storing nothing) and `import_reviewers`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from sqlalchemy import insert
from sqlmodel import select

from handover import audit
from handover.db import Database
from handover.draw.views import ImportResult
from handover.errors import Refused
from handover.models import Reviewer, utcnow
from handover.progress import Progress
from handover.services.reviewers import (
    FIELD_LABELS,
    REQUIRED,
    CheckedReviewer,
    FieldRefused,
    ReviewerInput,
    apply_fields,
    check_reviewer,
    parse_conflicts,
    parse_day,
    write_conflicts,
)
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
YES = {"是", "y", "yes", "true", "1", "√", "✓", "组织部"}
NO = {"否", "n", "no", "false", "0", "×", ""}


def parse_flag(text: str, field: str) -> bool:
    value = text.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    raise FieldRefused(field, f"{FIELD_LABELS[field]} 应填“是”或“否”，收到 “{text.strip()}”")




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


def _checked_rows(path: str | Path, progress: Progress | None = None) -> list[CheckedReviewer]:
    """Every row of the sheet checked; the first problem refuses the whole sheet, naming the row and the column."""
    sheet = read_sheet(path, REVIEWER_HEADERS, required=REQUIRED)
    total = len(sheet.rows)
    cleaned: list[CheckedReviewer] = []
    seen: dict[str, int] = {}
    for done, (number, row) in enumerate(sheet.rows, start=1):
        try:
            clean = check_reviewer(_read_row(partial(sheet.cell, row)))
        except FieldRefused as exc:
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
    the others are added. A refusal names the file, the row and the column. `progress` hears how many rows
    are checked and written.
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
                apply_fields(session, existing[clean.certificate_no], clean)
                updated += 1
        session.flush()
        ids = {no: rid for no, rid in session.exec(select(Reviewer.certificate_no, Reviewer.id)) if rid is not None}
        write_conflicts(session, {ids[c.certificate_no]: c.conflicts for c in cleaned})
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
