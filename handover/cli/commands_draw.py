"""Reviewer pool and draw commands: `handover reviewer import|list|add|edit` and `handover draw ...`.

`handover draw CASE` and `handover draw show|verify|replace|list|preview ...` share the word `draw`: one parser takes a
first word that is either a case number or one of the subcommand names, and the handler dispatches on it.
"""

from __future__ import annotations

import argparse
from typing import Any

from handover.cli import EXIT_REFUSED, MAX_ID, Context, Registry, pad
from handover.cli.draw_commit import draw_case, draw_prepare
from handover.errors import Refused
from handover.words import REDRAW_REASONS

#: exit code of `handover draw verify` when the record does not reproduce (0 = reproduces, 2 = refused input)
EXIT_NOT_VERIFIED = 3
DRAW_WORDS = ("prepare", "show", "verify", "replace", "list", "preview")
DRAW_USAGE = """handover draw prepare CASE [--size N] [--alternates K] [--public-source TEXT] [-o 抽签公告.pdf] [--json]
       handover draw CASE --pool-hash HASH --commitment HASH --witness TEXT [--public-value TEXT]
                          [--reason-kind KIND --reason TEXT] [--json]
       handover draw preview CASE [--size N] [--alternates K] [--json]
       handover draw list CASE [--json]
       handover draw show DRAW_ID [--json]
       handover draw verify DRAW_ID [--json]
       handover draw replace DRAW_ID CERTIFICATE_NO|NAME --reason TEXT [--json]"""
DRAW_EPILOG = """形式：
  draw prepare CASE      抽签准备：冻结人员库，生成系统随机数并公布其承诺（SHA-256）；-o 打印抽签公告供见证人签字
  draw CASE              见证人签字后抽签：须给出公告上的人员库哈希和承诺值，以及见证人输入的文字；抽签记录先保存再显示
  draw preview CASE      抽签前公示：符合条件的人员、被排除人员及原因、人员库快照的 SHA-256
  draw list CASE         列出案件的全部抽签记录（每次抽签都保留）
  draw show DRAW_ID      显示一条抽签记录；--json 给出核验所需的完整记录（docs/verify_draw.py 可独立核验）
  draw verify DRAW_ID    根据记录重新计算并核对；一致时退出码为 0，不一致为 3
  draw replace DRAW_ID CERTIFICATE_NO --reason TEXT   成员不能参加时由下一位符合规则的候补递补（姓名仅在人员库中唯一时可用）
重新抽签的理由类别（--reason-kind）：""" + "、".join(f"{k}（{v}）" for k, v in REDRAW_REASONS.items())


def register(registry: Registry) -> None:
    reviewer = registry.group("reviewer", "评审人员库")
    imp = reviewer.command("import", "从 Excel（.xlsx）或 CSV 导入评审人员：全部导入或全部不导入；按证书编号更新", cmd_reviewer_import)
    imp.add_argument("file", help="表头：姓名、工作单位、性别、是否组织部、证书编号、证书有效期至、最近培训日期、回避对象")
    lst = reviewer.command("list", "列出评审人员", cmd_reviewer_list)
    lst.add_argument("--json", action="store_true")
    lst.add_argument("--valid", action="store_true", help="只列证书有效的")
    lst.add_argument("--trained", action="store_true", help="只列近期参加过培训的")
    lst.add_argument("--org-dept", action="store_true", help="只列组织部人员")
    lst.add_argument("--search", help="按姓名或工作单位查找")
    add = reviewer.command("add", "添加一位评审人员", cmd_reviewer_add)
    add.add_argument("name", help="姓名")
    _reviewer_options(add, required=True)
    edit = reviewer.command("edit", "修改一位评审人员（按证书编号查找；只改给出的项）", cmd_reviewer_edit)
    edit.add_argument("certificate", metavar="CERTIFICATE_NO", help="现在的证书编号")
    edit.add_argument("--name", help="姓名")
    _reviewer_options(edit, required=False)
    state = edit.add_mutually_exclusive_group()
    state.add_argument("--active", dest="active", action="store_const", const=True, help="恢复在岗")
    state.add_argument("--inactive", dest="active", action="store_const", const=False, help="停用（不再参加抽签）")

    draw = registry.command(
        "draw", "抽签组成评审小组，及查看、核验、递补", cmd_draw, usage=DRAW_USAGE, epilog=DRAW_EPILOG,
    )  # fmt: skip
    draw.add_argument("target", metavar="CASE|子命令", help="案件编号，或 " + "/".join(DRAW_WORDS))
    draw.add_argument("rest", nargs="*", metavar="参数", help="子命令的参数：案件编号、抽签记录编号、姓名")
    draw.add_argument("--size", type=int, help="评审小组人数（默认取设置 panel_size，3人）")
    draw.add_argument("--alternates", type=int, help="候补人数（默认取设置 panel_alternates，2人）")
    draw.add_argument("--witness", help="见证人在抽签公告公布后输入的任意文字，与系统随机数一起决定种子")
    draw.add_argument("--reason", help="再次抽签或递补的理由")
    draw.add_argument("--reason-kind", help="再次抽签的理由类别：" + "/".join(REDRAW_REASONS))
    draw.add_argument("--pool-hash", help="抽签公告上的人员库哈希（必填）：与准备时不符或人员库已变化则拒绝抽签")
    draw.add_argument("--commitment", help="抽签公告上的承诺值（必填）：与准备时不符则拒绝抽签")
    draw.add_argument("--public-source", help="抽签准备时公布的将来公开随机来源，例如某期彩票开奖号码（RFC 3797）")
    draw.add_argument("--public-value", help="所公布的公开随机来源的取值：准备时公布了来源的，抽签时必填")
    draw.add_argument("-o", "--output", metavar="抽签公告.pdf", help="抽签准备时打印抽签公告（PDF）")
    draw.add_argument("--json", action="store_true")


