"""The PDF on PostgreSQL: render from the server database, verify, catch a change, render all cases in worker processes.

Runs when HANDOVER_TEST_PG_URL names an empty database the test may wipe (CI sets it up); skipped otherwise.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from handover import cli
from tests.report_support import flat, pages_text

PG_URL = os.environ.get("HANDOVER_TEST_PG_URL", "")
pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(not PG_URL, reason="HANDOVER_TEST_PG_URL is not set (CI starts a PostgreSQL server)"),
]


@pytest.fixture
def pg(capsys):  # type: ignore[no-untyped-def]
    engine = create_engine(PG_URL)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()

    def run(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli.main(["--db", PG_URL, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_report_and_verify_on_postgresql(pg, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    assert pg("demo")[0] == 0
    out = tmp_path / "pg.pdf"
    code, _, err = pg("report", "1", "-o", str(out))
    assert code == 0, err
    assert flat('全县党建"大赶考"排名从第2位升至第1位（上升1位）') in flat("".join(pages_text(out)))
    assert pg("verify", str(out))[0] == 0
    assert pg("value", "set", "1", "INN02", "--end", "3")[0] == 0
    code, shown, _ = pg("verify", str(out))
    assert code == 3 and "INN02 党建品牌数 届末值：文件中为 “2”，数据库中为 “3”" in shown
    code, written, err = pg("report", "--all", "-o", str(tmp_path / "all"), "--workers", "2", "--json")
    assert code == 0, err
    assert sorted(w["case"] for w in json.loads(written)["written"]) == [1, 2]
