"""Field visits (外出核查): `handover field checkout|checkin|conflicts|resolve` on the office database (docs/field.md)."""

from __future__ import annotations

import argparse
from pathlib import Path

from handover.cli import EXIT_OK, EXIT_REFUSED, Context, Registry, record_id


def register(registry: Registry) -> None:
    field = registry.group("field", "外出核查：把案件带出到笔记本电脑上的文件，离线工作，带回时三方合并")
    out = field.command("checkout", "把案件带出到一个外出核查文件（.hofield）", cmd_checkout)
    out.add_argument("cases", nargs="+", type=record_id, metavar="案件编号")
    out.add_argument("-o", "--output", required=True, metavar="FILE.hofield", help="外出核查文件（不能已存在）")
    _passphrase(out, "用该环境变量中的口令加密文件（不加此项则不加密）")
    back = field.command("checkin", "把外出核查文件带回：逐项三方合并，有冲突的案件待裁决后再带回", cmd_checkin)
    back.add_argument("file", metavar="FILE.hofield")
    back.add_argument("--json", action="store_true", help='输出 JSON：{"applied": [...], "conflicts": [...]}')
    _passphrase(back)
    con = field.command("conflicts", "列出外出核查文件中待裁决的冲突（案件、指标、带出时、办公室、外出核查）", cmd_conflicts)
    con.add_argument("file", metavar="FILE.hofield")
    con.add_argument("--json", action="store_true", help="输出 JSON")
    _passphrase(con)
    res = field.command("resolve", "裁决一项冲突：采用外出核查的值（field）或保留办公室的值（office）", cmd_resolve)
    res.add_argument("file", metavar="FILE.hofield")
    res.add_argument("--case", type=record_id, required=True, metavar="案件编号")
    res.add_argument("--code", required=True, metavar="指标代码", help="指标代码；总体评价为 EVALUATION")
    res.add_argument("--take", required=True, choices=["field", "office"])
    _passphrase(res)


def _passphrase(parser: argparse.ArgumentParser, help: str | None = None) -> None:
    parser.add_argument(
        "--passphrase-env", metavar="VAR",
        help=help or "从该环境变量读取文件的口令（默认 HANDOVER_PASSPHRASE；在终端中也可直接输入）",
    )  # fmt: skip


def _key(args: argparse.Namespace) -> str | None:
    """The passphrase of the file named: none for a plain file, else from the environment or typed."""
    from handover import cipher
    from handover.field import access

    path = Path(args.file)
    if not (cipher.is_field_file(path) and cipher.is_encrypted(path)):
        return None
    return access.passphrase_from(args.passphrase_env or access.PASSPHRASE_ENV, path.name)


def cmd_checkout(args: argparse.Namespace, ctx: Context) -> None:
    from handover.field import access, checkout

    key = access.passphrase_from(args.passphrase_env, Path(args.output).name) if args.passphrase_env else None
    done = checkout.checkout(ctx.db, args.cases, args.output, key)
    cases = "、".join(str(c) for c in done.case_ids)
    ctx.out(f"已把案件 {cases} 带出到 {done.path}（{'已加密' if done.encrypted else '未加密：请妥善保管'}）")
    ctx.out(f"带回：handover field checkin {done.path}")


def _conflict_lines(ctx: Context, conflicts: list) -> None:  # type: ignore[type-arg]
    for c in conflicts:
        ctx.out(f"案件 {c.case_id} {c.code} {c.name}：")
        ctx.out(f"    带出时：{c.base}")
        ctx.out(f"    办公室：{c.office}")
        ctx.out(f"    外出核查：{c.field}")


def cmd_checkin(args: argparse.Namespace, ctx: Context) -> int:
    from handover.field import checkin

    result = checkin.checkin(ctx.db, args.file, _key(args))
    if args.json:
        ctx.json(result.to_dict())
        return EXIT_OK if result.complete else EXIT_REFUSED
    for case in result.applied:
        taken = "、".join(case["taken"]) or "无"
        ctx.out(f"案件 {case['case']} 已带回：采用外出核查的 {taken}；新增村（社区）{len(case['villages'])} 个、"
                f"附件 {case['attachments']} 个、签字 {case['signatures']} 个")  # fmt: skip
    for refused in result.refused:
        ctx.out(f"案件 {refused['case']} 未带回：{refused['reason']}")
    if result.conflicts:
        ctx.out(f"有 {len(result.conflicts)} 项冲突待裁决，这些案件的任何内容都还没有带回：")
        _conflict_lines(ctx, result.conflicts)
        ctx.out(f"裁决：handover field resolve {args.file} --case 案件编号 --code 指标代码 --take field|office")
    if not (result.applied or result.refused or result.conflicts):
        back = "、".join(str(c) for c in result.already)
        ctx.out(f"没有新的改动：案件 {back} 已经带回过，这次没有改动任何内容")
    return EXIT_OK if result.complete else EXIT_REFUSED


def cmd_conflicts(args: argparse.Namespace, ctx: Context) -> None:
    from handover.field import checkin

    conflicts = [c for plan in checkin.plans(ctx.db, args.file, _key(args)) for c in plan.conflicts]
    if args.json:
        ctx.json([c.to_dict() for c in conflicts])
        return
    if not conflicts:
        ctx.out("没有冲突。")
    _conflict_lines(ctx, [c for c in conflicts if c.decided is None])
    for c in conflicts:
        if c.decided is not None:
            ctx.out(f"案件 {c.case_id} {c.code} {c.name}：已裁决，{'采用外出核查的值' if c.decided == 'field' else '保留办公室的值'}")


def cmd_resolve(args: argparse.Namespace, ctx: Context) -> None:
    from handover.field import checkin

    done = checkin.resolve(ctx.db, args.file, args.case, args.code, args.take, _key(args))
    chosen = f"采用外出核查的值：{done.field}" if done.take_field else f"保留办公室的值：{done.office}"
    ctx.out(f"案件 {done.case_id} {done.code} {done.name}：{chosen}")
    ctx.out(f"再带回一次即可：handover field checkin {args.file}")
