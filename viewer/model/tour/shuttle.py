"""The shuttle on its route: position, heading and speed as a pure function of tour time.

:class:`TourMotion` rounds the route's corners, works out the speed allowed at every half
metre (the segment's limit: 5 km/h on production floors, faster outdoors; slower in corners so
that sideways acceleration stays under :data:`LATERAL_ACCEL`; zero at each stop), then the speed
profile a gentle driver keeps (accelerating and braking at no more than :data:`ACCEL`), and the
timetable with each stop's dwell. :meth:`TourMotion.at` answers for any tour time, forwards or
backwards, with nothing carried over between calls.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.tour.route import load_route
>>> tour = TourMotion(load_route(), load_plant())
>>> bool(abs(tour.drive_time - 900) <= 30)
True
>>> state = tour.at(tour.stop_times[3] + 1.0)  # just after arriving at the fourth stop
>>> state.stop, state.speed
(3, 0.0)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.geometry import round_corners
from viewer.model.plant.layout import Plant
from viewer.model.tour.route import Route
from viewer.model.tour.track_ride import RideMotion, RideState

ACCEL = 1.0  # m/s², starting and braking: the limit for seated visitors
LATERAL_ACCEL = 1.0  # m/s² in corners
CORNER_RADIUS = 6.0  # m: a fillet that stays inside 4 m wide aisles
STEP = 0.5  # m between samples of the speed profile
WAYPOINT_WINDOW_M = 30.0  # m: how far past its place on the sharp polyline a waypoint is sought


@dataclass(frozen=True)
class ShuttleState:
    """The shuttle at one tour time."""

    time: float
    position: np.ndarray  # (x, y)
    heading: float  # radians
    speed: float  # m/s
    arc: float  # metres along the route
    stop: int | None  # index of the stop it stands at, else None
    next_stop: int | None  # the next stop ahead (the current one while dwelling)
    ride: RideState | None = None  # at a ride stop: the car on the test track


def _project(
    points: np.ndarray,
    arc: np.ndarray,
    target: np.ndarray,
    after: float,
    before: float = np.inf,
) -> float:
    """Arc length of the point of a polyline nearest ``target``, from ``after`` to ``before``."""
    a, b = points[:-1], points[1:]
    ab = b - a
    length2 = np.maximum((ab * ab).sum(axis=1), 1e-12)
    f = np.clip(((target - a) * ab).sum(axis=1) / length2, 0.0, 1.0)
    nearest = a + ab * f[:, None]
    distance = np.linalg.norm(nearest - target, axis=1)
    along = arc[:-1] + f * np.sqrt(length2)
    distance = np.where((along >= after - 1e-9) & (along <= before), distance, np.inf)
    if not np.isfinite(distance.min()):
        return float(after)
    best = int(np.argmin(distance))
    return float(max(along[best], after))


class TourMotion:
    """The shuttle's timetable on one route in one plant (see the module docstring)."""

    def __init__(self, route: Route, plant: Plant) -> None:
        self.route = route
        self.path = round_corners(route.waypoints, CORNER_RADIUS, closed=False, segments=10)
        keep = np.concatenate([[True], np.linalg.norm(np.diff(self.path, axis=0), axis=1) > 1e-6])
        self.path = self.path[keep]
        steps = np.linalg.norm(np.diff(self.path, axis=0), axis=1)
        self.path_arc = np.concatenate([[0.0], np.cumsum(steps)])
        self.length = float(self.path_arc[-1])
        headings = np.unwrap(np.arctan2(*np.diff(self.path, axis=0).T[::-1]))
        # Headings: each segment's own along its length, blended over the last half metre
        # either side of each vertex, so the shuttle turns smoothly and drives straight.
        ends = np.minimum(0.5, steps / 3)
        inner = np.column_stack([self.path_arc[:-1] + ends, self.path_arc[1:] - ends]).ravel()
        self.heading_arc = np.concatenate([[0.0], inner, [self.length]])
        values = np.repeat(headings, 2)
        self.heading_value = np.concatenate([headings[:1], values, headings[-1:]])
        self.waypoint_arc = self._waypoint_arcs()
        self.stop_arc = self._stop_arcs()
        count = max(int(np.ceil(self.length / STEP)), 1)
        self.s = np.linspace(0.0, self.length, count + 1)
        self.limit = self._limits(plant)
        self.speed = self._profile()
        self._timetable()
        # the ride stop's lap on the plant's test track (see viewer.model.tour.track_ride)
        index = route.ride_index
        self.ride = None if index is None else RideMotion(route.stops[index].ride, plant.track)

    # -- geometry -------------------------------------------------------------------------------
    def _waypoint_arcs(self) -> np.ndarray:
        """Arc of each waypoint (the middle of its rounded corner). Rounding shortens the path
        by a few metres a corner, so each is sought near its place along the sharp polyline:
        a route that passes a corner again later keeps each visit its own."""
        points = self.route.waypoints
        sharp = np.concatenate([[0.0], np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))])
        scale = self.length / max(sharp[-1], 1e-9)
        arcs, after = [], 0.0
        for point, guess in zip(points, sharp * scale, strict=True):
            after = _project(self.path, self.path_arc, point, after, guess + WAYPOINT_WINDOW_M)
            arcs.append(after)
        return np.array(arcs)

    def _stop_arcs(self) -> np.ndarray:
        arcs, after = [], 0.0
        for stop in self.route.stops:
            after = _project(self.path, self.path_arc, stop.at, after)
            arcs.append(after)
        return np.array(arcs)

    def point_at(self, arc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Positions (N, 2) and headings (N,) at distances ``arc`` along the route."""
        arc = np.clip(np.asarray(arc, dtype=float), 0.0, self.length)
        x = np.interp(arc, self.path_arc, self.path[:, 0])
        y = np.interp(arc, self.path_arc, self.path[:, 1])
        return np.column_stack([x, y]), np.interp(arc, self.heading_arc, self.heading_value)

    def place_arc(self, place: int | str) -> float | None:
        """Arc of a waypoint index or a stop id; None for an unknown stop id."""
        if isinstance(place, int):
            return float(self.waypoint_arc[min(place, len(self.waypoint_arc) - 1)])
        for stop, arc in zip(self.route.stops, self.stop_arc, strict=True):
            if stop.id == place:
                return float(arc)
        return None

    # -- speeds ---------------------------------------------------------------------------------
    def _limits(self, plant: Plant) -> np.ndarray:
        """Allowed speed (m/s) at every sample: aisle, route limits, corners, the shuttle."""
        route = self.route
        points, _ = self.point_at(self.s)
        indoor = np.zeros(len(self.s), dtype=bool)
        for lane in plant.aisles:
            if lane.indoor:
                indoor |= _near_polyline(points, lane.points, lane.width / 2 + 0.5)
        limit = np.where(indoor, route.indoor_kmh, route.outdoor_kmh) / 3.6
        for rule in route.limits:
            start, end = self.place_arc(rule.start), self.place_arc(rule.end)
            if start is None or end is None:
                continue  # an unknown stop: the route check reports it
            inside = (self.s >= min(start, end) - 1e-9) & (self.s <= max(start, end) + 1e-9)
            limit[inside] = rule.kmh / 3.6
        # corners: heading change per metre is the curvature
        _, heading = self.point_at(self.s)
        turn = np.abs(np.gradient(heading, self.s)) if len(self.s) > 2 else np.zeros(len(self.s))
        curve = np.sqrt(LATERAL_ACCEL / np.maximum(turn, 1e-9))
        return np.minimum(np.minimum(limit, curve), route.shuttle_max_kmh / 3.6)

    def _profile(self) -> np.ndarray:
        """Speeds at the samples: within the limits, zero at the ends and at stops."""
        v = self.limit.copy()
        v[0] = v[-1] = 0.0
        step = self.s[1] - self.s[0] if len(self.s) > 1 else STEP
        self.stop_index = np.clip(np.rint(self.stop_arc / step).astype(int), 0, len(v) - 1)
        v[self.stop_index] = 0.0
        ds = np.diff(self.s)
        for i in range(len(v) - 1):  # accelerate no faster than ACCEL
            v[i + 1] = min(v[i + 1], np.sqrt(v[i] ** 2 + 2 * ACCEL * ds[i]))
        for i in range(len(v) - 2, -1, -1):  # brake no harder than ACCEL
            v[i] = min(v[i], np.sqrt(v[i + 1] ** 2 + 2 * ACCEL * ds[i]))
        return v

    def _timetable(self) -> None:
        """Step table: start time, start arc, start speed, acceleration (dwells: a still step)."""
        ds = np.diff(self.s)
        v0, v1 = self.speed[:-1], self.speed[1:]
        moving = v0 + v1 > 1e-6
        # From rest to rest (two stops side by side): speed up half way, brake the other half.
        duration = np.where(moving, 2 * ds / np.maximum(v0 + v1, 1e-6), 2 * np.sqrt(ds / ACCEL))
        accel = np.where(moving, (v1 - v0) / np.maximum(duration, 1e-12), 0.0)
        v0 = np.where(moving, v0, ds / np.maximum(duration, 1e-12))  # its average speed
        dwell_at = np.zeros(len(self.s))
        for stop, index in zip(self.route.stops, self.stop_index, strict=True):
            dwell_at[index] += stop.dwell
        starts, arcs, speeds, accels, lengths = [], [], [], [], []
        t = 0.0
        self.stop_times = np.zeros(len(self.route.stops))
        stops_by_sample: dict[int, list[int]] = {}
        for k, index in enumerate(self.stop_index):
            stops_by_sample.setdefault(int(index), []).append(k)
        self.stop_spans: list[tuple[float, float]] = [(0.0, 0.0)] * len(self.route.stops)
        for i in range(len(self.s)):
            for k in stops_by_sample.get(i, []):  # dwell, one stop after the other
                dwell = self.route.stops[k].dwell
                self.stop_times[k] = t
                self.stop_spans[k] = (t, t + dwell)
                starts.append(t)
                arcs.append(self.s[i])
                speeds.append(0.0)
                accels.append(0.0)
                lengths.append(dwell)
                t += dwell
            if i < len(ds):
                starts.append(t)
                arcs.append(self.s[i])
                speeds.append(v0[i])
                accels.append(accel[i])
                lengths.append(duration[i])
                t += duration[i]
        self.step_start = np.array(starts)
        self.step_arc = np.array(arcs)
        self.step_speed = np.array(speeds)
        self.step_accel = np.array(accels)
        self.step_length = np.array(lengths)
        self.total_time = float(t)
        self.drive_time = float(t - sum(stop.dwell for stop in self.route.stops))

    # -- state at a time --------------------------------------------------------------------------
    def arc_at(self, times: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Arc and speed at tour times (vectorised)."""
        times = np.clip(np.asarray(times, dtype=float), 0.0, self.total_time)
        step = np.clip(np.searchsorted(self.step_start, times, side="right") - 1, 0, None)
        tau = np.minimum(times - self.step_start[step], self.step_length[step])
        v0, a = self.step_speed[step], self.step_accel[step]
        return self.step_arc[step] + v0 * tau + 0.5 * a * tau * tau, v0 + a * tau

    def time_at_arc(self, arc: float) -> float:
        """When the shuttle passes ``arc`` metres along the route (leaving any stop there)."""
        arc = float(np.clip(arc, 0.0, self.length))
        step = int(np.clip(np.searchsorted(self.step_arc, arc, side="right") - 1, 0, None))
        while step + 1 < len(self.step_arc) and self.step_arc[step + 1] <= arc:
            step += 1  # past any dwell at the same place
        v0, a = self.step_speed[step], self.step_accel[step]
        distance = arc - self.step_arc[step]
        if distance <= 0 or (v0 <= 0 and a <= 0):
            return float(self.step_start[step])
        if abs(a) < 1e-9:
            tau = distance / v0
        else:  # distance = v0 tau + a tau^2 / 2
            tau = (-v0 + np.sqrt(max(v0 * v0 + 2 * a * distance, 0.0))) / a
        return float(self.step_start[step] + min(tau, self.step_length[step]))

    def at(self, time: float) -> ShuttleState:
        """The shuttle at tour time ``time`` (seconds; clipped to the tour)."""
        time = float(np.clip(time, 0.0, self.total_time))
        arc, speed = self.arc_at(np.array([time]))
        position, heading = self.point_at(arc)
        stop = None
        # the later of two stops that touch (the test ride begins where the last stop ends)
        for k in range(len(self.stop_spans) - 1, -1, -1):
            begin, end = self.stop_spans[k]
            if begin - 1e-6 <= time <= end and self.route.stops[k].dwell > 0:
                stop = k
                break
        ahead = [k for k, begin in enumerate(self.stop_times) if begin >= time]
        next_stop = stop if stop is not None else (ahead[0] if ahead else None)
        ride = None
        if stop is not None and stop == self.route.ride_index and self.ride is not None:
            ride = self.ride.at(time - self.launch_time)
        return ShuttleState(
            time=time,
            position=position[0],
            heading=float(heading[0]),
            speed=float(abs(speed[0])) if stop is None else 0.0,
            arc=float(arc[0]),
            stop=stop,
            next_stop=next_stop,
            ride=ride,
        )

    @property
    def launch_time(self) -> float:
        """Tour time of the ride's launch (its stop's arrival plus the boarding); inf without
        a ride."""
        index = self.route.ride_index
        if index is None or self.ride is None:
            return float("inf")
        return float(self.stop_spans[index][0]) + self.ride.ride.board_s


def _near_polyline(points: np.ndarray, line: np.ndarray, radius: float) -> np.ndarray:
    """Which points lie within ``radius`` of a polyline."""
    return distance_to_polyline(points, line) <= radius


def distance_to_polyline(points: np.ndarray, line: np.ndarray) -> np.ndarray:
    """Distance of each point (N, 2) to a polyline (M, 2)."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    a, b = line[:-1], line[1:]
    ab = b - a
    length2 = np.maximum((ab * ab).sum(axis=1), 1e-12)
    rel = points[:, None, :] - a[None]
    f = np.clip((rel * ab[None]).sum(axis=2) / length2[None], 0.0, 1.0)
    nearest = a[None] + ab[None] * f[..., None]
    return np.linalg.norm(points[:, None, :] - nearest, axis=2).min(axis=1)
