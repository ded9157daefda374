"""The documents of many cases at once on all cores: each case goes through documents.produce in a worker process."""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import sys
import threading
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handover.errors import Refused
from handover.progress import Progress
from handover.signing.pki import OrgKey
from handover.views import CaseSummary


@dataclass(frozen=True)
class BatchItem:
    case_id: int
    path: Path
    pages: int = 0
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


_UNSAFE = re.compile(r'[\\/:*?"<>|\s]+')


def file_name(summary: CaseSummary) -> str:
    """案件编号-单位-离任书记.pdf, safe on Windows and short enough for any file system (255 bytes, 3 per Chinese
    character): a unit name may be 100 characters long, so long names are cut (the case number keeps it unique)."""
    unit, outgoing = summary.unit[:20], summary.outgoing[:10]
    return _UNSAFE.sub("_", f"{summary.id:05d}-{unit}-{outgoing}") + ".pdf"


_worker: dict[str, Any] = {}


def _start_worker(db_url: str, key: OrgKey | None) -> None:
    """Once per worker process, before its first case: the database, the fonts and the document code are loaded here,
    so the worker then renders case after case without starting anything again."""
    from handover.db import open_database
    from handover.report import fonts
    from handover.signing import documents  # noqa: F401 - imported now, not during the first case

    _worker.update(db=open_database(db_url, migrate=False), key=key)
    fonts.register()


def _produce_one(db: Any, key: OrgKey | None, case_id: int, path: str, part: str) -> tuple[int, int, str | None]:
    from handover.signing.documents import produce

    try:
        document = produce(db, case_id, Path(path), part, key=key)
    except (Refused, OSError) as exc:
        return case_id, 0, str(exc)
    return case_id, document.result.pages, None


def _produce_in_worker(case_id: int, path: str, part: str) -> tuple[int, int, str | None]:
    return _produce_one(_worker["db"], _worker["key"], case_id, path, part)


def start_method(fork: bool) -> str:
    """How the worker processes start: "fork" when the caller allows it (the command line), on Linux, from a process
    that runs no other thread; else "spawn", as on Windows and macOS and always from the GUI.

    A forked worker starts in milliseconds with everything this process has loaded (a spawned one first spends most of
    a second of CPU importing). It never touches what it inherits: it opens its own database, its inherited objects
    are frozen out of its garbage collector (gc.freeze, so an inherited SQLite or PostgreSQL connection is never
    closed by it) and it ends with os._exit, which runs no finaliser.
    """
    if fork and sys.platform.startswith("linux") and threading.active_count() == 1:
        return "fork"
    return "spawn"


def _pool(spawned: int, method: str, db_url: str, key: OrgKey | None) -> ProcessPoolExecutor:
    context = multiprocessing.get_context(method)
    return ProcessPoolExecutor(spawned, context, initializer=_start_worker, initargs=(db_url, key))


def _share(
    db: Any,
    db_url: str,
    key: OrgKey | None,
    cases: Sequence[CaseSummary],
    paths: dict[int, Path],
    part: str,
    spawned: int,
    finished: Callable[[int, int, str | None], None],
    progress: Progress | None,
    method: str = "spawn",
) -> None:
    """The cases shared between this process and `spawned` worker processes: each worker is kept two cases ahead,
    this process takes the next case whenever it is free, so all finish at about the same time.

    Forked workers are made after this process's first case, so they inherit its warm caches (fonts, glyph coverage,
    the PDF/A code) instead of each filling its own."""
    waiting = deque(cases)
    if method == "fork":
        if progress:
            progress.check()
        c = waiting.popleft()
        finished(*_produce_one(db, key, c.id, str(paths[c.id]), part))
        if not waiting:
            return
    with _pool(spawned, method, db_url, key) as pool:
        running: set[Future[tuple[int, int, str | None]]] = set()
        forked = method != "fork"
        try:
            while waiting or running:
                while waiting and len(running) < 2 * spawned:
                    c = waiting.popleft()
                    if not forked:  # the first submit forks every worker, before the pool starts its thread
                        gc.freeze()
                    try:
                        running.add(pool.submit(_produce_in_worker, c.id, str(paths[c.id]), part))
                    finally:
                        if not forked:
                            gc.unfreeze()
                            forked = True
                if waiting:
                    if progress:
                        progress.check()  # a cancel: the case is not started here
                    c = waiting.popleft()
                    finished(*_produce_one(db, key, c.id, str(paths[c.id]), part))
                elif running:
                    wait(running, return_when=FIRST_COMPLETED)
                for future in [f for f in running if f.done()]:
                    running.discard(future)
                    finished(*future.result())
        except BaseException:
            pool.shutdown(cancel_futures=True)  # cancelled: the cases not started yet are not made
            raise


def produce_many(
    db_url: str,
    cases: Sequence[CaseSummary],
    out_dir: Path,
    *,
    part: str = "all",
    key: OrgKey | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    fork: bool = False,
) -> list[BatchItem]:
    """One PDF per case in `out_dir` (signed when `key` is given, each recorded in the audit log), on `workers`
    processes (default: one per core); `progress` hears of each file as it is written.

    A case that fails is reported in its item and the others go on. This process is one of the workers; the others
    are spawned, the same behaviour as on Windows and safe when the caller is a GUI with threads, unless `fork` allows
    forking them where that is safe (see `start_method`: the command line asks for it). They are started once and
    each makes case after case.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {c.id: out_dir / file_name(c) for c in cases}
    workers = max(1, min(workers or os.cpu_count() or 1, len(cases)))
    items: list[BatchItem] = []

    def finished(case_id: int, pages: int, error: str | None) -> None:
        items.append(BatchItem(case_id, paths[case_id], pages, error))
        if progress:
            progress(len(items), len(cases), paths[case_id].name)

    from handover.db import open_database

    # this process makes documents too, beside workers - 1 spawned ones: it is loaded already, a spawned worker
    # first spends most of a second starting (1 worker: none is spawned at all)
    db = open_database(db_url, migrate=False)
    try:
        if workers == 1:
            for c in cases:
                if progress:
                    progress.check()  # a cancel during the last case: the next one is not started
                finished(*_produce_one(db, key, c.id, str(paths[c.id]), part))
            return items
        _share(db, db_url, key, cases, paths, part, workers - 1, finished, progress, start_method(fork))
    finally:
        db.close()
    items.sort(key=lambda item: item.case_id)
    return items
