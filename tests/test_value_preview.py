"""What a value import would change, before it is applied (issue 13 item 3g): the CLI's `value import --preview` and the
core's preview that the GUI shows; nothing is stored, and a bad row is refused as the import would refuse it."""

from __future__ import annotations

import json

import pytest

from handover.db import open_database
from handover.services import value_preview
from tests.conftest import dump
from tests.test_value_import import HEADER, write_xlsx


@pytest.fixture
def sheet(run, township_case, tmp_path):  # type: ignore[no-untyped-def]
    assert run("value", "set", township_case, "ORG06", "--start", "80", "--end", "90").code == 0
    return write_xlsx(tmp_path / "values.xlsx", [
        HEADER,
        ["ORG01", "五星级村党组织数", None, None, "甲村、乙村", "无", None, None],
        ["ORG06", "三会一课", 80, 97, None, None, None, "按台账"],
    ])  # fmt: skip


def test_the_preview_lists_each_change_old_to_new_and_stores_nothing(run, db_path, township_case, sheet) -> None:  # type: ignore[no-untyped-def]
    before = dump(db_path)
    db = open_database(db_path)
    try:
        changes = value_preview.preview_values(db, int(township_case), sheet)
    finally:
        db.close()
    shown = {(c.code, c.what): (c.old, c.new) for c in changes}
    assert shown == {
        ("ORG01", "届初"): ("—", "2（甲村、乙村）"),
        ("ORG01", "届末"): ("—", "0（无）"),
        ("ORG06", "届末"): ("90", "97"),
        ("ORG06", "备注"): ("—", "按台账"),
    }  # ORG06 届初 is 80 in the sheet and in the database: no change, not listed
    assert dump(db_path) == before


def test_value_import_preview_on_the_command_line(run, db_path, township_case, sheet) -> None:  # type: ignore[no-untyped-def]
    before = dump(db_path)
    result = run("value", "import", township_case, str(sheet), "--preview")
    assert result.code == 0, result.err
    lines = result.out.splitlines()
    assert not any(line.startswith("ORG06") and "（届初）" in line for line in lines)  # 80 in both: unchanged
    assert any(line.startswith("ORG01") and line.endswith("（届末）：— → 0（无）") for line in lines)
    assert "（届末）：90 → 97" in result.out and "共 4 处改变；未导入" in result.out
    assert dump(db_path) == before
    assert run("value", "import", township_case, str(sheet)).code == 0
    values = {v["code"]: v for v in json.loads(run("case", "show", township_case, "--json").out)["values"]}
    assert values["ORG06"]["end"] == "97" and values["ORG01"]["end"] == "0"


def test_a_bad_row_is_refused_by_the_preview_too(run, db_path, township_case, tmp_path) -> None:  # type: ignore[no-untyped-def]
    bad = write_xlsx(tmp_path / "bad.xlsx", [HEADER, ["ORG06", "", 80, 120, None, None, None, None]])
    before = dump(db_path)
    result = run("value", "import", township_case, str(bad), "--preview")
    assert result.code == 2 and "第2行" in result.err and "百分比" in result.err
    assert dump(db_path) == before
