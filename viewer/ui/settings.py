"""What the application remembers between runs (language, quality, text size, the
teleprompter's type size and pacing): an INI file in
the user data folder (see :mod:`viewer.ui.user_data`), read and written through Qt's QSettings.

Which values are kept, their defaults and what they may be are declared once, in the
``settings`` rows of the table of options (:mod:`viewer.model.options`); :func:`remembered`
reads any of them. A value that is missing reads as the default. A value this version cannot use
(an edited file, an older version's, the wrong type such as ``quality=@ByteArray(high)``, out of
range, too long) also reads as the default, with one warning line in the log naming the file, the
key and what was found. A settings file that is not a regular file (a folder, a FIFO, a link to
a device) or is larger than :data:`MAX_SETTINGS_BYTES` is neither read nor written: every value
is the default, with one warning line.
"""

from __future__ import annotations

import logging
import math
import os
import re
import stat
from pathlib import Path

from PySide6.QtCore import QSettings

from viewer.model.options import option
from viewer.ui.user_data import data_dir

LANGS: tuple[str, ...] = option("settings", "lang").choices
TEXT_SCALES: tuple[float, ...] = option("settings", "text_scale").choices  # View > Text size
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


def remembered(name: str) -> object:
    """The value kept under ``name``, checked against its row of the table of options: the
    row's default when it is missing or not what the row allows."""
    row = option("settings", name)
    if row.kind == "flag":
        return remembered_flag(name, bool(row.default))
    if row.kind == "whole":
        return remembered_points(name, int(row.default), int(row.low), int(row.high))  # type: ignore[arg-type, call-overload]
    if all(isinstance(choice, str) for choice in row.choices):
        return _choice(name, row.choices, row.default)  # type: ignore[arg-type]
    return _number_choice(name, row.choices, row.default)  # type: ignore[arg-type]


def remembered_language(default: str | None = None) -> str:
    """The language chosen last time ('en' or 'zh'; ``default`` None: the table's)."""
    return _choice("lang", LANGS, default or option("settings", "lang").default)  # type: ignore[arg-type]


def remember_language(lang: str) -> None:
    """Keep ``lang`` for the next run."""
    remember("lang", lang)


def remembered_quality(default: str | None = None) -> str:
    """The quality chosen last time ('auto', 'low', 'medium' or 'high')."""
    row = option("settings", "quality")
    return _choice("quality", row.choices, default or row.default)  # type: ignore[arg-type]


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


def remembered_text_scale(default: float | None = None) -> float:
    """The text size chosen last time, as a scale of the normal size."""
    row = option("settings", "text_scale")
    return _number_choice("text_scale", TEXT_SCALES, default or row.default)  # type: ignore[arg-type]


def _number_choice(key: str, choices: tuple[float, ...], default: float) -> float:
    value = _raw(key)
    if value is None:
        return default
    number = _number(value)
    if number not in choices:
        _refuse(key, value, "one of " + ", ".join(map(str, choices)), default)
        return default
    return number  # type: ignore[return-value]
