"""The one guarded way to read a data file (TOML or JSON) that someone else may have made.

Plant layouts, routes, explanations and the kiosk's state are read through :func:`read_toml` or
:func:`read_json`. Whatever the file holds, they either return its data or raise
:class:`~viewer.model.errors.DataFileError` naming the file, the field and, where known, the line:

* only a regular file is read: a folder, a FIFO (which would wait for a writer forever), a device
  such as ``/dev/zero`` (also behind a symlink: the check follows links) or a socket is refused
  before it is opened, and it is opened without blocking;
* at most :data:`MAX_FILE_BYTES` are read;
* the text must be UTF-8;
* tables and arrays nest at most :data:`MAX_DEPTH` deep, whole numbers are at most
  :data:`MAX_INTEGER` in size, texts at most :data:`MAX_TEXT_CHARS` characters (Python's own
  limits would otherwise raise ``RecursionError``, ``ValueError`` or ``OverflowError``).

Examples
--------
>>> parse_toml("a = [[[1]]]", "x.toml")
{'a': [[[1]]]}
>>> parse_toml("a = " + "9" * 20, "x.toml")
Traceback (most recent call last):
...
viewer.model.errors.DataFileError: x.toml:1: a: a whole number of 20 digits; at most 1e15
"""

from __future__ import annotations

import json
import os
import re
import stat
import sys
from pathlib import Path
from typing import Any

from viewer.model.errors import DataFileError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

MAX_FILE_BYTES = 2 * 1024 * 1024  # the bundled plant is 60 kB, a route 9 kB; TOML: 1 s a MB
MAX_DEPTH = 16  # tables and arrays inside each other (the bundled files go 7 deep)
MAX_INTEGER = 10**15  # larger whole numbers are typing mistakes (and beyond a float's exactness)
MAX_TEXT_CHARS = 4000  # one text (the longest bundled narration is 321 characters)
_LONG_NUMBER = re.compile(r"[0-9][0-9_]{99,}")
_TOML_LINE = re.compile(r"at line (\d+)")


def read_bytes(path: str | Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``); :class:`DataFileError` if
    it is missing, not a regular file, too large or unreadable."""
    path = Path(path)
    try:
        info = os.stat(path)  # follows symlinks: a link to /dev/zero is a device
    except FileNotFoundError:
        raise DataFileError(path, "(file)", "file not found") from None
    except (OSError, ValueError) as exc:
        raise DataFileError(path, "(file)", f"cannot be read ({_reason(exc)})") from None
    _check_kind(path, info.st_mode)
    _check_size(path, info.st_size, limit)
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags | getattr(os, "O_CLOEXEC", 0))
    except (OSError, ValueError) as exc:
        raise DataFileError(path, "(file)", f"cannot be read ({_reason(exc)})") from None
    try:
        _check_kind(path, os.fstat(descriptor).st_mode)  # swapped since the first look?
        chunks = []
        size = 0
        while size <= limit:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        raise DataFileError(path, "(file)", f"cannot be read ({_reason(exc)})") from None
    finally:
        os.close(descriptor)
    _check_size(path, size, limit)  # it grew while being read
    return b"".join(chunks)


def read_text(path: str | Path, limit: int = MAX_FILE_BYTES) -> str:
    """The UTF-8 text of the regular file ``path``, read as :func:`read_bytes` does."""
    data = read_bytes(path, limit)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DataFileError(path, "(file)", f"not UTF-8 text ({exc.reason})", line=line) from None


def read_toml(path: str | Path, limit: int = MAX_FILE_BYTES) -> tuple[dict, str]:
    """Read and parse a TOML data file; return the data and the text (for line look-ups)."""
    text = read_text(path, limit)
    return parse_toml(text, path), text


def read_json(path: str | Path, limit: int = MAX_FILE_BYTES) -> tuple[Any, str]:
    """Read and parse a JSON data file; return the data and the text."""
    text = read_text(path, limit)
    return parse_json(text, path), text


def parse_toml(text: str, file: str | Path) -> dict:
    """Parse TOML text; any problem (syntax, nesting, number size) is a :class:`DataFileError`."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = _TOML_LINE.search(message)
        problem = re.sub(r"\s*\(at line \d+, column \d+\)", "", message)
        line = int(match.group(1)) if match else None
        raise DataFileError(file, "syntax", f"not valid TOML: {problem}", line=line) from None
    except Exception as exc:  # noqa: BLE001 - the parser's own limits, whatever they raise
        raise _parser_limit(text, file, exc) from None
    check_values(data, file, text)
    return data


