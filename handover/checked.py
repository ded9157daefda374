"""Which SQLite files the integrity check at open found sound: each file's size and modification time when it passed,
kept in a small file in the data folder. A file that has not changed since is not checked again, so the check costs
once per change of the file (0.27 s on a 105 MB database), not on every command; a file damaged on disk changes its
time and is checked again. Damage that leaves size and time as they were is found when a command reads the page
(db.trouble_found)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from handover.paths import data_dir

#: the record in the data folder
RECORD = "quick_check.json"

Stamp = tuple[int, int]


def stamp(path: Path) -> Stamp | None:
    """The file's size and modification time (ns), or None when it cannot be read."""
    try:
        status = path.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def _load() -> dict[str, list[int]]:
    try:
        loaded = json.loads((data_dir() / RECORD).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def found_sound(path: Path, now: Stamp | None) -> bool:
    """Whether the file passed the check as it is now."""
    return now is not None and _load().get(str(path.resolve())) == list(now)


def record(path: Path, when_checked: Stamp | None) -> None:
    """Note that the file passed the check when it had this stamp (a file that cannot be written is no failure: the
    check runs again next time)."""
    if when_checked is None:
        return
    entries = _load()
    entries[str(path.resolve())] = list(when_checked)
    target = data_dir() / RECORD
    partial = target.with_name(f".{RECORD}.{os.getpid()}.partial")
    try:
        partial.write_text(json.dumps(entries), encoding="utf-8")
        os.replace(partial, target)
    except OSError:
        partial.unlink(missing_ok=True)
