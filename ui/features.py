"""Which parts of the core are installed: the report, signature and signing screens appear only with their packages."""

from __future__ import annotations

from importlib.util import find_spec


def available(module: str) -> bool:
    """True when `module` can be imported (without importing it); False also when a parent package is missing."""
    try:
        return find_spec(module) is not None
    except ModuleNotFoundError:
        return False
