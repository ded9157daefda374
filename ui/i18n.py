"""Languages: Simplified Chinese by default, English from the settings, both through Qt Linguist translation files."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from handover.paths import resources_dir

LANGUAGES = {"zh_CN": "简体中文", "en": "English"}
DEFAULT = "zh_CN"

_installed: list[QTranslator] = []
_language = DEFAULT


def current() -> str:
    """The language installed last: ui.words shows the core's own Chinese words unless it is English."""
    return _language


def translations_dir() -> str:
    return str(resources_dir() / "translations")


def install(language: str) -> str:
    """Replace the installed translators with those of `language` (unknown codes fall back to Chinese)."""
    global _language
    app = QCoreApplication.instance()
    assert app is not None, "create the QApplication first"
    language = language if language in LANGUAGES else DEFAULT
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language != "en":  # the source strings are English
        ours = QTranslator(app)
        if ours.load(f"handover_{language}", translations_dir()):
            app.installTranslator(ours)
            _installed.append(ours)
        qt = QTranslator(app)  # Qt's own words: the buttons of message boxes and file dialogs
        if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt)
            _installed.append(qt)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese if language == "zh_CN" else QLocale.Language.English))
    _language = language
    return language
