"""Every option of the program, declared once: name, type, default, range and help text.

One table feeds the command line (``viewer.app.arguments`` builds argparse from it), the
remembered settings (:mod:`viewer.ui.settings` checks a stored value against its row) and the
File > Export video dialog (:mod:`viewer.ui.tour.video_export` takes its defaults and choices from
the
``video`` rows). A row belongs to a *command*: ``common`` (every command line), ``window`` (the
window's command line), ``kiosk`` (the window's exhibition-hall options), ``snapshot``,
``check-route``, ``script``, ``video`` and ``settings`` (remembered between runs, not on the
command line).

Examples
--------
>>> option("video", "fps").default, option("video", "fps").parse("25")
(30.0, 25.0)
>>> option("snapshot", "size").parse("640x360"), option("video", "size").default
((640, 360), (1920, 1080))
>>> option("kiosk", "speed").parse("32")
Traceback (most recent call last):
...
ValueError: must be 0.25 to 16, got '32'
>>> option("kiosk", "idle_seconds").flag, option("settings", "text_scale").choices
('--idle-seconds', (0.8, 1.0, 1.3, 1.7, 2.2))
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from viewer.model.quality import CHOICES
from viewer.model.tour.tour_camera import TOUR_CAMERAS
from viewer.model.tour.video_plan import CAMERAS

KINDS = ("flag", "text", "path", "choice", "number", "whole", "size")
COMMANDS = ("common", "window", "kiosk", "snapshot", "check-route", "script", "video", "settings")
MAX_SIDE = 7680  # pixels: 8K UHD's width; larger pictures ran out of memory in VTK
MAX_PIXELS = 7680 * 4320


@dataclass(frozen=True)
class Option:
    """One option: ``kind`` is one of :data:`KINDS`; a ``number`` or ``whole`` lies from
    ``low`` to ``high`` (``unit`` names it in messages), a ``choice`` is one of ``choices``;
    ``presets`` are the values a dialog offers."""

    command: str
    name: str
    kind: str
    default: object = None
    help: str = ""
    choices: tuple = ()
    low: float | None = None
    high: float | None = None
    unit: str = ""
    presets: tuple = ()
    required: bool = False
    positional: bool = False
    metavar: str | None = None
    hidden: bool = False
    repeat: bool = False  # may be given several times (a list)

    @property
    def flag(self) -> str:
        """How the command line spells it: ``--idle-seconds``."""
        return "--" + self.name.replace("_", "-")

    def parse(self, text: str) -> object:
        """The value of ``text`` as given on the command line; ``ValueError`` saying what is
        wrong (the command line prints it after the option's name)."""
        if self.kind == "size":
            return _size(text)
        if self.kind == "number":
            return _number(text, self.low, self.high, self.unit)
        if self.kind == "whole":
            return int(text)
        if self.kind == "path":
            return Path(text)
        return text


def _size(text: str) -> tuple[int, int]:
    try:
        width, height = (int(part) for part in text.lower().split("x"))
    except ValueError:
        raise ValueError(f"expected WIDTHxHEIGHT like 1280x720, got {text!r}") from None
    if not (16 <= width <= MAX_SIDE and 16 <= height <= MAX_SIDE):
        raise ValueError(f"each side must be 16 to {MAX_SIDE} pixels, got {text!r}")
    if width * height > MAX_PIXELS:
        raise ValueError(f"at most 7680x4320 pixels (8K) in all, got {text!r}")
    return width, height


def _number(text: str, low: float | None, high: float | None, unit: str) -> float:
    what = f"a number of {unit}" if unit else "a number"
    try:
        value = float(text)
    except ValueError:
        raise ValueError(f"expected {what}, got {text!r}") from None
    if low is not None and high is not None and not low <= value <= high:
        after = f" {unit}" if unit else ""
        raise ValueError(f"must be {_short(low)} to {_short(high)}{after}, got {text!r}")
    return value


def _short(value: float) -> str:
    """A bound as written: 16, 0.25, 1e9.

    >>> _short(16.0), _short(0.25), _short(1e9)
    ('16', '0.25', '1e9')
    """
    return f"{value:.0e}".replace("e+0", "e") if value >= 1e6 else f"{value:g}"


_ROUTE_HELP = "tour route file (default: the standard tour)"
_ROUTE_FILE_HELP = "route file (default: standard tour)"
_SECONDS = {"kind": "number", "low": 0.0, "high": 1e9, "unit": "seconds"}


def _wall_options(command: str) -> tuple[Option, ...]:
    """The video wall's options of ``command`` (see :mod:`viewer.model.kiosk.wall_tiles`)."""
    who = "kiosk: " if command == "kiosk" else ""
    return (
        Option(
            command,
            "tile",
            "text",
            help=f"{who}draw tile INDEX (row by row from the top left, from 0) of a video wall "
            "of COLS x ROWS screens, e.g. 2x1:0 the left of two; --size is one screen's",
            metavar="COLSxROWS:INDEX",
        ),
        Option(
            command,
            "bezel",
            "number",
            0.0,
            f"{who}with --tile: the gap between two screens' pictures, both frames together "
            "(default 0)",
            low=0.0,
            high=200.0,
            unit="mm",
            metavar="MM",
        ),
        Option(
            command,
            "screen_width_mm",
            "number",
            1209.6,
            f"{who}with --bezel: the width of one screen's picture, to turn millimetres into "
            "pixels (default 1209.6, a 55-inch screen)",
            low=50.0,
            high=20000.0,
            unit="mm",
            metavar="MM",
        ),
    )


OPTIONS: tuple[Option, ...] = (
    Option("common", "plant", "path", help="plant layout file (default: bundled)"),
    Option(
        "common",
        "lang",
        "choice",
        choices=("en", "zh", "both"),
        help="language: en or zh (default en); the kiosk also takes both (default)",
    ),
    Option(
        "common",
        "quality",
        "choice",
        choices=CHOICES,
        help="rendering quality: low, medium, high, or auto (low on a software renderer); "
        "the window remembers the last choice, snapshot draws plain without it",
    ),
    Option(
        "common",
        "verbose",
        "flag",
        False,
        "also print VTK's own messages and the program's info lines to standard error",
    ),
    Option(
        "common",
        "car_model",
        "path",
        help="a glTF/GLB car model to draw in place of the parametric SU7 (scaled to its length)",
    ),
    Option("window", "paused", "flag", False, "open with the plant's clock stopped"),
    Option(
        "window",
        "route",
        "path",
        help=_ROUTE_HELP + "; the kiosk takes several, played in turn",
        repeat=True,
    ),
    Option(
        "window",
        "rehearse",
        "flag",
        False,
        "open in rehearsal mode: the guide paces the stops, a stopwatch runs against the plan",
    ),
    Option("kiosk", "kiosk", "flag", False, "run the tour in a loop, full screen"),
    Option(
        "kiosk",
        "speed",
        "number",
        1.0,
        "kiosk: the loop's speed, 0.25 to 16 (default 1)",
        low=0.25,
        high=16.0,
    ),
    Option(
        "kiosk",
        "idle_seconds",
        "number",
        60.0,
        "kiosk: back to the loop after this long without input (default 60)",
        low=1.0,
        high=86400.0,
        unit="seconds",
    ),
    Option(
        "kiosk",
        "screen",
        "whole",
        help="kiosk: the monitor to fill, 0 the first (default: the primary monitor)",
        metavar="N",
    ),
    Option(
        "kiosk",
        "supervise",
        "flag",
        False,
        "kiosk: restart the viewer if it dies, resuming at the last stop reached",
    ),
    Option(
        "kiosk",
        "resume",
        "flag",
        False,
        "kiosk: given by the supervisor on a restart: resume at the last stop reached",
        hidden=True,
    ),
    Option(
        "kiosk",
        "sync",
        "flag",
        False,
        "kiosk: show the tour moment shared by every kiosk with the same routes, speed and "
        "--sync-origin (tour time = (now - origin) x speed, modulo the loop)",
    ),
    Option(
        "kiosk",
        "sync_origin",
        "text",
        "2026-01-01T00:00:00+00:00",
        "kiosk: the shared clock's origin, an ISO date and time (UTC unless a zone is given) "
        "or seconds since 1970 (default 2026-01-01T00:00:00Z)",
        metavar="TIME",
    ),
    Option(
        "kiosk",
        "hours",
        "text",
        help='kiosk: opening hours, e.g. "09:00-17:30" or "Mon-Fri 09:00-17:30, Sat 10:00-16:00"'
        " (local time); outside them the screen is black",
        metavar="HOURS",
    ),
    Option(
        "kiosk",
        "status_port",
        "whole",
        8470,
        "kiosk: the port serving /status (JSON) and /picture (PNG); 0: no server (default 8470)",
        metavar="PORT",
    ),
    Option(
        "kiosk",
        "status_address",
        "text",
        "127.0.0.1",
        "kiosk: the address the status server listens on (default 127.0.0.1: this PC only)",
        metavar="ADDRESS",
    ),
    Option(
        "window",
        "quit_after_first_frame",
        "flag",
        False,
        "print the start-up time and quit once the first frame is drawn "
        "(used by benchmarks/bench_startup.py)",
    ),
    *_wall_options("kiosk"),
    Option(
        "kiosk",
        "caption_tile",
        "whole",
        help="kiosk: on a video wall, the tile showing the captions (default: they span the "
        "wall, each tile drawing its part)",
        metavar="INDEX",
    ),
    Option("snapshot", "out", "path", help="PNG file to write", required=True),
    Option("snapshot", "view", "text", "overview", "preset view name"),
    Option("snapshot", "size", "size", (1280, 720), "WIDTHxHEIGHT pixels"),
    Option(
        "snapshot",
        "time",
        help="seconds: with --camera the tour time; else the plant's simulation time since "
        "the lines started empty (default: when the car line is first full)",
        **_SECONDS,  # type: ignore[arg-type]
    ),
    Option("snapshot", "route", "path", help=_ROUTE_HELP),
    Option(
        "snapshot",
        "camera",
        "choice",
        choices=TOUR_CAMERAS,
        help="render the tour from this camera (seat, chase or overview) at --time",
    ),
    Option(
        "snapshot",
        "stop",
        "text",
        help="render the tour in the middle of this stop of --route (its arrival plus half its "
        "dwell), from the seat unless --camera says otherwise",
        metavar="ID",
    ),
    *_wall_options("snapshot"),
    Option("check-route", "path", "path", help=_ROUTE_FILE_HELP, positional=True),
    Option("check-route", "json", "flag", False, "print one JSON object"),
    Option("script", "path", "path", help=_ROUTE_FILE_HELP, positional=True),
    Option("script", "out", "path", help="PDF file to write", required=True),
    Option("video", "out", "path", help="FILE.mp4, or FILE.gif", required=True),
    Option("video", "route", "path", help=_ROUTE_HELP),
    Option("video", "start", default=0.0, help="tour time to start at (s)", **_SECONDS),  # type: ignore[arg-type]
    Option("video", "end", help="tour time to end at (s)", **_SECONDS),  # type: ignore[arg-type]
    Option(
        "video",
        "fps",
        "number",
        30.0,
        "frames a second",
        low=1.0,
        high=120.0,
        presets=(30.0, 25.0, 60.0, 10.0),
    ),
    Option(
        "video",
        "size",
        "size",
        (1920, 1080),
        "WIDTHxHEIGHT pixels",
        presets=((1280, 720), (1920, 1080), (640, 360), (3840, 2160)),
    ),
    Option(
        "video",
        "speed",
        "number",
        1.0,
        "tour seconds per video second",
        low=0.25,
        high=64.0,
        presets=(1.0, 2.0, 4.0, 8.0, 16.0, 32.0),
    ),
    Option("video", "camera", "choice", "auto", "seat, chase, overview or auto", CAMERAS),
    Option("settings", "lang", "choice", "en", "the language chosen last time", ("en", "zh")),
    Option("settings", "quality", "choice", "auto", "the quality chosen last time", CHOICES),
    Option(
        "settings",
        "text_scale",
        "choice",
        1.0,
        "the text size chosen last time, a scale of the normal size (View > Text size)",
        (0.8, 1.0, 1.3, 1.7, 2.2),
    ),
    Option(
        "settings",
        "prompter_pt",
        "whole",
        22,
        "the rehearsal teleprompter's type size in points",
        low=10,
        high=60,
    ),
    Option("settings", "guide_paced", "flag", True, "rehearsal: the guide paces the stops"),
    Option("settings", "show_frame_rate", "flag", False, "View > Show frame rate"),
)


def options(command: str) -> tuple[Option, ...]:
    """The rows of ``command``, in the order the command line lists them."""
    if command not in COMMANDS:
        raise KeyError(command)
    return tuple(row for row in OPTIONS if row.command == command)


def option(command: str, name: str) -> Option:
    """The row of ``command`` named ``name``."""
    for row in OPTIONS:
        if row.command == command and row.name == name:
            return row
    raise KeyError(f"{command}: {name}")


def defaults(command: str) -> dict[str, object]:
    """The defaults of ``command``'s options by name.

    >>> defaults("video")["camera"], defaults("settings")["guide_paced"]
    ('auto', True)
    """
    return {row.name: row.default for row in options(command)}
