"""The one error type raised for a broken data file (plant layout or route)."""

from __future__ import annotations

import unicodedata
from pathlib import Path


class DataFileError(ValueError):
    """A data file could not be read: names the file, the field and, where known, the line.

    The message is always one line: line breaks, other control characters and characters that
    cannot be printed (such as lone surrogates from an undecodable file name) are escaped.

    Examples
    --------
    >>> err = DataFileError("plant.toml", "buildings[2].height", "must be positive", line=41)
    >>> str(err)
    'plant.toml:41: buildings[2].height: must be positive'
    >>> str(DataFileError("a\\nb.toml", "x", "bad"))
    'a\\\\nb.toml: x: bad'
    """

    def __init__(self, file: str | Path, field: str, problem: str, line: int | None = None) -> None:
        self.file = str(file)
        self.field = field or "(file)"
        self.problem = problem
        self.line = line
        where = f"{one_line(self.file)}:{line}" if line else one_line(self.file)
        super().__init__(f"{where}: {one_line(self.field)}: {one_line(problem)}")


def one_line(text: str) -> str:
    """``text`` with line breaks, control and unprintable characters escaped (``\\n``, ``\\x1b``).

    >>> one_line("two\\nlines\\r")
    'two\\\\nlines\\\\r'
    """
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char.isprintable() or char == " ":
            out.append(char)
        elif unicodedata.category(char) in ("Cc", "Cs", "Zl", "Zp", "Cn", "Co", "Cf"):
            out.append(repr(char)[1:-1] if char not in "'\"" else char)
        else:
            out.append(char)
    return "".join(out)
