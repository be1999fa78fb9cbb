"""VTK's own messages go to Python logging, never straight to the terminal.

VTK prints its warnings and errors itself, twice over: through its logger (coloured lines such
as ``WARN| bad X server connection``) and through its output window. :func:`route_vtk_output`
turns the logger's terminal output off and puts an output window in place that shows nothing
and hands every message to the Python logger ``factory-tour.vtk`` (errors as ERROR, warnings as
WARNING, plain text as DEBUG). :func:`configure_logging` decides what reaches standard error:
the project's own warnings always, VTK's messages only with ``--verbose``.

Examples
--------
>>> output = route_vtk_output()
>>> parse_vtk_text("Warning: In vtkPNGWriter.cxx, line 214\\nvtkPNGWriter (0x5f): bad input\\n\\n")
'vtkPNGWriter.cxx:214: vtkPNGWriter (0x5f): bad input'
"""

from __future__ import annotations

import logging
import re
import sys

LOGGER = "factory-tour.vtk"
log = logging.getLogger(LOGGER)
_HEADER = re.compile(r"^(?:Generic )?(?:Warning|ERROR|Error|Debug)[^:]*: In (.+?), line (\d+)\n")
_LEVELS = {
    "ErrorEvent": logging.ERROR,
    "WarningEvent": logging.WARNING,
    "TextEvent": logging.DEBUG,  # plain text (every message also fires a MessageEvent: unused)
}
_installed: list[object] = []  # the output window in place (kept alive), once installed


def parse_vtk_text(text: str) -> str:
    """A VTK message ("Warning: In FILE, line N\\nWHAT\\n\\n") as one line, "FILE:N: WHAT"."""
    match = _HEADER.match(text)
    if match is None:
        return " ".join(text.split())
    body = " ".join(text[match.end() :].split())
    return f"{match.group(1)}:{match.group(2)}: {body}"


def route_vtk_output() -> object:
    """Send every VTK message to the logger ``factory-tour.vtk`` (see the module docstring);
    returns the output window in place. Safe to call again."""
    import pyvista  # noqa: F401 - it installs its own output window when imported: ours replaces it
    from vtkmodules.vtkCommonCore import vtkLogger, vtkOutputWindow

    vtkLogger.SetStderrVerbosity(vtkLogger.VERBOSITY_OFF)
    if _installed and vtkOutputWindow.GetInstance() is _installed[0]:
        return _installed[0]
    window = vtkOutputWindow()
    window.SetDisplayModeToNever()  # shows nothing itself; its events still fire

    def forward(_window: object, event: str, text: str | None = None) -> None:
        log.log(_LEVELS.get(event, logging.DEBUG), "%s", parse_vtk_text(text or ""))

    forward.CallDataType = "string0"  # type: ignore[attr-defined] - VTK passes the text
    for event in _LEVELS:
        window.AddObserver(event, forward)
    vtkOutputWindow.SetInstance(window)
    _installed[:] = [window]
    return window


class _Formatter(logging.Formatter):
    """'warning: …' for the project's own lines; 'vtk warning: …' for VTK's."""

    def format(self, record: logging.LogRecord) -> str:
        prefix = "vtk " if record.name == LOGGER else ""
        text = f"{prefix}{record.levelname.lower()}: {record.getMessage()}"
        if record.exc_info:
            text += "\n" + self.formatException(record.exc_info)
        return text


class _StderrHandler(logging.StreamHandler):
    """Writes to whatever ``sys.stderr`` is at the time (tests replace it)."""

    def __init__(self) -> None:
        super().__init__()
        self.vtk = False  # VTK's own messages pass only when asked for (--verbose)

    def filter(self, record: logging.LogRecord) -> bool:  # type: ignore[override]
        if record.name == LOGGER and not self.vtk:
            return False
        return bool(super().filter(record))

    @property
    def stream(self) -> object:  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def configure_logging(verbose: bool) -> None:
    """What reaches standard error: the project's warnings and errors (with ``verbose`` its
    info too) and, only with ``verbose``, VTK's messages."""
    root = logging.getLogger()
    handler = next((h for h in root.handlers if isinstance(h, _StderrHandler)), None)
    if handler is None:
        handler = _StderrHandler()
        handler.setFormatter(_Formatter())
        root.addHandler(handler)
    handler.setLevel(logging.DEBUG if verbose else logging.WARNING)
    handler.vtk = verbose
    if verbose and root.getEffectiveLevel() > logging.INFO:
        root.setLevel(logging.INFO)  # the project's info lines; other libraries' debug stays off
    log.setLevel(logging.DEBUG if verbose else logging.CRITICAL + 1)
