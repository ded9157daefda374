"""Importing indicator values from a spreadsheet: one row per indicator code; the whole file applies or none of it."""

from __future__ import annotations

from pathlib import Path

from handover import value_rules
from handover.db import Database
from handover.errors import Refused
from handover.progress import Progress
from handover.services.cases import UNSET, ValueEdit, apply_edits
from handover.tabular import read_sheet
from handover.words import POINTS

VALUE_HEADERS = {
    "指标代码": "code", "code": "code",
    "指标名称": "name", "name": "name",
    POINTS["start"]: "start", "届初值": "start", "start": "start",
    POINTS["end"]: "end", "届末值": "end", "end": "end",
    "届初村名": "villages_start", "villages_start": "villages_start",
    "届末村名": "villages_end", "villages_end": "villages_end",
    "不适用理由": "na", "na": "na",
    "备注": "note", "note": "note",
}  # fmt: skip


def import_values(db: Database, case_id: int, path: str | Path, progress: Progress | None = None) -> int:
    """Apply every row of the file to the case in one transaction; a bad row refuses the whole file.

    `progress` hears of each row read; a cancel stops the import before anything is stored.
    """
    edits = read_edits(path, progress)
    apply_edits(db, case_id, edits)
    return len(edits)


def read_edits(path: str | Path, progress: Progress | None = None) -> list[ValueEdit]:
    """The edits the rows of the file ask for, checked for what a sheet alone can tell (codes, village lists)."""
    sheet = read_sheet(path, VALUE_HEADERS, required=("code",))
    edits = []
    seen: dict[str, int] = {}
    for done, (number, row) in enumerate(sheet.rows):
        if progress:
            progress(done, len(sheet.rows), sheet.path.name)
        label = f"{sheet.path.name} 第{number}行"
        code = sheet.cell(row, "code").upper()
        if not code:
            raise Refused(f"{label}：指标代码为空")
        if code in seen:
            raise Refused(f"{label}：指标 {code} 已在第{seen[code]}行出现")
        seen[code] = number
        fields: dict[str, object] = {}
        na = sheet.cell(row, "na")
        if na:
            fields["na_reason"] = na
        for point in ("start", "end"):
            # a blank cell leaves the stored value alone; villages named without a count set the count
            typed, names = sheet.cell(row, point), sheet.cell(row, f"villages_{point}")
            if names:
                try:
                    fields[f"villages_{point}"] = value_rules.split_names(names)
                except Refused as exc:
                    raise Refused(f"{label}：{exc.message}") from None
            elif typed and f"villages_{point}" in sheet.columns:
                fields[f"villages_{point}"] = []
            if typed:
                fields[point] = typed
        if "na_reason" not in fields and any(k in fields for k in ("start", "end", "villages_start", "villages_end")):
            fields["na_reason"] = None  # a row with values means the indicator applies
        if sheet.cell(row, "note"):
            fields["note"] = sheet.cell(row, "note")
        edits.append(
            ValueEdit(
                code,
                start=fields.get("start", UNSET),  # type: ignore[arg-type]
                end=fields.get("end", UNSET),  # type: ignore[arg-type]
                villages_start=fields.get("villages_start", UNSET),  # type: ignore[arg-type]
                villages_end=fields.get("villages_end", UNSET),  # type: ignore[arg-type]
                na_reason=fields.get("na_reason", UNSET),  # type: ignore[arg-type]
                note=fields.get("note", UNSET),  # type: ignore[arg-type]
                label=label,
            )
        )
    if progress:
        progress(len(sheet.rows), len(sheet.rows), sheet.path.name)
    return edits
