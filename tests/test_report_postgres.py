"""The PDF on PostgreSQL: render from the server database, verify, catch a change, render all cases in worker processes.

Runs when HANDOVER_TEST_PG_URL names an empty database the test may wipe (CI sets it up); skipped otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import requires_pg
from tests.report_support import flat, pages_text

pytestmark = requires_pg


def test_report_and_verify_on_postgresql(pg, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert pg("demo")[0] == 0
    out = tmp_path / "pg.pdf"
    code, _, err = pg("report", "1", "-o", str(out))
    assert code == 0, err
    assert flat('全县党建“大赶考”排名从第2位升至第1位（上升1位）') in flat("".join(pages_text(out)))
    assert pg("verify", str(out))[0] == 0
    assert pg("value", "set", "1", "INN02", "--end", "3")[0] == 0
    code, shown, _ = pg("verify", str(out))
    assert code == 3 and "INN02 党建品牌数 届末值：文件中为 “2”，数据库中为 “3”" in shown
    code, written, err = pg("report", "--all", "-o", str(tmp_path / "all"), "--workers", "2", "--json")
    assert code == 0, err
    assert sorted(w["case"] for w in json.loads(written)["written"]) == [1, 2]
