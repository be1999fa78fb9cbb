"""The figures of a picked thing: real ones from the layout and facts, live ones from the clock.

Examples
--------
>>> from viewer.model.layout import load_plant
>>> from viewer.model.simulation import PlantSimulation
>>> plant = load_plant()
>>> sim = PlantSimulation(plant)
>>> state = sim.state(sim.start_time)
>>> [line.en for line in real_figures("die_cast", 0, plant, sim.parts)][:2]
['Clamp force 9,100 t', 'Machine mass 718 t']
"""

from __future__ import annotations

import numpy as np

from viewer.model import equipment_specs as specs
from viewer.model.explain import equipment_names
from viewer.model.fields import Text
from viewer.model.layout import Plant
from viewer.model.parts import PlantParts
from viewer.model.simulation import PlantState

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
            Text(
                f"{len(tons)} presses in tandem: {tons[0]:,.0f} t, then {tons[-1]:,.0f} t",
                f"{len(tons)} 台压机串联：{tons[0]:,.0f} 吨，其后 {tons[-1]:,.0f} 吨",
            ),
            Text(f"{spm:g} strokes a minute", f"每分钟 {spm:g} 次冲程"),
        ]
    if kind == "die_cast":
        cell = _spec(plant, specs.DieCastCell)
        if cell is None:
            return []
        return [
            Text(
                f"Clamp force {cell.clamp_force_t:,.0f} t", f"锁模力 {cell.clamp_force_t:,.0f} 吨"
            ),  # type: ignore[attr-defined]
            Text(
                f"Machine mass {cell.machine_mass_t:,.0f} t",
                f"设备重 {cell.machine_mass_t:,.0f} 吨",
            ),  # type: ignore[attr-defined]
            Text(f"One casting every {cell.cycle_s:g} s", f"每 {cell.cycle_s:g} 秒一个铸件"),  # type: ignore[attr-defined]
        ]
    if kind in ("car_body", "su7"):
        length, width, height = SU7_SIZE_MM
        lines = [
            Text(
                f"SU7: {length:,} × {width:,} × {height:,} mm",
                f"SU7：{length} × {width} × {height} 毫米",
            )
        ]
        if kind == "car_body":
            lines.append(Text(f"Takt {plant.takt:g} s", f"节拍 {plant.takt:g} 秒"))
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
            Text(
                f"Reach {ROBOT_REACH_M:g} m, payload {ROBOT_PAYLOAD_KG} kg (KR 210 class)",
                f"臂展 {ROBOT_REACH_M:g} 米，负载 {ROBOT_PAYLOAD_KG} 千克（KR 210 级）",
            ),
            Text(
                f"One of {same} robots in {where.en}",
                f"{where.zh}共有 {same} 台机器人，这是其中之一",
            ),
        ]
    return []


def _station(plant: Plant, equipment: str, station: int, workshop: Text) -> Text:
    """Where a robot works: its line or cell, its station on a line, and its workshop."""
    line = equipment_names().get(equipment, Text(equipment, equipment))
    spec = next((e for e in plant.equipment if e.id == equipment), None)
    stations = getattr(spec, "stations", None)
    if isinstance(spec, specs.StationLine) and stations:
        return Text(
            f"{line.en}, station {station + 1} of {stations} · {workshop.en}",
            f"{workshop.zh}·{line.zh}第 {station + 1} 工位（共 {stations} 个）",
        )
    return Text(f"{line.en} · {workshop.en}", f"{workshop.zh}·{line.zh}")


def live_figures(
    kind: str, index: int, plant: Plant, parts: PlantParts, state: PlantState
) -> list[Text]:
    """Figures that change with the clock (``state.time`` is seconds since the lines started)."""
    t = state.time
    lines = [
        Text(
            f"Cars finished so far: {state.finished_cars:,}",
            f"已下线整车：{state.finished_cars:,} 辆",
        )
    ]
    if kind == "press":
        line = _spec(plant, specs.PressLine)
        if line is not None:
            strokes = int(t * line.strokes_per_min / 60)  # type: ignore[attr-defined]
            lines.insert(
                0, Text(f"Strokes since the start: {strokes:,}", f"开线以来冲程：{strokes:,} 次")
            )
    elif kind in ("die_cast", "extraction"):
        cell = _spec(plant, specs.DieCastCell)
        if cell is not None:
            cycle = cell.cycle_s  # type: ignore[attr-defined]
            done, phase = divmod(t, cycle)
            lines.insert(
                0,
                Text(f"Castings since the start: {int(done):,}", f"开线以来铸件：{int(done):,} 个"),
            )
            lines.insert(
                1,
                Text(
                    f"This cycle: {100 * phase / cycle:.0f}%",
                    f"本循环进度：{100 * phase / cycle:.0f}%",
                ),
            )
    elif kind == "car_body":
        serial = (
            int(state.cars.products.serial[index])
            if index < len(state.cars.products.serial)
            else -1
        )
        if serial >= 0:
            lines.insert(
                0,
                Text(
                    f"Car number {serial + 1:,} since the lines started",
                    f"开线以来第 {serial + 1:,} 辆车",
                ),
            )
    elif 0 <= index < len(parts.robots):
        moving = bool(state.moving[index]) if index < len(state.moving) else False
        lines.insert(
            0,
            Text(
                "Moving now" if moving else "Waiting for the next car",
                "正在动作" if moving else "等待下一辆车",
            ),
        )
    return lines
