"""Storage commands: backup and restore of the database file."""

from __future__ import annotations

import argparse

from handover.cli import Context, Registry


def register(registry: Registry) -> None:
    backup = registry.command(
        "backup", "备份数据库（桌面程序开着也能得到完整、一致的副本）；PostgreSQL 请用 pg_dump", cmd_backup
    )
    backup.add_argument("-o", "--output", metavar="FILE", help="备份文件（默认：数据库旁 backups 文件夹中按时间命名的文件）")
    restore = registry.command(
        "restore", "用备份替换数据库：先检查备份的完整性和操作日志，被替换的文件保留在 backups 文件夹", cmd_restore
    )
    restore.add_argument("file", help="备份文件")


def cmd_backup(args: argparse.Namespace, ctx: Context) -> None:
    from handover import audit
    from handover.services import backups

    target = backups.backup(ctx.db, args.output)
    ctx.out(f"已备份到 {target}（操作日志 {audit.count(ctx.db)} 条记录）")


def cmd_restore(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import backups

    # the database is not opened: the file being replaced may be the damaged one that cannot be
    done = backups.restore(ctx.db_target, args.file)
    ctx.out(f"已用 {done.source} 恢复数据库 {done.path}：完整性检查通过，操作日志 {done.entries} 条记录核验无误")
    if done.replaced is not None:
        ctx.out(f"被替换的数据库文件保留为 {done.replaced}")
