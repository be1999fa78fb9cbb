"""Checks of a tour route against the plant: aisles, clearances, speeds, stops, texts, timing.

:func:`check_route` returns a :class:`RouteReport`: whether the route passes, its drive and
total times against the plan, its stops and a list of :class:`Problem` (each with its kind, a
message, and where known the stop and the place).

* every part of the path lies on a visitor aisle;
* the shuttle keeps :attr:`Route.clearance_m` from every robot's reach envelope (the arm's
  reach plus its tool), from machines and from walls (crossing a wall square on is a door);
* the motion keeps to every speed limit;
* stop ids are unique, the places and areas they name are known, and every name and narration
  is there in both languages;
* the drive time is reported against the plan (more than 30 s off is a problem);
* a ride stop's lap (:mod:`viewer.model.tour.track_ride`) starts on the test track, its rough
  stretches lie on the lap, the boarding, the lap and the seat camera's last seconds fit in the
  stop's dwell, the lap time is within :data:`RIDE_TOLERANCE_S` of its plan and the car keeps
  to its sideways acceleration; the report gives the lap's figures (``ride``);
* from the seat, in the middle of every stop, the stop's subject (see
  :mod:`viewer.model.tour.stop_view`) is not hidden behind an opaque wall and fills at least a
  quarter of the picture's height.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.tour.route import load_route
>>> report = check_route(load_route(), load_plant())
>>> report.ok, abs(report.drive_time_s - 15 * 60) <= 30  # the 15-minute plan, +- 30 s
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from viewer.model.motion.robot import KR210, TOOL_LENGTH
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import BOX_ROLES, STRUCTURE_ROLES, PlantParts
from viewer.model.tour.route import Route
from viewer.model.tour.shuttle import TourMotion, distance_to_polyline
from viewer.model.tour.stop_view import ASPECT, MIN_SHARE, opaque_walls, subject_box, subject_share
from viewer.model.tour.tour_camera import TURN_S, tour_pose
from viewer.model.tour.track_ride import start_offset

SHUTTLE_HALF_WIDTH = 0.75  # m
SHUTTLE_HEIGHT = 2.2  # m: boxes starting above this are overhead
ROBOT_ENVELOPE = KR210.shoulder_offset + KR210.upper_arm + KR210.forearm + KR210.wrist
ROBOT_ENVELOPE += TOOL_LENGTH  # 3.47 m from the turret axis
PLAN_TOLERANCE_S = 30.0
RIDE_TOLERANCE_S = 15.0  # the ride's lap against its plan
SAMPLE_M = 1.0
WALL_ROLES = ("wall", "glass", "plinth")
IGNORED_ROLES = ("beam", "rail", "hanger", "panels", "parts", "pack", "cells", "table")


@dataclass
class Problem:
    """One thing wrong with a route."""

    kind: str
    message: str
    stop: str | None = None
    xy: tuple[float, float] | None = None

    def as_dict(self) -> dict:
        """The problem as a JSON-ready dict (without empty fields)."""
        result: dict = {"kind": self.kind, "message": self.message}
        if self.stop is not None:
            result["stop"] = self.stop
        if self.xy is not None:
            result["xy"] = [round(self.xy[0], 1), round(self.xy[1], 1)]
        return result


@dataclass
class RouteReport:
    """What :func:`check_route` found."""

    route: Route
    drive_time_s: float
    total_time_s: float
    stops: list[dict]
    problems: list[Problem] = field(default_factory=list)
    ride: dict | None = None  # the test ride's figures, when the route ends with one

    @property
    def ok(self) -> bool:
        """Whether the route passes every check."""
        return not self.problems

    def as_dict(self) -> dict:
        """The report as one JSON-ready object."""
        return {
            "ok": self.ok,
            "route": str(self.route.source),
            "drive_time_s": round(self.drive_time_s, 1),
            "total_time_s": round(self.total_time_s, 1),
            "plan_drive_s": self.route.plan_drive_s,
            "stops": self.stops,
            "problems": [problem.as_dict() for problem in self.problems],
            "ride": self.ride,
        }


def check_route(route: Route, plant: Plant, parts: PlantParts | None = None) -> RouteReport:
    """Check ``route`` in ``plant`` (see the module docstring)."""
    tour = TourMotion(route, plant)
    parts = parts if parts is not None else plant_parts(plant)
    count = max(int(np.ceil(tour.length / SAMPLE_M)), 1) + 1
    arc = np.linspace(0.0, tour.length, count)
    points, headings = tour.point_at(arc)
    problems: list[Problem] = []
    problems += _off_aisles(points, plant)
    problems += _too_close_to_robots(points, parts, route.clearance_m)
    problems += _too_close_to_boxes(points, headings, parts, route.clearance_m, plant)
    problems += _speeding(tour)
    problems += _stop_problems(route, plant, tour)
    shares = _subject_shares(route, plant, parts, tour)
    problems += _subject_problems(route, shares)
    problems += _ride_problems(route, plant, tour)
    if abs(tour.drive_time - route.plan_drive_s) > PLAN_TOLERANCE_S:
        problems.append(
            Problem(
                "timing",
                f"the drive takes {_clock(tour.drive_time)}, the plan is "
                f"{_clock(route.plan_drive_s)} (± {PLAN_TOLERANCE_S:g} s)",
            )
        )
    stops = [
        {
            "id": stop.id,
            "arrive_s": round(float(tour.stop_times[k]), 1),
            "dwell_s": stop.dwell,
            "xy": [round(float(v), 1) for v in tour.point_at(np.array([tour.stop_arc[k]]))[0][0]],
            "subject_share": None if shares[k] is None else round(shares[k], 2),
        }
        for k, stop in enumerate(route.stops)
    ]
    return RouteReport(
        route, tour.drive_time, tour.total_time, stops, problems, _ride_figures(tour)
    )


def _ride_figures(tour: TourMotion) -> dict | None:
    """The ride's lap in figures (None without a ride)."""
    index, ride = tour.route.ride_index, tour.ride
    if index is None or ride is None:
        return None
    return {
        "stop": tour.route.stops[index].id,
        "launch_s": round(tour.launch_time, 1),
        "lap_s": round(ride.lap_time, 1),
        "plan_lap_s": ride.ride.plan_lap_s,
        "length_m": round(ride.length, 1),
        "top_kmh": round(float(ride.speed.max()) * 3.6, 1),
        "max_lateral_ms2": round(float(ride.lateral().max()), 2),
    }


