"""The test ride: one lap of the test track in an SU7, with the car's own speed profile.

A route may end with a ride stop (a ``[[stops]]`` entry with ``ride.*`` fields, see the README):
the visitors leave the shuttle and ride one lap of the track from the passenger seat.
:class:`Ride` holds the lap's fields; :class:`RideMotion` works out the lap on a plant's track:

* the lap: the track's centre line from the start line (``ride.start`` projected onto it) once
  round, counter-clockwise or clockwise;
* the speed allowed at every half metre: the top speed, the bends' speed ``sqrt(a_lat / k)``
  for the curvature ``k`` (sideways acceleration at most ``lateral_ms2``), and the rough
  stretches' own limits;
* the speed profile by the forward-backward pass: forward, the car accelerates as hard as it
  can (``launch_ms2`` off the line, less as the motor's power runs out: ``power / (mass v)``);
  backward, it brakes at no more than ``brake_ms2``; at rest on the line at both ends;
* the timetable: :meth:`RideMotion.at` answers for any time of the ride, a pure function of it.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.tour.route import load_route
>>> ride = load_route().stop("test-ride").ride
>>> motion = RideMotion(ride, load_plant().track)
>>> round(motion.length / 100) * 100  # metres
2500
>>> state = motion.at(5.0)  # five seconds after the launch
>>> bool(state.speed > 25.0)  # m/s: well over 90 km/h
True
>>> bool(motion.lateral().max() <= ride.lateral_ms2 + 0.05)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.fields import Fields
from viewer.model.plant.layout import Track

STEP = 0.5  # m between samples of the speed profile
BLEND_M = 4.0  # m either side of a vertex of the centre line over which the heading turns
LOOK_AHEAD_M = 18.0  # the passenger looks at the road this far ahead
LOOK_TURN_MAX = np.radians(14.0)  # but turns the head no further from the car's heading
MAX_ROUGH = 50  # rough stretches of one lap
DIRECTIONS = ("counterclockwise", "clockwise")
# The passenger's eyes in the car's frame (x forward from the middle of the wheelbase, y left,
# z up from the ground): the right front seat of the left-hand-drive SU7, a low sports saloon.
PASSENGER_EYE = (0.08, -0.38, 1.22)


@dataclass(frozen=True)
class RoughStretch:
    """A stretch of rough road on the lap, in metres from the start line, and its limit."""

    start_m: float
    end_m: float
    kmh: float


@dataclass(frozen=True)
class Ride:
    """A ride stop's lap (the stop's ``ride.*`` fields)."""

    start: np.ndarray | None  # (x, y) near the start line; None: the track's first point
    direction: str  # 'counterclockwise' or 'clockwise'
    board_s: float  # seconds in the car on the line before the launch
    plan_lap_s: float  # the lap time the route plans for
    top_kmh: float
    launch_ms2: float  # acceleration off the line (grip-limited)
    power_kw: float  # the motors' power: acceleration power / (mass v) at speed
    mass_kg: float
    brake_ms2: float
    lateral_ms2: float  # sideways acceleration allowed in the bends
    rough: tuple[RoughStretch, ...] = ()


def read_ride(item: Fields) -> Ride:
    """Check a stop's ``ride`` table (every problem a DataFileError naming the field)."""
    rough = []
    for entry in item.tables("rough", required=False, most=MAX_ROUGH):
        start = entry.number("from_m", minimum=0, maximum=20000)
        end = entry.number("to_m", minimum=0, maximum=20000)
        if end <= start:
            raise entry.error("to_m", f"must come after from_m ({start:g}), got {end:g}")
        rough.append(RoughStretch(start, end, entry.number("kmh", minimum=5, maximum=200)))
    return Ride(
        start=item.vector("start", 2) if item.has("start") else None,
        direction=item.choice("direction", DIRECTIONS, "counterclockwise"),
        board_s=item.number("board_s", 10.0, minimum=0, maximum=600),
        plan_lap_s=item.number("plan_lap_s", positive=True, maximum=3600),
        top_kmh=item.number("top_kmh", 160.0, minimum=20, maximum=300),
        launch_ms2=item.number("launch_ms2", 8.0, minimum=0.5, maximum=12),
        power_kw=item.number("power_kw", 495.0, minimum=10, maximum=2000),
        mass_kg=item.number("mass_kg", 2205.0, minimum=500, maximum=5000),
        brake_ms2=item.number("brake_ms2", 7.0, minimum=0.5, maximum=12),
        lateral_ms2=item.number("lateral_ms2", 6.0, minimum=0.5, maximum=12),
        rough=tuple(rough),
    )


