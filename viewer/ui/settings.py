"""What the application remembers between runs (language, quality, text size, the
teleprompter's type size and pacing): an INI file in
the user data folder (see :mod:`viewer.ui.user_data`), read and written through Qt's QSettings.

A value that is missing reads as the default. A value this version cannot use (an edited file,
an older version's, the wrong type such as ``quality=@ByteArray(high)``, out of range, too long)
also reads as the default, with one warning line in the log naming the file, the key and what was
found. A settings file that is not a regular file (a folder, a FIFO, a link to a device) or is
larger than :data:`MAX_SETTINGS_BYTES` is neither read nor written: every value is the default,
with one warning line.
"""

from __future__ import annotations

import logging
import math
import os
import re
import stat
from pathlib import Path

from PySide6.QtCore import QSettings

from viewer.model.quality import CHOICES
from viewer.ui.user_data import data_dir

LANGS = ("en", "zh")
TEXT_SCALES = (0.8, 1.0, 1.3, 1.7, 2.2)  # the text-size steps of the View menu
MAX_SETTINGS_BYTES = 64 * 1024  # the file holds a handful of short lines
MAX_TEXT = 1000  # characters of one text value
LOG = logging.getLogger("factory-tour.settings")
_NUMBER = re.compile(r"\s*[+-]?(\d{1,6}(\.\d{0,6})?|\.\d{1,6})\s*")
_reported: set[tuple[str, str]] = set()  # (file, key) already warned about in this run


def settings_path() -> Path:
    """The settings file."""
    return data_dir() / "settings.ini"


def app_settings() -> QSettings:
    """The application's settings file."""
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


def _warn_once(key: str, problem: str) -> None:
    """One log line per file and key and run (the same value is read many times)."""
    path = str(settings_path())
    if (path, key) in _reported:
        return
    _reported.add((path, key))
    where = f"{path}: {key}" if key else path
    LOG.warning("%s", f"{where}: {problem}".replace("\n", "\\n").replace("\r", "\\r"))


def settings_usable() -> bool:
    """Whether the settings file may be read and written: missing, or a regular file of at
    most :data:`MAX_SETTINGS_BYTES` (otherwise one warning line)."""
    try:
        info = os.stat(settings_path())  # follows symlinks: a link to /dev/zero is a device
    except FileNotFoundError:
        return True
    except (OSError, ValueError) as exc:
        _warn_once("", f"cannot be read ({exc}); the defaults are used")
        return False
    if not stat.S_ISREG(info.st_mode):
        _warn_once("", "is not a regular file; the defaults are used and nothing is saved")
        return False
    if info.st_size > MAX_SETTINGS_BYTES:
        _warn_once(
            "",
            f"is {info.st_size} bytes, at most {MAX_SETTINGS_BYTES}; the defaults are used and "
            "nothing is saved",
        )
        return False
    return True


def _raw(key: str) -> object:
    """The stored value under ``key`` as QSettings gives it, ``None`` when there is none."""
    if not settings_usable():
        return None
    return app_settings().value(key)


def _found(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:59] + "…"


def _refuse(key: str, value: object, expected: str, default: object) -> None:
    _warn_once(key, f"{_found(value)} is not {expected}; the default {default!r} is used")


def remember(key: str, value: object) -> None:
    """Keep ``value`` under ``key`` for the next run (not where the file is unusable). Only a
    short text, a yes/no, a whole number within +-2**53 or a finite number is kept."""
    plain = (
        isinstance(value, bool)
        or (isinstance(value, int) and abs(value) <= 2**53)
        or (isinstance(value, float) and math.isfinite(value))
        or (isinstance(value, str) and len(value) <= MAX_TEXT)
    )
    if not plain:
        _warn_once(key, f"{_found(value)} cannot be kept (not a plain value); not saved")
        return
    if not settings_usable():
        return
    settings = app_settings()
    settings.setValue(key, value)
    settings.sync()


def _choice(key: str, choices: tuple[str, ...], default: str) -> str:
    value = _raw(key)
    if value is None:
        return default
    if isinstance(value, str) and value in choices:
        return value
    _refuse(key, value, "one of " + ", ".join(choices), default)
    return default


def remembered_language(default: str = "en") -> str:
    """The language chosen last time ('en' or 'zh')."""
    return _choice("lang", LANGS, default)


def remember_language(lang: str) -> None:
    """Keep ``lang`` for the next run."""
    remember("lang", lang)


def remembered_quality(default: str = "auto") -> str:
    """The quality chosen last time ('auto', 'low', 'medium' or 'high')."""
    return _choice("quality", CHOICES, default)


def _number(value: object) -> float | None:
    """A plain number stored as a number or a short decimal text; ``None`` for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str) and _NUMBER.fullmatch(value):
        return float(value)
    return None


def remembered_points(key: str, default: int, low: int, high: int) -> int:
    """A type size in points remembered under ``key`` (``default`` outside ``low``-``high``)."""
    value = _raw(key)
    if value is None:
        return default
    number = _number(value)
    if number is None or number != int(number) or not low <= number <= high:
        _refuse(key, value, f"a whole number from {low} to {high}", default)
        return default
    return int(number)


def remembered_flag(key: str, default: bool) -> bool:
    """A yes/no choice remembered under ``key`` (``default`` if missing or unreadable)."""
    value = _raw(key)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    flag = {"true": True, "false": False}.get(value.lower()) if isinstance(value, str) else None
    if flag is None:
        _refuse(key, value, "true or false", default)
        return default
    return flag


def remembered_text_scale(default: float = 1.0) -> float:
    """The text size chosen last time, as a scale of the normal size."""
    value = _raw("text_scale")
    if value is None:
        return default
    number = _number(value)
    if number not in TEXT_SCALES:
        _refuse("text_scale", value, "one of " + ", ".join(map(str, TEXT_SCALES)), default)
        return default
    return number  # type: ignore[return-value]
