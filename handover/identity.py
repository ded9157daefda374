"""Who is acting: the operating-system user name, recorded with every action (draws, edits, signatures)."""

from __future__ import annotations

import os


def current_user() -> str:
    """HANDOVER_USER if set (a shared office PC where several assessors use one login), else the OS login name."""
    override = os.environ.get("HANDOVER_USER", "").strip()
    if override:
        return override
    import getpass  # only without HANDOVER_USER (the GUI sets it from the name asked at the first start)

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "unknown"
