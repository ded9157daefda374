"""Writing a file all or nothing: the one way the application saves a PDF, a certificate or a signed copy."""

from __future__ import annotations

import contextlib
import errno
import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from handover.errors import Refused


def write_atomic(
    path: Path, data: bytes, *, make_folder: bool = False, before_replace: Callable[[], object] | None = None
) -> None:
    """Write `data` to `path` so that the file is either the old one or the whole new one, never a half-written one.

    The bytes go to a temporary file in the same folder (a rename across disks is not atomic), reach the disk (fsync),
    then replace the target in one step. On failure the temporary file is removed and Refused says, in words an
    assessor can act on, why the file could not be written. `make_folder` creates missing folders first (a path typed
    on the command line); without it a missing folder is refused (a USB stick pulled out while the dialog was open).
    `before_replace` runs once the whole file is on disk, just before it takes the target's place: a document records
    itself there, so a file at `path` always has its record, however the process ends (a kill between the two leaves
    a record and no file, never a file and no record).
    """
    try:
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    except OSError as exc:
        raise Refused(cannot_write(path, exc)) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        # mkstemp makes a file only its owner may read; a saved document keeps the mode of the file it replaces
        os.chmod(temporary, _mode_of(path))
        if before_replace is not None:
            before_replace()
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise Refused(cannot_write(path, exc)) from exc
        raise


def cannot_write(path: Path, exc: OSError) -> str:
    """无法写入 <file>：<a reason the assessor can act on> (Windows refuses to replace a PDF open in a reader)."""
    if isinstance(exc, PermissionError):
        reason = "没有写入权限，或该文件正被其他程序（如 PDF 阅读器）打开；请关闭该文件后重试"
    elif exc.errno == errno.ENOSPC:
        reason = "磁盘空间已满"
    elif isinstance(exc, FileNotFoundError):
        reason = "文件夹不存在（U 盘是否已拔出？）"
    elif isinstance(exc, IsADirectoryError):
        reason = "同名的文件夹已存在"
    else:
        reason = exc.strerror or str(exc)
    return f"无法写入 {path}：{reason}"


def _mode_of(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777
    except OSError:
        return 0o644
