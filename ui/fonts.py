"""Chinese fonts: the PC's own interface font when it has one, else the TrueType face shipped in resources/fonts."""

from __future__ import annotations

import logging

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from handover.paths import resources_dir

log = logging.getLogger(__name__)

#: preferred interface faces, in order: the usual Windows UI font, then common Linux ones
PREFERRED = ["Microsoft YaHei UI", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", "WenQuanYi Zen Hei",
             "Source Han Sans SC", "SimSun"]  # fmt: skip


def load_fonts(app: QApplication) -> str | None:
    """Pick an interface font with Chinese glyphs and make it the application font; returns its family."""
    families = set(QFontDatabase.families())
    family = next((f for f in PREFERRED if f in families), None)
    if family is None:
        family = _shipped()
    if family is None:
        chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        family = chinese[0] if chinese else None
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    return family


def _shipped() -> str | None:
    """Register a shipped face, the sans (黑体) one first: the Song face is for the printed documents. Only loaded when
    the PC has no Chinese font of its own, because reading a 5–20 MB font file costs start-up time."""
    folder = resources_dir() / "fonts"
    if not folder.is_dir():
        return None
    candidates = sorted((p for p in folder.iterdir() if p.suffix.lower() in (".ttf", ".ttc", ".otf")),
                        key=lambda p: ("hei" not in p.name.lower(), p.name))  # fmt: skip
    for path in candidates:
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            return QFontDatabase.applicationFontFamilies(font_id)[0]
        log.warning("font %s could not be loaded", path)
    return None
