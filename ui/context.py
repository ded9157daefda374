"""What every screen needs: the open database, the language and the one signal that says what changed, passed down
instead of kept in globals."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QWidget

from handover import case_list, location
from handover.case_list import CaseQuery
from handover.changes import Changes
from handover.views import CaseSummary

if TYPE_CHECKING:
    from handover.services.connection import Database


class ChangeHub(QObject):
    """Carries what each operation changed to every screen, once (docs/gui.md, “How screens learn what changed”)."""

    changed = Signal(object, object)  # Changes, the screen that made them (None: no screen)

    def publish(self, changes: Changes, origin: QObject | None = None) -> None:
        self.changed.emit(changes, origin)

    def follow(
        self, screen: QWidget, concerned: Callable[[Changes], bool], refresh: Callable[[], None], *, stale: bool = False,
        at_once: bool = False,
    ) -> Follower:  # fmt: skip
        """Call `refresh` after changes `concerned` says `screen` shows: at once while it is visible (or `at_once`,
        for a refresh too small to wait), else when it is next shown; `stale`: also when first shown."""
        return Follower(self, screen, concerned, refresh, stale=stale, at_once=at_once)


class Follower(QObject):
    """One screen's subscription. The screen that made a change already shows it, so its own changes are skipped."""

    def __init__(
        self, hub: ChangeHub, screen: QWidget, concerned: Callable[[Changes], bool], refresh: Callable[[], None], *,
        stale: bool, at_once: bool,
    ) -> None:  # fmt: skip
        super().__init__(screen)  # goes with the screen, and so does its connection to the hub
        self.screen, self.concerned, self.refresh = screen, concerned, refresh
        self.stale, self.at_once = stale, at_once
        hub.changed.connect(self._changed)
        screen.installEventFilter(self)

    def _changed(self, changes: Changes, origin: QObject | None) -> None:
        if origin is self.screen or not self.concerned(changes):
            return
        if self.at_once or self.screen.isVisible():
            self.stale = False
            self.refresh()
        else:  # a hidden screen waits: ten autosaves in a row reload the case list once, when it is looked at
            self.stale = True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.screen and event.type() == QEvent.Type.Show and self.stale:
            self.stale = False
            self.refresh()
        return False


class AppContext:
    """The open database (opened on first use when the application started without it: the case list reads its pages
    through a plain DB-API connection, handover/case_list.py, while SQLAlchemy loads), the language and the hub."""

    def __init__(
        self, db: Database | None = None, language: str = "zh_CN", hub: ChangeHub | None = None, *,
        url: str | None = None, opener: Callable[[], Database] | None = None,
    ) -> None:  # fmt: skip
        self._db = db
        self.language = language
        self.hub = hub or ChangeHub()
        self.url = url if url is not None else db.url if db is not None else ""
        self._opener = opener
        self._opening = threading.Lock()
        #: the plain DB-API connection the case list reads its pages through (made on first use, on the GUI thread)
        self._reader: Any = None

    @property
    def db(self) -> Database:
        """The database; the first use opens it (or waits for the opening started at start-up to finish)."""
        if self._db is None:
            with self._opening:
                if self._db is None:
                    assert self._opener is not None
                    self._db = self._opener()
        return self._db

    @property
    def db_open(self) -> bool:
        return self._db is not None

    def reader(self) -> Any:
        if self._reader is None:
            # an encrypted field file is read through its own (SQLCipher) connection, opened with the passphrase
            encrypted = self._db is not None and self._db.encrypted
            self._reader = self._db.reader() if encrypted else location.connect(self.url)  # type: ignore[union-attr]
        return self._reader

    def cases(self, query: CaseQuery) -> list[CaseSummary]:
        """One page of the case list (handover/case_list.py)."""
        return case_list.fetch(self.reader(), query)

    def case_count(self, query: CaseQuery) -> int:
        return case_list.count(self.reader(), query)

    def any_case(self) -> bool:
        return case_list.any_case(self.reader())

    def checked_out(self) -> frozenset[int]:
        """The cases out on a field visit (shown 外出核查中 in the list)."""
        return case_list.checked_out(self.reader())

    def case_years(self) -> list[int]:
        return case_list.term_years(self.reader())

    def close(self) -> None:
        if self._reader is not None:
            self._reader.close()
            self._reader = None

    @property
    def shown_url(self) -> str:
        """The database for display: a server password is never shown on screen."""
        return location.shown_url(self.url)

    @property
    def shown_database(self) -> str:
        """Where the data is, as a user reads it: the local file's path (本机数据库文件：D:\\…), or the server."""
        from PySide6.QtCore import QCoreApplication

        if self.url.startswith("sqlite:///"):  # read off the URL: showing it must not wait for the database to open
            path = Path(self.url.split(":///", 1)[1])
            return QCoreApplication.translate("AppContext", "Local database file: {0}").format(path.resolve())
        return QCoreApplication.translate("AppContext", "Database server: {0}").format(self.shown_url)

    @property
    def english(self) -> bool:
        return self.language == "en"
