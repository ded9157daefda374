"""A command line with bytes that are not UTF-8 (a village list cut by `tr`, which splits 、 in the middle) is refused
with a message naming the argument, not a crash that loses the message."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def test_an_argument_that_is_not_utf8_is_refused_by_place(tmp_path: Path, data_home: Path) -> None:
    handover = Path(sys.executable).with_name("handover")
    db = tmp_path / "county.sqlite3"
    env = {**os.environ, "HANDOVER_HOME": str(data_home)}
    assert subprocess.run([handover, "--db", db, "init"], env=env, capture_output=True).returncode == 0
    broken = "甲村、乙村".encode()[:-4] + b"\xe3"  # 、 cut after its first byte
    done = subprocess.run([handover, "--db", db, "village", "add", "白鹤镇", broken], env=env, capture_output=True)
    err = done.stderr.decode("utf-8")
    assert done.returncode == 2, err
    assert "第6个参数不是有效的 UTF-8" in err and "Traceback" not in err
