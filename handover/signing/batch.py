"""The documents of many cases at once on all cores: each case goes through documents.produce in a worker process."""

from __future__ import annotations

import gc
import multiprocessing
import os
import re
import sys
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from multiprocessing.context import BaseContext
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


class _Claims:
    """The cases of a batch and the index of the next one to make, shared by every process: each takes a case only
    when it is free to start it, so none is left holding cases while another waits at the end."""

    def __init__(self, context: BaseContext, jobs: list[tuple[int, str]]) -> None:
        self.jobs = jobs
        self.next: Any = context.Value("i", 0)

    def take(self) -> tuple[int, str] | None:
        with self.next.get_lock():
            i: int = self.next.value
            if i >= len(self.jobs):
                return None
            self.next.value = i + 1
        return self.jobs[i]

    def left(self) -> bool:
        return bool(self.next.value < len(self.jobs))

    def stop(self) -> None:
        with self.next.get_lock():
            self.next.value = len(self.jobs)


def _load() -> None:
    """What every process making documents loads before its first case: the document and PDF/A code, the fonts and
    their character maps (a forked worker inherits them from this process, a spawned one loads them itself)."""
    import pikepdf.pdfa  # noqa: F401 - handover.report.pdfa imports it on first use

    from handover import glyphs
    from handover.report import fonts
    from handover.signing import documents  # noqa: F401 - imported now, not during the first case

    fonts.register()
    for name in glyphs.FALLBACK:
        glyphs.coverage(name)


def _start_worker(db_url: str, key: OrgKey | None, claims: _Claims) -> None:
    """Once per worker process, before its first case: the database opened and the code loaded, so the worker then
    makes case after case without starting anything again."""
    from handover.db import open_database

    _load()
    _worker.update(db=open_database(db_url, migrate=False), key=key, claims=claims)


def _produce_one(db: Any, key: OrgKey | None, case_id: int, path: str, part: str) -> tuple[int, int, str | None]:
    from handover.signing.documents import produce

    try:
        document = produce(db, case_id, Path(path), part, key=key)
    except (Refused, OSError) as exc:
        return case_id, 0, str(exc)
    return case_id, document.result.pages, None


def _produce_next(part: str) -> tuple[int, int, str | None] | None:
    """In a worker: the next case nobody has taken yet (None when all are taken)."""
    job = _worker["claims"].take()
    return None if job is None else _produce_one(_worker["db"], _worker["key"], job[0], job[1], part)


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


Done = Callable[[int, int, str | None], None]


def _top_up(pool: ProcessPoolExecutor, running: set[Future[Any]], spawned: int, claims: _Claims, part: str) -> None:
    """Each worker two requests ahead, while cases are left."""
    while len(running) < 2 * spawned and claims.left():
        running.add(pool.submit(_produce_next, part))


def _collect(running: set[Future[Any]], finished: Done) -> None:
    for future in [f for f in running if f.done()]:
        running.discard(future)
        if (result := future.result()) is not None:
            finished(*result)


def _share(
    db: Any,
    db_url: str,
    key: OrgKey | None,
    jobs: list[tuple[int, str]],
    part: str,
    spawned: int,
    finished: Done,
    progress: Progress | None,
    method: str = "spawn",
) -> None:
    """The cases shared between this process and `spawned` worker processes, each taking the next case when it is free
    (_Claims), so all finish at about the same time. Forked workers are made once this process has loaded what making
    documents needs, so they inherit it; spawned ones are started first, so they load it while this process does."""
    context = multiprocessing.get_context(method)
    claims = _Claims(context, jobs)
    if method == "fork":
        _load()
    with ProcessPoolExecutor(spawned, context, initializer=_start_worker, initargs=(db_url, key, claims)) as pool:
        running: set[Future[Any]] = set()
        if method == "fork":  # the first submit forks every worker (before the pool starts its thread), frozen
            gc.freeze()
        try:
            _top_up(pool, running, spawned, claims, part)
        finally:
            gc.unfreeze()
        try:
            while True:
                _top_up(pool, running, spawned, claims, part)
                if progress:
                    progress.check()  # a cancel: the case is not started here
                if (job := claims.take()) is None:
                    break
                finished(*_produce_one(db, key, job[0], job[1], part))
                _collect(running, finished)
            while running:
                wait(running, return_when=FIRST_COMPLETED)
                _collect(running, finished)
        except BaseException:
            claims.stop()  # cancelled: the cases not started yet are not made
            pool.shutdown(cancel_futures=True)
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
        jobs = [(c.id, str(paths[c.id])) for c in cases]
        _share(db, db_url, key, jobs, part, workers - 1, finished, progress, start_method(fork))
    finally:
        db.close()
    items.sort(key=lambda item: item.case_id)
    return items