def _ride_problems(route: Route, plant: Plant, tour: TourMotion) -> list[Problem]:
    """What is wrong with the ride stop's lap (see the module docstring)."""
    index, motion = route.ride_index, tour.ride
    if index is None or motion is None:
        return []
    stop, ride = route.stops[index], motion.ride
    problems = []
    offset = start_offset(ride, plant.track)
    if offset > plant.track.width / 2:
        problems.append(
            Problem(
                "ride",
                f"the ride's start ({ride.start[0]:g}, {ride.start[1]:g}) is {offset:.0f} m from "
                "the test track's centre line (at most half the track's width)",
                stop=stop.id,
                xy=_xy(ride.start),
            )
        )
    for stretch in ride.rough:
        if stretch.end_m > motion.length:
            problems.append(
                Problem(
                    "ride",
                    f"a rough stretch ends {stretch.end_m:g} m from the start; the lap is "
                    f"{motion.length:.0f} m",
                    stop=stop.id,
                )
            )
    needed = ride.board_s + motion.lap_time + TURN_S
    if needed > stop.dwell + 1e-6:
        problems.append(
            Problem(
                "ride",
                f"the ride stop's dwell_s is {stop.dwell:g} s; getting in ({ride.board_s:g} s), "
                f"the lap ({motion.lap_time:.0f} s) and getting out ({TURN_S:g} s) take "
                f"{needed:.0f} s",
                stop=stop.id,
            )
        )
    if abs(motion.lap_time - ride.plan_lap_s) > RIDE_TOLERANCE_S:
        problems.append(
            Problem(
                "timing",
                f"the ride's lap takes {_clock(motion.lap_time)}, the plan is "
                f"{_clock(ride.plan_lap_s)} (± {RIDE_TOLERANCE_S:g} s)",
                stop=stop.id,
            )
        )
    lateral = float(motion.lateral().max())
    if lateral > ride.lateral_ms2 + 0.05:
        problems.append(
            Problem(
                "speed",
                f"the ride's car pulls {lateral:.1f} m/s² sideways in a bend; at most "
                f"{ride.lateral_ms2:g}",
                stop=stop.id,
            )
        )
    return problems


