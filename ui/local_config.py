"""Settings of this PC only (not shared through the database): which database file to open."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

from handover.files import write_atomic
from handover.paths import data_dir

log = logging.getLogger(__name__)
FILE = "gui.json"


def _path() -> Path:
    return data_dir() / FILE


def load() -> dict[str, Any]:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError):
        log.warning("ignoring unreadable %s", _path())
        return {}
    return data if isinstance(data, dict) else {}


def save(**changes: Any) -> None:
    data = {**load(), **changes}
    # all or nothing: a half-written file would be ignored on the next start, forgetting the database chosen
    write_atomic(_path(), json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8"))
