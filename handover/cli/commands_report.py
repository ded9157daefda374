"""Report commands: `handover report` (one case or many, on all cores) and `handover verify` (a PDF or a QR text)."""

from __future__ import annotations

import argparse
import atexit
import gc
import sys
import time
from pathlib import Path
from typing import Any

from handover.cli import EXIT_FAILURE, EXIT_OK, EXIT_REFUSED, Context, Registry, positive, record_id
from handover.errors import Refused
from handover.words import STATUSES

PARTS = ("report", "sheet", "draw", "all", "meeting")
#: a document that does not match the database (the same code as `draw verify`)
EXIT_NOT_VERIFIED = 3
PART_HELP = "report（评审报告）| sheet（交接单及签字页）| draw（抽签记录）| all（全部，默认）| meeting（交接会议用单页：40项指标、村名和签字栏）"


def register(registry: Registry) -> None:
    rep = registry.command("report", "生成 PDF：评审报告、交接单、签字页和抽签记录（A4，可直接打印签字）", cmd_report)
    rep.add_argument("case", nargs="?", type=record_id, help="案件编号")
    rep.add_argument("-o", "--output", required=True, help="输出 PDF 文件；与 --all 同用时为输出文件夹")
    rep.add_argument("--part", choices=PARTS, default="all", help=PART_HELP)
    rep.add_argument("--all", action="store_true", help="为筛选出的每个案件各生成一个 PDF（使用全部 CPU 核）")
    rep.add_argument("--year", type=int, help="与 --all 同用：届末所在年份")
    rep.add_argument("--status", choices=sorted(STATUSES), help="与 --all 同用：案件状态")
    rep.add_argument("--search", help="与 --all 同用：按单位或书记姓名查找")
    rep.add_argument("--workers", type=positive, help="与 --all 同用：并行进程数（默认每个 CPU 核一个）")
    rep.add_argument("--supervisor", metavar="NAME", help="监交人姓名（印在签字页；不给则留空待手写）")
    rep.add_argument("--p12", metavar="FILE.p12", help="用单位证书对生成的 PDF 做数字签名（带可见签章）")
    rep.add_argument("--password-env", metavar="VAR", help="与 --p12 同用：从该环境变量读取证书密码（否则提示输入）")
    rep.add_argument("--json", action="store_true")

    ver = registry.command(
        "verify", "核验 PDF（或其二维码内容）与数据库中的案件是否一致：一致时退出码为 0，不一致为 3", cmd_verify
    )
    ver.add_argument("file", nargs="?", help="由 handover report 生成的 PDF 文件")
    ver.add_argument("--qr", metavar="TEXT", help="扫码得到的二维码文字（纸质文件核验）")
    ver.add_argument("--trust", action="append", default=[], metavar="CERT.pem", help="核验数字签名时额外信任的证书")
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
    from handover.signing.documents import produce

    out = _pdf_path(Path(args.output))
    key = _open_key(args, ctx)
    document = produce(ctx.db, args.case, out, args.part, supervisor=args.supervisor, key=key, make_folder=True)
    _checkpoint(ctx, key, args.case)
    data, result = document.data, document.result
    if args.json:
        ctx.json({"case": args.case, "path": str(out), "pages": result.pages, "part": args.part,
                  "document_id": data.document_id, "fingerprint": data.fingerprint})  # fmt: skip
        return None
    ctx.out(f"已生成 {out}（{result.pages} 页，文号 {data.doc_number}）")
    ctx.out(f"文档编号 {data.document_id}  内容指纹 SHA-256 {data.fingerprint}")
    ctx.out(f"操作日志哈希 {data.audit_head}（印在每页页脚，可用 handover audit verify --head 核对）")
    if key is not None:
        ctx.out(f"已用 {key.name} 的证书数字签名")
    if result.missing:
        listed = "、".join(f"{ch}（U+{ord(ch):04X}）" for ch in result.missing)
        ctx.out(f"注意：内置字体中没有这些字符，打印出来会是空白或方框：{listed}；请核对姓名、村名，必要时手写补正")
    if data.case.missing:
        ctx.out(f"注意：案件尚有 {len(data.case.missing)} 项指标未完成，文件每页标有“未完成”字样")
    return None


def _pdf_path(out: Path) -> Path:
    """The output file: 交接 becomes 交接.pdf (so Windows opens it with a PDF viewer); 交接.xlsx is refused."""
    if out.is_dir():
        raise Refused(f"{out} 是文件夹；请给出 PDF 文件名（例如 {out / '报告.pdf'}）")
    if out.suffix.lower() == ".pdf":
        return out
    if out.suffix and out.suffix[1:].isascii() and out.suffix[1:].isalnum():
        raise Refused(f"输出文件 {out.name} 的扩展名是 {out.suffix}，生成的是 PDF：请用 .pdf 结尾（例如 {out.with_suffix('.pdf').name}）")
    return out.with_name(out.name + ".pdf")


