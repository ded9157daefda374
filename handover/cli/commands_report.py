"""Report commands: `handover report` (one case or many, on all cores) and `handover verify` (a PDF or a QR text)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from handover.cli import EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, Context, Registry
from handover.errors import Refused
from handover.views import STATUS_LABELS

PARTS = ("report", "sheet", "draw", "all")
#: a document that does not match the database (the same code as `draw verify`)
EXIT_NOT_VERIFIED = 3
PART_HELP = "report（评审报告）| sheet（交接单及签字页）| draw（抽签记录）| all（全部，默认）"


def register(registry: Registry) -> None:
    rep = registry.command("report", "生成 PDF：评审报告、交接单、签字页和抽签记录（A4，可直接打印签字）", cmd_report)
    rep.add_argument("case", nargs="?", type=int, help="案件编号")
    rep.add_argument("-o", "--output", required=True, help="输出 PDF 文件；与 --all 同用时为输出文件夹")
    rep.add_argument("--part", choices=PARTS, default="all", help=PART_HELP)
    rep.add_argument("--all", action="store_true", help="为筛选出的每个案件各生成一个 PDF（使用全部 CPU 核）")
    rep.add_argument("--year", type=int, help="与 --all 同用：届末所在年份")
    rep.add_argument("--status", choices=sorted(STATUS_LABELS), help="与 --all 同用：案件状态")
    rep.add_argument("--search", help="与 --all 同用：按单位或书记姓名查找")
    rep.add_argument("--workers", type=int, help="与 --all 同用：并行进程数（默认每个 CPU 核一个）")
    rep.add_argument("--supervisor", metavar="NAME", help="监交人姓名（印在签字页；不给则留空待手写）")
    rep.add_argument("--json", action="store_true")

    ver = registry.command(
        "verify", "核验 PDF（或其二维码内容）与数据库中的案件是否一致：一致时退出码为 0，不一致为 3", cmd_verify
    )
    ver.add_argument("file", nargs="?", help="由 handover report 生成的 PDF 文件")
    ver.add_argument("--qr", metavar="TEXT", help="扫码得到的二维码文字（纸质文件核验）")
    ver.add_argument("--json", action="store_true")


def cmd_report(args: argparse.Namespace, ctx: Context) -> int | None:
    if args.all:
        if args.case is not None:
            raise Refused("--all 与案件编号不能同时给出")
        return _report_all(args, ctx)
    if args.case is None:
        raise Refused("请给出案件编号（handover case list 可查看），或用 --all 为多个案件生成")
    if any(getattr(args, f) is not None for f in ("year", "status", "search", "workers")):
        raise Refused("--year、--status、--search、--workers 只能与 --all 一起使用")
    from handover.report.data import gather
    from handover.report.render import write_pdf

    out = Path(args.output)
    if out.is_dir():
        raise Refused(f"{out} 是文件夹；请给出 PDF 文件名（例如 {out / '报告.pdf'}）")
    data = gather(ctx.db, args.case, supervisor=args.supervisor)
    try:
        result = write_pdf(data, out, args.part)
    except OSError as exc:
        raise Refused(f"无法写入 {out}：{exc.strerror or exc}") from exc
    if args.json:
        ctx.json({"case": args.case, "path": str(out), "pages": result.pages, "part": args.part,
                  "document_id": data.document_id, "fingerprint": data.fingerprint})  # fmt: skip
        return None
    ctx.out(f"已生成 {out}（{result.pages} 页，文号 {data.doc_number}）")
    ctx.out(f"文档编号 {data.document_id}  内容指纹 SHA-256 {data.fingerprint}")
    if result.missing:
        listed = "、".join(f"{ch}（U+{ord(ch):04X}）" for ch in result.missing)
        ctx.out(f"注意：内置字体中没有这些字符，打印出来会是空白或方框：{listed}；请核对姓名、村名，必要时手写补正")
    if data.case.missing:
        ctx.out(f"注意：案件尚有 {len(data.case.missing)} 项指标未完成，文件每页标有“未完成”字样")
    return None


def _progress_bar(done: int, total: int, what: str) -> None:
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {what[:40]:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _report_all(args: argparse.Namespace, ctx: Context) -> int:
    from handover.report.batch import render_many
    from handover.services import cases

    chosen = cases.list_cases(ctx.db, status=args.status, year=args.year, search=args.search)
    if not chosen:
        raise Refused("没有符合条件的案件")
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        raise Refused(f"{out_dir} 不是文件夹；--all 需要一个输出文件夹")
    started = time.perf_counter()
    items = render_many(ctx.db.url, list(reversed(chosen)), out_dir, part=args.part, workers=args.workers,
                        progress=None if args.json else _progress_bar)  # fmt: skip
    elapsed = time.perf_counter() - started
    failed = [i for i in items if not i.ok]
    if args.json:
        ctx.json({"written": [{"case": i.case_id, "path": str(i.path), "pages": i.pages} for i in items if i.ok],
                  "failed": [{"case": i.case_id, "error": i.error} for i in failed], "seconds": round(elapsed, 2)})  # fmt: skip
    else:
        ctx.out(f"已生成 {len(items) - len(failed)} 个 PDF 到 {out_dir}（用时 {elapsed:.1f} 秒）")
        for item in failed:
            ctx.out(f"案件 {item.case_id} 生成失败：{item.error}")
    return EXIT_FAILURE if failed else EXIT_OK


def cmd_verify(args: argparse.Namespace, ctx: Context) -> int:
    from handover.report.verify import verify_pdf, verify_qr

    if bool(args.file) == bool(args.qr):
        raise Refused("请给出一个 PDF 文件，或用 --qr 给出二维码内容（二者选一）")
    if args.file:
        path = Path(args.file)
        if not path.is_file():
            raise Refused(f"找不到文件 {path}")
        result = verify_pdf(ctx.db, path)
    else:
        result = verify_qr(ctx.db, args.qr)
    if args.json:
        ctx.json(result.to_dict())
    else:
        for line in result.lines():
            ctx.out(line)
    if result.ok:
        return EXIT_OK
    return EXIT_NOT_VERIFIED if result.claim is not None else EXIT_REFUSED
