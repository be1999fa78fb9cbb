"""Finished cars on the test track: up to twenty SU7s driving laps, a pure function of time.

Every finished car is driven on the test track before it leaves the plant. :class:`Traffic` is
the optional ``traffic`` table of the layout's ``[track]`` (how many cars, their cruising speed,
the sideways acceleration they take the bends at, their lane); :class:`TrafficMotion` works out
their laps:

* the lane: the track's centre line moved ``lane_offset_m`` to the right of the driving
  direction (they keep right, in the outer lane of a counter-clockwise lap), which leaves the
  centre line to the test ride's car (:mod:`viewer.model.tour.track_ride`): it overtakes them on
  their left, a lane apart, and never drives through one;
* the speed allowed at every metre: the cruising speed, and in the bends ``sqrt(a_lat / k)``
  for the lane's curvature ``k``;
* a periodic speed profile by a forward-backward pass (accelerating at :data:`ACCEL_MS2`,
  braking at :data:`BRAKE_MS2`), so a lap ends at the speed it began;
* an optional slow zone (:class:`SlowZone`): a stretch of the lane where every car slows down,
  the drive-by check in front of the glass bridge. Cars bunch up there (they keep their spacing
  in time, not in metres), so a visitor watching that stretch always sees one passing;
* the cars spread evenly in time over one lap: car ``i`` is where car 0 was ``i / n`` of a
  lap earlier. They share one profile, so they never catch each other up, and the whole
  traffic repeats every ``lap_time / n`` seconds (:attr:`TrafficMotion.period`).

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> track = load_plant().track
>>> motion = TrafficMotion(track)
>>> cars = motion.at(100.0)
>>> len(cars) == track.traffic.cars
True
>>> bool(motion.speed.max() <= track.traffic.cruise_kmh / 3.6 + 1e-9)
True
>>> bool(motion.lateral().max() <= track.traffic.lateral_ms2 + 0.05)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np

from viewer.model.cars.car import SU7_COLORS
from viewer.model.fields import Fields
from viewer.model.geometry import offset_polyline

DIRECTIONS = ("counterclockwise", "clockwise")
MAX_CARS = 20
STEP = 1.0  # m between samples of the lap
SMOOTH_M = 12.0  # m over which the heading is averaged (the polyline's corners are sharp)
ACCEL_MS2 = 2.5  # a test driver's gentle acceleration out of a bend
BRAKE_MS2 = 3.5  # and braking into one
# The cars' colours in turn: the SU7's paints, the brightest first.
PAINTS = (
    "aqua_blue",
    "pearl_white",
    "ember_red",
    "mineral_gray",
    "verdant_green",
    "meteor_blue",
    "obsidian_black",
)


@dataclass(frozen=True)
class SlowZone:
    """A stretch of the lane driven slowly: ``length`` metres round the lane's point nearest
    ``at``, at ``kmh`` at most."""

    at: np.ndarray  # (x, y)
    length: float  # m along the lane
    kmh: float


@dataclass(frozen=True)
class Traffic:
    """The finished cars driving laps of the test track (the ``[track]``'s ``traffic``)."""

    cars: int
    cruise_kmh: float
    lateral_ms2: float  # sideways acceleration in the bends
    lane_offset_m: float  # to the right of the driving direction (negative: left)
    direction: str  # 'counterclockwise' or 'clockwise'
    slow: SlowZone | None = None  # where every car slows down (None: nowhere)


def read_traffic(item: Fields) -> Traffic:
    """Check the track's ``traffic`` table (and its ``slow`` zone)."""
    item.estimated()
    cruise = item.number("cruise_kmh", 80.0, minimum=10, maximum=250)
    slow = None
    if item.has("slow"):
        zone = item.table("slow")
        slow = SlowZone(
            at=zone.vector("at", 2),
            length=zone.number("length_m", minimum=5, maximum=1000),
            kmh=zone.number("kmh", minimum=5, maximum=cruise),
        )
    return Traffic(
        cars=int(item.number("cars", minimum=0, maximum=MAX_CARS, integer=True)),
        cruise_kmh=cruise,
        lateral_ms2=item.number("lateral_ms2", 3.5, minimum=0.5, maximum=12),
        lane_offset_m=item.number("lane_offset_m", 0.0, minimum=-20, maximum=20),
        direction=item.choice("direction", DIRECTIONS, "counterclockwise"),
        slow=slow,
    )


@dataclass
class TrackCars:
    """The cars on the test track at one time: ground point (middle of the wheelbase),
    heading (radians) and RGB colour (0-1)."""

    position: np.ndarray  # (N, 3)
    yaw: np.ndarray  # (N,)
    color: np.ndarray  # (N, 3)

    def __len__(self) -> int:
        return len(self.yaw)


def _counter_clockwise(points: np.ndarray) -> bool:
    x, y = points.T
    return float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) > 0


class TrackLike(Protocol):
    """What the traffic needs of a track (the layout's ``Track``): its centre line (x, y
    points round the loop) and its traffic table (None: no traffic)."""

    centerline: np.ndarray
    traffic: Traffic | None


