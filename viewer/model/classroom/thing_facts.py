"""The figures of a picked thing: real ones from the layout and facts, live ones from the clock.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.motion.simulation import PlantSimulation
>>> plant = load_plant()
>>> sim = PlantSimulation(plant)
>>> state = sim.state(sim.start_time)
>>> [line.en for line in real_figures("die_cast", 0, plant, sim.parts)][:2]
['Clamp force 9,100 t', 'Machine mass 718 t']
"""

from __future__ import annotations

import numpy as np

from viewer.model.classroom.explain import equipment_names
from viewer.model.fields import Text
from viewer.model.motion.simulation import PlantState
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import PlantParts
from viewer.texts import both

ROBOT_REACH_M = 2.7  # KUKA KR 210 R2700 class (plant-facts.md)
ROBOT_PAYLOAD_KG = 210
SU7_SIZE_MM = (4997, 1963, 1455)


def _spec(plant: Plant, kind: type) -> object | None:
    return next((item for item in plant.equipment if isinstance(item, kind)), None)


def real_figures(kind: str, index: int, plant: Plant, parts: PlantParts) -> list[Text]:
    """Published (or estimated) figures of a thing of ``kind``."""
    if kind == "press":
        line = _spec(plant, specs.PressLine)
        if line is None:
            return []
        tons = [p.tonnage_t for p in line.presses]  # type: ignore[attr-defined]
        spm = line.strokes_per_min  # type: ignore[attr-defined]
        return [
            Text(*both("press_tandem", count=len(tons), first=tons[0], last=tons[-1])),
            Text(*both("strokes_a_minute", spm=spm)),
        ]
    if kind == "die_cast":
        cell = _spec(plant, specs.DieCastCell)
        if cell is None:
            return []
        return [
            Text(*both("clamp_force", tons=cell.clamp_force_t)),  # type: ignore[attr-defined]
            Text(*both("machine_mass", tons=cell.machine_mass_t)),  # type: ignore[attr-defined]
            Text(*both("casting_every", seconds=cell.cycle_s)),  # type: ignore[attr-defined]
        ]
    if kind in ("car_body", "su7"):
        length, width, height = SU7_SIZE_MM
        lines = [Text(*both("su7_size", length=length, width=width, height=height))]
        if kind == "car_body":
            lines.append(Text(*both("line_takt", seconds=plant.takt)))
        return lines
    robots = parts.robots
    if 0 <= index < len(robots):
        workshop = str(robots.workshop[index])
        same = int(np.count_nonzero(robots.workshop == workshop))
        name = (
            plant.building(workshop).name if workshop in {b.id for b in plant.buildings} else None
        )
        where = Text(name.en, name.zh) if name is not None else Text(workshop, workshop)
        return [
            _station(plant, str(robots.equipment[index]), int(robots.station[index]), where),
            Text(*both("robot_reach", reach=ROBOT_REACH_M, payload=ROBOT_PAYLOAD_KG)),
            Text(*both("robot_one_of", count=same, where=where)),
        ]
    return []


def _station(plant: Plant, equipment: str, station: int, workshop: Text) -> Text:
    """Where a robot works: its line or cell, its station on a line, and its workshop."""
    line = equipment_names().get(equipment, Text(equipment, equipment))
    spec = next((e for e in plant.equipment if e.id == equipment), None)
    stations = getattr(spec, "stations", None)
    if isinstance(spec, specs.StationLine) and stations:
        values = {"number": station + 1, "count": stations}
        return Text(*both("line_station", line=line, workshop=workshop, **values))
    return Text(*both("line_in_workshop", line=line, workshop=workshop))


def live_figures(
    kind: str, index: int, plant: Plant, parts: PlantParts, state: PlantState
) -> list[Text]:
    """Figures that change with the clock (``state.time`` is seconds since the lines started)."""
    t = state.time
    lines = [Text(*both("cars_finished", count=state.finished_cars))]
    if kind == "press":
        line = _spec(plant, specs.PressLine)
        if line is not None:
            strokes = int(t * line.strokes_per_min / 60)  # type: ignore[attr-defined]
            lines.insert(0, Text(*both("strokes_since_start", count=strokes)))
    elif kind in ("die_cast", "extraction"):
        cell = _spec(plant, specs.DieCastCell)
        if cell is not None:
            cycle = cell.cycle_s  # type: ignore[attr-defined]
            done, phase = divmod(t, cycle)
            lines.insert(0, Text(*both("castings_since_start", count=int(done))))
            lines.insert(1, Text(*both("cycle_done", percent=100 * phase / cycle)))
    elif kind == "car_body":
        serial = (
            int(state.cars.products.serial[index])
            if index < len(state.cars.products.serial)
            else -1
        )
        if serial >= 0:
            lines.insert(0, Text(*both("car_number", number=serial + 1)))
    elif 0 <= index < len(parts.robots):
        moving = bool(state.moving[index]) if index < len(state.moving) else False
        lines.insert(0, Text(*both("robot_moving" if moving else "robot_waiting")))
    return lines
