"""The PDF (issue 15): one report in-process beside plain reportlab drawing the same content (goal ≤ 1.5×), and
`handover report --all` with 2 workers over 1 (goal ≥ 1.7× on an idle 2-core machine).

    .venv/bin/python benchmarks/bench_report.py [--cases 120] [--repeat 10] [--json] [--quick]

The reference of the first: the demo case's texts and tables (particulars, key indicators, the 40 indicators of the
sheet, evaluation, panel, draw record) laid out with reportlab's SimpleDocTemplate, Paragraph and Table in the same
fonts, without this program's header, footer, QR code, chart or metadata.
"""

from __future__ import annotations

import io
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path

from rows import Row, alternating, at_most, emit, parser, row, say  # benchmarks/rows.py: the one output format
from sqlalchemy import insert, select

from handover import catalogue, demo, reading
from handover.db import Database, open_database
from handover.models import HandoverCase, IndicatorValue, NamedVillage, Unit, Village
from handover.report import fonts
from handover.report.data import ReportData, gather
from handover.report.render import render_pdf


def add_cases(db: Database, count: int) -> None:
    """`count` complete cases, each in its own township with ten villages, values copied from the demo case."""
    cat = catalogue.load()
    now = datetime.now(UTC)
    with db.session() as s:
        s.execute(insert(Unit), [{"name": f"基准镇{i:04d}", "unit_type": "township", "created_at": now} for i in range(count)])
        unit_ids = list(s.execute(select(Unit.id).where(Unit.name.like("基准镇%")).order_by(Unit.name)).scalars())  # type: ignore[attr-defined]
        s.execute(insert(Village), [{"unit_id": u, "name": f"基准{u}村{k}"} for u in unit_ids for k in range(10)])
        villages: dict[int, list[int]] = {}
        for vid, uid in s.execute(select(Village.id, Village.unit_id).where(Village.unit_id.in_(unit_ids))):  # type: ignore[union-attr]
            villages.setdefault(uid, []).append(vid)
        s.execute(insert(HandoverCase), [
            {"unit_id": u, "outgoing": f"离任{n}", "incoming": f"接任{n}", "term_start": date(2021, 9, 1),
             "term_end": date(2026, 8, 20), "handover_date": date(2026, 8, 24), "status": "review",
             "catalogue_version": cat.version, "evaluation_grade": "良好", "evaluation_comment": demo.COMMENT,
             "created_at": now, "updated_at": now}
            for n, u in enumerate(unit_ids)
        ])  # fmt: skip
        case_units = dict(s.execute(select(HandoverCase.id, HandoverCase.unit_id).where(HandoverCase.unit_id.in_(unit_ids))).all())  # type: ignore[attr-defined]
        rows = []
        for cid in case_units:
            for ind in cat.indicators:
                start, end = demo.COMPLETE[ind.code]
                if isinstance(start, list) and isinstance(end, list):
                    start, end = str(len(start)), str(len(end))
                rows.append({"case_id": cid, "code": ind.code, "start_value": start, "end_value": end,
                             "note": demo.NOTES.get(ind.code), "updated_at": now})  # fmt: skip
        s.execute(insert(IndicatorValue), rows)
        listed = {ind.code: demo.COMPLETE[ind.code] for ind in cat.indicators if ind.villages}
        named = []
        for value_id, cid, code in s.execute(
            select(IndicatorValue.id, IndicatorValue.case_id, IndicatorValue.code).where(
                IndicatorValue.case_id.in_(list(case_units)), IndicatorValue.code.in_(list(listed))  # type: ignore[attr-defined]
            )
        ):
            ids = villages[case_units[cid]]
            start, end = listed[code]
            for point, names in (("start", start), ("end", end)):
                named += [{"value_id": value_id, "point": point, "village_id": ids[k], "position": k}
                          for k in range(len(names))]  # type: ignore[arg-type]  # fmt: skip
        s.execute(insert(NamedVillage), named)


