"""The whole plant in motion: one pure function of simulation time.

:class:`PlantSimulation` is built once from the plant and its parts; :meth:`PlantSimulation.state`
returns a :class:`PlantState` for any time ``t`` (seconds since the lines started, empty): every
robot's joints and link frames, the cars and battery packs on their lines, the press slides,
the die-casting platen and castings, the AGVs, the finished cars driving laps of the test track
and the figures shown in the status bar. Nothing is accumulated between calls, so ``state(t)``
is the same whichever times were asked before.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> sim = PlantSimulation(load_plant())
>>> state = sim.state(sim.start_time + 3 * 76)
>>> state.finished_cars
3
>>> bool(state.robots_in_motion > 100)
True
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np

from viewer.model.cars.car import BODY_IN_WHITE as BIW_COLOR
from viewer.model.cars.car import SU7, SU7_COLORS
from viewer.model.motion import robot_programs
from viewer.model.motion.agv_motion import AgvMotion
from viewer.model.motion.machines import DieCastMotion, MovingBoxes, PressLineMotion
from viewer.model.motion.production import ProductionLine, Products
from viewer.model.motion.programs import Programs
from viewer.model.motion.rail_travel import RailTravel
from viewer.model.motion.robot import ArmPoses, forward_kinematics
from viewer.model.motion.track_traffic import TrackCars, TrafficMotion
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import BODY_IN_WHITE, PlantParts

PACK_COLOR = np.array([0.50, 0.54, 0.60])  # aluminium tray with a dark lid
HANGER_COLOR = np.array([0.35, 0.37, 0.40])
PACK_SIZE = (2.3, 1.6, 0.16)
_PAINT = np.array(list(SU7_COLORS.values()))

SPOT = ("spot_weld",)
SEAM = ("laser_weld", "gluing")
PICK = ("handling", "assembly")


@dataclass
class LineCars:
    """Cars on the lines: the flow's product slots and each one's colour."""

    products: Products
    color: np.ndarray  # (M, 3)


@dataclass
class PlantState:
    """Everything that moves, at one time."""

    time: float
    joints: np.ndarray  # (N, 6)
    poses: ArmPoses
    moving: np.ndarray  # (N,) bool
    cars: LineCars
    boxes: MovingBoxes
    agv_position: np.ndarray
    agv_yaw: np.ndarray
    track_cars: TrackCars  # finished cars driving laps of the test track
    finished_cars: int
    takt: float | None  # seconds per car once the line is full; None while it fills
    fill_fraction: float

    @property
    def robots_in_motion(self) -> int:
        """How many robots are moving right now."""
        return int(self.moving.sum())


def _seed(name: str) -> int:
    return zlib.crc32(name.encode())


class PlantSimulation:
    """The plant's moving parts as functions of time (see the module docstring)."""

    def __init__(self, plant: Plant, parts: PlantParts | None = None) -> None:
        self.plant = plant
        self.parts = parts if parts is not None else plant_parts(plant)
        self.takt = plant.takt
        equipment = {spec.id: spec for spec in plant.equipment}
        self.lines = [ProductionLine(flow, equipment) for flow in plant.flows]
        self.car_lines = [line for line in self.lines if line.flow.product == "car"]
        self.pack_lines = [line for line in self.lines if line.flow.product == "pack"]
        self.machines: list[tuple[PressLineMotion | DieCastMotion, np.ndarray]] = []
        self.programs = self._programs(equipment)
        self.rails = self._rails(equipment)
        self.agvs = AgvMotion([s for s in plant.equipment if isinstance(s, specs.AgvLane)])
        self.traffic = TrafficMotion(plant.track)

    # -- set-up -------------------------------------------------------------------------------
    @property
    def fill_time(self) -> float:
        """When the car line is first full (0 for a plant without a car flow)."""
        return max((line.fill_time for line in self.car_lines), default=0.0)

    @property
    def start_time(self) -> float:
        """Where playback starts: the car line full, on a whole second."""
        return float(np.ceil(self.fill_time))

    def _timing(self, name: str, stations: np.ndarray) -> tuple[float, float, np.ndarray, float]:
        """(period, phase, start per robot, work start in the cycle) of a line's stations."""
        for line in self.lines:
            if name in line.timings:
                timing = line.timings[name]
                start = timing.first_arrival - timing.index_s
                if timing.indexed:
                    start = start + stations * timing.period
                return (
                    timing.period,
                    timing.phase,
                    np.broadcast_to(start, stations.shape),
                    (timing.index_s),
                )
        return self.takt, 0.0, np.full(len(stations), -np.inf), 10.0

    def _programs(self, equipment: dict[str, specs.Equipment]) -> Programs:
        robots = self.parts.robots
        groups: list[tuple[np.ndarray, Programs]] = []
        for name in dict.fromkeys(robots.equipment.tolist()):
            index = np.flatnonzero(robots.equipment == name)
            spec = equipment.get(name)
            groups.append((index, self._group_programs(name, spec, index)))
        if not groups:
            return Programs.from_durations(np.zeros((0, 1)), np.zeros((0, 2, 6)), np.zeros(0))
        order = np.concatenate([index for index, _ in groups])
        joined = Programs.concatenate([programs for _, programs in groups])
        return joined.take(np.argsort(order, kind="stable"))

    def _group_programs(
        self, name: str, spec: specs.Equipment | None, index: np.ndarray
    ) -> Programs:
        r = self.parts.robots
        base, yaw = r.base[index], r.yaw[index]
        if isinstance(spec, specs.PressLine):
            motion: PressLineMotion | DieCastMotion = PressLineMotion(spec, base, yaw)
            self.machines.append((motion, index))
            return motion.programs()
        if isinstance(spec, specs.DieCastCell):
            motion = DieCastMotion(spec, base, yaw)
            self.machines.append((motion, index))
            return motion.programs()
        period, phase, start, work_start = self._timing(name, r.station[index])
        n = len(index)
        work = robot_programs.Workplace(
            base=base,
            yaw=yaw,
            target=r.target[index],
            target_yaw=r.target_yaw[index],
            period=np.full(n, float(period)),
            work_start=np.full(n, float(work_start)),
            rng=np.random.default_rng(_seed(name)),
        )
        task = str(r.task[index[0]])
        on_pack = getattr(spec, "product", "") == "pack"
        if task in ("paint", "sealing"):  # continuous sweeps, each robot on its own phase
            programs = robot_programs.sweep(work, low=task == "sealing")
        else:  # cycles in step with the line's index
            if task in SPOT:
                programs = robot_programs.spot_weld(work, top=on_pack)
            elif task in SEAM:
                programs = robot_programs.seam(work, top=on_pack)
            else:
                programs = robot_programs.pick_and_place(work)
            programs.phase = np.full(n, float(phase))
        programs.start = np.asarray(start, dtype=float).copy()
        return programs

    def _rails(self, equipment: dict[str, specs.Equipment]) -> tuple[np.ndarray, RailTravel]:
        """The paint robots that ride rails (the booths of enclosed paint lines), and their
        carriages."""
        r = self.parts.robots
        on_rails = np.array(
            [
                task == "paint" and getattr(equipment.get(name), "enclosed", False)
                for task, name in zip(r.task.tolist(), r.equipment.tolist(), strict=True)
            ],
            dtype=bool,
        )
        index = np.flatnonzero(on_rails)
        return index, RailTravel(r.base[index], r.target_yaw[index])

    # -- state --------------------------------------------------------------------------------
    def state(self, t: float) -> PlantState:
        """Everything that moves at simulation time ``t`` (seconds; negative counts as 0)."""
        t = max(float(t), 0.0)
        robots = self.parts.robots
        joints, moving = self.programs.at(t)
        rail_index, rails = self.rails
        base = robots.base.copy()
        offsets = rails.offsets(t)
        base[rail_index] += offsets
        poses = forward_kinematics(base, robots.yaw, joints)
        boxes = [motion.boxes(t, poses, index) for motion, index in self.machines]
        boxes.append(rails.carriages(offsets))
        cars = self._cars(t)
        boxes.append(self._hangers(cars.products))
        boxes.extend(self._packs(line.products(t)) for line in self.pack_lines)
        agv_position, agv_yaw = self.agvs.at(t)
        finished = sum(line.finished(t) for line in self.car_lines)
        fill = self.fill_time
        return PlantState(
            time=t,
            joints=joints,
            poses=poses,
            moving=moving,
            cars=cars,
            boxes=MovingBoxes.concatenate(boxes),
            agv_position=agv_position,
            agv_yaw=agv_yaw,
            track_cars=self.traffic.at(t),
            finished_cars=finished,
            takt=self.takt if self.car_lines and t >= fill else None,
            fill_fraction=1.0 if fill <= 0 else min(t / fill, 1.0),
        )

    def _cars(self, t: float) -> LineCars:
        if not self.car_lines:
            empty = ProductionLine.empty_products(0)
            return LineCars(empty, np.zeros((0, 3)))
        products = ProductionLine.join([line.products(t) for line in self.car_lines])
        paint = _PAINT[(products.serial * 7 + products.serial // 5) % len(_PAINT)]
        color = np.where((products.variant == BODY_IN_WHITE)[:, None], BIW_COLOR, paint)
        return LineCars(products, color)

    @staticmethod
    def _hangers(products: Products) -> MovingBoxes:
        count = len(products.serial)
        boxes = MovingBoxes.empty(count)
        shown = products.visible & (products.hanger > 0)
        boxes.bottom_center[:] = products.position + [0.0, 0.0, SU7.height]
        boxes.size[shown] = np.column_stack(
            [np.full(shown.sum(), 0.25), np.full(shown.sum(), 0.25), products.hanger[shown]]
        )
        boxes.yaw[:] = products.yaw
        boxes.color[:] = HANGER_COLOR
        return boxes

    @staticmethod
    def _packs(products: Products) -> MovingBoxes:
        count = len(products.serial)
        boxes = MovingBoxes.empty(count)
        boxes.bottom_center[:] = products.position
        boxes.size[products.visible] = PACK_SIZE
        boxes.yaw[:] = products.yaw
        boxes.color[:] = PACK_COLOR
        return boxes
