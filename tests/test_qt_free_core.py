"""The core stays free of Qt: no module under handover/ imports PySide6, shiboken6 or ui, directly or through others.

The layer contract (tests/test_architecture.py) checks the same through lint-imports; these check it without it."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import handover

CORE = Path(handover.__file__).parent
FORBIDDEN = ("PySide6", "shiboken6", "ui")


def test_no_core_module_names_qt_or_ui() -> None:
    offenders = []
    for path in CORE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            elif isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "import_module" and node.args:
                arg = node.args[0]
                names = [arg.value] if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else []
            offenders += [f"{path.relative_to(CORE)}: {n}" for n in names if n.split(".")[0] in FORBIDDEN]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages([str(CORE)], "handover.") if ".migrations" not in m.name]
    assert len(modules) > 10
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    if name.endswith('__main__'): continue\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'ui')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
