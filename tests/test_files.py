"""The one atomic writer (handover/files.py): a file is the old one or the whole new one, never half of either, and a
failure says in Chinese which file could not be written and what the assessor can do about it."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from handover.errors import Refused
from handover.files import write_atomic

OLD = b"%PDF-1.7 the signed report of yesterday\n" * 1000
NEW = b"%PDF-1.7 today's report\n" * 200_000  # about 5 MB

#: the child writes NEW over the target and is stopped for good between writing the bytes and putting them in place
KILLED_MID_WRITE = """
import os, sys, time
from pathlib import Path
from handover.files import write_atomic

def stuck(fd):
    print("written, not yet in place", flush=True)
    time.sleep(600)

os.fsync = stuck
write_atomic(Path(sys.argv[1]), b"%PDF-1.7 today's report\\n" * 200_000)
"""


def test_a_writer_killed_mid_write_leaves_the_old_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "报告.pdf"
    target.write_bytes(OLD)
    child = subprocess.Popen([sys.executable, "-c", KILLED_MID_WRITE, str(target)], stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "written, not yet in place"
        assert target.read_bytes() == OLD  # all five megabytes are on their way, none of them in the target
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    assert child.returncode == -signal.SIGKILL
    assert target.read_bytes() == OLD
    # what the killed writer leaves is a hidden temporary file beside the target, never a half-written target
    leftovers = [p.name for p in tmp_path.iterdir() if p != target]
    assert len(leftovers) == 1 and leftovers[0].startswith(".报告.pdf.") and leftovers[0].endswith(".part")
    write_atomic(target, NEW)
    assert target.read_bytes() == NEW


def test_a_vanished_folder_is_named_and_not_made(tmp_path: Path) -> None:
    stick = tmp_path / "U盘"
    with pytest.raises(Refused) as refused:
        write_atomic(stick / "报告.pdf", NEW)
    assert refused.value.message == f"无法写入 {stick / '报告.pdf'}：文件夹不存在（U 盘是否已拔出？）"
    assert not stick.exists()
    write_atomic(stick / "报告.pdf", NEW, make_folder=True)  # a path typed on the command line may make its folder
    assert (stick / "报告.pdf").read_bytes() == NEW


@contextlib.contextmanager
def cannot_be_replaced(target: Path) -> Iterator[None]:
    """The target may not be replaced, as Windows refuses to replace a PDF open in a reader. Root ignores file modes, so
    there the file is made immutable; anyone else gets a read-only folder."""
    if os.geteuid() != 0:
        target.parent.chmod(0o555)
        try:
            yield
        finally:
            target.parent.chmod(0o755)
        return
    if not shutil.which("chattr") or subprocess.run(["chattr", "+i", str(target)], capture_output=True).returncode:
        pytest.skip("running as root on a file system without immutable files: no way to refuse a write")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(target)], check=True)


def test_a_file_that_may_not_be_replaced_stays_as_it_was_and_the_message_says_why(tmp_path: Path) -> None:
    target = tmp_path / "交接单.pdf"
    target.write_bytes(OLD)
    with cannot_be_replaced(target), pytest.raises(Refused) as refused:
        write_atomic(target, NEW)
    assert refused.value.message.startswith(f"无法写入 {target}：")
    assert "正被其他程序（如 PDF 阅读器）打开" in refused.value.message and "关闭" in refused.value.message
    assert target.read_bytes() == OLD
    assert sorted(tmp_path.iterdir()) == [target], "no temporary file is left behind"


def test_a_failed_write_leaves_no_temporary_file(tmp_path: Path) -> None:
    taken = tmp_path / "报告.pdf"
    taken.mkdir()  # a folder with the file's name: the bytes are written, putting them in place fails
    with pytest.raises(Refused) as refused:
        write_atomic(taken, NEW)
    assert refused.value.message == f"无法写入 {taken}：同名的文件夹已存在"
    assert sorted(tmp_path.iterdir()) == [taken] and not any(taken.iterdir())


def test_a_saved_file_keeps_the_mode_of_the_one_it_replaces(tmp_path: Path) -> None:
    fresh = tmp_path / "新.pdf"
    write_atomic(fresh, NEW)
    assert fresh.stat().st_mode & 0o777 == 0o644  # readable by others, like any saved document (not mkstemp's 0600)
    shared = tmp_path / "共享.pdf"
    shared.write_bytes(OLD)
    shared.chmod(0o664)
    write_atomic(shared, NEW)
    assert shared.stat().st_mode & 0o777 == 0o664 and shared.read_bytes() == NEW
