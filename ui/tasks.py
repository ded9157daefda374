"""Run a callable off the GUI thread with a plain progress callback; the result or the error comes back on the GUI thread.

The callable gets the core's `Progress` (handover/progress.py, no Qt in it), hands it to core functions, which report
`progress(done, total, what)` and stop early when the user cancels (`progress` raises `Cancelled`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

from handover.progress import Cancelled, Progress

log = logging.getLogger(__name__)


class _Worker(QObject):
    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(self, fn: Callable[[Progress], Any]) -> None:
        super().__init__()
        self._fn = fn
        self.progress = Progress(self.progressed.emit)

    @Slot()
    def run(self) -> None:
        try:
            result = self._fn(self.progress)
        except BaseException as exc:  # noqa: BLE001 - delivered to the GUI thread, which shows a message
            self.failed.emit(exc)
        else:
            self.succeeded.emit(result)
        finally:
            # end the thread here, so waiting for it never depends on the GUI thread's event loop
            QThread.currentThread().quit()


class Task(QObject):
    """One running job. Connect to `progressed`, `finished_ok`, `failed`, `cancelled` before calling start()."""

    progressed = Signal(int, int, str)
    finished_ok = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal()

    def __init__(self, fn: Callable[[Progress], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._worker = _Worker(fn)
        self._worker.moveToThread(self._thread)
        self._thread.started.connect(self._worker.run)
        # queued connections: these slots run on the GUI thread
        self._worker.progressed.connect(self.progressed)
        self._worker.succeeded.connect(self._on_success)
        self._worker.failed.connect(self._on_failure)

    def start(self) -> Task:
        _running.add(self)
        self._thread.start()
        return self

    def cancel(self) -> None:
        self._worker.progress.cancel()

    def wait(self, msecs: int = 30_000) -> bool:
        return self._thread.wait(msecs)

    def is_running(self) -> bool:
        return self._thread.isRunning()

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        _running.discard(self)
        self.done.emit()

    @Slot(object)
    def _on_success(self, result: object) -> None:
        self._finish()
        self.finished_ok.emit(result)

    @Slot(object)
    def _on_failure(self, exc: object) -> None:
        self._finish()
        if isinstance(exc, Cancelled):
            self.cancelled.emit()
        else:
            if not getattr(exc, "message", None):
                log.error("task failed", exc_info=exc if isinstance(exc, BaseException) else None)
            self.failed.emit(exc)


#: tasks started and not yet finished; kept referenced so Python does not collect a running thread
_running: set[Task] = set()


def stop_all(timeout_ms: int = 30_000) -> None:
    """Cancel every running task and wait for it (closing the window: no thread may outlive the application)."""
    for task in list(_running):
        task.cancel()
    for task in list(_running):
        task.wait(timeout_ms)


def run_task(
    fn: Callable[[Progress], Any],
    on_success: Callable[[Any], None],
    on_error: Callable[[BaseException], None],
    on_progress: Callable[[int, int, str], None] | None = None,
    parent: QObject | None = None,
) -> Task:
    """Start `fn(progress)` on a worker thread; the callbacks run on the GUI thread."""
    task = Task(fn, parent)
    task.finished_ok.connect(on_success)
    task.failed.connect(on_error)
    if on_progress is not None:
        task.progressed.connect(on_progress)
    return task.start()