def _open_key(args: argparse.Namespace, ctx: Context) -> Any:
    """The organisation key when --p12 is given (asks for the password before any work is done).

    Without it the document is made as it is; while the issuing body is the placeholder that is a draft (样稿), and
    the user is told so here, once, whatever else the command prints."""
    from handover import settings

    if args.password_env and not args.p12:
        raise Refused("--password-env 只能与 --p12 一起使用")
    draft = not settings.issuing_body_is_set(ctx.db)
    if not args.p12:
        if draft:
            print(settings.DRAFT_WARNING, file=sys.stderr)
        return None
    from handover.cli.commands_sign import open_key
    from handover.signing.documents import SIGNING_A_DRAFT

    if draft:
        raise Refused(SIGNING_A_DRAFT)
    return open_key(args.p12, args.password_env)


def _checkpoint(ctx: Context, key: Any, case_id: int | None) -> None:
    """A report signed with the organisation key also signs the log's head (see handover/checkpoints.py)."""
    if key is not None:
        from handover import checkpoints

        checkpoints.add(ctx.db, key, case_id)


def _progress_bar(done: int, total: int, what: str) -> None:
    width = 30
    filled = width * done // total
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} {what[:40]:<40}")
    if done == total:
        sys.stderr.write("\n")
    sys.stderr.flush()


def _report_all(args: argparse.Namespace, ctx: Context) -> int:
    from handover import reading
    from handover.progress import Progress
    from handover.signing.batch import produce_many

    chosen = reading.list_cases(ctx.db, status=args.status, year=args.year, search=args.search)
    if not chosen:
        raise Refused("没有符合条件的案件")
    out_dir = Path(args.output)
    if out_dir.exists() and not out_dir.is_dir():
        raise Refused(f"{out_dir} 不是文件夹；--all 需要一个输出文件夹")
    key = _open_key(args, ctx)
    started = time.perf_counter()
    items = produce_many(ctx.db.url, list(reversed(chosen)), out_dir, part=args.part, key=key, workers=args.workers,
                         progress=None if args.json else Progress(_progress_bar), fork=True)  # fmt: skip
    elapsed = time.perf_counter() - started
    # the process ends soon: its last garbage collections need not walk the fonts and everything the documents left
    # (a quarter of a second at exit); gc.freeze frees nothing, it only takes what exists now out of their way
    atexit.register(gc.freeze)
    _checkpoint(ctx, key, None)
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
        if args.trust:
            raise Refused("--trust 用于核验 PDF 文件的数字签名，二维码没有数字签名")
        result = verify_qr(ctx.db, args.qr)
    digital = _digital(path.read_bytes(), args.trust) if args.file else None
    code, conclusion = _conclusion(result, digital)
    if args.json:
        data = result.to_dict()
        if digital is not None:
            data["digital_signature"] = digital.to_dict()
            data["ok"] = code == EXIT_OK
        ctx.json(data)
        return code
    if digital is not None:
        ctx.out(f"【数字签名】{digital.summary}")
        if digital.signed or not digital.readable:
            for line in digital.lines():
                ctx.out(f"  {line}")
        ctx.out("【内容核对】" + ("文件不是本系统生成的报告，未与数据库核对" if result.claim is None else ""))
    for line in result.lines():
        ctx.out(line)
    if digital is not None:
        ctx.out(f"【结论】{conclusion}")
    return code


def _conclusion(result: Any, digital: Any) -> tuple[int, str]:
    """The exit code and the one-line conclusion from the content check and the digital signature check."""
    if digital is None:  # a QR code: content only
        return (EXIT_OK if result.ok else EXIT_NOT_VERIFIED if result.claim is not None else EXIT_REFUSED), ""
    if result.claim is None:  # not a report of ours: only its digital signature can be checked
        if digital.signed:
            return (EXIT_OK, "通过：数字签名有效") if digital.ok else (EXIT_NOT_VERIFIED, "不通过：数字签名有问题")
        return EXIT_REFUSED, "无法核验：既不是本系统生成的报告，也没有数字签名"
    if not digital.readable or (digital.signed and not digital.ok):
        return EXIT_NOT_VERIFIED, "不通过：文件在数字签名后被改动、追加或损坏，或签名不可信，不能作为正式文件使用"
    if result.added:
        return EXIT_NOT_VERIFIED, "不通过：文件在本系统写出后被追加或改动，看到的内容不可信"
    if not result.ok:
        return EXIT_NOT_VERIFIED, "不通过：文件内容与数据库中的案件不一致"
    if not digital.signed:
        return EXIT_OK, "通过：内容与数据库一致（文件没有数字签名）"
    return EXIT_OK, "通过：数字签名有效，内容与数据库一致"


def _digital(content: bytes, trust: list[str]) -> Any:
    from handover.signing import pades, pki

    return pades.verify_pdf(content, [pki.load_certificate(f) for f in trust])
