"""Core commands: init, demo, catalogue, units and villages, cases, values, evaluation."""

from __future__ import annotations

import argparse
from typing import Any

from handover.cli import Context, Registry, pad, record_id, whole_number
from handover.errors import Refused
from handover.words import GRADES, POINTS, STATUSES, STEPS


def register(registry: Registry) -> None:
    # `handover --help` lists the commands in the order they are registered
    _setup_commands(registry)
    _unit_commands(registry)
    _case_commands(registry)
    _value_commands(registry)
    _settings_commands(registry)
    _evaluate_command(registry)


def _setup_commands(registry: Registry) -> None:
    registry.command("init", "建立（或升级）数据库；只有它会在一个空文件（0 字节）上建立新库", cmd_init)
    demo = registry.command("demo", "载入示例县：若干乡镇街道及其村、评审人员库、一个完整案件和一个填写了一半的案件", cmd_demo)
    demo.add_argument("--force", action="store_true", help="数据库已有数据时也载入")
    cat = registry.command("catalogue", "显示指标目录（五个方面40项指标）", cmd_catalogue)
    cat.add_argument("--json", action="store_true")


def _unit_commands(registry: Registry) -> None:
    unit = registry.group("unit", "单位（乡镇、街道、县级部门）")
    add = unit.command("add", "添加单位", cmd_unit_add)
    add.add_argument("name")
    add.add_argument("--type", required=True, help="township（乡镇）| street（街道）| department（县级部门）")
    lst = unit.command("list", "列出单位及其村（社区）", cmd_unit_list)
    lst.add_argument("--json", action="store_true")

    village = registry.group("village", "村（社区）")
    vadd = village.command("add", "为单位添加村（社区）", cmd_village_add)
    vadd.add_argument("unit")
    vadd.add_argument("name", nargs="+", help="一个或多个村名")


def _case_commands(registry: Registry) -> None:
    case = registry.group("case", "离任评审与交接案件")
    new = case.command("new", "新建案件", cmd_case_new)
    new.add_argument("--unit", required=True)
    new.add_argument("--outgoing", required=True, help="离任书记")
    new.add_argument("--incoming", required=True, help="接任书记")
    new.add_argument("--term-start", required=True, help="届初 YYYY-MM-DD")
    new.add_argument("--term-end", required=True, help="届末 YYYY-MM-DD")
    new.add_argument("--handover-date", help="交接日期 YYYY-MM-DD")
    new.add_argument("--json", action="store_true")
    clist = case.command("list", "列出案件", cmd_case_list)
    clist.add_argument("--status", choices=sorted(STATUSES))
    clist.add_argument("--year", type=int, help="届末所在年份")
    clist.add_argument("--search", help="按单位或书记姓名查找")
    clist.add_argument("--step", choices=sorted(STEPS), help="只列出进行到该步骤的案件")
    clist.add_argument("--limit", type=whole_number(1, 1_000_000), help="最多列出多少个（默认全部）")
    clist.add_argument("--offset", type=whole_number(0, 10**9), default=0, help="跳过前多少个")
    clist.add_argument("--json", action="store_true")
    clist.set_defaults(plain=True)  # read through a plain connection, without SQLAlchemy (handover/plain_read.py)
    show = case.command("show", "显示案件的全部指标、变化和总体评价", cmd_case_show)
    show.add_argument("id", type=record_id)
    show.add_argument("--json", action="store_true")
    submit = case.command("submit", "提交评审（40项指标须全部完成）", cmd_case_submit)
    submit.add_argument("id", type=record_id)


def _value_commands(registry: Registry) -> None:
    value = registry.group("value", "指标值")
    vset = value.command("set", "填写一项指标", cmd_value_set)
    vset.add_argument("case", type=record_id)
    vset.add_argument("code")
    vset.add_argument("--start", help="届初值")
    vset.add_argument("--end", help="届末值")
    vset.add_argument("--villages-start", help="届初所列村名，用逗号或顿号分隔（数量随之确定）")
    vset.add_argument("--villages-end", help="届末所列村名")
    vset.add_argument("--na", metavar="REASON", help="标记为不适用并写明理由；空字符串取消不适用")
    vset.add_argument("--note", help="备注")
    vimp = value.command("import", "从 Excel（.xlsx）或 CSV 导入指标值：全部导入或全部不导入", cmd_value_import)
    vimp.add_argument("case", type=record_id)
    vimp.add_argument("file")
    vimp.add_argument("--preview", action="store_true", help="只列出将改变的内容（指标、原值 → 新值），不导入")