def parse_json(text: str, file: str | Path) -> Any:
    """Parse JSON text (no NaN or Infinity); any problem is a :class:`DataFileError`."""

    def constant(name: str) -> None:
        raise _NotJsonError(f"{name} is not a number JSON allows")

    try:
        data = json.loads(text, parse_constant=constant)
    except json.JSONDecodeError as exc:
        raise DataFileError(file, "syntax", f"not valid JSON: {exc.msg}", line=exc.lineno) from None
    except _NotJsonError as exc:
        raise DataFileError(file, "syntax", f"not valid JSON: {exc}") from None
    except Exception as exc:  # noqa: BLE001 - the parser's own limits, whatever they raise
        raise _parser_limit(text, file, exc) from None
    check_values(data, file, "")
    return data


class _NotJsonError(ValueError):
    """NaN or Infinity in JSON text."""


def check_values(data: Any, file: str | Path, text: str = "") -> None:
    """Check the nesting depth, whole numbers and text lengths of parsed ``data`` (no recursion).

    ``text`` (TOML only) lets the error name the line.
    """
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, dict):
            children = [(v, f"{path}.{k}" if path else str(k)) for k, v in value.items()]
            for key in value:
                if len(str(key)) > MAX_TEXT_CHARS:
                    _fail(file, path or "(file)", "a key is too long", text)
        elif isinstance(value, list):
            children = [(v, f"{path}[{i}]") for i, v in enumerate(value)]
        else:
            if isinstance(value, bool):
                continue
            if isinstance(value, int) and not -MAX_INTEGER <= value <= MAX_INTEGER:
                digits = len(str(abs(value))) if abs(value) < 10**4000 else "thousands of"
                _fail(file, path, f"a whole number of {digits} digits; at most 1e15", text)
            if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
                _fail(
                    file,
                    path,
                    f"a text of {len(value)} characters; at most {MAX_TEXT_CHARS}",
                    text,
                )
            continue
        if depth >= MAX_DEPTH and children:
            _fail(file, path, f"nested more than {MAX_DEPTH} deep", text)
        stack.extend((child, name, depth + 1) for child, name in reversed(children))


def _fail(file: str | Path, path: str, problem: str, text: str) -> None:
    line = locate_field(text, path) if text else None
    raise DataFileError(file, path, problem, line=line)


def _parser_limit(text: str, file: str | Path, exc: BaseException) -> DataFileError:
    """The error for a parser that gave up on a limit of Python's (depth, digits)."""
    if isinstance(exc, RecursionError):
        line = _deep_line(text)
        return DataFileError(file, "syntax", f"nested more than {MAX_DEPTH} deep", line=line)
    match = _LONG_NUMBER.search(text)
    if match:
        line = text.count("\n", 0, match.start()) + 1
        digits = len(match.group(0).replace("_", ""))
        return DataFileError(
            file, "syntax", f"a number of {digits} digits; at most 1e15", line=line
        )
    return DataFileError(file, "syntax", f"cannot be read ({type(exc).__name__}: {exc})")


def _deep_line(text: str) -> int | None:
    """The line where brackets first nest deeper than :data:`MAX_DEPTH` (strings skipped)."""
    depth = 0
    line = 1
    quote = ""
    comment = False
    for char in text:
        if char == "\n":
            line += 1
            comment = False
        elif comment:
            continue
        elif quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            comment = True
        elif char in "[{":
            depth += 1
            if depth > MAX_DEPTH:
                return line
        elif char in "]}":
            depth -= 1
    return None


def _check_kind(path: Path, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    if stat.S_ISDIR(mode):
        raise DataFileError(path, "(file)", "is a folder, not a file")
    kind = (
        "a FIFO"
        if stat.S_ISFIFO(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "not a file"
    )
    raise DataFileError(path, "(file)", f"is {kind}, not a regular file")


def _check_size(path: Path, size: int, limit: int) -> None:
    if size > limit:
        raise DataFileError(
            path,
            "(file)",
            f"is {_megabytes(size)}; a data file may be at most {_megabytes(limit)}",
        )


def _megabytes(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size / 1024:.0f} kB"


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror
    return str(exc)


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
