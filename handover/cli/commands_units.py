"""Renaming and deleting units and villages: `unit rename|delete`, `village rename|delete`."""

from __future__ import annotations

import argparse

from handover.cli import Context, Registry


def register(registry: Registry) -> None:
    unit = registry.group("unit", "单位（乡镇、街道、县级部门）")
    rename = unit.command("rename", "单位改名：进行中的案件随之改名，已签署的案件保留签署时的名称", cmd_unit_rename)
    rename.add_argument("old", help="原名称")
    rename.add_argument("new", help="新名称")
    remove = unit.command("delete", "删除单位（及其村（社区））：仅当没有案件属于该单位时", cmd_unit_delete)
    remove.add_argument("name")

    village = registry.group("village", "村（社区）")
    vrename = village.command("rename", "村（社区）改名：已签署的案件保留签署时的名称", cmd_village_rename)
    vrename.add_argument("unit")
    vrename.add_argument("old", help="原名称")
    vrename.add_argument("new", help="新名称")
    vremove = village.command("delete", "删除村（社区）：仅当没有案件的村名单列出它时", cmd_village_delete)
    vremove.add_argument("unit")
    vremove.add_argument("name")


def cmd_unit_rename(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import unit_edits

    unit = unit_edits.rename_unit(ctx.db, args.old, args.new)
    ctx.out(f"单位 {args.old.strip()} 已改名为 {unit.name}；已签署的案件仍保留签署时的名称")


def cmd_unit_delete(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import unit_edits

    unit_edits.delete_unit(ctx.db, args.name)
    ctx.out(f"已删除单位 {args.name.strip()}")


def cmd_village_rename(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import unit_edits

    unit = unit_edits.rename_village(ctx.db, args.unit, args.old, args.new)
    ctx.out(f"{unit.name} 的村（社区） {args.old.strip()} 已改名为 {args.new.strip()}；已签署的案件仍保留签署时的名称")


def cmd_village_delete(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import unit_edits

    unit = unit_edits.delete_village(ctx.db, args.unit, args.name)
    ctx.out(f"已删除 {unit.name} 的村（社区） {args.name.strip()}；现有{len(unit.villages)}个")
