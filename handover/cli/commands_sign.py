"""Signature commands: sign, attach, case revise/signatures, audit, cert, sign-pdf (verify is in commands_report)."""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from handover.cli import EXIT_OK, Context, Registry, record_id, whole_number
from handover.errors import Refused
from handover.files import write_atomic
from handover.words import SIGNER_ROLES

EXIT_NOT_VERIFIED = 3  # like draw verify and verify: the check ran and found a problem


def register(registry: Registry) -> None:
    sign = registry.command("sign", "签字：离任、接任、监交人签齐后案件即签署并锁定", cmd_sign)
    sign.add_argument("case", type=record_id)
    roles = " | ".join(f"{code}（{word}）" for code, word in SIGNER_ROLES.items())
    sign.add_argument("--role", required=True, help=roles)
    sign.add_argument("--name", required=True, help="签字人姓名")
    ink = sign.add_mutually_exclusive_group()
    ink.add_argument("--image", metavar="FILE.png", help="手写签名图片（PNG）")
    ink.add_argument("--strokes", metavar="FILE.json", help="签名板笔迹（JSON）")
    sign.add_argument("--json", action="store_true")
    sign.add_argument("--p12", metavar="FILE.p12", help="单位证书：签齐锁定时用它为操作日志加一个检查点")
    sign.add_argument("--password-env", metavar="VAR", help="与 --p12 同用：从该环境变量读取证书密码（否则提示输入）")

    attach = registry.command("attach", "为案件添加附件：签字纸质件的扫描件（scan）或佐证材料（evidence）", cmd_attach)
    attach.add_argument("case", type=record_id)
    attach.add_argument("file")
    attach.add_argument("--kind", required=True, choices=["scan", "evidence"])
    attach.add_argument("--indicator", metavar="CODE", help="佐证材料对应的指标代码")

    case = registry.group("case")
    revise = case.command("revise", "为已签署的案件建立修订版本（原签署版本保留，修订版本需重新签字）", cmd_case_revise)
    revise.add_argument("case", type=record_id)
    revise.add_argument("--reason", required=True, help="修订理由")
    revise.add_argument("--json", action="store_true")
    sigs = case.command("signatures", "显示案件的签字情况和内容指纹", cmd_case_signatures)
    sigs.add_argument("case", type=record_id)
    sigs.add_argument("--json", action="store_true")

    audit = registry.group("audit", "操作日志（防篡改的哈希链）")
    verify = audit.command(
        "verify", "检查操作日志是否被改动、删除或调换顺序，单位签名的检查点是否有效，数据表与日志是否一致", cmd_audit_verify
    )
    verify.add_argument("--head", metavar="HASH", help="报告上印的日志哈希：检查它仍在日志中")
    verify.add_argument("--trust", action="append", default=[], metavar="CERT.pem", help="核验检查点时信任的单位证书")
    mark = audit.command("checkpoint", "用单位证书对操作日志的最新哈希签名，加一个检查点", cmd_audit_checkpoint)
    _key_options(mark)
    log = audit.command("log", "列出操作日志", cmd_audit_log)
    log.add_argument("--case", type=record_id)
    log.add_argument("--limit", type=whole_number(1, 1_000_000), default=50, help="最多显示的条数（默认50）")
    log.add_argument("--json", action="store_true")

    cert = registry.group("cert", "单位数字证书与信任列表")
    create = cert.command("create", "生成自签名的单位证书（.p12），并加入本机信任列表", cmd_cert_create)
    create.add_argument("--org", required=True, help="单位名称，例如 中共景宁县委组织部")
    create.add_argument("-o", "--output", required=True, metavar="FILE.p12")
    create.add_argument("--password-env", metavar="VAR", help="从该环境变量读取证书密码（否则提示输入）")
    create.add_argument("--years", type=whole_number(1, 30), default=10, help="有效年数（1至30，默认10）")
    create.add_argument("--trust", nargs="*", default=[], metavar="CERT.pem", help="同时把其他单位的证书加入信任列表")
    trust = cert.command("trust", "把其他单位的证书（.pem/.cer）加入本机信任列表", cmd_cert_trust)
    trust.add_argument("files", nargs="+", metavar="CERT.pem")
    cert.command("list", "列出本机信任的证书", cmd_cert_list)

    spdf = registry.command("sign-pdf", "用单位证书对任意 PDF 做数字签名（带可见的中文签章）", cmd_sign_pdf)
    spdf.add_argument("file")
    spdf.add_argument("-o", "--output", required=True)
    _key_options(spdf)
    spdf.add_argument("--reason", default="确认文件内容")


