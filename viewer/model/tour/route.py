"""Tour routes: the shuttle's path, its stops with narration, and its speed limits.

:func:`load_route` reads a route file (``routes/standard.toml`` by default, documented in the
README) and returns a :class:`Route`. Any problem raises
:class:`~viewer.model.errors.DataFileError` with the file, the field and the line.

Examples
--------
>>> route = load_route()
>>> route.name.en
'The public tour'
>>> [stop.id for stop in route.stops][:3]
['lobby', 'showroom', 'boarding']
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

from viewer.model.assets import routes_dir
from viewer.model.fields import Fields, Text
from viewer.model.tour.track_ride import Ride, read_ride

INDOOR_KMH = 5.0  # GB 4387: at most 5 km/h on production floors
OUTDOOR_KMH = 20.0  # plant roads (estimate)
SHUTTLE_MAX_KMH = 30.0  # an electric sightseeing cart's top speed (estimate)
MAX_STOPS = 100
MAX_WAYPOINTS = 2000
MAX_LIMITS = 200  # [[limits]] entries
MAX_TEXT_CHARS = 2000  # a stop's name, narration or notes in one language
MAX_LENGTH_M = 20000.0


@dataclass(frozen=True)
class Stop:
    """A stop: where on the route (a point projected onto it), how long, what is said and seen."""

    id: str
    name: Text
    at: np.ndarray  # (x, y)
    dwell: float  # seconds
    narration: Text
    look_at: str | np.ndarray  # a building, room or lot id, or a point (x, y, z)
    notes: Text = Text("", "")  # the guide's own notes
    # What the stop is about, for the seat-view check: an equipment, area or 'sculpture' id,
    # or a box (x0, y0, z0, x1, y1, z1); None: the area it looks at, if it looks at one.
    subject: str | np.ndarray | None = None
    # A ride stop: the visitors ride a lap of the test track (the route's last stop; its
    # dwell holds the boarding, the lap and getting out; the shuttle waits at ``at``).
    ride: Ride | None = None

    @property
    def subject_name(self) -> str | np.ndarray | None:
        """The subject, or the area the stop looks at when it names none."""
        if self.subject is not None:
            return self.subject
        return self.look_at if isinstance(self.look_at, str) else None


@dataclass(frozen=True)
class SpeedLimit:
    """A speed limit (km/h) on the route between two places: waypoint indices or stop ids."""

    start: int | str
    end: int | str
    kmh: float


@dataclass(frozen=True)
class Route:
    """A tour route as loaded from its file."""

    source: Path
    name: Text
    waypoints: np.ndarray  # (W, 2)
    stops: tuple[Stop, ...]
    limits: tuple[SpeedLimit, ...]
    plan_drive_s: float
    indoor_kmh: float
    outdoor_kmh: float
    shuttle_max_kmh: float
    clearance_m: float  # kept from robots' reach, machines and walls

    @property
    def ride_index(self) -> int | None:
        """The index of the ride stop (always the last), or None when the route has none."""
        return len(self.stops) - 1 if self.stops and self.stops[-1].ride is not None else None

    def stop(self, stop_id: str) -> Stop:
        """The stop called ``stop_id``; KeyError if there is none."""
        for stop in self.stops:
            if stop.id == stop_id:
                return stop
        raise KeyError(stop_id)


def default_route_path() -> Path:
    """The bundled standard tour."""
    return routes_dir() / "standard.toml"


def load_route(path: str | Path | None = None) -> Route:
    """Load and check a route file; ``None`` loads the bundled standard tour.

    Checks the file itself (fields, types, both languages); whether the route fits the plant is
    :func:`viewer.model.tour.route_check.check_route`'s job.
    """
    path = Path(path) if path is not None else default_route_path()
    doc = Fields.from_file(path)
    info = doc.table("route")
    waypoints = info.points("waypoints", min_count=2, most=MAX_WAYPOINTS)
    if np.abs(waypoints).max() > 1e5:
        raise info.error("waypoints", "coordinates must be within 100 km of the origin")
    steps = np.linalg.norm(np.diff(waypoints, axis=0), axis=1)
    if steps.sum() > MAX_LENGTH_M:
        raise info.error(
            "waypoints", f"the route is {steps.sum() / 1000:.1f} km long; at most 20 km"
        )
    if np.any(steps < 0.01):
        index = int(np.argmax(steps < 0.01))
        raise info.error("waypoints", f"waypoints {index} and {index + 1} are the same point")
    shuttle_max = info.number("shuttle_max_kmh", SHUTTLE_MAX_KMH, minimum=3, maximum=60)
    stop_tables = doc.tables("stops", most=MAX_STOPS)
    stops = tuple(_stop(item, waypoints[-1]) for item in stop_tables)
    for index, stop in enumerate(stops[:-1]):
        if stop.ride is not None:
            raise stop_tables[index].error(
                "ride", "a ride stop must be the route's last stop (the ride ends the tour)"
            )
    route = Route(
        source=path,
        name=info.text_pair("name"),
        waypoints=waypoints,
        stops=stops,
        limits=tuple(
            _limit(item, len(waypoints)) for item in doc.tables("limits", False, MAX_LIMITS)
        ),
        plan_drive_s=info.number("plan_drive_s", 900.0, positive=True, maximum=36000),
        indoor_kmh=info.number("indoor_kmh", INDOOR_KMH, minimum=1, maximum=shuttle_max),
        outdoor_kmh=info.number("outdoor_kmh", OUTDOOR_KMH, minimum=1, maximum=shuttle_max),
        shuttle_max_kmh=shuttle_max,
        clearance_m=info.number("clearance_m", 1.0, minimum=0, maximum=20),
    )
    if not route.stops:
        raise doc.error("stops", f"a route has 1 to {MAX_STOPS} stops, got none")
    doc.check_unknown_keys()
    return route


def _text(item: Fields, key: str) -> Text:
    """A bilingual text; a missing language is left empty (the route check reports it)."""
    table = item.table(key)
    en = table.raw("en", "")
    zh = table.raw("zh", "")
    for lang, value in (("en", en), ("zh", zh)):
        if not isinstance(value, str):
            raise table.error(lang, f"must be a string, got {type(value).__name__}")
        if len(value) > MAX_TEXT_CHARS:
            raise table.error(lang, f"{len(value)} characters; at most {MAX_TEXT_CHARS}")
    return Text(en=en.strip(), zh=zh.strip())


def _stop(item: Fields, end: np.ndarray) -> Stop:
    """A stop; a ride stop may leave out ``at`` (the shuttle waits at the route's ``end``)."""
    ride = read_ride(item.table("ride")) if item.has("ride") else None
    look = item.raw("look_at")
    if isinstance(look, str):
        look_at: str | np.ndarray = item.string("look_at")
    else:
        look_at = item.vector("look_at", 3)
    subject: str | np.ndarray | None = None
    if item.has("subject"):
        if isinstance(item.raw("subject"), str):
            subject = item.string("subject")
        else:
            subject = item.vector("subject", 6)
    return Stop(
        id=item.string("id"),
        name=_text(item, "name"),
        at=item.vector("at", 2) if ride is None or item.has("at") else np.array(end, dtype=float),
        dwell=item.number("dwell_s", minimum=0, maximum=3600),
        narration=_text(item, "narration"),
        look_at=look_at,
        notes=_text(item, "notes") if item.has("notes") else Text("", ""),
        subject=subject,
        ride=ride,
    )


def _place(item: Fields, key: str, count: int) -> int | str:
    if isinstance(item.raw(key), str):
        return item.string(key)
    return int(item.number(key, minimum=0, maximum=count - 1, integer=True))


def _limit(item: Fields, count: int) -> SpeedLimit:
    start, end = _place(item, "from", count), _place(item, "to", count)
    if isinstance(start, int) and isinstance(end, int) and end <= start:
        raise item.error("to", f"must come after 'from' ({start}), got {end}")
    return SpeedLimit(start, end, item.number("kmh", minimum=1, maximum=60))
