"""Products moving through a flow of lines, as a pure function of simulation time.

Product ``n`` (0, 1, 2, ...) enters the flow at ``n * takt`` and every product follows the same
timetable shifted by one takt, so the state at any time is computed directly, never
accumulated. On a station line all products index together: one pitch in ``index_s`` seconds,
then they dwell until the next takt. A stage of k parallel lines gives each line every k-th
product and indexes it every k takts. Paint lines and conveyors move continuously, one carrier
pitch per (k) takt. Between stages products are transferred in a straight line, or through
the flow's via points for the line they go to (lifted over fences, through doors), all
transfers of a stage taking the same time.

A product is *finished* when it starts to leave the last station of the flow; the line is
*full* (:attr:`ProductionLine.fill_time`) when the first product has arrived there. From then on
one product is finished every takt.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> plant = load_plant()
>>> line = ProductionLine(plant.flows[0], {e.id: e for e in plant.equipment})
>>> [line.finished(line.fill_time + k * plant.takt) for k in range(4)]
[0, 1, 2, 3]
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from viewer.model.motion.flow_paths import LanePath, lane_path
from viewer.model.motion.flows import FlowSpec
from viewer.model.motion.programs import smoothstep
from viewer.model.plant import equipment_specs as specs


@dataclass
class Products:
    """M product slots at one moment: position of the underside, heading, variant, shown."""

    serial: np.ndarray  # (M,) product number, -1 where the slot is empty
    position: np.ndarray  # (M, 3)
    yaw: np.ndarray  # (M,)
    variant: np.ndarray  # (M,)
    hanger: np.ndarray  # (M,) length of the hanger to an overhead conveyor, 0 if none
    visible: np.ndarray  # (M,) bool


@dataclass(frozen=True)
class RoutePath:
    """The whole path of one route through a flow, vertex by vertex: where the product's
    underside goes (V, 3), its heading (V,) and the line each vertex belongs to (V,): a segment
    between two vertices of the same line runs along it, any other is a transfer ("" off the
    lines: the drive off at the end)."""

    points: np.ndarray
    yaw: np.ndarray
    owner: np.ndarray


@dataclass(frozen=True)
class StationTiming:
    """When the stations of one line work: cycle period, when a cycle starts, first product."""

    period: float
    phase: float  # the line indexes at phase + k * period
    first_arrival: float  # the first product reaches station 0 (station i: + i * period)
    index_s: float
    indexed: bool


def _length(points: np.ndarray) -> float:
    """Length of a polyline (P, 3)."""
    return float(np.linalg.norm(np.diff(points, axis=0), axis=1).sum())


def _headings(way: np.ndarray, last: float) -> list[float]:
    """The product's heading at each via point of a transfer ``way`` (P, 3): along the level
    leg that arrives there, else along the level leg that leaves (a body is carried
    lengthwise), else the next line's heading ``last``. A leg is level where it runs at least
    1 m and climbs at most one in ten."""
    flat = np.diff(way[:, :2], axis=0)
    run = np.linalg.norm(flat, axis=1)
    level = (run >= 1.0) & (np.abs(np.diff(way[:, 2])) <= 0.1 * run)
    result = []
    for i in range(1, len(way) - 1):
        leg = i - 1 if level[i - 1] else i if level[i] else None
        result.append(float(np.arctan2(flat[leg, 1], flat[leg, 0])) if leg is not None else last)
    return result


class _Track:
    """One route through the flow (one choice among parallel lines): path and timetable."""

    def __init__(self) -> None:
        self.points: list[np.ndarray] = []
        self.yaw: list[float] = []
        self.variant: list[int] = []
        self.hanger: list[float] = []
        self.owner: list[str] = []  # the line each vertex belongs to ("" off the lines)
        self.key_age: list[float] = [0.0]
        self.key_arc: list[float] = [0.0]
        self.key_eased: list[bool] = []

    @property
    def arc(self) -> float:
        return self.key_arc[-1]

    @property
    def age(self) -> float:
        return self.key_age[-1]

    def add_vertices(self, path: LanePath) -> None:
        for k in range(len(path.points)):
            self.points.append(path.points[k])
            self.yaw.append(float(path.yaw[k]))
            self.variant.append(int(path.variant[k]))
            self.hanger.append(path.hanger)
            self.owner.append(path.equipment)

    def move(self, duration: float, distance: float, eased: bool) -> None:
        self.key_age.append(self.age + duration)
        self.key_arc.append(self.arc + distance)
        self.key_eased.append(eased)

    def finish(self) -> None:
        points = np.array(self.points)
        self.vertex_arc = np.concatenate(
            [[0.0], np.cumsum(np.linalg.norm(np.diff(points, axis=0), axis=1))]
        )
        self.vertex_points = points
        self.vertex_yaw = np.unwrap(np.array(self.yaw))
        self.vertex_variant = np.array(self.variant)
        self.vertex_hanger = np.array(self.hanger)
        self.vertex_owner = np.array(self.owner)
        self.ages = np.array(self.key_age)
        self.arcs = np.array(self.key_arc)
        self.eased = np.array(self.key_eased)

    def at(self, age: np.ndarray) -> tuple[np.ndarray, ...]:
        """Position, heading, variant and hanger length at each product age."""
        piece = np.clip(np.searchsorted(self.ages, age, side="right") - 1, 0, len(self.eased) - 1)
        a0, a1 = self.ages[piece], self.ages[piece + 1]
        f = np.clip((age - a0) / np.maximum(a1 - a0, 1e-9), 0.0, 1.0)
        f = np.where(self.eased[piece], smoothstep(f), f)
        s = self.arcs[piece] + (self.arcs[piece + 1] - self.arcs[piece]) * f
        position = np.column_stack(
            [np.interp(s, self.vertex_arc, self.vertex_points[:, i]) for i in range(3)]
        )
        yaw = np.interp(s, self.vertex_arc, self.vertex_yaw)
        vertex = np.clip(
            np.searchsorted(self.vertex_arc, s, side="right") - 1, 0, len(self.vertex_arc) - 1
        )
        return position, yaw, self.vertex_variant[vertex], self.vertex_hanger[vertex]


class ProductionLine:
    """One flow's products over time (see the module docstring)."""

    def __init__(self, flow: FlowSpec, equipment: dict[str, specs.Equipment]) -> None:
        self.flow = flow
        self.takt = float(flow.takt)
        self.paths = {name: lane_path(equipment[name]) for stage in flow.stages for name in stage}
        self.timings: dict[str, StationTiming] = {}
        routes = math.lcm(*(len(stage) for stage in flow.stages))
        self.tracks = [_Track() for _ in range(routes)]
        self._build()
        for track in self.tracks:
            track.finish()
        self.capacity = int(np.ceil(self.end_age / self.takt)) + 1

    # -- timetable ----------------------------------------------------------------------------
    def _build(self) -> None:
        takt, index_s = self.takt, self.flow.index_s
        previous: tuple[str, ...] = ()
        for stage in self.flow.stages:
            period = takt * len(stage)
            lanes = [self.paths[name] for name in stage]
            if previous:  # transfer from the last stage's exits to this stage's entries
                gaps = [
                    _length(self._transfer(self.paths[a].points[-1], b))
                    for a in previous
                    for b in lanes
                ]
                duration = max(1.0, max(gaps) / self.flow.transfer_speed)
                for route, track in enumerate(self.tracks):
                    lane = lanes[route % len(lanes)]
                    way = self._transfer(track.points[-1], lane)
                    hanger = self.flow.hanger.get(lane.equipment, 0.0)
                    for yaw, point in zip(_headings(way, lane.yaw[0]), way[1:-1], strict=True):
                        track.points.append(point)
                        track.yaw.append(yaw)
                        track.variant.append(track.variant[-1])
                        track.hanger.append(hanger)
                        track.owner.append("")
                    track.add_vertices(lane)
                    track.move(duration, _length(way), eased=True)
            else:
                for route, track in enumerate(self.tracks):
                    track.add_vertices(lanes[route % len(lanes)])
            stage_start = self.tracks[0].age
            durations = [self._lane_duration(lane, period, index_s) for lane in lanes]
            for route, track in enumerate(self.tracks):
                lane = lanes[route % len(lanes)]
                if route < len(lanes):
                    self.timings[lane.equipment] = StationTiming(
                        period=period,
                        phase=(stage_start + route * takt) % period,
                        first_arrival=stage_start + route * takt + index_s,
                        index_s=index_s,
                        indexed=lane.indexed,
                    )
                if lane.indexed:
                    for _ in range(lane.slots + 1):
                        track.move(index_s, lane.pitch, eased=True)
                        track.move(period - index_s, 0.0, eased=False)
                    track.key_age[-1] -= period - index_s  # no dwell after leaving the line
                else:
                    track.move(lane.length * period / lane.pitch, lane.length, eased=False)
                wait = stage_start + max(durations) - track.age
                if wait > 1e-9:
                    track.move(wait, 0.0, eased=False)
            previous = stage
        last = self.paths[self.flow.stages[-1][0]]
        stage_period = takt * len(self.flow.stages[-1])
        self.leave_age = self.tracks[0].age - (index_s if last.indexed else 0.0)
        self.fill_time = self.leave_age - stage_period + index_s
        self._add_exit()

    def _transfer(self, start: np.ndarray, lane: LanePath) -> np.ndarray:
        """The way (P, 3) from ``start`` to the entry of ``lane``, through its via points."""
        via = self.flow.via.get(lane.equipment, np.zeros((0, 3)))
        return np.vstack([start[None], via, lane.points[:1]])

    @staticmethod
    def _lane_duration(lane: LanePath, period: float, index_s: float) -> float:
        if lane.indexed:  # slots + 1 index moves with a dwell between two of them
            return lane.slots * period + index_s
        return lane.length * period / lane.pitch

    def _add_exit(self) -> None:
        exit_points = self.flow.exit
        for track in self.tracks:
            if len(exit_points):
                here = track.points[-1]
                ground = np.column_stack([exit_points, np.zeros(len(exit_points))])
                path = np.vstack([here[None], ground])  # down off the line's end to the floor
                steps = np.diff(path, axis=0)
                for step, point in zip(steps, path[1:], strict=True):  # heading where it drives
                    track.points.append(point)
                    turn = np.arctan2(step[1], step[0]) - track.yaw[-1]
                    track.yaw.append(track.yaw[-1] + float(np.angle(np.exp(1j * turn))))
                    track.variant.append(track.variant[-1])
                    track.hanger.append(track.hanger[-1])
                    track.owner.append("")
                length = float(np.linalg.norm(steps, axis=1).sum())
                track.move(length / 2.0, length, eased=True)  # drive off at about 2 m/s
        self.end_age = max(track.age for track in self.tracks)

    def routes(self) -> list[RoutePath]:
        """The path of every route through the flow (one per choice among parallel lines)."""
        return [
            RoutePath(track.vertex_points, track.vertex_yaw, track.vertex_owner)
            for track in self.tracks
        ]

    # -- state at a time ----------------------------------------------------------------------
    def finished(self, t: float) -> int:
        """Number of finished products at time ``t``."""
        if t < self.leave_age:
            return 0
        return int(np.floor((t - self.leave_age) / self.takt)) + 1

    @staticmethod
    def empty_products(count: int) -> Products:
        """``count`` empty product slots."""
        return Products(
            serial=np.full(count, -1),
            position=np.zeros((count, 3)),
            yaw=np.zeros(count),
            variant=np.zeros(count, dtype=int),
            hanger=np.zeros(count),
            visible=np.zeros(count, dtype=bool),
        )

    @staticmethod
    def join(groups: list[Products]) -> Products:
        """The slots of several lines, one after another."""
        if len(groups) == 1:
            return groups[0]
        return Products(
            *(np.concatenate([getattr(g, name) for g in groups]) for name in vars(groups[0]))
        )

    def products(self, t: float) -> Products:
        """Every product slot at time ``t`` (slot ``n % capacity`` holds product ``n``)."""
        m = self.capacity
        newest = int(np.floor(t / self.takt))
        serial = newest - np.arange(m)
        age = t - serial * self.takt
        alive = (serial >= 0) & (age <= self.end_age)
        slot = np.mod(serial, m)
        result = self.empty_products(m)
        routes = len(self.tracks)
        for route, track in enumerate(self.tracks):
            pick = alive & (np.mod(serial, routes) == route)
            if not pick.any():
                continue
            position, yaw, variant, hanger = track.at(age[pick])
            target = slot[pick]
            result.serial[target] = serial[pick]
            result.position[target] = position
            result.yaw[target] = yaw
            result.variant[target] = variant
            result.hanger[target] = hanger
            result.visible[target] = True
        return result
