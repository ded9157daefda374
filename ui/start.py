"""A lean start: the case list on screen before SQLAlchemy, SQLModel and pydantic are loaded (~0.5 s of imports).

The first page is read through a plain DB-API connection (handover/case_list.py: documented SQL over the stored
completeness); the database is opened the usual way (integrity check, migrations, the day's backup) on a thread once
the window is shown, and every screen that needs it waits for that (AppContext.db). A file the plain reader cannot read
(none yet, an older schema, damage) is opened the usual way before the window, as before."""

from __future__ import annotations

import logging
import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

from handover import case_list, location
from handover.case_list import CaseQuery
from ui.context import AppContext

log = logging.getLogger(__name__)

#: the mark of the placeholder issuing body (handover.settings.PLACEHOLDER_MARK): the first-run setup is due
PLACEHOLDER_MARK = "××"


def lean_context(target: str | None, language: str) -> AppContext | None:
    """The context with a plain reader and the database not opened yet; None when the plain reader cannot serve."""
    try:
        url = location.resolve_url(target)
        path = location.sqlite_path(url)
        if path is not None and (not path.is_file() or path.stat().st_size == 0):
            return None
        reader = location.connect(url)
    except Exception as exc:  # noqa: BLE001 - the usual opening says what is wrong
        log.info("no lean start: %s", exc)
        return None
    try:
        case_list.fetch(reader, CaseQuery(limit=1))  # the stored completeness is there (migration 0007)
        language = case_list.setting(reader, "language") or language
    except Exception as exc:  # noqa: BLE001
        log.info("no lean start: %s", exc)
        reader.close()
        return None

    def opener() -> Any:
        from handover.services.connection import open_database

        return open_database(target)

    ctx = AppContext(url=url, language=language, opener=opener)
    ctx._reader = reader
    return ctx


def nothing_to_offer(ctx: AppContext) -> bool:
    """The first-run setup and the demo are not due: the issuing body is set and there are cases (read plainly)."""
    if ctx.db_open:
        return False
    body = case_list.setting(ctx.reader(), "issuing_body")
    return body is not None and PLACEHOLDER_MARK not in body and bool(ctx.cases(CaseQuery(limit=1)))


class Opening(QObject):
    """Opens the database on a thread; `failed` carries the refusal to the GUI thread."""

    failed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.thread: threading.Thread | None = None

    def start(self) -> None:
        if self.ctx.db_open or self.thread is not None:
            return
        self.thread = threading.Thread(target=self._open, name="open-database", daemon=True)
        self.thread.start()

    def _open(self) -> None:
        try:
            self.ctx.db  # noqa: B018 - opening it is the point
        except Exception as exc:  # noqa: BLE001 - shown on the GUI thread
            self.failed.emit(exc)

    def wait(self) -> None:
        if self.thread is not None:
            self.thread.join()
