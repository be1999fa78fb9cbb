"""A machining cell holds what such a cell holds (issue 19, a blind review: four fenced cells in
the die-casting hall "each empty apart from one small robot"): the layout's ``contents`` put a
machining centre, a trim press, fixtures with the casting, a rack and conveyors in and out round
one robot on a riser in the cell's middle; broken entries give clean errors."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.errors import DataFileError
from viewer.model.fields import Fields
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.equipment import add_equipment
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
from viewer.scene.snapshot import OffscreenRenderer

ENTRY = """
[[equipment]]
id = "machining"
type = "fenced_cell"
workshop = "die-casting"
center = [100, 200]
heading_deg = 30
size_m = [18, 16]
count = 2
pitch_m = 18
robots = 1
riser_m = 1.2
product = "underbody"
walls = "enclosure"
"""
ALL = '["machining_centre", "trim_press", "fixtures", "rack", "conveyor_in", "conveyor_out"]'
WALLS_AND_FLOOR = {"platform", "wall", "glass", "window", "support", "fence", "mesh_fence"}


def _read(text: str) -> specs.FencedCell:
    doc = Fields.from_text(text, "plant.toml")
    return specs.read_equipment(doc.tables("equipment")[0])


def _cells(spec: specs.FencedCell) -> list[dict[str, np.ndarray]]:
    """Per cell, its boxes in the cell's own axes (a along, n across) and its robots."""
    builder = PartsBuilder()
    builder.equipment = spec.id
    add_equipment(spec, builder)
    parts = builder.build()
    yaw = np.radians(spec.heading_deg)
    along, normal = np.array([np.cos(yaw), np.sin(yaw)]), np.array([-np.sin(yaw), np.cos(yaw)])
    cells = []
    for k in range(spec.count):
        center = spec.center + along * k * spec.pitch
        rel = parts.boxes.bottom_center[:, :2] - center
        a, n = rel @ along, rel @ normal
        half = np.asarray(spec.size) / 2
        inside = (np.abs(a) < half[0] - 0.3) & (np.abs(n) < half[1] - 0.3)
        roles = np.array(BOX_ROLES)[parts.boxes.role]
        robots = parts.robots.base[:, :2] - center
        mine = np.all(np.abs(robots) < half.max(), axis=1)
        cells.append(
            {
                "a": a[inside],
                "n": n[inside],
                "size": parts.boxes.size[inside],
                "z": parts.boxes.bottom_center[inside, 2],
                "roles": roles[inside],
                "robots": np.column_stack([robots[mine] @ along, robots[mine] @ normal]),
                "robot_z": parts.robots.base[mine, 2],
            }
        )
    return cells


def _used_share(cell: dict[str, np.ndarray], half: np.ndarray) -> float:
    """The share of the cell's floor (on a 0.25 m grid) under something other than its floor
    plate and walls."""
    ga, gn = np.meshgrid(np.arange(-half[0], half[0], 0.25), np.arange(-half[1], half[1], 0.25))
    used = np.zeros(ga.shape, bool)
    for a, n, size, role in zip(cell["a"], cell["n"], cell["size"], cell["roles"], strict=True):
        if role not in WALLS_AND_FLOOR:
            used |= (np.abs(ga - a) < size[0] / 2) & (np.abs(gn - n) < size[1] / 2)
    return float(used.mean())


def test_a_cell_with_contents_holds_its_machines_round_one_robot_on_a_riser():
    spec = _read(ENTRY + f"contents = {ALL}\n")
    assert spec.contents == tuple(eval(ALL))  # noqa: S307 (a literal list of names)
    for cell in _cells(spec):
        roles = set(cell["roles"])
        # the machining centre with its window, the trim press with its crown, the fixture,
        # the rack, conveyor belts and castings on them
        assert {"enclosure", "window", "screen", "press", "press_crown", "press_slide"} <= roles
        assert {"fixture", "rack", "conveyor", "die", "aluminium"} <= roles
        assert len(cell["robots"]) == 1
        np.testing.assert_allclose(cell["robots"][0], [0.0, 0.0], atol=1e-9)  # in the middle
        assert cell["robot_z"][0] == pytest.approx(1.2)  # on its riser
        # each machine's near face within the robot's reach, all round it
        for role in ("enclosure", "press", "fixture", "rack"):
            k = np.flatnonzero(cell["roles"] == role)
            near = np.hypot(
                np.maximum(np.abs(cell["a"][k]) - cell["size"][k, 0] / 2, 0),
                np.maximum(np.abs(cell["n"][k]) - cell["size"][k, 1] / 2, 0),
            )
            assert near.min() < 3.5, role
        # conveyors in and out run from near the robot to the cell's wall
        belts = np.flatnonzero(cell["roles"] == "die")
        assert len(belts) == 2
        reach_wall = [
            max(
                abs(cell["a"][k]) + cell["size"][k, 0] / 2,
                abs(cell["n"][k]) + cell["size"][k, 1] / 2,
            )
            for k in belts
        ]
        assert min(reach_wall) >= min(spec.size) / 2 - 0.5
        assert _used_share(cell, np.asarray(spec.size) / 2) >= 0.2


