"""`handover setup`, the first-run setup (发文机关, 县名, 文号前缀, 排名单位数, 单位证书), and `handover diagnose`, the
problem report for the county's IT staff: what a new installation needs, and what to send when it misbehaves."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from handover.cli import Context, Registry

OPTIONS = {
    "issuing_body": ("--issuing-body", "发文机关，例如 中共青溪县委组织部（报告抬头、印章、PDF 作者）"),
    "county": ("--county", "县（市、区）名称，例如 青溪县"),
    "doc_prefix": ("--doc-prefix", "文号前缀，例如 青组离审（文号：青组离审〔2026〕1号）"),
    "ranked_units": ("--ranked-units", "参与“大赶考”排名的单位数（空：按同类单位数）"),
}


def register(registry: Registry) -> None:
    setup = registry.command(
        "setup", "首次使用设置：发文机关、县名、文号前缀、排名单位数，可同时生成单位证书；未设置发文机关前 PDF 均为样稿",
        cmd_setup,
    )  # fmt: skip
    for key, (flag, help_text) in OPTIONS.items():
        setup.add_argument(flag, dest=key, metavar="TEXT", help=help_text)
    setup.add_argument("--create-cert", metavar="FILE.p12", help="以发文机关名义生成自签名单位证书（.p12 和 .pem），并加入本机信任列表")
    setup.add_argument("--password-env", metavar="VAR", help="与 --create-cert 同用：从该环境变量读取证书密码（否则提示输入）")
    diagnose = registry.command(
        "diagnose", "问题报告：把日志、版本、系统和设置打包成 zip，发给本县信息化人员（不含姓名等个人信息和密码）",
        cmd_diagnose,
    )  # fmt: skip
    diagnose.add_argument("-o", "--output", required=True, metavar="FILE.zip", help="输出的 zip 文件")


def cmd_setup(args: argparse.Namespace, ctx: Context) -> None:
    from handover import settings
    from handover.errors import Refused
    from handover.services import setup

    if args.password_env and not args.create_cert:
        raise Refused("--password-env 只能与 --create-cert 一起使用")
    now = setup.current(ctx.db)
    # with no option on a terminal the county is asked, one question at a time; otherwise what is not given stays
    ask = sys.stdin.isatty() and all(getattr(args, key) is None for key in OPTIONS)
    values = {key: _answer(settings.LABELS[key], getattr(now, key)) if ask else getattr(args, key) for key in OPTIONS}
    chosen = setup.CountySetup(**{key: getattr(now, key) if v is None else v for key, v in values.items()})
    if not chosen.issuing_body.strip():
        raise Refused("请用 --issuing-body 给出发文机关（本县组织部的正式名称），例如 handover setup --issuing-body 中共青溪县委组织部")
    setup.save(ctx.db, chosen)
    stored = settings.all_settings(ctx.db)
    for key in OPTIONS:
        ctx.out(f"{settings.LABELS[key]}：{stored[key] or '（空）'}")
    ctx.out("设置完成：此后生成的 PDF 以上述发文机关为抬头，不再标“样稿”。")
    if args.create_cert:
        _create_certificate(ctx, Path(args.create_cert), args.password_env)


def _answer(label: str, current: str) -> str:
    typed = input(f"{label}{f'（回车保留：{current}）' if current else ''}：").strip()
    return typed or current


def _create_certificate(ctx: Context, target: Path, password_env: str | None) -> None:
    from handover.cli.commands_sign import read_password
    from handover.services import setup
    from handover.signing import pki

    pki.refuse_existing(target)
    made = setup.create_certificate(ctx.db, target, read_password(password_env, confirm=True))
    ctx.out(f"已生成单位证书 {made.p12}（含私钥，凭密码使用，请勿外传）和 {made.pem}（公开证书，可分发给核验方），已加入本机信任列表。")
    ctx.out(made.notice)


def cmd_diagnose(args: argparse.Namespace, ctx: Context) -> None:
    from handover.services import diagnose

    # the database is opened by the report itself, read-only: a database that will not open is worth reporting too
    path = diagnose.write_problem_report(Path(args.output), ctx.db_target)
    ctx.out(f"已生成问题报告 {path}：含日志、版本、系统和设置，不含姓名等个人信息和密码。请发给本县信息化人员。")
