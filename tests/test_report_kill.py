"""No unrecorded documents: `handover report -o` killed (SIGKILL) at random moments never leaves a PDF at the output
path without its "report generated" audit entry."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import pytest

from handover import audit
from handover.db import open_database

#: runs in its own process: imports the application and runs `report` once, then forks one child per
#: `handover report -o` (exactly what the command runs: cli.main, here for the one-page draw record) and kills it with
#: SIGKILL, so that hundreds of kills fit in a minute or two. Half the kills fall anywhere in the run; half fall within
#: 0.1 s after the temporary file appears (the PDF is then written, recorded and renamed), where a kill can separate
#: the file from its entry.
DRIVER = r"""
import json, os, random, signal, sys, time
from pathlib import Path

db, out, kills, seed, case, budget = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5], float(sys.argv[6])
import contextlib, io
from handover import cli

ARGS = ["--db", db, "report", case, "--part", "draw", "-o"]
with contextlib.redirect_stdout(io.StringIO()):  # one whole run here first: every import and cache is warm
    assert cli.main([*ARGS, str(out / f"warm-{seed}.pdf")]) in (0, None)


def start(path):
    pid = os.fork()
    if pid == 0:
        code = 1
        try:
            with contextlib.redirect_stdout(io.StringIO()):
                code = cli.main([*ARGS, str(path)]) or 0
        finally:
            os._exit(code)
    return pid


def writing(name):
    return any(f.startswith(f".{name}.") and f.endswith(".part") for f in os.listdir(out))


chance = random.Random(seed)
began = time.monotonic()
pid = start(out / f"whole-{seed}.pdf")
os.waitpid(pid, 0)
whole = time.monotonic() - began
killed = finished = 0
i = 0
while killed < kills and time.monotonic() - began < budget:
    i += 1
    path = out / f"run-{seed}-{i}.pdf"
    pid = start(path)
    if i % 2:
        time.sleep(chance.uniform(0, whole * 1.1))
    else:
        until = time.monotonic() + whole * 3
        while not writing(path.name) and time.monotonic() < until:
            time.sleep(0.0005)
        time.sleep(chance.uniform(0, 0.1))
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        killed += 1
    else:
        finished += 1
print(json.dumps({"killed": killed, "finished": finished, "whole": whole}))
"""


@pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL")
def test_killing_report_at_random_moments_never_leaves_an_unrecorded_pdf(demo, db_path: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out"
    out.mkdir()
    drivers = [
        subprocess.Popen([sys.executable, "-c", DRIVER, str(db_path), str(out), "105", str(seed), "1", "240"],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
        for seed in (1, 2)
    ]
    reports = []
    for driver in drivers:
        stdout, stderr = driver.communicate(timeout=420)
        assert driver.returncode == 0, stderr
        reports.append(json.loads(stdout.strip().splitlines()[-1]))
    assert sum(r["killed"] for r in reports) >= 200, reports

    db = open_database(db_path)
    try:
        recorded = {e.details["pdf_sha256"] for e in audit.entries(db) if e.action == "report.generate"}
        assert audit.verify(db).ok
    finally:
        db.close()
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) >= 2  # at least the two whole runs; usually some killed runs had got as far as the rename
    unrecorded = [p.name for p in pdfs if hashlib.sha256(p.read_bytes()).hexdigest() not in recorded]
    assert unrecorded == [], f"{len(unrecorded)} of {len(pdfs)} PDFs have no audit entry ({reports})"
