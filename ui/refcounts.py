"""A guard against a PySide6 6.12.0 binding bug on Python 3.11: many calls (setEnabled, setVisible, setReadOnly, …)
give back one reference to None, True or False too many. After a few case tabs opened and closed the interpreter
aborts at exit ("deallocating True or False"), and after long use it would abort while working. Python 3.12 made these
objects immortal, and PySide6 6.11.3 does not have the bug; until the pin moves, the counts are topped up here."""

from __future__ import annotations

import ctypes
import sys

#: far above anything a session can lose (a case tab opened and closed loses about 80), far below overflow
FLOOR = 1 << 24
TOP_UP = 1 << 26


def needed() -> bool:
    return sys.version_info < (3, 12)


def top_up() -> None:
    """Raise the reference count of None, True and False when it has fallen under FLOOR (ob_refcnt is the first field
    of every object in CPython 3.11); immortal from then on, as in Python 3.12."""
    if not needed():
        return
    for obj in (None, True, False):
        if sys.getrefcount(obj) < FLOOR:
            ctypes.c_ssize_t.from_address(id(obj)).value += TOP_UP
