"""Saving the guide's notes into the route file: atomically, keeping one backup.

Every write goes through Qt's :class:`QSaveFile`: the new contents go to a temporary file
beside the target, which replaces the target only once it is complete. Before a route file is
replaced, its previous contents are saved (the same way) as ``NAME.bak``; a ``NAME.bak`` that is
a symlink is replaced by the backup, never followed (its target is left alone). A save that fails
at any point leaves the route file as it was and raises :class:`OSError` saying why.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtCore import QIODevice, QSaveFile

from viewer.model.data_file import read_bytes, read_text
from viewer.model.tour.route import Route
from viewer.model.tour.route_notes import route_text_with_notes, route_with_notes


def backup_path(path: str | Path) -> Path:
    """Where the previous version of ``path`` is kept: ``route.toml`` -> ``route.toml.bak``."""
    path = Path(path)
    return path.with_name(path.name + ".bak")


def write_atomic(path: str | Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` all at once (or not at all: OSError, file untouched)."""
    file = QSaveFile(str(path))
    if not file.open(QIODevice.OpenModeFlag.WriteOnly):
        raise OSError(f"cannot write {path}: {file.errorString()}")
    written = file.write(data)
    if written != len(data):
        reason = file.errorString() or f"only {max(written, 0)} of {len(data)} bytes written"
        file.cancelWriting()
        file.commit()  # discards the temporary file
        raise OSError(f"cannot write {path}: {reason}")
    if not file.commit():
        raise OSError(f"cannot write {path}: {file.errorString()}")


def save_with_backup(path: str | Path, data: bytes) -> Path:
    """Replace ``path`` with ``data`` atomically, first keeping its contents as the backup."""
    path = Path(path)
    backup = backup_path(path)
    if path.exists():
        previous = read_bytes(path)
        if backup.is_symlink():
            backup.unlink()  # QSaveFile would write through the link into its target
        write_atomic(backup, previous)
    write_atomic(path, data)
    return backup


def save_route_notes(route: Route, notes: Mapping[str, Mapping[str, str]]) -> Route:
    """Write the guide's ``notes`` ({stop id: {lang: text}}) into ``route``'s file.

    Returns the route with the new notes. Raises :class:`OSError` when the file cannot be
    read or written, :class:`DataFileError` when it no longer holds the route's stops.
    """
    source = route.source
    text = read_text(source)  # a regular file of a sane size, UTF-8: else DataFileError
    updated = route_text_with_notes(text, source, notes)
    save_with_backup(source, updated.encode("utf-8"))
    return route_with_notes(route, notes)
