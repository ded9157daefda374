"""Export commands: the county summary, one case's sheet and the reviewer pool as Excel workbooks (.xlsx)."""

from __future__ import annotations

import argparse
from pathlib import Path

from handover.cli import Context, Registry, record_id
from handover.errors import Refused


def register(registry: Registry) -> None:
    export = registry.group("export", "导出 Excel 表格（.xlsx，Excel 和 WPS 都能打开）")
    summary = export.command("summary", "交接汇总表：每个案件一行（步骤、等次、完成度、七项关键指标），另附关键指标排名", cmd_summary)
    summary.add_argument("--year", type=int, help="只导出届末在该年份的案件")
    summary.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="输出文件")
    case = export.command("case", "一个案件的交接单（40项指标和村名）：格式与 value import 相同，可填好后导回", cmd_case)
    case.add_argument("case", type=record_id, help="案件编号")
    case.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="输出文件")
    pool = export.command("pool", "评审人员库：格式与 reviewer import 相同", cmd_pool)
    pool.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="输出文件")


def xlsx_path(text: str) -> Path:
    """The output file: 汇总 becomes 汇总.xlsx; another extension is refused (Excel would not open it)."""
    out = Path(text)
    if out.is_dir():
        raise Refused(f"{out} 是文件夹；请给出 Excel 文件名（例如 {out / '汇总.xlsx'}）")
    if not out.suffix:
        return out.with_suffix(".xlsx")
    if out.suffix.lower() != ".xlsx":
        raise Refused(f"输出文件 {out.name} 的扩展名是 {out.suffix}，导出的是 Excel 工作簿：请用 .xlsx 结尾")
    if not out.parent.is_dir():
        raise Refused(f"输出文件夹 {out.parent} 不存在")
    return out


def cmd_summary(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import spreadsheets

    if args.year is not None and not 1949 <= args.year <= 2100:
        raise Refused(f"年份 {args.year} 不合理（应在 1949 至 2100 年之间）")
    out = spreadsheets.export_summary(ctx.db, xlsx_path(args.output), year=args.year)
    ctx.out(f"已导出交接汇总表 {out}")


def cmd_case(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import spreadsheets

    out = spreadsheets.export_case(ctx.db, args.case, xlsx_path(args.output))
    ctx.out(f"已导出案件 {args.case} 的交接指标表 {out}（填好后可用 handover value import {args.case} {out.name} 导回）")


def cmd_pool(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import spreadsheets

    out = spreadsheets.export_pool(ctx.db, xlsx_path(args.output))
    ctx.out(f"已导出评审人员库 {out}（可用 handover reviewer import 导入）")
