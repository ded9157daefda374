"""Where the application keeps its files: the per-user data folder and the shipped resources."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "handover"


def resources_dir() -> Path:
    """The `resources/` folder: next to the package in a checkout or in the installed data."""
    here = Path(__file__).resolve().parent
    for candidate in (here.parent / "resources", here / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resources folder not found next to {here}")


def data_dir() -> Path:
    """The per-user data folder (database, logs, backups); HANDOVER_HOME overrides it."""
    override = os.environ.get("HANDOVER_HOME")
    if override:
        path = Path(override)
    else:
        from platformdirs import user_data_dir

        path = Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path
