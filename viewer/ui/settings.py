"""What the application remembers between runs (language, ...): an INI file in the user data
folder (see :mod:`viewer.ui.user_data`), read and written through Qt's QSettings."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from viewer.ui.user_data import data_dir

LANGS = ("en", "zh")


def app_settings() -> QSettings:
    """The application's settings file."""
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def remembered_language(default: str = "en") -> str:
    """The language chosen last time ('en' or 'zh')."""
    value = app_settings().value("lang", default)
    return value if value in LANGS else default


def remember_language(lang: str) -> None:
    """Keep ``lang`` for the next run."""
    settings = app_settings()
    settings.setValue("lang", lang)
    settings.sync()
