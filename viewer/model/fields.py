"""Typed, checked reading of TOML data files, with errors that name file, field and line.

The plant layout and the route files are TOML. :func:`read_toml` parses one; :class:`Fields` wraps
one table of it and reads typed values (numbers, points, polylines, bilingual texts). Every
problem raises :class:`~viewer.model.errors.DataFileError` naming the file, the dotted field path
and, where it can be found in the text, the line.

Examples
--------
>>> doc = Fields.from_text('[site]\\narea_m2 = -5\\n', "plant.toml")
>>> doc.table("site").number("area_m2", positive=True)
Traceback (most recent call last):
...
viewer.model.errors.DataFileError: plant.toml:2: site.area_m2: must be positive, got -5
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from viewer.model.errors import DataFileError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

_MISSING: Any = object()
_TOML_LINE = re.compile(r"at line (\d+)")


@dataclass(frozen=True)
class Text:
    """A text in English and Simplified Chinese."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        """Return the text in ``lang`` ('en' or 'zh')."""
        return self.zh if lang == "zh" else self.en


def read_toml(path: str | Path) -> tuple[dict, str]:
    """Read and parse a TOML file; return the data and the text (for line look-ups).

    Raises :class:`DataFileError` when the file is missing, unreadable, not UTF-8 or not TOML.
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataFileError(path, "(file)", "file not found") from None
    except UnicodeDecodeError as exc:
        raise DataFileError(path, "(file)", f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise DataFileError(path, "(file)", f"cannot be read ({exc.strerror})") from None
    return parse_toml(text, path), text


def parse_toml(text: str, file: str | Path) -> dict:
    """Parse TOML text, turning a syntax error into a :class:`DataFileError` with its line."""
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_LINE.search(message)
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        line = int(match.group(1)) if match else None
        raise DataFileError(file, "syntax", f"not valid TOML: {problem}", line=line) from None


def _split_path(path: str) -> list[tuple[str, int | None]]:
    parts = []
    for piece in path.split("."):
        match = re.fullmatch(r"([^\[\]]+)(?:\[(\d+)\])?(?:\[\d+\])*", piece)
        if not match:
            break
        index = match.group(2)
        parts.append((match.group(1), int(index) if index is not None else None))
    return parts


def locate_field(text: str, path: str) -> int | None:
    """Best-effort line number (1-based) of a dotted field path in TOML text.

    Handles the layout used by this project's files: ``[table]`` and ``[[array]]`` headers with
    ``key = value`` lines below them. Returns ``None`` when the field cannot be placed.

    >>> locate_field('[[a]]\\nx = 1\\n[[a]]\\nx = 2\\n', 'a[1].x')
    4
    """
    parts = _split_path(path)
    if not parts:
        return None
    lines = text.splitlines()
    header = re.compile(r"^\s*(\[\[?)\s*([^\]]+?)\s*\]\]?")
    start, end = 0, len(lines)
    depth = 0
    # Walk the table headers as deep as they go: [[equipment]] then [[equipment.x]], ...
    prefix = ""
    while depth < len(parts):
        name, index = parts[depth]
        wanted = f"{prefix}{name}"
        count = -1
        found = None
        for number in range(start, end):
            match = header.match(lines[number])
            if match and match.group(2) == wanted:
                count += 1
                if index is None or count == index:
                    found = number
                    break
        if found is None:
            break
        start = found + 1
        # The section ends at the next header that is not nested below this one.
        end_of = len(lines)
        for number in range(start, len(lines)):
            match = header.match(lines[number])
            if match and not match.group(2).startswith(wanted + "."):
                end_of = number
                break
        end = min(end, end_of) if end else end_of
        prefix = wanted + "."
        depth += 1
    if depth >= len(parts):
        return start  # the header line itself (start is the line after it, 1-based = start)
    key = parts[depth][0]
    key_line = re.compile(rf"^\s*{re.escape(key)}\s*=")
    for number in range(start, end):
        if key_line.match(lines[number]):
            return number + 1
    return start if depth else None


class Fields:
    """Typed access to one TOML table; every error names file, field path and line."""

    def __init__(self, data: dict, file: str | Path, text: str = "", path: str = "") -> None:
        self.data = data
        self.file = str(file)
        self.text = text
        self.path = path

    @classmethod
    def from_file(cls, file: str | Path) -> Fields:
        """Read a TOML file into a :class:`Fields` of its top-level table."""
        data, text = read_toml(file)
        return cls(data, file, text)

    @classmethod
    def from_text(cls, text: str, file: str | Path) -> Fields:
        """Parse TOML text (as if read from ``file``) into a :class:`Fields`."""
        return cls(parse_toml(text, file), file, text)

    # -- errors -------------------------------------------------------------------------------
    def field(self, key: str) -> str:
        """The dotted path of ``key`` in this table."""
        return f"{self.path}.{key}" if self.path else key

    def error(self, key: str, problem: str) -> DataFileError:
        """A :class:`DataFileError` for ``key`` of this table, with its line where found."""
        field = self.field(key) if key else self.path
        line = locate_field(self.text, field) if self.text else None
        return DataFileError(self.file, field, problem, line=line)

    # -- raw access ---------------------------------------------------------------------------
    def has(self, key: str) -> bool:
        """Whether the table has ``key``."""
        return key in self.data

    def raw(self, key: str, default: Any = _MISSING) -> Any:
        """The raw value of ``key``; a missing key without default is an error."""
        if key in self.data:
            return self.data[key]
        if default is _MISSING:
            raise self.error(key, "missing required field")
        return default

    # -- typed values -------------------------------------------------------------------------
    def table(self, key: str) -> Fields:
        """A sub-table."""
        value = self.raw(key)
        if not isinstance(value, dict):
            raise self.error(key, f"must be a table, got {_kind(value)}")
        return Fields(value, self.file, self.text, self.field(key))

    def tables(self, key: str, required: bool = True) -> list[Fields]:
        """An array of tables (``[[key]]``); an empty list if absent and not required."""
        value = self.raw(key, _MISSING if required else [])
        if not isinstance(value, list):
            raise self.error(key, f"must be an array of tables, got {_kind(value)}")
        result = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.error(f"{key}[{index}]", f"must be a table, got {_kind(item)}")
            result.append(Fields(item, self.file, self.text, self.field(f"{key}[{index}]")))
        return result

    def string(self, key: str, default: Any = _MISSING) -> str:
        """A non-empty string."""
        value = self.raw(key, default)
        if not isinstance(value, str):
            raise self.error(key, f"must be a string, got {_kind(value)}")
        if not value.strip():
            raise self.error(key, "must not be empty")
        return value

    def choice(self, key: str, options: Sequence[str], default: Any = _MISSING) -> str:
        """A string that must be one of ``options``."""
        value = self.string(key, default)
        if value not in options:
            raise self.error(key, f"unknown value {value!r}; expected one of {', '.join(options)}")
        return value

    def boolean(self, key: str, default: Any = _MISSING) -> bool:
        """A true/false value."""
        value = self.raw(key, default)
        if not isinstance(value, bool):
            raise self.error(key, f"must be true or false, got {_kind(value)}")
        return value

    def number(
        self,
        key: str,
        default: Any = _MISSING,
        *,
        positive: bool = False,
        minimum: float | None = None,
        maximum: float | None = None,
        integer: bool = False,
    ) -> float:
        """A finite number, optionally an integer, positive or within bounds."""
        value = self.raw(key, default)
        return self._check_number(key, value, positive, minimum, maximum, integer)

    def _check_number(
        self,
        key: str,
        value: Any,
        positive: bool,
        minimum: float | None,
        maximum: float | None,
        integer: bool,
    ) -> Any:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error(key, f"must be a number, got {_kind(value)}")
        if integer and not isinstance(value, int):
            raise self.error(key, f"must be a whole number, got {value!r}")
        if not math.isfinite(value):
            raise self.error(key, f"must be a finite number, got {value!r}")
        if positive and value <= 0:
            raise self.error(key, f"must be positive, got {value!r}")
        if minimum is not None and value < minimum:
            raise self.error(key, f"must be at least {minimum:g}, got {value!r}")
        if maximum is not None and value > maximum:
            raise self.error(key, f"must be at most {maximum:g}, got {value!r}")
        return value

    def vector(
        self, key: str, size: int, *, positive: bool = False, default: Any = _MISSING
    ) -> np.ndarray:
        """A list of exactly ``size`` finite numbers, as a float array."""
        value = self.raw(key, default)
        if not isinstance(value, list) or len(value) != size:
            raise self.error(key, f"must be a list of {size} numbers, got {_short(value)}")
        for item in value:
            self._check_number(key, item, positive, None, None, False)
        return np.asarray(value, dtype=float)

    def points(self, key: str, min_count: int = 2, dim: int = 2) -> np.ndarray:
        """A list of at least ``min_count`` points of ``dim`` numbers, as an (N, dim) array."""
        value = self.raw(key)
        if not isinstance(value, list) or len(value) < min_count:
            raise self.error(key, f"must be a list of at least {min_count} points [x, y]")
        for index, point in enumerate(value):
            if not isinstance(point, list) or len(point) != dim:
                raise self.error(key, f"point {index} must be [x, y], got {_short(point)}")
            for item in point:
                self._check_number(key, item, False, None, None, False)
        return np.asarray(value, dtype=float)

    def text_pair(self, key: str) -> Text:
        """A bilingual text table ``{en = "...", zh = "..."}``."""
        table = self.table(key)
        return Text(en=table.string("en"), zh=table.string("zh"))

    def string_list(self, key: str, default: Any = _MISSING) -> list[str]:
        """A list of strings."""
        value = self.raw(key, default)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.error(key, f"must be a list of strings, got {_short(value)}")
        return list(value)

    def estimated(self) -> tuple[str, ...]:
        """The entry's ``estimated`` list: names of its fields whose figures are estimates.

        Each named field must exist in the entry.
        """
        names = self.string_list("estimated", default=[])
        for name in names:
            if not self.has(name):
                raise self.error("estimated", f"names {name!r}, which this entry does not have")
        return tuple(names)

    def check_keys(self, allowed: Sequence[str]) -> None:
        """Reject keys this table does not know (most often a typing mistake)."""
        for key in self.data:
            if key not in allowed:
                raise self.error(key, f"unknown field; expected one of {', '.join(allowed)}")


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string"}
    names.update({list: "a list", dict: "a table"})
    return names.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
