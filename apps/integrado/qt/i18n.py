"""Languages: Brazilian Portuguese and English through Qt's translation system.

`install_translator(app, settings.language)` picks the language ("system" follows the desktop's
locale; "pt_BR" or "en" force one), loads Integrado's compiled catalogue and Qt's own (standard
dialog buttons, context menus), and makes that locale the default so that every `QLocale()`
formats dates, times and numbers the way the operator reads them. Call it before any window is
built: strings are translated when a widget sets them.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from integrado.resources import resource_path

log = logging.getLogger(__name__)

SHIPPED = ("pt_BR", "en")
CATALOGUE = "integrado"
_installed: list[QTranslator] = []


def normalize_language(value: str) -> str | None:
    """'pt-br', 'pt_BR.UTF-8', 'Português' -> 'pt_BR'; 'en_GB' -> 'en'; 'system'/'' -> None."""
    text = value.strip().replace("-", "_").split(".")[0].lower()
    if text in ("", "system", "auto", "default"):
        return None
    if text.startswith(("pt", "portugu")):
        return "pt_BR"  # the only Portuguese shipped: Portugal's operators read Brazil's too
    if text.startswith(("en", "english", "c", "posix")):
        return "en"
    return ""


def choose_locale(setting: str = "system", system: QLocale | None = None) -> QLocale:
    """The locale the UI runs in: the setting when it names a shipped language, else the system's."""
    system = system if system is not None else QLocale.system()
    wanted = normalize_language(setting)
    if wanted == "":
        log.warning("language %r is not shipped (choose one of %s); following the system", setting, SHIPPED)
        wanted = None
    if wanted is None:
        # Keep the system's own formats (en_GB dates stay day-first) when its language is shipped.
        return (
            system if system.language() in (QLocale.Language.Portuguese, QLocale.Language.English) else QLocale("en_US")
        )
    if wanted == "pt_BR":
        return QLocale("pt_BR")
    if system.language() == QLocale.Language.English:
        return system
    return QLocale("en_US")


def language_of(locale: QLocale) -> str:
    return "pt_BR" if locale.language() == QLocale.Language.Portuguese else "en"


def translations_dir() -> Path:
    return resource_path("translations")


def _qt_translations_dirs() -> list[Path]:
    dirs = [Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))]
    try:
        import PySide6

        dirs.append(Path(PySide6.__file__).parent / "Qt" / "translations")
    except (ImportError, TypeError):
        pass
    return dirs


def install_translator(app: QCoreApplication, language: str = "system", *, system: QLocale | None = None) -> str:
    """Install the catalogues for `language` (replacing earlier ones); return 'pt_BR' or 'en'."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    locale = choose_locale(language, system)
    QLocale.setDefault(locale)
    shipped = language_of(locale)
    if shipped != "en":
        for folder in _qt_translations_dirs():
            qt = QTranslator(app)
            if qt.load(locale, "qtbase", "_", str(folder), ".qm"):
                app.installTranslator(qt)
                _installed.append(qt)
                break
    # Installed last, so consulted first: it also supplies the texts of Qt's own dialogs that
    # qtbase's catalogue lacks (integrado.qt.qt_strings). English is the source language, but
    # its catalogue still holds the plural forms (%n).
    ours = QTranslator(app)
    if ours.load(f"{CATALOGUE}_{shipped}", str(translations_dir())):
        app.installTranslator(ours)
        _installed.append(ours)
    else:
        log.warning("no %s catalogue for %s in %s", CATALOGUE, shipped, translations_dir())
    return shipped


def remove_translators(app: QCoreApplication) -> None:
    """Back to the source language (tests switch languages back and forth)."""
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
