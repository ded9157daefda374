"""Start-up stays lean: `handover --version` and `--help` load none of SQLAlchemy, SQLModel or pydantic; a command
loads what it uses and no more; the integrity check at open runs once per change of the file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from handover import checked

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "reportlab", "pyhanko", "openpyxl", "PySide6", "psycopg")
VENV_BIN = Path(sys.executable).parent


def loaded_after(code: str) -> set[str]:
    """The heavy packages a fresh interpreter has loaded after running `code` (its output goes to the null device)."""
    script = (
        "import sys, contextlib, io\n"
        f"with contextlib.redirect_stdout(io.StringIO()), contextlib.suppress(SystemExit):\n    {code}\n"
        f"print(' '.join(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r}))))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    return set(done.stdout.split())


def test_version_is_answered_by_the_installed_command_without_the_database_libraries() -> None:
    done = subprocess.run([str(VENV_BIN / "handover"), "--version"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "handover 0.1.0"
    assert loaded_after("from handover.command import main; sys.argv[1:] = ['--version']; main()") == set()


def test_help_lists_every_command_without_the_database_libraries() -> None:
    assert loaded_after("from handover.cli import main; main(['--help'])") == set()
    assert loaded_after("from handover.cli import main; main(['case', '--help'])") == set()
    done = subprocess.run([str(VENV_BIN / "handover"), "--help"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and all(c in done.stdout for c in ("case", "draw", "report", "sign", "backup"))


def test_case_list_loads_the_database_libraries_and_nothing_for_documents(demo, db_path) -> None:  # type: ignore[no-untyped-def]
    loaded = loaded_after(f"from handover.cli import main; main(['--db', {str(db_path)!r}, 'case', 'list'])")
    assert {"sqlalchemy", "sqlmodel"} <= loaded
    assert not loaded & {"reportlab", "pyhanko", "openpyxl", "PySide6", "alembic"}


def test_the_integrity_check_runs_once_per_change_of_the_file(run, demo, db_path, data_home) -> None:  # type: ignore[no-untyped-def]
    log = data_home / "handover.log"  # where the command logs

    def skipped_by(*args: str) -> bool:
        before = log.read_text(encoding="utf-8") if log.exists() else ""
        assert run(*args).code == 0
        return "skipped: unchanged since it passed" in log.read_text(encoding="utf-8")[len(before) :]

    assert not skipped_by("case", "list")
    assert checked.found_sound(db_path, checked.stamp(db_path))
    assert skipped_by("case", "show", "1")
    db_path.write_bytes(db_path.read_bytes())  # the same bytes written again: a new time, so checked again
    assert not skipped_by("case", "show", "1")
    # (`case list` of a file found sound does not open it the usual way at all: tests/test_case_list_plain.py)
    assert checked.found_sound(db_path, checked.stamp(db_path)) and skipped_by("case", "show", "1")


def test_the_gui_shows_the_case_list_before_the_database_libraries_load(demo, db_path) -> None:  # type: ignore[no-untyped-def]
    code = (
        f"from ui.app import Application; app = Application({str(db_path)!r}); app.window.show(); "
        "app.qapp.processEvents(); assert app.window.cases.table.model().rowCount() == 2"
    )
    assert loaded_after(code) & {"sqlalchemy", "sqlmodel", "pydantic"} == set()


def test_the_gui_start_leaves_rarely_used_modules_unloaded(demo, db_path) -> None:  # type: ignore[no-untyped-def]
    """What the first screen does not use is not imported before it shows (docs/architecture.md, “Start-up”): the
    catalogue and its TOML parser, Qt's print support, html's entity table, importlib.resources, getpass."""
    unwanted = ("handover.catalogue", "tomllib", "PySide6.QtPrintSupport", "html.entities", "importlib.resources",
                "getpass")  # fmt: skip
    script = (
        "import os, sys\n"
        "os.environ['HANDOVER_USER'] = 'tester'\n"
        f"from ui.app import Application\napp = Application({str(db_path)!r})\napp.window.show()\n"
        "app.qapp.processEvents()\nassert app.window.cases.table.model().rowCount() == 2\n"
        f"print(' '.join(m for m in {unwanted!r} if m in sys.modules))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, env=env, check=True)
    assert done.stdout.split() == []