def plain_reportlab(data: ReportData) -> bytes:
    """The reference: the same texts and tables drawn with reportlab directly (see the module docstring)."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

    body = ParagraphStyle("body", fontName=fonts.BODY, fontSize=10.5, leading=16, wordWrap="CJK")
    head = ParagraphStyle("head", fontName=fonts.HEADING, fontSize=14, leading=22)
    case = data.case
    s = case.summary
    story: list[object] = [Paragraph("党建绩效离任评审报告", head), Paragraph(f"（{s.unit}{s.outgoing}同志离任）", body)]
    story.append(Table([[Paragraph(k, body), Paragraph(str(v), body)] for k, v in (
        ("被评审单位", s.unit), ("离任书记", s.outgoing), ("接任书记", s.incoming), ("任期", f"{s.term_start}至{s.term_end}"),
        ("发文机关", data.issuing_body), ("文号", data.doc_number))], colWidths=[100, 350]))  # fmt: skip
    for title, values in (("重点指标", [v for v in case.values if v.key]), ("党建交接单", list(case.values))):
        story += [Spacer(1, 8), Paragraph(title, head)]
        rows = [[Paragraph(x, body) for x in ("指标", "届初", "届末", "变化", "趋势")]]
        rows += [[Paragraph(f"{v.code} {v.name}", body), Paragraph(str(v.start or v.na_reason or ""), body),
                  Paragraph(str(v.end or ""), body), Paragraph(str(v.trend or "—"), body),
                  Paragraph(str(v.trend or "—"), body)] for v in values]  # fmt: skip
        story.append(Table(rows, colWidths=[170, 70, 70, 90, 50], repeatRows=1, style=[("GRID", (0, 0), (-1, -1), 0.5, "grey")]))
    story += [Paragraph("总体评价", head), Paragraph(f"评价等次：{case.evaluation_grade}", body)]
    story += [Paragraph(p, body) for p in (case.evaluation_comment or "").splitlines() if p.strip()]
    for record in data.draws:
        story += [Paragraph("抽签记录", head), Paragraph(f"种子 {record.seed} 人员库哈希 {record.pool_hash}", body)]
        story.append(Table([[Paragraph(m.name, body), Paragraph(m.organization, body), Paragraph(m.role, body)]
                            for m in record.members], colWidths=[120, 220, 100]))  # fmt: skip
    story += [Paragraph("签字", head), Table([[Paragraph(x.role, body), ""] for x in data.signatures], colWidths=[150, 300])]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story)  # type: ignore[arg-type]
    return out.getvalue()


def run_all(db_path: Path, out: Path, workers: int) -> tuple[float, float]:
    """Wall time and CPU time (all processes) of one `handover report --all`."""
    handover = Path(sys.executable).with_name("handover")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run([str(handover), "--db", str(db_path), "report", "--all", "-o", str(out), "--status", "review",
                    "--workers", str(workers), "--json"], check=True, capture_output=True)  # fmt: skip
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def in_process(db: Database, repeat: int) -> Row:
    fonts.register()
    data = gather(db, 1)
    render_pdf(data)  # warm up: first use of each glyph, style caches
    plain_reportlab(data)
    mine, reference = alternating(lambda: render_pdf(gather(db, 1)), lambda: plain_reportlab(data), repeat)
    return at_most("one report in-process (gather + render)", mine, "plain reportlab", reference, 1.5)


def workers(db: Database, db_path: Path, folder: Path, cases: int, runs: int) -> Row:
    """`report --all` with 1 worker and with 2, in turn; the speed-up of the medians."""
    add_cases(db, cases)
    chosen = reading.list_cases(db, status="review")
    one, two, cpu_one, cpu_two = [], [], [], []
    for i in range(runs):
        for walls, cpus, n in ((one, cpu_one, 1), (two, cpu_two, 2)):
            wall, cpu = run_all(db_path, folder / f"w{n}-{i}", n)
            walls.append(wall)
            cpus.append(cpu)
    assert len(list((folder / "w2-0").glob("*.pdf"))) == len(chosen)
    speedup = statistics.median(one) / statistics.median(two)
    per = 1000 * statistics.median(two) / len(chosen)
    # CPU seconds of all processes: on a busy machine (Linux groups a session's processes for the scheduler) a second
    # worker gets no more CPU, and the wall times then say nothing of the parallelism; the CPU times still show its cost
    cpu = f"CPU {statistics.median(cpu_one):.1f} s, 2 workers {statistics.median(cpu_two):.1f} s"
    return row(f"report --all, {len(chosen)} cases, 2 workers over 1", f"{statistics.median(two):.1f} s ({per:.0f} ms each)",
               f"1 worker {statistics.median(one):.1f} s ({cpu})", speedup, 1.7, speedup >= 1.7)  # fmt: skip


def main() -> None:
    args = parser(__doc__)
    args.add_argument("--cases", type=int, default=120)
    args.add_argument("--repeat", type=int, default=10)
    args.add_argument("--runs", type=int, default=2, help="runs of report --all with each number of workers")
    options = args.parse_args()
    folder = Path(tempfile.mkdtemp())
    os.environ.setdefault("HANDOVER_HOME", str(folder))
    db_path = folder / "bench.sqlite3"
    db = open_database(db_path)
    demo.load_demo(db)
    say(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}; database {db_path}", options.json)
    found = [in_process(db, 3 if options.quick else options.repeat)]
    found.append(workers(db, db_path, folder, 4 if options.quick else options.cases, 1 if options.quick else options.runs))
    db.close()
    emit(found, options.json)


if __name__ == "__main__":
    main()
