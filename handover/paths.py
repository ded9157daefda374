"""Where the application keeps its files: the per-user data folder and the shipped resources."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "handover"


def resources_dir() -> Path:
    """The shipped resources (catalogue, fonts, translations): package data of an installed wheel or a frozen bundle
    (handover/resources, put there by setup.py or the PyInstaller spec), else the top-level `resources/` of a checkout.
    """
    installed = _package_dir() / "resources"
    checkout = installed.parent.parent / "resources"
    for candidate in (installed, checkout):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"resources folder not found: neither {installed} nor {checkout}")


def migrations_dir() -> Path:
    """The Alembic scripts (env.py, versions/): package data of handover, which Alembic reads as files."""
    return _package_dir() / "migrations"


def _package_dir() -> Path:
    # the wheel installs into a folder and PyInstaller collects the data files into one (its modules' __file__ lie
    # in that folder), so the package's resources are always real files beside this module (never inside a zip):
    # Alembic, reportlab and Qt all need file names. Not importlib.resources: 3 ms of imports at every start
    return Path(__file__).resolve().parent


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
