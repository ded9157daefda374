"""The task helper: work off the GUI thread, progress and results back on it, cancellation, errors; and the check
that fails a test leaving a thread running."""

from __future__ import annotations

import threading
import time

import pytest
from PySide6.QtCore import QThread

from handover.errors import Refused
from ui.tasks import Progress, run_task

from .conftest import running_threads


def test_result_and_progress_arrive_on_the_gui_thread(qtbot) -> None:  # type: ignore[no-untyped-def]
    gui = threading.get_ident()
    seen: dict[str, object] = {"progress": []}

    def work(progress: Progress) -> int:
        seen["worker"] = threading.get_ident()
        for i in range(5):
            progress(i + 1, 5, f"第{i + 1}项")
        return 42

    def progressed(done: int, total: int, text: str) -> None:
        seen["progress"].append((done, total, text))  # type: ignore[union-attr]
        seen["progress_thread"] = threading.get_ident()

    task = run_task(work, lambda r: seen.setdefault("result", (r, threading.get_ident())), pytest.fail, progressed)
    qtbot.waitUntil(lambda: "result" in seen)
    assert seen["result"] == (42, gui)
    assert seen["worker"] != gui and seen["progress_thread"] == gui
    assert seen["progress"][-1] == (5, 5, "第5项")  # type: ignore[index]
    qtbot.waitUntil(lambda: not task.is_running())


def test_cancel_stops_the_work_and_errors_come_back_as_exceptions(qtbot) -> None:  # type: ignore[no-untyped-def]
    started = threading.Event()
    steps: list[int] = []

    def endless(progress: Progress) -> None:
        started.set()
        for i in range(10_000):
            progress(i, 10_000)
            steps.append(i)
            time.sleep(0.001)

    task = run_task(endless, lambda _: pytest.fail("must not finish"), lambda e: pytest.fail(str(e)))
    cancelled: list[bool] = []
    task.cancelled.connect(lambda: cancelled.append(True))
    started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: cancelled == [True])
    assert len(steps) < 10_000

    errors: list[BaseException] = []

    def refuse(progress: Progress) -> None:
        raise Refused("数据库中已有单位数据")

    run_task(refuse, lambda _: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors))
    assert isinstance(errors[0], Refused) and errors[0].message == "数据库中已有单位数据"


def test_a_thread_left_running_is_caught(_dangling_qthreads) -> None:  # type: ignore[no-untyped-def]
    class Sleeper(QThread):
        def run(self) -> None:
            self.msleep(300)

    thread = Sleeper()
    thread.start()
    assert thread in _dangling_qthreads
    assert running_threads(_dangling_qthreads) == [thread]  # what the fixture fails the test on
    thread.wait()
    assert running_threads(_dangling_qthreads) == []


def test_closing_the_window_stops_work_still_running(qtbot, start_app, db_path) -> None:  # type: ignore[no-untyped-def]
    app = start_app(db_path)
    started = threading.Event()

    def endless(progress: Progress) -> None:
        started.set()
        while True:
            progress(0, 1)
            time.sleep(0.005)

    task = app.window.run("长任务", endless, lambda _: pytest.fail("must not finish"))
    assert app.window.task_cancel.isVisible()
    started.wait(5)
    app.window.close()
    assert not task.is_running()
