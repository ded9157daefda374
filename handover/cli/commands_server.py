"""`handover server init` and `handover user add|list|disable`: a county server with accounts (docs/server.md)."""

from __future__ import annotations

import argparse
import getpass
import os

from handover.cli import Context, Registry, pad
from handover.errors import Refused
from handover.words import ACCOUNT_ROLES

_DB_HELP = "服务器数据库地址，如 postgresql+psycopg://管理员@主机/库名（也可写在命令前：handover --db …）"


def register(registry: Registry) -> None:
    server = registry.group("server", "县级服务器（PostgreSQL）：建立或升级数据库结构、角色和权限")
    init = server.command(
        "init", "建立或升级服务器数据库：表结构、三个角色（管理员、评审录入员、只读用户）、权限、行级安全和触发器", cmd_init
    )  # fmt: skip
    init.add_argument("--db", dest="sub_db", metavar="URL", help=_DB_HELP)
    init.add_argument(
        "--role-prefix", metavar="PREFIX",
        help="角色名前缀（默认 handover_，也可用环境变量 HANDOVER_ROLE_PREFIX）：同一服务器上有几个库时各用各的前缀",
    )  # fmt: skip
    user = registry.group("user", "服务器账户：添加、列出、停用（只有管理员可以添加和停用）")
    add = user.command("add", "添加一个可以登录的账户，并给它一个角色", cmd_user_add)
    add.add_argument("name", help="账户名（英文字母开头，如 zhangsan）")
    add.add_argument(
        "--role",
        required=True,
        choices=list(ACCOUNT_ROLES),
        help="admin 管理员 | assessor 评审录入员 | reader 只读用户",
    )
    add.add_argument("--password-env", metavar="VAR", help="从该环境变量读取新账户的密码（否则提示输入两次）")
    add.add_argument("--db", dest="sub_db", metavar="URL", help=_DB_HELP)
    listing = user.command("list", "列出服务器上的账户、角色和能否登录", cmd_user_list)
    listing.add_argument("--db", dest="sub_db", metavar="URL", help=_DB_HELP)
    disable = user.command("disable", "停用账户：它不能再登录，它在操作日志中的记录保留不变", cmd_user_disable)
    disable.add_argument("name", help="账户名")
    disable.add_argument("--db", dest="sub_db", metavar="URL", help=_DB_HELP)


def _target(args: argparse.Namespace, ctx: Context) -> None:
    if args.sub_db:
        ctx.db_target = args.sub_db


def cmd_init(args: argparse.Namespace, ctx: Context) -> None:
    from handover.db import resolve_url, shown_url
    from handover.services import server

    _target(args, ctx)
    if ctx.db_target is None and not os.environ.get("HANDOVER_DB"):
        raise Refused("请用 --db 指定服务器数据库地址，如 postgresql+psycopg://管理员@主机/库名")
    url = resolve_url(ctx.db_target)
    names = server.init_server(url, args.role_prefix)
    ctx.out(f"服务器数据库 {shown_url(url)} 已就绪：表结构为最新，角色、权限、行级安全和触发器已设置")
    for role, name in names.items():
        ctx.out(f"  {pad(ACCOUNT_ROLES[role], 12)}角色 {name}")
    ctx.out("下一步：handover user add 账户名 --role admin|assessor|reader 添加使用的人")


def _password(env: str | None) -> str:
    if env:
        value = os.environ.get(env)
        if value is None:
            raise Refused(f"环境变量 {env} 没有设置（--password-env 应给出存放密码的环境变量名）")
        return value
    first = getpass.getpass("新账户的密码：")
    if getpass.getpass("再输入一次：") != first:
        raise Refused("两次输入的密码不一致，账户没有添加")
    return first


def cmd_user_add(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import server

    _target(args, ctx)
    password = _password(args.password_env)
    server.add_user(ctx.db, args.name, args.role, password)
    ctx.out(f"已添加账户 {args.name.strip()}（{ACCOUNT_ROLES[args.role]}），可以用它登录服务器")


def cmd_user_list(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import server

    _target(args, ctx)
    rows = server.list_users(ctx.db)
    ctx.out(f"{pad('账户', 24)}{pad('角色', 14)}状态")
    for row in rows:
        ctx.out(f"{pad(row.name, 24)}{pad(ACCOUNT_ROLES[row.role], 14)}{'可登录' if row.can_login else '已停用'}")
    ctx.out(f"共 {len(rows)} 个账户")


def cmd_user_disable(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import server

    _target(args, ctx)
    server.disable_user(ctx.db, args.name)
    ctx.out(f"已停用账户 {args.name.strip()}：它不能再登录（已登录的窗口关闭后生效），它在操作日志中的记录保留")
