"""The one error type raised for a broken data file (plant layout or route)."""

from __future__ import annotations

from pathlib import Path


class DataFileError(ValueError):
    """A data file could not be read: names the file, the field and, where known, the line.

    Examples
    --------
    >>> err = DataFileError("plant.toml", "buildings[2].height", "must be positive", line=41)
    >>> str(err)
    'plant.toml:41: buildings[2].height: must be positive'
    """

    def __init__(self, file: str | Path, field: str, problem: str, line: int | None = None) -> None:
        self.file = str(file)
        self.field = field or "(file)"
        self.problem = problem
        self.line = line
        where = f"{self.file}:{line}" if line else self.file
        super().__init__(f"{where}: {self.field}: {problem}")