@dataclass(frozen=True)
class RideState:
    """The car at one moment of the ride."""

    time: float  # seconds since the launch (negative: still on the line)
    position: np.ndarray  # (x, y)
    heading: float  # radians, the car's
    gaze: float  # radians, where the passenger looks (the road ahead)
    speed: float  # m/s
    arc: float  # metres from the start line


def _counter_clockwise(points: np.ndarray) -> bool:
    x, y = points.T
    return float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) > 0


class RideMotion:
    """One lap of ``track`` as ``ride`` drives it (see the module docstring)."""

    def __init__(self, ride: Ride, track: Track) -> None:
        self.ride = ride
        ring = np.asarray(track.centerline, dtype=float)
        if _counter_clockwise(ring) != (ride.direction == "counterclockwise"):
            ring = ring[::-1]
        start = ride.start if ride.start is not None else ring[0]
        ring = _rotate_to(ring, np.asarray(start, dtype=float))
        self.path = np.vstack([ring, ring[:1]])  # closed: the finish is the start
        steps = np.linalg.norm(np.diff(self.path, axis=0), axis=1)
        self.path_arc = np.concatenate([[0.0], np.cumsum(steps)])
        self.length = float(self.path_arc[-1])
        # Headings: each segment's own along its length, blended linearly over the last
        # BLEND_M either side of each vertex (over the whole of a bend's short chords): the
        # car turns steadily round a bend and drives dead straight on the straights.
        heading = np.unwrap(np.arctan2(*np.diff(self.path, axis=0).T[::-1]))
        ends = np.minimum(BLEND_M, steps / 2)
        inner = np.column_stack([self.path_arc[:-1] + ends, self.path_arc[1:] - ends]).ravel()
        self.heading_arc = np.concatenate([[0.0], inner, [self.length]])
        self.heading_value = np.concatenate([heading[:1], np.repeat(heading, 2), heading[-1:]])
        count = max(int(np.ceil(self.length / STEP)), 2)
        self.s = np.linspace(0.0, self.length, count + 1)
        self.curvature = np.abs(np.gradient(self._heading(self.s), self.s))
        self.limit = self._limits()
        self.speed = self._profile()
        self._timetable()

    # -- geometry -------------------------------------------------------------------------------
    def _heading(self, arc: np.ndarray) -> np.ndarray:
        return np.interp(arc, self.heading_arc, self.heading_value)

    def point_at(self, arc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions (N, 2) and headings (N,) at ``arc`` metres from the start line."""
        arc = np.clip(np.asarray(arc, dtype=float), 0.0, self.length)
        x = np.interp(arc, self.path_arc, self.path[:, 0])
        y = np.interp(arc, self.path_arc, self.path[:, 1])
        return np.column_stack([x, y]), self._heading(arc)

    # -- speeds ---------------------------------------------------------------------------------
    def _limits(self) -> np.ndarray:
        """Allowed speed (m/s) at every sample: top speed, bends, rough stretches."""
        ride = self.ride
        limit = np.full(len(self.s), ride.top_kmh / 3.6)
        bend = np.sqrt(ride.lateral_ms2 / np.maximum(self.curvature, 1e-9))
        limit = np.minimum(limit, bend)
        for stretch in ride.rough:
            inside = (self.s >= stretch.start_m) & (self.s <= stretch.end_m)
            limit[inside] = np.minimum(limit[inside], stretch.kmh / 3.6)
        return limit

    def drive_accel(self, speed: np.ndarray) -> np.ndarray:
        """The car's best acceleration (m/s²) at ``speed`` (m/s): grip, then power."""
        ride = self.ride
        power = ride.power_kw * 1000.0 / ride.mass_kg / np.maximum(speed, 1e-6)
        return np.minimum(ride.launch_ms2, power)

    def _profile(self) -> np.ndarray:
        """The forward-backward pass: as fast as allowed, launching and braking as the car
        can; at rest on the line at both ends."""
        ride = self.ride
        v = self.limit.copy()
        v[0] = v[-1] = 0.0
        ds = np.diff(self.s)
        for i in range(len(v) - 1):  # accelerate no harder than the car can
            reach = v[i] ** 2 + 2 * float(self.drive_accel(np.array(v[i]))) * ds[i]
            v[i + 1] = min(v[i + 1], np.sqrt(reach))
        for i in range(len(v) - 2, -1, -1):  # brake no harder than brake_ms2
            v[i] = min(v[i], np.sqrt(v[i + 1] ** 2 + 2 * ride.brake_ms2 * ds[i]))
        return v

    def _timetable(self) -> None:
        """Per sample step: start time and constant acceleration (v1² = v0² + 2 a ds)."""
        ds = np.diff(self.s)
        v0, v1 = self.speed[:-1], self.speed[1:]
        duration = 2 * ds / np.maximum(v0 + v1, 1e-9)
        self.step_accel = (v1 - v0) / duration
        self.step_start = np.concatenate([[0.0], np.cumsum(duration)])
        self.lap_time = float(self.step_start[-1])

    def lateral(self) -> np.ndarray:
        """Sideways acceleration (m/s²) at every sample of the profile."""
        return self.speed**2 * self.curvature

    def longitudinal(self) -> np.ndarray:
        """Acceleration along the lap (m/s², braking negative) in each step of the profile."""
        return self.step_accel

    # -- state at a time --------------------------------------------------------------------------
    def arc_at(self, times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Arc and speed at ride times (seconds since the launch; vectorised, clipped)."""
        times = np.clip(np.asarray(times, dtype=float), 0.0, self.lap_time)
        step = np.clip(
            np.searchsorted(self.step_start, times, side="right") - 1, 0, len(self.s) - 2
        )
        tau = times - self.step_start[step]
        v0, a = self.speed[step], self.step_accel[step]
        arc = np.minimum(self.s[step] + v0 * tau + 0.5 * a * tau * tau, self.s[step + 1])
        return arc, np.maximum(v0 + a * tau, 0.0)

    def at(self, time: float) -> RideState:
        """The car ``time`` seconds after the launch (before it: on the line; after the lap:
        stopped on the line again)."""
        arc, speed = self.arc_at(np.array([time]))
        position, heading = self.point_at(arc)
        ahead = self.point_at(np.minimum(arc + LOOK_AHEAD_M, self.length))[0][0] - position[0]
        bearing = np.arctan2(ahead[1], ahead[0]) if np.hypot(*ahead) > 1.0 else heading[0]
        turn = (bearing - heading[0] + np.pi) % (2 * np.pi) - np.pi
        turn = float(np.clip(turn, -LOOK_TURN_MAX, LOOK_TURN_MAX))
        if arc[0] + LOOK_AHEAD_M > self.length:  # the last metres: look along the car
            turn *= max(0.0, (self.length - arc[0]) / LOOK_AHEAD_M)
        return RideState(
            time=float(time),
            position=position[0],
            heading=float(heading[0]),
            gaze=float(heading[0]) + turn,
            speed=float(speed[0]) if 0.0 < time < self.lap_time else 0.0,
            arc=float(arc[0]),
        )


def _rotate_to(ring: np.ndarray, start: np.ndarray) -> np.ndarray:
    """The closed polyline ``ring`` beginning at its point nearest ``start`` (inserted)."""
    a, b = ring, np.roll(ring, -1, axis=0)
    ab = b - a
    f = np.clip(((start - a) * ab).sum(axis=1) / np.maximum((ab * ab).sum(axis=1), 1e-12), 0, 1)
    nearest = a + ab * f[:, None]
    k = int(np.argmin(np.linalg.norm(nearest - start, axis=1)))
    point = nearest[k]
    rest = np.vstack([ring[k + 1 :], ring[: k + 1]])
    if np.linalg.norm(rest[-1] - point) < 1e-6:
        rest = rest[:-1]
    if np.linalg.norm(rest[0] - point) < 1e-6:
        rest = rest[1:]
    return np.vstack([point[None], rest])


def start_offset(ride: Ride, track: Track) -> float:
    """How far (m) the ride's ``start`` lies from the track's centre line (0 without one)."""
    if ride.start is None:
        return 0.0
    ring = np.asarray(track.centerline, dtype=float)
    return float(np.linalg.norm(_rotate_to(ring, ride.start)[0] - ride.start))
