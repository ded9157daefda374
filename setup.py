"""Build hook: the top-level resources/ folder (catalogue, fonts and their licences, translations) goes into the wheel
as handover/resources/, so an installed handover finds it with importlib.resources.

resources/ stays at the top of the repository (the project's fixed layout, shared with the Qt tools and the font
scripts), so it cannot simply be a folder of the package; a package-dir mapping would make it an importable package of
its own and confuse editable installs. Copying it in build_py keeps the checkout as it is and the wheel complete. An
editable install needs no copy: handover.paths finds the checkout's folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

RESOURCES = Path(__file__).resolve().parent / "resources"
#: what resources/ holds that is only for editing the translations, not for running the application
NOT_SHIPPED = shutil.ignore_patterns("*.ts", "__pycache__")


class BuildWithResources(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        target = Path(self.build_lib) / "handover" / "resources"
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(RESOURCES, target, ignore=NOT_SHIPPED)


setup(cmdclass={"build_py": BuildWithResources})
