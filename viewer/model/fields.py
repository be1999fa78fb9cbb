"""Typed, checked reading of TOML data files, with errors that name file, field and line.

The plant layout and the route files are TOML. :func:`read_toml` parses one; :class:`Fields` wraps
one table of it and reads typed values (numbers, points, polylines, bilingual texts). Every
problem raises :class:`~viewer.model.errors.DataFileError` naming the file, the dotted field path
and, where it can be found in the text, the line.

A loader also learns which keys it did not expect: every key a table is asked for is noted, and
:meth:`Fields.check_unknown_keys` (called once a whole file has been read) reports a key that was
never asked for, with the nearest known one ("did you mean `clearance_m`?"): a misspelt optional
key would otherwise be ignored silently.

Examples
--------
>>> doc = Fields.from_text('[site]\\narea_m2 = -5\\n', "plant.toml")
>>> doc.table("site").number("area_m2", positive=True)
Traceback (most recent call last):
...
viewer.model.errors.DataFileError: plant.toml:2: site.area_m2: must be positive, got -5
"""

from __future__ import annotations

import difflib
import math
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from viewer.model.data_file import locate_field, parse_toml, read_toml
from viewer.model.errors import DataFileError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["Fields", "Text", "locate_field", "parse_toml", "read_toml", "tomllib"]

_MISSING: Any = object()
MAX_POINTS = 10000  # points of one outline or path


@dataclass(frozen=True)
class Text:
    """A text in English and Simplified Chinese."""

    en: str
    zh: str

    def get(self, lang: str) -> str:
        """Return the text in ``lang`` ('en' or 'zh')."""
        return self.zh if lang == "zh" else self.en


class _Reads:
    """The keys asked of each table of one document (shared by all its :class:`Fields`)."""

    def __init__(self) -> None:
        self.tables: dict[int, tuple[Fields, set[str]]] = {}

    def asked(self, fields: Fields) -> set[str]:
        entry = self.tables.get(id(fields.data))
        if entry is None:
            entry = self.tables[id(fields.data)] = (fields, set())
        return entry[1]


class Fields:
    """Typed access to one TOML table; every error names file, field path and line."""

    def __init__(
        self,
        data: dict,
        file: str | Path,
        text: str = "",
        path: str = "",
        reads: _Reads | None = None,
    ) -> None:
        self.data = data
        self.file = str(file)
        self.text = text
        self.path = path
        self._reads = reads if reads is not None else _Reads()
        self._asked = self._reads.asked(self)

    def _child(self, data: dict, key: str) -> Fields:
        return Fields(data, self.file, self.text, self.field(key), self._reads)

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
        self._asked.add(key)
        return key in self.data

    def raw(self, key: str, default: Any = _MISSING) -> Any:
        """The raw value of ``key``; a missing key without default is an error."""
        self._asked.add(key)
        if key in self.data:
            return self.data[key]
        if default is _MISSING:
            others = [str(k) for k in self.data if k not in self._asked]
            near = difflib.get_close_matches(key, others, n=1, cutoff=0.8)
            hint = f" (the table has `{near[0]}`: misspelt?)" if near else ""
            raise self.error(key, f"missing required field{hint}")
        return default

    def keys(self) -> Iterator[str]:
        """Every key of the table (for tables whose keys are names chosen by the file)."""
        self._asked.update(self.data)
        return iter(list(self.data))

    def check_unknown_keys(self) -> None:
        """Reject a key that no reader asked for in this table or the tables read below it,
        naming the nearest key that was asked for."""
        below = (self.path + ".", self.path + "[") if self.path else ("",)
        for fields, asked in list(self._reads.tables.values()):
            if fields.path != self.path and not fields.path.startswith(below):
                continue
            for key in fields.data:
                if key not in asked:
                    raise fields.error(str(key), f"unknown field{_suggestion(key, asked)}")

    # -- typed values -------------------------------------------------------------------------
    def table(self, key: str) -> Fields:
        """A sub-table."""
        value = self.raw(key)
        if not isinstance(value, dict):
            raise self.error(key, f"must be a table, got {_kind(value)}")
        return self._child(value, key)

    def tables(self, key: str, required: bool = True, most: int | None = None) -> list[Fields]:
        """An array of tables (``[[key]]``); an empty list if absent and not required; at most
        ``most`` of them."""
        value = self.raw(key, _MISSING if required else [])
        if not isinstance(value, list):
            raise self.error(key, f"must be an array of tables, got {_kind(value)}")
        if most is not None and len(value) > most:
            raise self.error(key, f"at most {most} entries, got {len(value)}")
        result = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.error(f"{key}[{index}]", f"must be a table, got {_kind(item)}")
            result.append(self._child(item, f"{key}[{index}]"))
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

    def points(
        self, key: str, min_count: int = 2, dim: int = 2, most: int = MAX_POINTS
    ) -> np.ndarray:
        """A list of ``min_count`` to ``most`` points of ``dim`` numbers, as an (N, dim) array."""
        value = self.raw(key)
        if not isinstance(value, list) or len(value) < min_count:
            raise self.error(key, f"must be a list of at least {min_count} points [x, y]")
        if len(value) > most:
            raise self.error(key, f"at most {most} points, got {len(value)}")
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
                raise self.error(
                    str(key),
                    f"unknown field{_suggestion(key, allowed)}; expected one of "
                    + ", ".join(allowed),
                )


def _suggestion(key: object, known: Iterable[str]) -> str:
    """'; did you mean `x`?' for the known key nearest to ``key``, or ''."""
    near = difflib.get_close_matches(str(key), sorted(known), n=1, cutoff=0.6)
    return f"; did you mean `{near[0]}`?" if near else ""


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "a string"}
    names.update({list: "a list", dict: "a table"})
    return names.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
