"""The first things a county's IT staff try on a new installation, run against any `handover` program: the wheel
installed in a fresh virtual environment (tests/test_installed.py) or the frozen bundle (`bash dev.sh bundle`).

`python -m tests.smoke PROGRAM...` runs it from the command line; it exits 1 at the first step that misbehaves.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Sequence
from pathlib import Path

from pypdf import PdfReader

#: the main window's title in Chinese: the GUI found its translation among the installed files
MAIN_TITLE = "党建绩效离任评审与交接"
SETUP_TITLE = "首次使用设置"
COUNTY = ("中共青溪县委组织部", "青溪县", "青组离审", "12")


class SmokeFailure(AssertionError):
    pass


class Smoke:
    """Runs the program as a user would, in a folder of its own, with its own data folder and nothing of the checkout."""

    def __init__(self, program: Sequence[str], workdir: Path) -> None:
        # the program runs in its own folder: a path given relative to here must still find it
        first = Path(program[0])
        self.program = [str(first.resolve()) if first.exists() else program[0], *program[1:]]
        self.workdir = workdir
        self.env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "HANDOVER_DB", "VIRTUAL_ENV")}
        self.env.update(HANDOVER_HOME=str(workdir / "home"), QT_QPA_PLATFORM="offscreen", HANDOVER_USER="冒烟测试")
        self.db = workdir / "county.sqlite3"
        self.lines: list[str] = []

    def run(self, *args: str, quit_gui: bool = False) -> subprocess.CompletedProcess[str]:
        env = {**self.env, "HANDOVER_QUIT_AFTER_START": "1"} if quit_gui else self.env
        command = [*self.program, "--db", str(self.db), *args]
        done = subprocess.run(command, cwd=self.workdir, env=env, capture_output=True, text=True, timeout=300,
                              encoding="utf-8")  # fmt: skip
        if done.returncode != 0:
            raise SmokeFailure(f"{' '.join(args) or 'GUI'} exited {done.returncode}:\n{done.stdout}\n{done.stderr}")
        self.lines.append(f"ok: handover {' '.join(args) or '(GUI start and quit)'}")
        return done

    def check(self, condition: bool, what: str) -> None:
        if not condition:
            raise SmokeFailure(what)

    def all_steps(self) -> list[str]:
        version = subprocess.run([*self.program, "--version"], capture_output=True, text=True, env=self.env, timeout=120)
        self.check(version.returncode == 0 and version.stdout.startswith("handover "), f"--version: {version}")
        self.lines.append(f"ok: {version.stdout.strip()}")
        first = self.run(quit_gui=True)
        self.check(SETUP_TITLE in first.stdout, f"the first start did not show the setup: {first.stdout!r}")
        self.run("demo")
        draft = self.report("draft.pdf", draft=True)
        self.run("verify", str(draft))
        self.run("setup", "--issuing-body", COUNTY[0], "--county", COUNTY[1], "--doc-prefix", COUNTY[2],
                 "--ranked-units", COUNTY[3])  # fmt: skip
        final = self.report("final.pdf", draft=False)
        self.run("verify", str(final))
        later = self.run(quit_gui=True)
        self.check(MAIN_TITLE in later.stdout and SETUP_TITLE not in later.stdout, f"GUI start: {later.stdout!r}")
        self.diagnose()
        return self.lines

    def report(self, name: str, *, draft: bool) -> Path:
        out = self.workdir / name
        done = self.run("report", "1", "-o", str(out))
        first_page = PdfReader(out).pages[0].extract_text()
        self.check(("样稿" in done.stderr) == draft, f"the CLI's draft warning: {done.stderr!r}")
        self.check(("样稿" in first_page) == draft and (COUNTY[0] in first_page) != draft, first_page[:300])
        return out

    def diagnose(self) -> None:
        out = self.workdir / "问题报告.zip"
        self.run("diagnose", "-o", str(out))
        with zipfile.ZipFile(out) as archive:
            names = archive.namelist()
            text = "".join(archive.read(n).decode("utf-8") for n in names)
        self.check({"report.json", "handover.log"} <= set(names), f"diagnose wrote {names}")
        self.check(COUNTY[0] in text and "冒烟测试" not in text, "diagnose: settings in, the operator's name out")


def main(argv: Sequence[str]) -> int:
    if not argv:
        print("usage: python -m tests.smoke PROGRAM [ARGS...]", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="handover-smoke-") as folder:
        try:
            lines = Smoke(argv, Path(folder)).all_steps()
        except SmokeFailure as failure:
            print(f"smoke test FAILED: {failure}", file=sys.stderr)
            return 1
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
