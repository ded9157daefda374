"""Turn any exception into a message for the user (Chinese from the core); the traceback goes to the log file only."""

from __future__ import annotations

import logging
import re

from PySide6.QtCore import QCoreApplication

from handover.errors import Refused

log = logging.getLogger("ui")
FIELD_MARK = "handover-field:"

# the core's refusals are shared with the command line; advice to type a command means nothing in the window
CLI_ADVICE = (
    (re.compile(r"须用 --reason 说明理由"), "须在“理由”栏说明理由"),
    (re.compile(r"用 --reason-kind 选择理由类别"), "选择理由类别"),
    (re.compile(r"须用 --public-value 给出其取值"), "须在“公开随机值”栏给出其取值"),
    (re.compile(r"（须在 draw prepare 时用 --public-source 公布）"), "（须在抽签准备时公布）"),
    (re.compile(r"请(先|重新)运行 handover draw prepare \d+"), r"请\1进行抽签准备"),
    (re.compile(r"（--pool-hash）|（--commitment）"), ""),
    (re.compile(r"请运行 handover draw verify \d+ 查看详情"), "请在“全部抽签记录”中核验该记录"),
    (re.compile(r"请用 handover verify 核对签署的文件"), "请核对签署的文件"),
    (re.compile(r"[（(][^（）()]*handover [^（）()]*[）)]"), ""),  # （可用 handover case list 查看）, （handover case revise）
)


def without_cli_advice(message: str) -> str:
    for pattern, replacement in CLI_ADVICE:
        message = pattern.sub(replacement, message)
    return message


def user_message(exc: BaseException) -> str:
    if isinstance(exc, Refused):
        return without_cli_advice(exc.message)
    if FIELD_MARK in str(exc):  # a field file's database refused what only the office does (handover/field)
        return str(exc).split(FIELD_MARK, 1)[1].split("\n", 1)[0].strip()
    from handover.services.server import permission_refusal  # not on the start-up path (it loads SQLAlchemy)

    if (refusal := permission_refusal(None, exc)) is not None:  # the server refused what the role may not do
        return without_cli_advice(refusal)
    log.error("unexpected failure", exc_info=exc)
    detail = f"{type(exc).__name__}: {exc}"
    return QCoreApplication.translate("errors", "Unexpected error: {0} (details in the log file handover.log)").format(
        detail
    )
