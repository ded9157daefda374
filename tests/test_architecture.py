"""The shape of the code (docs/architecture.md): the layer contract, no import cycle, small modules and functions.

Each check is also run on a small package made here with the fault in it, so a check that can no longer fail is noticed.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

ROOT = Path(__file__).resolve().parent.parent
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def import_cycles(package: str) -> list[tuple[str, ...]]:
    """Every direct import a → b inside `package` for which b also leads back to a, as the chain a → b → … → a."""
    graph = grimp.build_graph(package, cache_dir=None)
    cycles = []
    for importer in sorted(graph.modules):
        for imported in sorted(graph.find_modules_directly_imported_by(importer)):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back is not None:
                cycles.append((importer, *back))
    return cycles


def oversized(folder: Path) -> list[str]:
    """Modules over MAX_MODULE_LINES lines and functions over MAX_FUNCTION_LINES lines under `folder`."""
    found = []
    for path in sorted(folder.rglob("*.py")):
        if "migrations" in path.parts:
            continue  # a migration is a record of the past, not code that grows
        source = path.read_text(encoding="utf-8")
        lines = len(source.splitlines())
        shown = path.relative_to(folder.parent)
        if lines > MAX_MODULE_LINES:
            found.append(f"{shown}: {lines} lines (at most {MAX_MODULE_LINES})")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    found.append(f"{shown}:{node.lineno} {node.name}(): {length} lines (at most {MAX_FUNCTION_LINES})")
    return found


def test_the_layer_contract_holds() -> None:
    """lint-imports checks pyproject.toml's contracts: the layers, Qt only in ui/, no database access from ui/."""
    command = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(command), "--no-cache"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


def test_the_layer_contract_catches_an_upward_import(tmp_path: Path) -> None:
    """The same contract on a copy of the core in which the fingerprint imports the report: it must break."""
    copy = tmp_path / "handover"
    subprocess.run(["cp", "-r", str(ROOT / "handover"), str(copy)], check=True)
    subprocess.run(["cp", "-r", str(ROOT / "ui"), str(tmp_path / "ui")], check=True)
    target = copy / "signoff" / "fingerprint.py"
    target.write_text(target.read_text(encoding="utf-8") + "\nfrom handover.report import data  # noqa\n", encoding="utf-8")
    (tmp_path / "pyproject.toml").write_text((ROOT / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    command = Path(sys.executable).with_name("lint-imports")
    env = {"PYTHONPATH": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run([str(command), "--no-cache"], cwd=tmp_path, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode != 0
    assert "handover.signoff is not allowed to import handover.report" in result.stdout


def test_no_import_cycle_inside_the_core() -> None:
    cycles = import_cycles("handover")
    assert not cycles, "\n".join(" → ".join(c) for c in cycles)


def test_the_cycle_check_finds_a_cycle(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "cyclic"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from cyclic import b\n")
    (package / "b.py").write_text("def f():\n    from cyclic import a  # hidden in a function: still a cycle\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert ("cyclic.a", "cyclic.b", "cyclic.a") in import_cycles("cyclic")


@pytest.mark.parametrize("folder", ["handover", "ui"])
def test_modules_and_functions_stay_small(folder: str) -> None:
    found = oversized(ROOT / folder)
    assert not found, "split these:\n" + "\n".join(found)


def test_the_size_check_finds_a_long_function_and_module(tmp_path: Path) -> None:
    folder = tmp_path / "pkg"
    folder.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    (folder / "long.py").write_text(f"def long():\n{body}\n" + "\n" * MAX_MODULE_LINES)
    found = oversized(folder)
    assert any("long()" in f for f in found) and any("lines (at most 400)" in f for f in found), found