def _subject_shares(
    route: Route, plant: Plant, parts: PlantParts, tour: TourMotion
) -> list[float | None]:
    """Share of the seat view's height each stop's subject fills in the middle of the stop
    (None: the stop names no subject, or one that is not in the plant)."""
    walls = opaque_walls(parts)
    shares: list[float | None] = []
    for k, stop in enumerate(route.stops):
        name = stop.subject_name
        if stop.ride is not None:  # the seat rides in the car: no subject to turn to
            shares.append(None)
            continue
        box = None if name is None else subject_box(plant, parts, name)
        if box is None:
            shares.append(None)
            continue
        begin, end = tour.stop_spans[k]
        pose = tour_pose(tour, plant, "seat", (begin + end) / 2)
        eye, focal = np.array(pose.position), np.array(pose.focal_point)
        shares.append(subject_share(eye, focal, pose.view_angle, ASPECT, box, walls))
    return shares


def _subject_problems(route: Route, shares: list[float | None]) -> list[Problem]:
    problems = []
    for stop, share in zip(route.stops, shares, strict=True):
        if stop.ride is not None:
            continue
        if stop.subject is not None and share is None:
            problems.append(
                Problem(
                    "subject",
                    f"stop {stop.id!r} names the subject {stop.subject!r}, which is no "
                    "equipment, area or 'sculpture' of the plant",
                    stop=stop.id,
                )
            )
        elif share is not None and share < MIN_SHARE:
            problems.append(
                Problem(
                    "subject",
                    f"from the seat at stop {stop.id!r} its subject fills {share:.0%} of the "
                    f"picture's height (at least {MIN_SHARE:.0%}, not behind an opaque wall)",
                    stop=stop.id,
                    xy=_xy(stop.at),
                )
            )
    return problems


def _clock(seconds: float) -> str:
    return f"{int(seconds) // 60}:{int(seconds) % 60:02d}"


def _runs(mask: np.ndarray) -> list[tuple[int, int]]:
    """(first, last) index of each run of True in ``mask``."""
    padded = np.concatenate([[False], mask, [False]]).astype(int)
    edges = np.flatnonzero(np.diff(padded))
    return list(zip(edges[::2], edges[1::2] - 1, strict=True))


def _xy(point: np.ndarray) -> tuple[float, float]:
    return float(point[0]), float(point[1])


def _off_aisles(points: np.ndarray, plant: Plant) -> list[Problem]:
    on = np.zeros(len(points), dtype=bool)
    for lane in plant.aisles:
        on |= distance_to_polyline(points, lane.points) <= lane.width / 2 + 0.25
    return [
        Problem(
            "off-aisle",
            f"{(last - first + 1) * SAMPLE_M:g} m of the route are off the visitor aisles "
            f"from ({points[first][0]:.0f}, {points[first][1]:.0f})",
            xy=_xy(points[first]),
        )
        for first, last in _runs(~on)
    ]


