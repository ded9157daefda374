"""The built wheel on its own: installed (not editable) into a fresh virtual environment outside the checkout, it runs
the whole command-line flow and starts the GUI, so nothing it needs is left behind in the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.smoke import Smoke

ROOT = Path(__file__).resolve().parent.parent


def build_wheel(target: Path) -> Path:
    """The wheel built from the files git knows (tracked or new, not ignored), copied out so no stale build/ leaks in;
    pip builds it with the setuptools pyproject.toml asks for."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            check=True, capture_output=True).stdout.decode().split("\0")  # fmt: skip
    source = target / "source"
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            (source / name).write_bytes((ROOT / name).read_bytes())
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w",
                    str(target / "dist"), str(source)], check=True)  # fmt: skip
    return next((target / "dist").glob("handover-*.whl"))


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """`handover` of a fresh virtual environment holding only the built wheel and its dependencies."""
    folder = tmp_path_factory.mktemp("installed")
    assert not folder.is_relative_to(ROOT)
    wheel = build_wheel(folder)
    print(f"wheel: {wheel.name} {wheel.stat().st_size / 1e6:.1f} MB")
    env_dir = folder / "venv"
    venv.create(env_dir, with_pip=True)
    bin_dir = env_dir / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run([str(bin_dir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
                   check=True)  # fmt: skip
    return bin_dir / "handover"


@pytest.mark.slow
def test_the_wheel_carries_the_resources_and_migrations(installed: Path) -> None:
    wheel = next((installed.parent.parent.parent / "dist").glob("handover-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    for shipped in ("handover/resources/catalogue/indicators.toml", "handover/resources/fonts/uming-cn.ttf",
                    "handover/resources/fonts/ARPHICPL.TXT", "handover/resources/translations/handover_zh_CN.qm",
                    "handover/migrations/env.py", "handover/migrations/versions/0001_core.py"):  # fmt: skip
        assert shipped in names
    site = installed.parent.parent / "lib"
    assert not list(site.glob("python*/site-packages/__editable__*")), "the install must not point into the checkout"


@pytest.mark.slow
def test_the_installed_wheel_runs_the_cli_flow_and_the_gui(installed: Path, tmp_path: Path) -> None:
    lines = Smoke([str(installed)], tmp_path).all_steps()
    assert "ok: handover demo" in lines and "ok: handover (GUI start and quit)" in lines