def test_the_contents_stand_apart_from_each_other_and_the_robot():
    cell = _cells(_read(ENTRY + f"contents = {ALL}\n"))[0]
    big = np.flatnonzero(
        np.isin(cell["roles"], ["enclosure", "press_crown", "fixture", "conveyor"])
    )
    big = big[cell["z"][big] < 4.0]  # (each machine's base or crown, each conveyor's frame)
    lo = np.column_stack([cell["a"] - cell["size"][:, 0] / 2, cell["n"] - cell["size"][:, 1] / 2])
    hi = np.column_stack([cell["a"] + cell["size"][:, 0] / 2, cell["n"] + cell["size"][:, 1] / 2])
    for i in big:
        assert np.any(np.abs(lo[i]) > 1.0) or np.any(np.abs(hi[i]) > 1.0)
        clear = (np.maximum(lo[i], -0.8) >= np.minimum(hi[i], 0.8)).any()  # off the robot's base
        assert clear, cell["roles"][i]
        for j in big[big > i]:
            overlap = np.minimum(hi[i], hi[j]) - np.maximum(lo[i], lo[j])
            assert (overlap <= 1e-6).any(), (cell["roles"][i], cell["roles"][j])


def test_the_bundled_machining_cells_are_filled_and_marked_estimates(plant_text):
    plant = load_plant()
    spec = next(e for e in plant.equipment if e.id == "casting-machining")
    assert {"machining_centre", "trim_press", "conveyor_in", "conveyor_out"} <= set(spec.contents)
    assert spec.robots == 1 and spec.riser >= 1.0
    for cell in _cells(spec):
        assert _used_share(cell, np.asarray(spec.size) / 2) >= 0.2  # was 4 %: a fixture alone
    block = plant_text[plant_text.index('id = "casting-machining"') :]
    estimated = next(r for r in block.split("\n") if r.startswith("estimated"))
    assert '"contents"' in estimated


def test_from_above_each_machining_cell_shows_its_contents(plant):
    """In the die-casting view, inside each of the four cells (a 2 m margin from its walls),
    at least 35 % of the floor's points show something other than the bare floor plate (half
    of them now; the old cells, a fixture and two robots: 15 %)."""
    spec = next(e for e in plant.equipment if e.id == "casting-machining")
    size = (1280, 720)
    renderer = OffscreenRenderer(plant, size, quality="low")
    try:
        image = renderer.render(view="die-casting").astype(int)
        view = renderer.plotter.renderer

        def pixel(x: float, y: float) -> np.ndarray:
            view.SetWorldPoint(x, y, 0.0, 1.0)
            view.WorldToDisplay()
            px, py, _ = view.GetDisplayPoint()
            return image[int(round(size[1] - 1 - py)), int(round(px))]

        half = np.asarray(spec.size) / 2 - 2.0
        for k in range(spec.count):
            cx, cy = spec.center + np.array([k * spec.pitch, 0.0])
            floor = pixel(cx - half[0] + 0.5, cy + half[1] - 0.5)  # the empty far corner
            grid = [
                pixel(cx + a, cy + n)
                for a in np.linspace(-half[0], half[0], 15)
                for n in np.linspace(-half[1], half[1], 15)
            ]
            differs = np.abs(np.array(grid) - floor).max(axis=1) > 20
            assert differs.mean() >= 0.35, (k, differs.mean())
    finally:
        renderer.close()


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ('contents = ["machining_centre", "lathe"]\n', "unknown content 'lathe'"),
        ('contents = ["rack", "rack"]\n', "at most once"),
        ('contents = "rack"\n', "list of strings"),
        ('contents = ["rack"]\nrobots = 2\n', "at most one robot"),
        ('contents = ["rack"]\nsize_m = [10, 18]\n', "at least 12 m"),
    ],
)
def test_a_broken_contents_entry_names_file_field_and_line(plant_text, write_plant, line, problem):
    anchor = 'id = "casting-machining"\n'
    start = plant_text.index(anchor)
    end = plant_text.index("[[", start)
    keys = {row.split("=")[0].strip() for row in line.strip().split("\n")}
    rows = [r for r in plant_text[start:end].split("\n") if r.split("=")[0].strip() not in keys]
    block = "\n".join(rows)
    broken = plant_text[:start] + block.replace(anchor, anchor + line, 1) + plant_text[end:]
    with pytest.raises(DataFileError) as info:
        load_plant(write_plant(broken))
    assert info.value.field.endswith(".contents") and problem in info.value.problem
    assert info.value.line == broken[: broken.index("contents =")].count("\n") + 1
    assert str(info.value.file).endswith("plant.toml")