def _too_close_to_robots(points: np.ndarray, parts: PlantParts, clearance: float) -> list[Problem]:
    bases = parts.robots.base[:, :2]
    if not len(bases):
        return []
    problems = []
    needed = ROBOT_ENVELOPE + clearance + SHUTTLE_HALF_WIDTH
    for start in range(0, len(points), 512):  # in blocks: points x robots distances
        block = points[start : start + 512]
        distance = np.linalg.norm(block[:, None, :] - bases[None], axis=2)
        close = distance.min(axis=1) < needed
        for first, _last in _runs(close):
            robot = int(np.argmin(distance[first]))
            problems.append(
                Problem(
                    "robot-clearance",
                    f"passes {distance[first, robot]:.1f} m from a {parts.robots.task[robot]} "
                    f"robot ({parts.robots.equipment[robot]}); its reach is "
                    f"{ROBOT_ENVELOPE:.2f} m; with the {clearance:g} m margin and half the "
                    f"shuttle's width the route must keep {needed:.2f} m",
                    xy=_xy(block[first]),
                )
            )
    return problems


def obstacle_id(point: np.ndarray, role: str, parts: PlantParts, plant: Plant) -> str | None:
    """The id of what a box of ``role`` standing at ``point`` (x, y) belongs to.

    A building's own part (a wall, a column: :data:`STRUCTURE_ROLES`, or a plinth) belongs to
    the smallest building or room whose footprint's bounds hold it; anything else to the
    smallest equipment whose parts' extent holds it. Each falls back on the other; None if
    neither holds it.
    """
    x, y = float(point[0]), float(point[1])

    def smallest(boxes: list[tuple[str, float, float, float, float]], margin: float) -> str | None:
        inside = [
            ((x1 - x0) * (y1 - y0), name)
            for name, x0, y0, x1, y1 in boxes
            if x0 - margin <= x <= x1 + margin and y0 - margin <= y <= y1 + margin
        ]
        return min(inside)[1] if inside else None

    equipment = [(name, e[0], e[1], e[3], e[4]) for name, e in parts.extents.items()]
    footprints = [(b.id, b.footprint) for b in plant.buildings]
    footprints += [(room.id, room.footprint) for b in plant.buildings for room in b.rooms]
    places = [(name, *f.min(axis=0), *f.max(axis=0)) for name, f in footprints]
    if role in STRUCTURE_ROLES or role in WALL_ROLES:
        return smallest(places, 1.0) or smallest(equipment, 0.01)
    return smallest(equipment, 0.01) or smallest(places, 1.0)


def _too_close_to_boxes(
    points: np.ndarray, headings: np.ndarray, parts: PlantParts, clearance: float, plant: Plant
) -> list[Problem]:
    boxes = parts.boxes
    roles = np.array(BOX_ROLES)[boxes.role]
    keep = (boxes.bottom_center[:, 2] < SHUTTLE_HEIGHT) & ~np.isin(roles, IGNORED_ROLES)
    centers, sizes, yaws, roles = (
        boxes.bottom_center[keep, :2],
        boxes.size[keep, :2],
        boxes.yaw[keep],
        roles[keep],
    )
    needed = clearance + SHUTTLE_HALF_WIDTH
    reach = np.hypot(sizes[:, 0], sizes[:, 1])[:, None] / 2 + needed  # a box's farthest reach
    problems = []
    for start in range(0, len(points), 256):
        block = points[start : start + 256]
        # only the boxes that may come within reach of this stretch (the rest are far off)
        keep = np.all(centers >= block.min(axis=0) - reach, axis=1) & np.all(
            centers <= block.max(axis=0) + reach, axis=1
        )
        problems += _close_in_block(
            block, headings[start : start + 256], centers[keep], sizes[keep], yaws[keep],
            roles[keep], needed, parts, plant,
        )  # fmt: skip
    return _merge_nearby(problems)


