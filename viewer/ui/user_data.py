"""Where factory-tour keeps its own files: the kiosk's log and its state (the last stop reached).

``$FACTORY_TOUR_DATA`` overrides the place (tests and several kiosks on one machine use it);
otherwise the platform's user data directory: ``$XDG_DATA_HOME/factory-tour`` (by default
``~/.local/share/factory-tour``) on Linux, ``%LOCALAPPDATA%\\factory-tour`` on Windows,
``~/Library/Application Support/factory-tour`` on macOS.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

APP = "factory-tour"


def data_dir() -> Path:
    """The folder for the application's own files (created when missing)."""
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
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def kiosk_log_path() -> Path:
    """The kiosk's log file (rotated)."""
    return data_dir() / "kiosk.log"


def kiosk_state_path() -> Path:
    """The kiosk's state file: the route and the last stop reached, to resume after a restart."""
    return data_dir() / "kiosk-state.json"


def read_kiosk_state(path: Path | None = None) -> dict:
    """The saved kiosk state; an empty dict when there is none or it cannot be read."""
    path = path or kiosk_state_path()
    try:
        state = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return state if isinstance(state, dict) else {}


def write_kiosk_state(state: dict, path: Path | None = None) -> None:
    """Save the kiosk state atomically (a temporary file, then a rename)."""
    path = path or kiosk_state_path()
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(state), encoding="utf-8")
    os.replace(temporary, path)