class TrafficMotion:
    """The laps of ``track``'s traffic (see the module docstring); none without a table."""

    def __init__(self, track: TrackLike) -> None:
        traffic = getattr(track, "traffic", None)
        self.traffic = traffic
        self.count = traffic.cars if traffic is not None else 0
        names = [PAINTS[i % len(PAINTS)] for i in range(self.count)]
        self.color = np.array([SU7_COLORS[name] for name in names]).reshape(-1, 3)
        if not self.count:
            return
        ring = np.asarray(track.centerline, dtype=float)
        if _counter_clockwise(ring) != (traffic.direction == "counterclockwise"):
            ring = ring[::-1]
        lane = offset_polyline(ring, -traffic.lane_offset_m, closed=True)  # + left of travel
        path = np.vstack([lane, lane[:1]])
        arc = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(path, axis=0), axis=1))])
        self.length = float(arc[-1])
        count = max(int(np.ceil(self.length / STEP)), 8)
        self.s = np.linspace(0.0, self.length, count, endpoint=False)
        self.points = np.column_stack(
            [np.interp(self.s, arc, path[:, 0]), np.interp(self.s, arc, path[:, 1])]
        )
        self.heading = self._headings(count)
        step = self.length / count
        turn = np.diff(np.unwrap(np.append(self.heading, self.heading[:1])))
        self.curvature = np.abs((turn + np.pi) % (2 * np.pi) - np.pi) / step
        limit = np.minimum(
            traffic.cruise_kmh / 3.6,
            np.sqrt(traffic.lateral_ms2 / np.maximum(self.curvature, 1e-9)),
        )
        if traffic.slow is not None:
            zone = self.in_zone(traffic.slow)
            limit[zone] = np.minimum(limit[zone], traffic.slow.kmh / 3.6)
        self.speed = _periodic_profile(limit, step)
        mean = 0.5 * (self.speed + np.roll(self.speed, -1))
        self.step_start = np.concatenate([[0.0], np.cumsum(step / mean)])
        self.lap_time = float(self.step_start[-1])

    @property
    def period(self) -> float:
        """Seconds after which the traffic looks the same again (the next car where the one
        before was): a lap's time over the number of cars."""
        return self.lap_time / self.count if self.count else 0.0

    def in_zone(self, zone: SlowZone) -> np.ndarray:
        """Which samples of the lap lie in ``zone`` (within half its length, along the lane,
        of the lane's point nearest its ``at``)."""
        middle = self.s[int(np.argmin(np.linalg.norm(self.points - zone.at, axis=1)))]
        along = np.abs((self.s - middle + self.length / 2) % self.length - self.length / 2)
        return along <= zone.length / 2

    def _headings(self, count: int) -> np.ndarray:
        """The lane's heading at every sample, from the chord over :data:`SMOOTH_M` round it."""
        half = max(int(round(SMOOTH_M / 2 / STEP)), 1)
        idx = np.arange(count)
        ahead = self.points[(idx + half) % count] - self.points[(idx - half) % count]
        return np.arctan2(ahead[:, 1], ahead[:, 0])

    def lateral(self) -> np.ndarray:
        """Sideways acceleration (m/s²) at every sample of the lap."""
        return self.speed**2 * self.curvature

    def at(self, t: float) -> TrackCars:
        """The cars at simulation time ``t`` (seconds)."""
        if not self.count:
            return TrackCars(np.zeros((0, 3)), np.zeros(0), np.zeros((0, 3)))
        lag = np.arange(self.count) * self.lap_time / self.count
        times = (float(t) - lag) % self.lap_time
        sample = np.arange(len(self.s) + 1, dtype=float)
        where = np.interp(times, self.step_start, sample)
        below = np.floor(where).astype(int) % len(self.s)
        above = (below + 1) % len(self.s)
        frac = (where - np.floor(where))[:, None]
        xy = self.points[below] * (1 - frac) + self.points[above] * frac
        turn = (self.heading[above] - self.heading[below] + np.pi) % (2 * np.pi) - np.pi
        yaw = self.heading[below] + turn * frac[:, 0]
        position = np.column_stack([xy, np.zeros(self.count)])
        return TrackCars(position, yaw, self.color.copy())


def _periodic_profile(limit: np.ndarray, step: float) -> np.ndarray:
    """The fastest speeds under ``limit`` round a closed lap with gentle acceleration and
    braking: forward and backward passes over three laps, the middle one kept."""
    n = len(limit)
    v = np.tile(limit, 3)
    for i in range(len(v) - 1):
        v[i + 1] = min(v[i + 1], np.sqrt(v[i] ** 2 + 2 * ACCEL_MS2 * step))
    for i in range(len(v) - 2, -1, -1):
        v[i] = min(v[i], np.sqrt(v[i + 1] ** 2 + 2 * BRAKE_MS2 * step))
    return v[n : 2 * n].copy()
