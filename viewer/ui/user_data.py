"""Where factory-tour keeps its own files: the kiosk's log and its state (the last stop reached).

``$FACTORY_TOUR_DATA`` overrides the place (tests and several kiosks on one machine use it);
otherwise the platform's user data directory: ``$XDG_DATA_HOME/factory-tour`` (by default
``~/.local/share/factory-tour``) on Linux, ``%LOCALAPPDATA%\\factory-tour`` on Windows,
``~/Library/Application Support/factory-tour`` on macOS.

The kiosk's state file is read as hostile input (a hall PC runs for months and a file can be
damaged or replaced): :func:`read_kiosk_state` reads it through the guarded reader of
:mod:`viewer.model.data_file` (regular files only, at most :data:`MAX_STATE_BYTES`, bounded
nesting and numbers) and keeps it only if it has the shape the kiosk writes. Anything else gives
the defaults (an empty state: the loop starts at the first stop) and one line in the kiosk's log.
"""

from __future__ import annotations

import json
import logging
import os
import sys
import tempfile
from pathlib import Path

from viewer.model.data_file import read_json
from viewer.model.errors import DataFileError

APP = "factory-tour"
KIOSK_LOGGER = (
    "factory-tour.kiosk"  # viewer.ui.kiosk.kiosk_log.LOGGER (that module imports this one)
)
MAX_STATE_BYTES = 64 * 1024  # the state the kiosk writes is about 200 bytes
MAX_STATE_TEXT = 4096  # characters of the route's file name or a stop's id
MAX_STOPS = 10_000


def data_dir() -> Path:
    """The folder for the application's own files (created when missing).

    Raises :class:`~viewer.model.errors.DataFileError` when it is a file or cannot be made.
    """
    override = os.environ.get("FACTORY_TOUR_DATA")
    if override:
        folder = Path(override)
    elif sys.platform == "win32":
        folder = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local")) / APP
    elif sys.platform == "darwin":
        folder = Path.home() / "Library" / "Application Support" / APP
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
        folder = Path(base) / APP
    field = "FACTORY_TOUR_DATA" if override else "(folder)"
    if folder.exists() and not folder.is_dir():
        raise DataFileError(folder, field, "is a file; the data folder must be a folder")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise DataFileError(folder, field, f"cannot be made the data folder ({reason})") from None
    return folder


def kiosk_log_path() -> Path:
    """The kiosk's log file (rotated)."""
    return data_dir() / "kiosk.log"


def kiosk_state_path() -> Path:
    """The kiosk's state file: the route and the last stop reached, to resume after a restart."""
    return data_dir() / "kiosk-state.json"


def read_kiosk_state(path: Path | None = None) -> dict:
    """The saved kiosk state: ``route`` (text), ``stop`` (a whole number) and, when saved,
    ``stop_id`` (text). An empty dict when there is none, and also, with one line in the kiosk's
    log, when the file cannot be used (not a regular file, too large, not JSON, the wrong shape)."""
    path = path or kiosk_state_path()
    if not os.path.lexists(path):
        return {}
    try:
        state, _text = read_json(path, MAX_STATE_BYTES)
    except DataFileError as exc:
        _state_unusable(str(exc))
        return {}
    problem = kiosk_state_problem(state)
    if problem:
        _state_unusable(f"{path}: {problem}")
        return {}
    return {key: state[key] for key in ("route", "stop", "stop_id") if key in state}


def kiosk_state_problem(state: object) -> str | None:
    """Why ``state`` (parsed JSON) is not a kiosk state, or ``None`` when it is one.

    >>> kiosk_state_problem({"route": "tour.toml", "stop": 2, "stop_id": "lobby"}) is None
    True
    >>> kiosk_state_problem({"route": "tour.toml", "stop": "2"})
    'stop: must be a whole number from 0, found a text'
    """
    if not isinstance(state, dict):
        return f"must be an object, found {_kind(state)}"
    for key, required in (("route", True), ("stop", True), ("stop_id", False)):
        if key not in state:
            if required:
                return f"{key}: missing"
            continue
        value = state[key]
        if key == "stop":
            if isinstance(value, bool) or not isinstance(value, int):
                return f"stop: must be a whole number from 0, found {_kind(value)}"
            if not 0 <= value <= MAX_STOPS:
                return f"stop: {value} is not a stop number"
        elif not isinstance(value, str):
            return f"{key}: must be a text, found {_kind(value)}"
        elif len(value) > MAX_STATE_TEXT:
            return f"{key}: a text of {len(value)} characters; at most {MAX_STATE_TEXT}"
    return None


def _kind(value: object) -> str:
    names = {bool: "true/false", str: "a text", list: "a list", dict: "an object"}
    if type(value) in names:
        return names[type(value)]
    return "a number" if isinstance(value, (int, float)) else "null"


def _state_unusable(problem: str) -> None:
    line = problem.replace("\n", "\\n").replace("\r", "\\r")
    logging.getLogger(KIOSK_LOGGER).error(
        "kiosk: the saved state cannot be used (%s); starting at the first stop", line
    )


def write_kiosk_state(state: dict, path: Path | None = None) -> None:
    """Save the kiosk state atomically: a new temporary file (never one already there, which
    could be a link to somewhere else), then a rename over the state file."""
    path = path or kiosk_state_path()
    descriptor, temporary = tempfile.mkstemp(prefix=path.name + ".", dir=path.parent)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(json.dumps(state))
        os.replace(temporary, path)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
