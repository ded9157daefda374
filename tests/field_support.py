"""Running `handover` as its own process for the field-visit tests (docs/field.md): the office and the laptop are two
programs that share nothing but the field file."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PASSPHRASE = "村口老槐树 2026"


@dataclass
class Done:
    code: int
    out: str
    err: str


def handover(db: str | Path, *args: str, user: str = "外勤组", passphrase: str | None = PASSPHRASE) -> Done:
    """`handover --db DB ARGS...` in a process of its own; the passphrase (if any) in FIELD_KEY and HANDOVER_PASSPHRASE."""
    env = {**os.environ, "HANDOVER_USER": user}
    env.pop("HANDOVER_PASSPHRASE", None)
    if passphrase is not None:
        env["FIELD_KEY"] = env["HANDOVER_PASSPHRASE"] = passphrase
    done = subprocess.run([sys.executable, "-m", "handover", "--db", str(db), *args], capture_output=True, text=True,
                          env=env, stdin=subprocess.DEVNULL, timeout=300)  # fmt: skip
    return Done(done.returncode, done.stdout, done.stderr)


def ok(done: Done) -> str:
    assert done.code == 0, done.err + done.out
    return done.out
