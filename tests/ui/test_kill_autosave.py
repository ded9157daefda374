"""Killing the application while it saves loses nothing acknowledged: a child process runs the autosave path
(ui.edits.save, what every checklist edit calls) and is SIGKILLed at random moments, 200 times."""

from __future__ import annotations

import multiprocessing
import random
import sqlite3
import time
from multiprocessing.connection import Connection
from pathlib import Path

import pytest

from handover.db import open_database
from handover.services import cases

ROUNDS = 200
VILLAGES = ["桃源村", "杏林村", "大路村", "后垟村", "新屋村", "金坑村", "水碓村", "坪头村"]


def _save_forever(db_path: str, case_id: int, first: int, conn: Connection) -> None:
    """The child: edit two indicators per step through the autosave path and acknowledge each step once stored."""
    from handover.db import open_database
    from ui.edits import save

    db = open_database(db_path)
    n = first
    while True:
        n += 1
        save(db, case_id, "MEM01", {"start": str(n), "note": f"第{n}次保存"})
        save(db, case_id, "ORG01", {"villages_end": VILLAGES[: n % len(VILLAGES)]})
        conn.send(n)


def _on_disk(path: Path, case_id: int) -> tuple[str, int, int, str]:
    conn = sqlite3.connect(path)
    try:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        start = conn.execute(
            "SELECT start_value FROM indicator_value WHERE case_id = ? AND code = 'MEM01'", (case_id,)
        ).fetchone()
        count, named = conn.execute(
            "SELECT v.end_value, (SELECT count(*) FROM named_village n WHERE n.value_id = v.id AND n.point = 'end') "
            "FROM indicator_value v WHERE v.case_id = ? AND v.code = 'ORG01'",
            (case_id,),
        ).fetchone() or (None, 0)
        return integrity, int(start[0]) if start and start[0] else 0, int(count or 0), str(named)
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_at_random_moments_loses_no_acknowledged_edit(demo_db: Path) -> None:
    db = open_database(demo_db)
    try:
        case_id = cases.create_case(db, cases.NewCase("桃源镇", "张三", "李四", "2021-03-01", "2026-03-01"))
    finally:
        db.close()
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__, "ui.edits"])  # imported once; each child is a cheap fork
    rng = random.Random(20260824)
    stored = 0
    killed_while_saving = 0
    started = time.monotonic()
    for round_no in range(ROUNDS):
        receiver, sender = context.Pipe(duplex=False)
        child = context.Process(target=_save_forever, args=(str(demo_db), case_id, stored, sender), daemon=True)
        child.start()
        sender.close()
        acknowledged = stored
        if rng.random() < 0.8 and receiver.poll(10):  # mostly kill while saving, sometimes while it starts
            acknowledged = receiver.recv()  # the first step is stored: from now on it saves every few milliseconds
            # wait for a step or two more, so a loaded machine (slow saves) still kills while saving, not between
            for _ in range(rng.randint(1, 2)):
                if receiver.poll(10):
                    acknowledged = receiver.recv()
            time.sleep(rng.uniform(0, 0.03))
        else:
            time.sleep(rng.uniform(0, 0.02))
        child.kill()
        child.join()
        while True:
            try:
                if not receiver.poll():
                    break
                acknowledged = max(acknowledged, receiver.recv())
            except (EOFError, OSError):
                break
        receiver.close()
        integrity, on_disk, count, named = _on_disk(demo_db, case_id)
        assert integrity == "ok", f"round {round_no}: {integrity}"
        assert on_disk >= acknowledged, f"round {round_no}: edit {acknowledged} was acknowledged, disk has {on_disk}"
        assert on_disk <= acknowledged + 1  # at most the step that was being saved when the kill came
        assert str(count) == named, f"round {round_no}: count {count} but {named} villages named"
        killed_while_saving += on_disk > stored + 1
        stored = on_disk
    assert killed_while_saving > ROUNDS // 2  # the children really were saving when they were killed
    print(f"{ROUNDS} kills in {time.monotonic() - started:.1f} s, {stored} steps stored")
