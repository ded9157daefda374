"""Time the digital signature of a report (open the .p12, sign with the visible stamp, verify) and the audit log.

    .venv/bin/python benchmarks/bench_sign.py [--repeat 20] [--entries 10000]

The PDF signed is the demo case's full report (report, sheet, signature page, draw record).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from timing import show, timed  # benchmarks/timing.py: one timing and output format


def report_pdf(folder: Path) -> tuple[bytes, str]:
    from handover import demo, reading
    from handover.db import open_database
    from handover.report.data import gather
    from handover.report.render import render_pdf

    db = open_database(folder / "bench.sqlite3")
    try:
        demo.load_demo(db)
        case_id = next(c.id for c in reading.list_cases(db) if c.done == c.total)
        result = render_pdf(gather(db, case_id), "all")
        return result.pdf, f"示例案件的完整报告（{result.pages} 页）"
    finally:
        db.close()


def bench_pdf(repeat: int, folder: Path) -> None:
    from handover.signing import pades, pki

    pdf, what = report_pdf(folder)
    print(f"签名对象：{what}，{len(pdf) // 1024} KB")
    t0 = time.perf_counter()
    new = pki.create_org_certificate("中共景宁县委组织部", "bench-password")
    print(f"{'create RSA-3072 organisation certificate':<44} {1000 * (time.perf_counter() - t0):8.1f} ms (once)")
    show("open .p12 (password key derivation)", timed(lambda: pki.load_p12(new.p12, "bench-password"), repeat))
    key = pki.load_p12(new.p12, "bench-password")
    first = time.perf_counter()
    signed = pades.sign_pdf(pdf, key)
    print(f"{'first signature (registers the report fonts)':<44} {1000 * (time.perf_counter() - first):8.1f} ms")
    sign_times = timed(lambda: pades.sign_pdf(pdf, key), repeat)
    show("sign (PAdES B, visible Chinese stamp)", sign_times)
    verify_times = timed(lambda: pades.verify_pdf(signed, [key.certificate]), repeat)
    show("verify (intact, valid, trusted, coverage)", verify_times)
    assert pades.verify_pdf(signed, [key.certificate]).ok
    print(f"sign / verify ratio: {statistics.median(sign_times) / statistics.median(verify_times):.1f}")
    # a countersigned file: the first signature's check now includes pyHanko's difference analysis of the later revision
    both = pades.sign_pdf(signed, key, box=(30.0, 28.0, 265.0, 96.0))
    assert pades.verify_pdf(both, [key.certificate]).ok
    countersigned = timed(lambda: pades.verify_pdf(both, [key.certificate]), repeat)
    show("verify countersigned (2 signatures + diff)", countersigned)
    print(f"countersigned / single verify ratio: {statistics.median(countersigned) / statistics.median(verify_times):.1f}")


def bench_audit(entries: int, folder: Path) -> None:
    from handover import audit
    from handover.db import open_database

    db = open_database(folder / "audit.sqlite3")
    try:
        t0 = time.perf_counter()
        batch = 1000
        for start in range(0, entries, batch):
            with db.session() as session:
                for i in range(start, min(start + batch, entries)):
                    audit.record(session, "value.edit", i % 500 + 1, {"code": "ORG05", "old": {"end": str(i)}, "new": {"end": str(i + 1)}})
        elapsed = time.perf_counter() - t0
        print(f"{'append audit entries':<44} {entries / elapsed:8.0f} entries/s ({entries} in {elapsed:.1f} s)")
        t0 = time.perf_counter()
        with db.session() as session:
            audit.record(session, "case.status", 1, {"old": "draft", "new": "review"})
        print(f"{'one entry in its own transaction':<44} {1000 * (time.perf_counter() - t0):8.1f} ms")
        times = timed(lambda: audit.verify(db), 3)
        show(f"audit verify ({entries + 1} entries)", times)
    finally:
        db.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--entries", type=int, default=10_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["HANDOVER_HOME"] = folder
        bench_pdf(args.repeat, Path(folder))
        bench_audit(args.entries, Path(folder))


if __name__ == "__main__":
    main()
