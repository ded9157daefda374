"""Opening a field file like any database: its passphrase (environment variable or a prompt on the command line, a
dialog in the GUI), and what stays in the office (draws, settings, the reviewer pool)."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from handover import cipher
from handover.db import Database, resolve_url
from handover.errors import Refused
from handover.field.checkout import is_field_file
from handover.words import STEPS

#: the environment variable the command line reads a field file's passphrase from, unless --passphrase-env names another
PASSPHRASE_ENV = "HANDOVER_PASSPHRASE"

#: what cannot be done in a field file, by command (and subcommand): it is done at the office
OFFICE_ONLY = {
    ("draw", None): STEPS["draw"], ("settings", "set"): "修改设置", ("setup", None): "首次设置", ("reviewer", None): "管理评审人员库",
    ("field", None): "带出或带回外出核查", ("report", None): "生成正式文件（PDF）",
}  # fmt: skip


def encrypted_file(target: str | os.PathLike[str] | None) -> Path | None:
    """The file named by --db when it is an encrypted field file, else None."""
    url = resolve_url(target)
    if not url.startswith("sqlite:///"):
        return None
    path = Path(url.removeprefix("sqlite:///"))
    return path if cipher.is_field_file(path) and cipher.is_encrypted(path) else None


def passphrase_for(target: str | os.PathLike[str] | None, env: str = PASSPHRASE_ENV) -> str | None:
    """None for an ordinary database; for an encrypted field file the passphrase from `env`, or typed at a prompt
    (not echoed) when a person is at the terminal; refused otherwise."""
    path = encrypted_file(target)
    if path is None:
        return None
    return passphrase_from(env, path.name)


def passphrase_from(env: str, what: str) -> str:
    given = os.environ.get(env)
    if given:
        return given
    if sys.stdin is not None and sys.stdin.isatty():
        typed = getpass.getpass(f"{what} 的口令：")
        if typed:
            return typed
    raise Refused(f"{what} 已加密，须提供口令：设置环境变量 {env}，或在终端中运行以便输入口令")


def refuse_office_only(command: str | None, subcommand: str | None, db: Database) -> None:
    """A plain refusal for what a field file does not do (it would need the reviewer pool or the office's settings)."""
    what = OFFICE_ONLY.get((command or "", subcommand)) or OFFICE_ONLY.get((command or "", None))
    if what is not None and is_field_file(db):
        raise Refused(f"这是外出核查文件：{what}只能在办公室的数据库中进行（外出核查只带出案件，不带出评审人员库和设置）")
