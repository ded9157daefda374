"""The committed draw on pools of 200, 2,000 and 10,000 reviewers: draw and verify, each beside the in-memory reference.

Goal of issue 15: draw and verify ≤ 50 ms each on a pool of 10,000. The reference, measured in the same run, is the work
no implementation can skip, in memory: serialise the snapshot once, SHA-256 it, derive the seed, select, hash the
record. "verify, new process" is `verify` as `handover draw verify` runs it: the stored snapshot parsed afresh.

    .venv/bin/python benchmarks/bench_draw.py [--pools 200,2000,10000] [--runs 5] [--json] [--quick]
"""

from __future__ import annotations

import hashlib
import os
import statistics
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from rows import Row, emit, ms, parser, row, say  # benchmarks/rows.py: the one output format
from sample import pool, working_copy  # benchmarks/sample.py: the databases, built once

from handover.db import Database, open_database
from handover.draw import algorithm
from handover.draw import record as records
from handover.draw import seed as seeds
from handover.draw import service as draws
from handover.draw.reading import case_and_unit
from handover.draw.snapshot import freeze_pool
from handover.models import DrawRecord

GOAL_MS = 50.0
CASE = 1  # the case of sample.pool()


def in_memory_draw(snapshot: algorithm.Snapshot) -> str:
    """The reference: what any committed draw must compute from a pool already in memory, without the database."""
    text = algorithm.canonical_json(snapshot.to_dict())
    pool_hash = hashlib.sha256(text).digest()
    entropy = algorithm.fresh_entropy()
    seed = seeds.derive_seed_v2(entropy, pool_hash, "见证", "", "")
    fresh = algorithm.Snapshot(snapshot.case, snapshot.draw_date, snapshot.panel_size, snapshot.alternates, snapshot.pool,
                               snapshot.excluded, snapshot.algorithm)  # fmt: skip
    fresh.__dict__["_canonical"] = text  # select() hashes the snapshot: here it is already serialised
    result = algorithm.canonical_json(algorithm.select(fresh, seed).to_dict()).decode()
    record = DrawRecord(case_id=CASE, attempt=1, created_at=datetime.now(UTC), operator="b", draw_date=date.today(),
                        algorithm=snapshot.algorithm, snapshot=text.decode(), pool_hash=pool_hash.hex(),
                        os_entropy=entropy.hex(), witness="见证", seed=seed.hex(), result=result, record_hash="",
                        commitment=seeds.commitment(entropy), prepared_at=datetime.now(UTC))  # fmt: skip
    return records.record_hash(record)


def frozen(db: Database) -> algorithm.Snapshot:
    with db.session() as session:
        case, unit = case_and_unit(session, CASE)
        return freeze_pool(session, case, unit, None, None, date.today())


def measure(db: Database, runs: int) -> dict[str, list[float]]:
    """`runs` rounds of prepare, draw, verify, verify as a new process would, and the reference, in turn (ms)."""
    found: dict[str, list[float]] = {k: [] for k in ("prepare", "draw", "verify", "cold", "reference")}
    snapshot = frozen(db)
    for i in range(runs + 1):  # the first round warms up
        t0 = time.perf_counter()
        notice = draws.prepare(db, CASE)
        t1 = time.perf_counter()
        view = draws.draw(db, CASE, pool_hash=notice.pool_hash, commitment=notice.commitment, witness=f"见证 {i}",
                          reason=None if i == 0 else "bench", reason_kind=None if i == 0 else "other")  # fmt: skip
        t2 = time.perf_counter()
        assert draws.verify(db, view.id).ok
        t3 = time.perf_counter()
        algorithm._PARSED.clear()  # as in a new process: the stored snapshot is read afresh
        t4 = time.perf_counter()
        assert draws.verify(db, view.id).ok
        t5 = time.perf_counter()
        in_memory_draw(snapshot)
        t6 = time.perf_counter()
        if i:
            for key, start, end in (("prepare", t0, t1), ("draw", t1, t2), ("verify", t2, t3), ("cold", t4, t5),
                                    ("reference", t5, t6)):  # fmt: skip
                found[key].append((end - start) * 1000)
    return found


def pool_rows(size: int, found: dict[str, list[float]]) -> list[Row]:
    reference = f"in-memory draw {ms(found['reference'])}"
    out = []
    for key, label in (("draw", "draw"), ("verify", "verify"), ("cold", "verify, new process"), ("prepare", "prepare")):
        figure = statistics.median(found[key])
        what = f"{label}, pool of {size:,}"
        against = statistics.median(found["reference"])
        out.append(row(what, f"{figure:.1f} ms", f"{reference} ({figure / against:.1f}×); goal {GOAL_MS:g} ms",
                       figure / GOAL_MS, 1.0, figure <= GOAL_MS))  # fmt: skip
    return out


def main() -> None:
    args = parser(__doc__)
    args.add_argument("--pools", default="200,2000,10000")
    args.add_argument("--runs", type=int, default=5)
    options = args.parse_args()
    sizes = [200] if options.quick else [int(s) for s in options.pools.split(",")]
    runs = 2 if options.quick else options.runs
    folder = Path(tempfile.mkdtemp())
    os.environ.setdefault("HANDOVER_HOME", str(folder))
    os.environ.setdefault("HANDOVER_USER", "benchmark")
    found: list[Row] = []
    for size in sizes:
        db = open_database(working_copy(pool(size), folder))
        say(f"draw on a pool of {size}: {runs} rounds", options.json)
        found += pool_rows(size, measure(db, runs))
        db.close()
    emit(found, options.json)


if __name__ == "__main__":
    main()
