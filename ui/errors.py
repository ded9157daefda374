"""Turn any exception into a message for the user (Chinese from the core); the traceback goes to the log file only."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from handover.errors import Refused

log = logging.getLogger("ui")


def user_message(exc: BaseException) -> str:
    if isinstance(exc, Refused):
        return exc.message
    log.error("unexpected failure", exc_info=exc)
    detail = f"{type(exc).__name__}: {exc}"
    return QCoreApplication.translate("errors", "Unexpected error: {0} (details in the log file handover.log)").format(
        detail
    )