def _key_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--p12", required=True, metavar="FILE.p12", help="单位证书（PKCS#12）")
    parser.add_argument("--password-env", metavar="VAR", help="从该环境变量读取证书密码（否则提示输入）")


def read_password(env: str | None, *, confirm: bool = False) -> str:
    """The certificate password from the named environment variable or a prompt; never echoed, stored or logged."""
    if env:
        value = os.environ.get(env)
        if value is None:
            raise Refused(f"环境变量 {env} 未设置：请先设置证书密码，或不带 --password-env 以便交互输入")
        return value
    if not sys.stdin.isatty():
        # getpass would fall back to reading stdin, echo, and fail on its end: ask for the variable instead
        raise Refused("这里无法交互输入证书密码（没有终端）：请把密码放在环境变量中，并用 --password-env 变量名 指明")
    first = getpass.getpass("证书密码：")
    if confirm and getpass.getpass("再输入一次：") != first:
        raise Refused("两次输入的密码不一致")
    return first


def open_key(p12: str, env: str | None) -> Any:
    from handover.signing import pki

    path = Path(p12)
    if not path.is_file():
        raise Refused(f"证书文件不存在：{path}")
    return pki.load_p12(path.read_bytes(), read_password(env))


def cmd_sign(args: argparse.Namespace, ctx: Context) -> None:
    from handover.signoff import service as signoff
    strokes = png = None
    if args.strokes:
        strokes = _read(args.strokes).decode("utf-8", errors="replace")
    if args.image:
        png = _read(args.image)
    if args.password_env and not args.p12:
        raise Refused("--password-env 只能与 --p12 一起使用")
    key = open_key(args.p12, args.password_env) if args.p12 else None
    result = signoff.sign(ctx.db, args.case, args.role, args.name, strokes=strokes, png=png, key=key)
    if args.json:
        ctx.json(_status_dict(result))
        return
    ctx.out(f"{SIGNER_ROLES[args.role]} {args.name} 已签字（内容指纹 {result.fingerprint[:16]}…）")
    if result.locked and args.role not in signoff.REQUIRED_ROLES:  # a panel signature never locks: it came after
        ctx.out(f"案件 {args.case} 已签署并锁定：本签字在签署后追加，签署的内容不变。")
    elif result.locked:
        from handover.signoff.revisions import lock_notice

        ctx.out(lock_notice(args.case))
    else:
        ctx.out(f"尚缺：{'、'.join(result.missing_labels)}")


def _read(name: str) -> bytes:
    path = Path(name)
    if not path.is_file():
        raise Refused(f"文件不存在：{path}")
    return path.read_bytes()


def _status_dict(status: Any) -> dict[str, Any]:
    return {
        "case": status.case_id,
        "status": status.status,
        "locked": status.locked,
        "fingerprint": status.fingerprint,
        "missing": list(status.missing),
        "revises": status.revises,
        "revised_by": list(status.revised_by),
        "signatures": [
            {"id": s.id, "role": s.role, "name": s.name, "signed_at": s.signed_at.isoformat(), "fingerprint": s.fingerprint,
             "current": s.current, "ink": "strokes" if s.has_strokes else "image" if s.has_image else "paper"}
            for s in status.signatures
        ],  # fmt: skip
    }


def cmd_case_signatures(args: argparse.Namespace, ctx: Context) -> None:
    from handover.signoff import service as signoff
    status = signoff.status(ctx.db, args.case)
    if args.json:
        ctx.json(_status_dict(status))
        return
    ctx.out(f"案件 {status.case_id}  内容指纹 {status.fingerprint}")
    if status.revises:
        ctx.out(f"本案是案件 {status.revises} 的修订版本，理由：{status.revision_reason}")
    for sig in status.signatures:
        mark = "" if sig.current else "（签字后内容有变化，已失效）"
        ctx.out(f"  {sig.role_label} {sig.name}  {sig.signed_at:%Y-%m-%d %H:%M}{mark}")
    if status.locked:
        ctx.out("已签署并锁定。" + (f" 修订版本：{'、'.join(map(str, status.revised_by))}" if status.revised_by else ""))
    else:
        ctx.out(f"尚缺：{'、'.join(status.missing_labels)}")


def cmd_case_revise(args: argparse.Namespace, ctx: Context) -> None:
    from handover.signoff import revisions
    new_id = revisions.revise(ctx.db, args.case, args.reason)
    if args.json:
        ctx.json({"id": new_id, "revises": args.case})
    else:
        ctx.out(f"已为案件 {args.case} 建立修订版本：案件 {new_id}（草稿，修改后需重新提交评审并签字）；原签署版本保留不变")