def _settings_commands(registry: Registry) -> None:
    st = registry.group("settings", "本机构的设置（发文机关、文号前缀、评审小组人数、回避期等）")
    sl = st.command("list", "列出设置", cmd_settings_list)
    sl.add_argument("--json", action="store_true")
    ss = st.command("set", "修改一项设置", cmd_settings_set)
    ss.add_argument("key")
    ss.add_argument("value")


def _evaluate_command(registry: Registry) -> None:
    ev = registry.command("evaluate", "填写总体评价", cmd_evaluate)
    ev.add_argument("case", type=record_id)
    ev.add_argument("--grade", required=True, help="/".join(GRADES))
    ev.add_argument("--comment", required=True)


def cmd_init(args: argparse.Namespace, ctx: Context) -> None:
    from handover.db import current_revision, shown_url

    db = ctx.open(create=True)
    ctx.out(f"数据库已就绪：{shown_url(db.url)}（结构版本 {current_revision(db)}）")


def cmd_demo(args: argparse.Namespace, ctx: Context) -> None:
    from handover import demo

    summary = demo.load_demo(ctx.db, force=args.force)
    ctx.out(summary)


def cmd_catalogue(args: argparse.Namespace, ctx: Context) -> None:
    from handover import catalogue
    from handover.catalogue import DIRECTION_SYMBOL

    cat = catalogue.load()
    if args.json:
        ctx.json(cat.to_dict())
        return
    ctx.out(f"{cat.title}  版本 {cat.version}  （★ 重点指标，↑ 越高越好，↓ 越低越好）")
    for area in cat.areas:
        ctx.out(f"\n{area.name}")
        for ind in area.indicators:
            mark = "★" if ind.key else " "
            names = "（列村名）" if ind.villages else ""
            ctx.out(f"  {mark}{ind.code}  {ind.name}{names}  [{ind.unit_label or '等次'} {DIRECTION_SYMBOL[ind.direction]}]")


