"""One progress type (handover/progress.py) for every long core operation: the reviewer import, the value import and
the batch of documents report through it, and a cancel through it stops each of them between two steps."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from handover import reading
from handover.db import Database
from handover.progress import Cancelled, Progress
from handover.services import reviewer_import, value_import
from handover.signing.batch import produce_many
from tests.conftest import dump
from tests.test_reviewers_import import HEADER, write_csv


class Heard:
    """A real callback: collects every report, and presses Cancel after `cancel_after` reports when asked to."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.calls: list[tuple[int, int, str]] = []
        self.cancel_after = cancel_after
        self.progress = Progress(self)

    def __call__(self, done: int, total: int, what: str) -> None:
        self.calls.append((done, total, what))
        if len(self.calls) == self.cancel_after:
            self.progress.cancel()


def climbs_to_the_end(calls: list[tuple[int, int, str]]) -> bool:
    dones = [done for done, _, _ in calls]
    return dones == sorted(dones) and calls[-1][0] == calls[-1][1] and len({total for _, total, _ in calls}) == 1


def reviewer_sheet(folder: Path) -> Path:
    rows = [f"人{i},单位{i % 50},男,否,N-{i:04d},2030-01-01,2026-06-01," for i in range(450)]
    return write_csv(folder / "评审人员.csv", [HEADER, *rows])


def test_the_reviewer_import_and_the_batch_report_through_the_same_progress(db: Database, demo, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheet = reviewer_sheet(tmp_path)
    imported = Heard()
    assert reviewer_import.import_reviewers(db, sheet, imported.progress).added == 450
    assert climbs_to_the_end(imported.calls) and len(imported.calls) >= 3
    assert {what for _, _, what in imported.calls} == {"评审人员.csv"}

    cases = reading.list_cases(db)
    batch = Heard()
    items = produce_many(db.url, cases, tmp_path / "reports", workers=2, progress=batch.progress)
    assert all(item.ok for item in items) and len(items) == len(cases) == 2
    assert climbs_to_the_end(batch.calls) and [done for done, _, _ in batch.calls] == [1, 2]
    assert sorted(what for _, _, what in batch.calls) == sorted(item.path.name for item in items)

    values = Heard()
    sheet = tmp_path / "指标.csv"
    sheet.write_text("指标代码,届初,届末\nMEM01,1200,1250\nORG05,3,5\n", encoding="utf-8")
    assert value_import.import_values(db, 2, sheet, values.progress) == 2
    assert climbs_to_the_end(values.calls) and values.calls[-1] == (2, 2, "指标.csv")


def test_a_cancel_through_the_progress_stops_each_operation(db: Database, db_path, demo, run, tmp_path) -> None:  # type: ignore[no-untyped-def]
    before = dump(db_path)
    heard = Heard(cancel_after=1)
    with pytest.raises(Cancelled):
        reviewer_import.import_reviewers(db, reviewer_sheet(tmp_path), heard.progress)
    assert dump(db_path) == before, "a cancelled import stores nothing"

    sheet = tmp_path / "指标.csv"
    sheet.write_text("指标代码,届初,届末\nMEM01,1200,1250\nORG05,3,5\n", encoding="utf-8")
    with pytest.raises(Cancelled):
        value_import.import_values(db, 2, sheet, Heard(cancel_after=1).progress)
    assert dump(db_path) == before

    folder = tmp_path / "reports"
    with pytest.raises(Cancelled):
        produce_many(db.url, reading.list_cases(db), folder, workers=1, progress=Heard(cancel_after=1).progress)
    assert len(list(folder.glob("*.pdf"))) == 1, "stopped after the document being made"
    made = [e for e in json.loads(run("audit", "log", "--json").out) if e["action"] == "report.generate"]
    assert len(made) == 1, "the one document made is recorded, the one never made is not"
