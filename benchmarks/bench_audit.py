"""`audit verify` of a log of 100,000 entries beside plain sqlite3 + hashlib doing the same walk (read every entry in seq
order, hash its canonical form, check the link to the one before). Goal of issue 15: ≤ 1.5× the plain walk.

    .venv/bin/python benchmarks/bench_audit.py [--entries 100000] [--runs 5] [--json] [--quick]
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from rows import alternating, at_most, emit, parser, say  # benchmarks/rows.py: the one output format
from sample import cached  # benchmarks/sample.py: the databases, built once

from handover import audit
from handover.db import open_database


def build(path: Path, entries: int) -> None:
    """A log of `entries` value edits, chained as audit.record chains them, written in bulk."""
    db = open_database(path)
    start = datetime(2026, 1, 1, tzinfo=UTC)
    prev, rows = audit.GENESIS, []
    for seq in range(1, entries + 1):
        at = (start + timedelta(seconds=seq)).isoformat(timespec="microseconds")
        details = audit.canonical_details({"code": "ORG05", "old": {"end": str(seq)}, "new": {"end": str(seq + 1)}})
        digest = audit.entry_hash(seq, at, "评审员", "value.edit", seq % 500 + 1, details, prev)
        rows.append((seq, at, "评审员", "value.edit", seq % 500 + 1, details, prev, digest))
        prev = digest
    db.close()
    con = sqlite3.connect(path)
    with con:
        con.executemany("INSERT INTO audit_log (seq, at, actor, action, case_id, details, prev_hash, hash) "
                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)  # fmt: skip
    con.close()


def plain_walk(path: Path) -> int:
    """The reference: sqlite3 and hashlib, the same canonical form and the same link check, nothing else."""
    con = sqlite3.connect(path)
    try:
        prev, count = audit.GENESIS, 0
        query = "SELECT seq, at, actor, action, case_id, details, prev_hash, hash FROM audit_log ORDER BY seq"
        for seq, at, actor, action, case_id, details, prev_hash, stored in con.execute(query):
            data = json.dumps([seq, at, actor, action, case_id, details, prev_hash], ensure_ascii=False, separators=(",", ":"))
            if hashlib.sha256(data.encode("utf-8")).hexdigest() != stored or prev_hash != prev:
                raise SystemExit(f"entry {seq} does not chain")
            prev, count = stored, count + 1
        return count
    finally:
        con.close()


def main() -> None:
    args = parser(__doc__)
    args.add_argument("--entries", type=int, default=100_000)
    args.add_argument("--runs", type=int, default=5)
    options = args.parse_args()
    entries = 2_000 if options.quick else options.entries
    runs = 2 if options.quick else options.runs
    os.environ.setdefault("HANDOVER_HOME", tempfile.mkdtemp())
    path = cached(f"audit-{entries}", lambda p: build(p, entries))
    db = open_database(path)
    say(f"audit verify of {entries} entries, {runs} runs each", options.json)

    def verify() -> None:
        verdict = audit.verify(db)
        assert verdict.ok and verdict.count == entries, verdict.message

    mine, reference = alternating(verify, lambda: plain_walk(path), runs)
    db.close()
    emit([at_most(f"audit verify, {entries:,} entries", mine, "sqlite3 + hashlib", reference, 1.5)], options.json)


if __name__ == "__main__":
    main()
