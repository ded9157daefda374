"""Spreadsheets out: the summary, a case's sheet (which imports back unchanged) and the pool, read back with openpyxl and
opened by LibreOffice; text that looks like a formula stays text."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from handover import catalogue
from handover.db import Database
from handover.demo import COMPLETE, UNITS
from handover.reading import get_case, list_cases
from handover.services.reviewers import list_reviewers

LIBREOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def case_id(db: Database, unit: str) -> int:
    return next(c.id for c in list_cases(db) if c.unit == unit)


def libreoffice_csv(xlsx: Path, out: Path) -> list[list[str]]:
    """The first sheet as LibreOffice reads it, through a headless conversion to CSV (UTF-8)."""
    assert LIBREOFFICE, "LibreOffice (soffice) is installed by dev.sh for these tests"
    done = subprocess.run(
        [LIBREOFFICE, "--headless", f"-env:UserInstallation=file://{out / 'profile'}", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(out), str(xlsx)],
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    with (out / xlsx.with_suffix(".csv").name).open(encoding="utf-8") as f:
        return list(csv.reader(f))


def test_a_case_sheet_imports_back_into_a_fresh_case_unchanged(demo, run, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    source = case_id(db, "云岭镇")
    sheet = tmp_path / "交接单.xlsx"
    exported = run("export", "case", str(source), "-o", str(sheet))
    assert exported.code == 0, exported.err
    # a township of the same villages, with a fresh case: the sheet comes back from it filled in
    assert run("unit", "add", "新云岭镇", "--type", "township").code == 0
    assert run("village", "add", "新云岭镇", *UNITS["云岭镇"][1]).code == 0
    created = run("case", "new", "--unit", "新云岭镇", "--outgoing", "甲", "--incoming", "乙",
                  "--term-start", "2021-09-01", "--term-end", "2026-08-20", "--json")  # fmt: skip
    fresh = json.loads(created.out)["id"]
    imported = run("value", "import", str(fresh), str(sheet))
    assert imported.code == 0, imported.err

    def content(case: int) -> list[tuple[object, ...]]:
        return [(v.code, v.start, v.end, v.villages_start, v.villages_end, v.na_reason, v.note)
                for v in get_case(db, case).values]  # fmt: skip

    assert content(fresh) == content(source)
    assert get_case(db, fresh).summary.done == 40
    book = openpyxl.load_workbook(sheet)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    assert rows[1][:4] == ("指标代码", "指标名称", "届初", "届末")
    assert rows[2][0] == "ORG01" and rows[2][4] == "、".join(COMPLETE["ORG01"][0])  # type: ignore[arg-type]
    assert book.worksheets[0].freeze_panes == "A3"
    shown = libreoffice_csv(sheet, tmp_path)
    assert shown[1][:4] == ["指标代码", "指标名称", "届初", "届末"] and len(shown) == 42  # title, header, 40 rows


def test_an_explicitly_empty_village_list_goes_out_as_0_and_comes_back_as_entered(demo, run, db, tmp_path) -> None:  # type: ignore[no-untyped-def]
    half = case_id(db, "石门乡")
    assert run("value", "set", str(half), "ORG02", "--start", "0", "--end", "0").code == 0
    sheet = tmp_path / "半.xlsx"
    assert run("export", "case", str(half), "-o", str(sheet)).code == 0
    row = next(r for r in openpyxl.load_workbook(sheet).worksheets[0].iter_rows(values_only=True) if r[0] == "ORG02")
    assert row[2:6] == (0, 0, None, None)
    org01 = next(r for r in openpyxl.load_workbook(sheet).worksheets[0].iter_rows(values_only=True) if r[0] == "ORG01")
    assert org01[2:6] == (None, None, None, None)  # not entered stays blank, not 0


def test_a_unit_named_like_a_formula_stays_text(run, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    names = ["=1+2", "+3+4镇", "-5+6乡", "@SUM(A1)街道"]
    for name in names:
        added = run("unit", "add", "--type", "township", "--", name)  # -- : a name may start with -
        assert added.code == 0, added.err
        created = run("case", "new", f"--unit={name}", "--outgoing", "=HYPERLINK(\"http://x\",\"点我\")",
                      "--incoming", "李二", "--term-start", "2021-01-05", "--term-end", "2026-01-04")  # fmt: skip
        assert created.code == 0, created.err
    out = tmp_path / "汇总.xlsx"
    assert run("export", "summary", "-o", str(out)).code == 0
    sheet = openpyxl.load_workbook(out).worksheets[0]
    cells = {c.value: c for row in sheet.iter_rows(min_row=3) for c in row if isinstance(c.value, str)}
    for text in [*names, "=HYPERLINK(\"http://x\",\"点我\")"]:
        assert cells[text].data_type == "s", text  # text, not a formula
        assert cells[text].quotePrefix, text
    shown = libreoffice_csv(out, tmp_path)[2:]
    assert sorted(row[1] for row in shown) == sorted(names)  # the unit column as typed, not 3 or an error
    assert {row[3] for row in shown} == {"=HYPERLINK(\"http://x\",\"点我\")"}  # not a link saying 点我


def test_the_summary_has_a_row_per_case_with_the_key_indicators(demo, run, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "汇总.xlsx"
    done = run("export", "summary", "--year", "2026", "-o", str(tmp_path / "汇总"))
    assert done.code == 0, done.err
    book = openpyxl.load_workbook(out)
    summary, ranking = book.worksheets
    assert summary.title == "交接汇总" and ranking.title == "关键指标排名"
    rows = [r for r in summary.iter_rows(min_row=3, values_only=True) if r[0] is not None]
    assert sorted(r[1] for r in rows) == sorted(c.unit for c in list_cases(db, year=2026))
    header = [c.value for c in summary[2]]
    complete = next(r for r in rows if r[1] == "云岭镇")
    key = catalogue.load().key_indicators
    assert len(header) == 12 + 3 * len(key)
    assert complete[8] == "归档" or complete[8] in ("抽签", "提交", "签字")  # the step word, whatever the demo reached
    assert complete[10] == "优秀" and complete[11] == 1
    org03 = header.index(f"{key[2].name}（届初）")
    assert complete[org03 : org03 + 3] == (2, 1, -1)  # the rank went from 2nd to 1st
    assert summary.freeze_panes == "A3" and summary.column_dimensions["B"].width == 16
    ranks = {r[0]: r for r in ranking.iter_rows(min_row=3, values_only=True)}
    assert ranks["云岭镇"][1:3] == (3, 1)  # ORG01 at the end of term: 3 villages, first in the county
    shown = libreoffice_csv(out, tmp_path)
    assert any("云岭镇" in row for row in shown)


def test_the_pool_goes_out_in_the_form_the_import_reads(demo, run, db: Database, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "评审人员库.xlsx"
    assert run("export", "pool", "-o", str(out)).code == 0
    before = [r.to_dict() for r in list_reviewers(db)]
    assert before
    fresh = tmp_path / "fresh.sqlite3"
    assert run("--db", str(fresh), "init").code == 0
    imported = run("--db", str(fresh), "reviewer", "import", str(out))
    assert imported.code == 0, imported.err
    assert any(before[0]["name"] in row for row in libreoffice_csv(out, tmp_path))
    shown = json.loads(run("--db", str(fresh), "reviewer", "list", "--json").out)
    assert [{k: r[k] for k in ("name", "certificate_no", "org_dept", "certified_until", "trained_on", "active")}
            for r in shown] == [{k: r[k] for k in ("name", "certificate_no", "org_dept", "certified_until",
                                                   "trained_on", "active")} for r in before]  # fmt: skip


@pytest.mark.parametrize("name", ["汇总.pdf", "汇总.xls"])
def test_an_output_that_is_not_xlsx_is_refused(run, tmp_path: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    done = run("export", "summary", "-o", str(tmp_path / name))
    assert done.code == 2 and ".xlsx" in done.err
    assert not (tmp_path / name).exists()