def _close_in_block(
    block: np.ndarray,
    headings: np.ndarray,
    centers: np.ndarray,
    sizes: np.ndarray,
    yaws: np.ndarray,
    roles: np.ndarray,
    needed: float,
    parts: PlantParts,
    plant: Plant,
) -> list[Problem]:
    """The clearance problems of one stretch of the drive among the boxes near it."""
    c, s = np.cos(yaws), np.sin(yaws)
    problems = []
    rel = block[:, None, :] - centers[None]
    local = np.stack([rel[..., 0] * c + rel[..., 1] * s, -rel[..., 0] * s + rel[..., 1] * c], -1)
    outside = np.maximum(np.abs(local) - sizes[None] / 2, 0.0)
    distance = np.linalg.norm(outside, axis=2)
    near = distance < needed
    # Walls may be crossed square on (a door), never driven along.
    wall = np.isin(roles, WALL_ROLES)
    across = np.abs(np.cos(headings[:, None] - yaws[None])) < 0.5
    near &= ~(wall[None] & across)
    hit = near.any(axis=1)
    for first, _last in _runs(hit):
        box = int(np.argmin(np.where(near[first], distance[first], np.inf)))
        owner = obstacle_id(centers[box], str(roles[box]), parts, plant)
        what = f"of {owner!r}" if owner else f"at ({centers[box][0]:.0f}, {centers[box][1]:.0f})"
        problems.append(
            Problem(
                "clearance",
                f"passes {distance[first, box]:.1f} m from a {roles[box]} {what} "
                f"(needs {needed:.2f} m)",
                xy=_xy(block[first]),
            )
        )
    return problems


def _merge_nearby(problems: list[Problem], distance: float = 5.0) -> list[Problem]:
    """One problem per place: drop those within ``distance`` m of the one before."""
    merged: list[Problem] = []
    for problem in problems:
        if merged and merged[-1].kind == problem.kind and problem.xy and merged[-1].xy:
            if np.hypot(*np.subtract(problem.xy, merged[-1].xy)) < distance:
                continue
        merged.append(problem)
    return merged


def _speeding(tour: TourMotion) -> list[Problem]:
    times = np.arange(0.0, tour.total_time, 0.5)
    arc, speed = tour.arc_at(times)
    allowed = np.interp(arc, tour.s, tour.limit)
    over = speed > allowed + 0.05
    problems = []
    for first, _last in _runs(over):
        point = tour.point_at(np.array([arc[first]]))[0][0]
        problems.append(
            Problem(
                "speed",
                f"drives {speed[first] * 3.6:.1f} km/h where {allowed[first] * 3.6:.1f} km/h "
                "is allowed",
                xy=_xy(point),
            )
        )
    return problems


def _areas(plant: Plant) -> set[str]:
    names = {b.id for b in plant.buildings} | {lot.id for lot in plant.lots} | {plant.track.id}
    return names | {room.id for b in plant.buildings for room in b.rooms}


def _stop_problems(route: Route, plant: Plant, tour: TourMotion) -> list[Problem]:
    problems = []
    seen: set[str] = set()
    areas = _areas(plant)
    for k, stop in enumerate(route.stops):
        if stop.id in seen:
            problems.append(Problem("stop", f"duplicate stop id {stop.id!r}", stop=stop.id))
        seen.add(stop.id)
        on_route = tour.point_at(np.array([tour.stop_arc[k]]))[0][0]
        gap = float(np.linalg.norm(on_route - stop.at))
        if gap > 3.0:
            problems.append(
                Problem(
                    "stop",
                    f"stop {stop.id!r} at ({stop.at[0]:g}, {stop.at[1]:g}) is {gap:.0f} m off the "
                    "route (or out of order)",
                    stop=stop.id,
                    xy=_xy(stop.at),
                )
            )
        if isinstance(stop.look_at, str) and stop.look_at not in areas:
            problems.append(
                Problem(
                    "stop",
                    f"stop {stop.id!r} looks at {stop.look_at!r}, which is no building, room, "
                    "lot or the track",
                    stop=stop.id,
                )
            )
        for what, text in (("name", stop.name), ("narration", stop.narration)):
            for lang in ("en", "zh"):
                if not getattr(text, lang):
                    problems.append(
                        Problem(
                            "translation",
                            f"stop {stop.id!r} has no {what} in {lang}",
                            stop=stop.id,
                        )
                    )
    for rule in route.limits:
        for place in (rule.start, rule.end):
            if isinstance(place, str) and tour.place_arc(place) is None:
                problems.append(
                    Problem("stop", f"a speed limit names the unknown stop {place!r}", stop=place)
                )
    return problems
