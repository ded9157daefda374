"""How a long core operation (an import, a batch of documents) reports how far it is and learns that the user cancelled.

No Qt here: the command line turns the reports into a text bar, the window (ui/tasks.py) into a progress bar.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

#: report(done, total, what was just finished)
Report = Callable[[int, int, str], None]


class Cancelled(Exception):
    """The user cancelled the operation; raised from the next progress report, so work stops between two steps."""


class Progress:
    """What a long operation calls as it goes: `progress(done, total, what)`; raises Cancelled once cancel() was called.

    cancel() may come from another thread (the window's Cancel button while the work runs on a worker thread).
    """

    def __init__(self, report: Report | None = None) -> None:
        self._report = report
        self._cancelled = threading.Event()

    def __call__(self, done: int, total: int, what: str = "") -> None:
        self.check()
        if self._report is not None:
            self._report(done, total, what)

    def check(self) -> None:
        """Raise Cancelled if the user has cancelled: before a step that reports nothing yet (the next case)."""
        if self._cancelled.is_set():
            raise Cancelled()

    def cancel(self) -> None:
        self._cancelled.set()