def _reviewer_options(parser: argparse.ArgumentParser, *, required: bool) -> None:
    parser.add_argument("--organization", required=required, help="工作单位")
    parser.add_argument("--certificate-no", required=required, help="证书编号")
    parser.add_argument("--gender", help="男 | 女")
    flag = parser.add_mutually_exclusive_group()
    flag.add_argument("--org-dept", dest="org_dept", action="store_const", const=True, help="属于组织部")
    flag.add_argument("--not-org-dept", dest="org_dept", action="store_const", const=False, help="不属于组织部")
    parser.add_argument("--certified-until", help="证书有效期至 YYYY-MM-DD")
    parser.add_argument("--trained-on", help="最近培训日期 YYYY-MM-DD")
    parser.add_argument("--conflicts", help="回避对象，如 “林晓梅（亲属）；云岭镇（曾任职）”；修改时替换原有的")


def cmd_reviewer_import(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import reviewer_import

    result = reviewer_import.import_reviewers(ctx.db, args.file)
    ctx.out(f"已导入 {result.rows} 行：新增 {result.added} 人，更新 {result.updated} 人（按证书编号匹配）")


def _reviewer_line(v: Any) -> str:
    flags = []
    if v.org_dept:
        flags.append("组织部")
    if not v.certificate_valid:
        flags.append("证书无效" if v.certified_until is None else f"证书已过期（{v.certified_until}）")
    if not v.trained:
        flags.append("无近期培训")
    if not v.active:
        flags.append("已停用")
    conflicts = f"  回避：{'；'.join(c.label for c in v.conflicts)}" if v.conflicts else ""
    return f"{v.certificate_no:<12} {pad(v.name, 8)} {v.gender or '  '}  {pad(v.organization, 16)} {' '.join(flags)}{conflicts}"


def cmd_reviewer_list(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import reviewers

    rows = reviewers.list_reviewers(
        ctx.db,
        certificate_valid=True if args.valid else None,
        trained=True if args.trained else None,
        org_dept=True if args.org_dept else None,
        search=args.search,
    )
    if args.json:
        ctx.json([r.to_dict() for r in rows])
        return
    if not rows:
        ctx.out("评审人员库是空的。用 handover reviewer import 导入，或 handover reviewer add 添加。")
    for r in rows:
        ctx.out(_reviewer_line(r))
    if rows:
        ctx.out(f"共 {len(rows)} 人")


def cmd_reviewer_add(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import reviewers

    data = reviewers.ReviewerInput(
        name=args.name,
        organization=args.organization,
        certificate_no=args.certificate_no,
        gender=args.gender,
        org_dept=bool(args.org_dept),
        certified_until=args.certified_until,
        trained_on=args.trained_on,
        conflicts=reviewers.parse_conflicts(args.conflicts or ""),
    )
    view = reviewers.add_reviewer(ctx.db, data)
    ctx.out(f"已添加评审人员：{_reviewer_line(view)}")


def cmd_reviewer_edit(args: argparse.Namespace, ctx: Context) -> None:
    from dataclasses import replace

    from handover.services import reviewers

    current = reviewers.input_of(reviewers.get_reviewer(ctx.db, args.certificate))
    changes: dict[str, Any] = {}
    for name in ("name", "organization", "certificate_no", "gender", "org_dept", "certified_until", "trained_on", "active"):
        if getattr(args, name, None) is not None:
            changes[name] = getattr(args, name)
    if args.conflicts is not None:
        changes["conflicts"] = reviewers.parse_conflicts(args.conflicts)
    if not changes:
        raise Refused("没有要修改的内容：请至少给出一个选项（见 handover reviewer edit --help）")
    view = reviewers.update_reviewer(ctx.db, args.certificate, replace(current, **changes))
    ctx.out(f"已修改评审人员：{_reviewer_line(view)}")


def _number(text: str, what: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= MAX_ID:
        raise Refused(f"{what}应为数字编号，收到 “{text}”")
    return int(text)


PREPARE_OPTIONS = ("size", "alternates", "public_source", "output")
OPTIONS = ("size", "alternates", "witness", "reason", "reason_kind", "pool_hash", "commitment", "public_source",
           "public_value", "output")  # fmt: skip


def _only(args: argparse.Namespace, form: str, allowed: set[str], count: int) -> list[str]:
    """The positional arguments of one form; options that belong to other forms are refused, not silently ignored."""
    for option in OPTIONS:
        if getattr(args, option) is not None and option not in allowed:
            where = "（请在 handover draw prepare 时给出）" if form == "CASE" and option in PREPARE_OPTIONS else ""
            raise Refused(f"选项 --{option.replace('_', '-')} 不能用于 handover draw {form}{where}")
    if len(args.rest) != count:
        raise Refused(f"用法：{next(line.strip() for line in DRAW_USAGE.splitlines() if f'draw {form}' in line)}")
    return list(args.rest)


def cmd_draw(args: argparse.Namespace, ctx: Context) -> int | None:
    word = args.target
    if word == "verify":
        return _draw_verify(ctx, _number(_only(args, "verify", set(), 1)[0], "抽签记录"), args.json)
    if word == "preview":
        return _draw_preview(ctx, _number(_only(args, "preview", {"size", "alternates"}, 1)[0], "案件"), args)
    if word == "prepare":
        case_id = _number(_only(args, "prepare", set(PREPARE_OPTIONS), 1)[0], "案件")
        draw_prepare(ctx, case_id, args)
    elif word == "show":
        _draw_show(ctx, _number(_only(args, "show", set(), 1)[0], "抽签记录"), args.json)
    elif word == "replace":
        draw_id, name = _only(args, "replace", {"reason"}, 2)
        _draw_replace(ctx, _number(draw_id, "抽签记录"), name, args.reason, args.json)
    elif word == "list":
        _draw_list(ctx, _number(_only(args, "list", set(), 1)[0], "案件"), args.json)
    elif word.strip().isdigit():
        _only(args, "CASE", {"witness", "reason", "reason_kind", "pool_hash", "commitment", "public_value"}, 0)
        draw_case(ctx, _number(word, "案件"), args, _print_draw)
    else:
        raise Refused(f"“{word}” 既不是案件编号，也不是 {'/'.join(DRAW_WORDS)} 之一（见 handover draw --help）")
    return None


def _print_draw(ctx: Context, view: Any) -> None:
    local = view.created_at.astimezone()
    ctx.out(f"抽签记录 {view.id}  案件 {view.case_id}（{view.unit}）第{view.attempt}次抽签"
            f"{'（已被后来的抽签取代）' if view.superseded else ''}")  # fmt: skip
    ctx.out(f"时间 {local:%Y-%m-%d %H:%M:%S}  操作人 {view.operator}  抽签日期 {view.draw_date}")
    if view.reason:
        ctx.out(f"理由 {view.reason}")
    ctx.out(f"人员库快照 SHA-256 {view.pool_hash}（符合条件 {view.eligible_count} 人，排除 {len(view.excluded)} 人）")
    ctx.out(f"算法 {view.algorithm}  种子 {view.seed}")
    if view.commitment:
        ctx.out(f"承诺 {view.commitment}（抽签前公布的系统随机数 SHA-256）")
    if view.public_source:
        ctx.out(f"公开随机来源 {view.public_source}  取值 {view.public_value}")
    ctx.out(f"见证人输入 {view.witness or '（无）'}")
    ctx.out("抽签结果：")
    for m in view.members:
        ctx.out(f"  {m.role_label}  {m.name}（{m.organization}）")
    ctx.out("候补（按顺序）：" + ("、".join(m.name for m in view.alternates) or "无"))
    for r in view.replacements:
        ctx.out(f"递补 {r.seq}：{r.replaced.name} → {r.replacement.name}（{r.replaced.role_label}），理由：{r.reason}"
                + (f"；跳过 {'；'.join(r.skipped)}" if r.skipped else ""))  # fmt: skip
    if view.replacements:
        ctx.out("现评审小组：" + "、".join(f"{m.name}（{m.role_label}）" for m in view.panel))
        ctx.out("剩余候补：" + ("、".join(m.name for m in view.remaining_alternates) or "无"))
    if view.excluded:
        ctx.out(f"排除 {len(view.excluded)} 人：")
        for e in view.excluded:
            ctx.out(f"  {e.name}（{e.organization}）：{e.reason}")


def _draw_show(ctx: Context, draw_id: int, as_json: bool) -> None:
    from handover.draw import service as draws
    if as_json:
        ctx.json(draws.export(ctx.db, draw_id))
    else:
        _print_draw(ctx, draws.get_draw(ctx.db, draw_id))


def _draw_verify(ctx: Context, draw_id: int, as_json: bool) -> int:
    import sys

    from handover.draw import service as draws
    result = draws.verify(ctx.db, draw_id)
    if as_json:
        ctx.json({"draw_id": draw_id, "ok": result.ok,
                  "checks": [{"name": c.name, "ok": c.ok, "detail": c.detail} for c in result.checks]})  # fmt: skip
    else:
        for c in result.checks:
            ctx.out(f"{'✓' if c.ok else '✗'} {c.name}：{c.detail}")
    if result.ok:
        if not as_json:
            ctx.out(f"抽签记录 {draw_id} 核验通过：按记录的快照和种子可以重现同一结果")
        return 0
    names = "、".join(c.name for c in result.failures)
    print(f"错误：抽签记录 {draw_id} 核验不通过（{names}）：记录可能被改动过", file=sys.stderr)
    return EXIT_NOT_VERIFIED


def _draw_replace(ctx: Context, draw_id: int, name: str, reason: str | None, as_json: bool) -> None:
    from handover.draw import service as draws
    if not (reason or "").strip():
        raise Refused("递补须用 --reason 说明理由")
    view = draws.replace_member(ctx.db, draw_id, name, reason or "")
    if as_json:
        ctx.json(view.to_dict())
        return
    last = view.replacements[-1]
    ctx.out(f"{last.replaced.name} 由候补 {last.replacement.name} 递补（{last.replaced.role_label}）")
    ctx.out("现评审小组：" + "、".join(f"{m.name}（{m.role_label}）" for m in view.panel))


def _draw_list(ctx: Context, case_id: int, as_json: bool) -> None:
    from handover.draw import service as draws
    rows = draws.list_draws(ctx.db, case_id)
    if as_json:
        ctx.json([r.to_dict() for r in rows])
        return
    if not rows:
        ctx.out(f"案件 {case_id} 还没有抽签。")
    for r in rows:
        state = "已取代" if r.superseded else "有效"
        panel = "、".join(f"{m.name}（{m.role_label}）" for m in r.panel)
        ctx.out(f"{r.id:>5}  第{r.attempt}次  {r.created_at.astimezone():%Y-%m-%d %H:%M}  {r.operator}  {state}  {panel}"
                + (f"  理由：{r.reason}" if r.reason else ""))  # fmt: skip


def _draw_preview(ctx: Context, case_id: int, args: argparse.Namespace) -> int | None:
    from handover.draw import service as draws
    p = draws.preview(ctx.db, case_id, size=args.size, alternates=args.alternates)
    if args.json:
        ctx.json(p.to_dict())
        return None
    ctx.out(f"案件 {case_id}（{p.unit}）抽签前公示  抽签日期 {p.draw_date}  小组 {p.panel_size} 人，候补 {p.alternates} 人")
    ctx.out(f"人员库快照 SHA-256 {p.pool_hash}")
    ctx.out(f"符合条件 {len(p.eligible)} 人（组织部 {p.org_dept_eligible} 人，来自 {p.work_units} 个工作单位）：")
    ctx.out("  " + ("、".join(f"{c.name}（{c.organization}）" for c in p.eligible) or "无"))
    ctx.out(f"排除 {len(p.excluded)} 人：")
    for e in p.excluded:
        ctx.out(f"  {e.name}（{e.organization}）：{e.reason}")
    if p.problem:
        ctx.out(f"注意：{p.problem}")
        if not p.eligible and not p.excluded:
            ctx.out("评审人员库是空的：请先用 handover reviewer import 导入，或 handover reviewer add 添加")
        return EXIT_REFUSED
    return None