def cmd_attach(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import attachments

    view = attachments.add(ctx.db, args.case, args.file, args.kind, args.indicator)
    ctx.out(f"已添加{attachments.KINDS[view.kind]} {view.filename}（{view.size} 字节，SHA-256 {view.sha256}）")


def cmd_audit_verify(args: argparse.Namespace, ctx: Context) -> int:
    from handover.services import integrity
    from handover.signing import pki

    trusted = [pki.load_certificate(f) for f in args.trust] + pki.trust_roots()
    verdict = integrity.verify(ctx.db, head=args.head, trusted=trusted)
    for line in verdict.lines():
        ctx.out(line)
    return EXIT_OK if verdict.ok else EXIT_NOT_VERIFIED


def cmd_audit_checkpoint(args: argparse.Namespace, ctx: Context) -> None:
    from handover import checkpoints

    key = open_key(args.p12, args.password_env)
    head = checkpoints.add(ctx.db, key)
    ctx.out(f"已用 {key.name} 的证书为操作日志加检查点：签名的日志哈希 {head}")


def cmd_audit_log(args: argparse.Namespace, ctx: Context) -> None:
    from handover import audit

    rows = audit.entries(ctx.db, case_id=args.case, limit=args.limit)
    if args.json:
        ctx.json([{"seq": e.seq, "at": e.at, "actor": e.actor, "action": e.action, "case": e.case_id,
                   "details": e.details, "hash": e.hash} for e in rows])  # fmt: skip
        return
    for e in rows:
        case = f"案件{e.case_id} " if e.case_id is not None else ""
        ctx.out(f"{e.seq:>6}  {e.at[:19].replace('T', ' ')}  {e.actor}  {case}{e.action_label}  {_short(e.details)}")


def _short(details: dict[str, Any]) -> str:
    import json

    text = json.dumps(details, ensure_ascii=False)
    return text if len(text) <= 100 else text[:99] + "…"


def cmd_cert_create(args: argparse.Namespace, ctx: Context) -> None:
    from handover.signing import pki

    output = Path(args.output)
    if len(args.org.strip()) > 64:
        raise Refused(f"单位名称过长：{len(args.org.strip())}个字（证书中的单位名称不超过64个字）")
    pki.refuse_existing(output)
    extra = [pki.load_certificate(f) for f in args.trust]
    new = pki.create_org_certificate(args.org, read_password(args.password_env, confirm=True), years=args.years)
    pem = pki.save_org_certificate(new, output)
    for cert in extra:
        pki.add_trust(cert)
    ctx.out(f"已生成单位证书 {output}（含私钥，凭密码使用，请勿外传）和 {pem}（公开证书，可分发给核验方）。")
    ctx.out(f"有效期至 {new.not_after:%Y-%m-%d}；已加入本机信任列表" + (f"，另加入 {len(extra)} 张其他证书" if extra else "") + "。")
    ctx.out(pki.SELF_SIGNED_NOTICE.format(org=args.org, fingerprint=new.fingerprint))


def cmd_cert_trust(args: argparse.Namespace, ctx: Context) -> None:
    from handover.signing import pki

    certs = [pki.load_certificate(f) for f in args.files]
    for cert in certs:
        added = pki.add_trust(cert)
        ctx.out(f"已信任：{added.name}  有效期至 {added.not_after:%Y-%m-%d}  指纹 {added.fingerprint}")
    ctx.out("请确认以上指纹与签发单位通过可靠途径告知的一致。")


def cmd_cert_list(args: argparse.Namespace, ctx: Context) -> None:
    from handover.signing import pki

    rows = pki.list_trust()
    if not rows:
        ctx.out("本机还没有信任的证书（handover cert create 或 handover cert trust 添加）。")
    for row in rows:
        ctx.out(f"{row.name}  有效期至 {row.not_after:%Y-%m-%d}  指纹 {row.fingerprint}")


def cmd_sign_pdf(args: argparse.Namespace, ctx: Context) -> None:
    from handover.signing import pades
    from handover.signing.documents import refuse_a_draft

    source = _read(args.file)
    refuse_a_draft(source)
    key = open_key(args.p12, args.password_env)
    signed = pades.sign_pdf(source, key, reason=args.reason)
    write_atomic(Path(args.output), signed, make_folder=True)
    ctx.out(f"已签名：{args.output}（签署单位 {key.name}）")