def cmd_unit_add(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import units

    unit = units.add_unit(ctx.db, args.name, args.type)
    ctx.out(f"已添加单位 {unit.name}（{unit.type_name}）")


def cmd_unit_list(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import units

    rows = units.list_units(ctx.db)
    if args.json:
        ctx.json([{"id": u.id, "name": u.name, "type": u.unit_type, "villages": list(u.villages)} for u in rows])
        return
    if not rows:
        ctx.out("还没有单位。用 handover unit add 添加，或 handover demo 载入示例县。")
    for u in rows:
        ctx.out(f"{u.name}（{u.type_name}）  村（社区）{len(u.villages)}个：{'、'.join(u.villages) or '—'}")


def cmd_village_add(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import units

    unit = units.add_villages(ctx.db, args.unit, args.name)
    ctx.out(f"{unit.name} 现有村（社区）{len(unit.villages)}个：{'、'.join(unit.villages)}")


def cmd_case_new(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import cases

    new = cases.NewCase(args.unit, args.outgoing, args.incoming, args.term_start, args.term_end, args.handover_date)
    case_id = cases.create_case(ctx.db, new)
    if args.json:
        ctx.json({"id": case_id})
    else:
        ctx.out(f"已新建案件 {case_id}：{args.unit} {args.outgoing} → {args.incoming}")


def cmd_case_list(args: argparse.Namespace, ctx: Context) -> None:
    from handover import case_list
    from handover.words import FIELD_STATES

    query = case_list.CaseQuery(status=args.status, year=args.year, search=args.search, step=args.step,
                                limit=args.limit, offset=args.offset)  # fmt: skip
    reader = ctx.reader()
    rows, out = case_list.fetch(reader, query), case_list.checked_out(reader)
    if args.json:
        ctx.json([r.to_dict() | {"checked_out": r.id in out} for r in rows])
        return
    if not rows:
        ctx.out("没有案件。")
    for r in rows:
        ctx.out(
            f"{r.id:>5}  {pad(r.unit, 16)} {pad(f'{r.outgoing} → {r.incoming}', 20)} {r.term_start}～{r.term_end}  "
            f"{pad(r.status_label, 6)} {r.done:>2}/{r.total}  {r.grade or ''}"
            + (f"  {FIELD_STATES['out']}" if r.id in out else "")
        )


def _value_line(v: Any) -> str:
    if v.na_reason:
        return f"不适用：{v.na_reason}"
    start = "—" if v.start is None else v.start
    end = "—" if v.end is None else v.end
    line = f"{start} → {end}"
    if v.change_words:
        line += f"  {v.trend}" if v.change_words == v.trend else f"  {v.trend}：{v.change_words}"
    return line


def cmd_case_show(args: argparse.Namespace, ctx: Context) -> None:
    from handover import catalogue, reading

    detail = reading.get_case(ctx.db, args.id)
    if args.json:
        ctx.json(detail.to_dict())
        return
    s = detail.summary
    ctx.out(f"案件 {s.id}  {s.unit}  离任：{s.outgoing}  接任：{s.incoming}")
    ctx.out(f"任期 {s.term_start} 至 {s.term_end}  交接日期 {s.handover_date or '未定'}  状态 {s.status_label}  完成 {s.done}/{s.total}")
    cat = catalogue.load()
    for area in cat.areas:
        ctx.out(f"\n{area.name}")
        for ind in area.indicators:
            v = detail.value(ind.code)
            ctx.out(f"  {'★' if v.key else ' '}{v.code} {v.name}：{_value_line(v)}")
            if v.villages_start or v.villages_end:
                ctx.out(f"      {POINTS['start']}：{'、'.join(v.villages_start) or '无'}；{POINTS['end']}：{'、'.join(v.villages_end) or '无'}")
            if v.note:
                ctx.out(f"      备注：{v.note}")
    if detail.missing:
        ctx.out(f"\n未完成 {len(detail.missing)} 项：" + "；".join(f"{m.code} {m.name}（{m.what}）" for m in detail.missing))
    ctx.out(f"\n总体评价：{detail.evaluation_grade or '未填写'}  {detail.evaluation_comment or ''}")


def cmd_case_submit(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import cases

    cases.submit(ctx.db, args.id)
    ctx.out(f"案件 {args.id} 已提交评审")


def cmd_value_set(args: argparse.Namespace, ctx: Context) -> None:
    from handover import value_rules
    from handover.services import cases

    fields: dict[str, Any] = {}
    for name in ("start", "end", "note"):
        if getattr(args, name) is not None:
            fields[name] = getattr(args, name)
    for name in ("villages_start", "villages_end"):
        if getattr(args, name) is not None:
            fields[name] = value_rules.split_names(getattr(args, name))
    if args.na is not None:
        fields["na_reason"] = args.na or None
    if not fields:
        raise Refused("没有要修改的内容：请至少给出 --start、--end、--villages-start、--villages-end、--na 或 --note 之一")
    view = cases.set_value(ctx.db, args.case, args.code, **fields)
    ctx.out(f"{view.code} {view.name}：{_value_line(view)}")


def cmd_value_import(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import value_import, value_preview
    if args.preview:
        changes = value_preview.preview_values(ctx.db, args.case, args.file)
        for c in changes:
            ctx.out(f"{c.code} {c.name}（{c.what}）：{c.old} → {c.new}")
        ctx.out(f"共 {len(changes)} 处改变；未导入（去掉 --preview 即导入）")
        return
    count = value_import.import_values(ctx.db, args.case, args.file)
    ctx.out(f"已导入 {count} 项指标")


def cmd_evaluate(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import cases

    cases.evaluate(ctx.db, args.case, args.grade, args.comment)
    ctx.out(f"案件 {args.case} 的总体评价已保存：{args.grade}")


def cmd_settings_list(args: argparse.Namespace, ctx: Context) -> None:
    from handover import settings
    values = settings.all_settings(ctx.db)
    if args.json:
        ctx.json(values)
        return
    for key, value in values.items():
        ctx.out(f"{key:<22} {pad(value or '（空）', 20)} {settings.LABELS[key]}")


def cmd_settings_set(args: argparse.Namespace, ctx: Context) -> None:
    from handover import settings
    settings.set_value(ctx.db, args.key, args.value)
    ctx.out(f"已设置 {settings.LABELS[args.key]}：{settings.get(ctx.db, args.key) or '（空）'}")
