"""What the application remembers between runs (language, quality, text size, the
teleprompter's type size and pacing): an INI file in
the user data folder (see :mod:`viewer.ui.user_data`), read and written through Qt's QSettings.

A value that is missing, or one that this version does not know (an edited file, an older
version's), reads as the default.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings

from viewer.model.quality import CHOICES
from viewer.ui.user_data import data_dir

LANGS = ("en", "zh")
TEXT_SCALES = (0.8, 1.0, 1.3, 1.7, 2.2)  # the text-size steps of the View menu


def app_settings() -> QSettings:
    """The application's settings file."""
    return QSettings(str(data_dir() / "settings.ini"), QSettings.Format.IniFormat)


def remember(key: str, value: object) -> None:
    """Keep ``value`` under ``key`` for the next run."""
    settings = app_settings()
    settings.setValue(key, value)
    settings.sync()


def remembered_language(default: str = "en") -> str:
    """The language chosen last time ('en' or 'zh')."""
    value = app_settings().value("lang", default)
    return value if value in LANGS else default


def remember_language(lang: str) -> None:
    """Keep ``lang`` for the next run."""
    remember("lang", lang)


def remembered_quality(default: str = "auto") -> str:
    """The quality chosen last time ('auto', 'low', 'medium' or 'high')."""
    value = app_settings().value("quality", default)
    return value if value in CHOICES else default


def remembered_points(key: str, default: int, low: int, high: int) -> int:
    """A type size in points remembered under ``key`` (``default`` outside ``low``-``high``)."""
    try:
        value = int(app_settings().value(key, default))  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return default
    return value if low <= value <= high else default


def remembered_flag(key: str, default: bool) -> bool:
    """A yes/no choice remembered under ``key`` (``default`` if missing or unreadable)."""
    value = app_settings().value(key, default)
    if isinstance(value, bool):
        return value
    return {"true": True, "false": False}.get(str(value).lower(), default)


def remembered_text_scale(default: float = 1.0) -> float:
    """The text size chosen last time, as a scale of the normal size."""
    try:
        value = float(app_settings().value("text_scale", default))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return default
    return value if value in TEXT_SCALES else default
