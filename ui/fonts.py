"""Chinese fonts: the TrueType faces shipped in resources/fonts are registered so text shows on a PC without CJK fonts."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from handover.paths import resources_dir

log = logging.getLogger(__name__)

#: preferred interface faces, in order: the usual Windows UI font, then the shipped and common Linux ones
PREFERRED = ["Microsoft YaHei UI", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "WenQuanYi Zen Hei",
             "AR PL UMing CN", "SimSun"]  # fmt: skip


def load_fonts(app: QApplication) -> str | None:
    """Register shipped fonts and pick an interface font that has Chinese glyphs; returns its family."""
    folder = resources_dir() / "fonts"
    if folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.suffix.lower() in (".ttf", ".ttc", ".otf"):
                if QFontDatabase.addApplicationFont(str(path)) < 0:
                    log.warning("font %s could not be loaded", path)
    families = set(QFontDatabase.families())
    family = next((f for f in PREFERRED if f in families), None)
    if family is None:
        chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        family = chinese[0] if chinese else None
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    return family
