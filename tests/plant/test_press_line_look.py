"""The tandem press lines read as big transfer presses (issue 19): a light grey frame with a
blue crown carrying the drive housing and flywheel cover; in each press's window the moving
bolster on rails out of both sides, the lower die and a stamped panel, which the slide's upper
die comes down to (no empty gap); crossbar feeders between presses, light curtain posts, the
pit's rail; and clean errors for dies that do not fit."""

from __future__ import annotations

import colorsys

import numpy as np
import pytest

from viewer.model.errors import DataFileError
from viewer.model.fields import Fields
from viewer.model.motion.machines import PressLineMotion
from viewer.model.motion.simulation import PlantSimulation
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.equipment import add_equipment
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder, PlantParts
from viewer.model.plant.press_frame import press_heights
from viewer.scene.palette import ROLES


def _line(plant: object) -> specs.PressLine:
    return next(e for e in plant.equipment if isinstance(e, specs.PressLine))


def _parts(spec: object) -> PlantParts:
    builder = PartsBuilder()
    add_equipment(spec, builder)
    return builder.build()


def _near(parts: PlantParts, point: np.ndarray, radius: float) -> np.ndarray:
    return np.linalg.norm(parts.boxes.bottom_center[:, :2] - point, axis=1) < radius


def _roles(parts: PlantParts) -> np.ndarray:
    return np.array(BOX_ROLES)[parts.boxes.role]


def test_the_frame_is_light_grey_and_the_crown_a_distinct_blue():
    frame = colorsys.rgb_to_hsv(*ROLES["press"])
    crown = colorsys.rgb_to_hsv(*ROLES["press_crown"])
    assert frame[1] < 0.1 and frame[2] > 0.7  # light grey
    assert crown[1] > 0.5 and 0.55 < crown[0] < 0.7  # a saturated blue
    assert frame[2] - crown[2] > 0.1


def test_each_press_has_its_drive_on_the_crown_and_its_dies_and_panel_in_the_window(plant):
    line = _line(plant)
    parts = _parts(line)
    roles = _roles(parts)
    boxes = parts.boxes
    for index, press in enumerate(line.presses):
        center = line.start + np.array([1.0, 0.0]) * index * line.spacing
        z = press_heights(float(press.size[2]), line.stroke, line.die_height)
        here = _near(parts, center, 1.0)
        crown = _near(parts, center, press.size[1] / 4)
        on_top = crown & (boxes.bottom_center[:, 2] >= z.crown_bottom + 0.5)
        assert {"press", "press_crown"} <= set(roles[on_top])  # drive housing, flywheel cover
        assert (boxes.bottom_center[on_top, 2] + boxes.size[on_top, 2]).max() > press.size[2]
        bolster = here & (roles == "press_slide")
        assert np.allclose(boxes.bottom_center[bolster, 2], z.bed_top)
        die = here & np.isin(roles, ["die_green", "die_blue", "die_yellow"])
        assert np.allclose(boxes.bottom_center[die, 2], z.bolster_top)
        panel = here & (roles == "panels")
        assert np.allclose(boxes.bottom_center[panel, 2] + boxes.size[panel, 2], z.panel_top)
        # The moving bolster's rails cross the line and reach out of both sides.
        rails = (
            _near(parts, center, press.size[0] / 2)
            & (roles == "rail")
            & (boxes.size[:, 1] > press.size[1] + 4)
        )
        assert rails.sum() == 2
        # Light curtain posts outside each side opening.
        curtain = _near(parts, center, press.size[1] / 2 + 1.5) & (roles == "guard")
        assert curtain.sum() == 4


def test_the_slide_and_upper_die_close_onto_the_panel_and_open_only_the_stroke(plant):
    sim = PlantSimulation(plant)
    motion, index = next(m for m in sim.machines if isinstance(m[0], PressLineMotion))
    line = motion.spec
    count = len(line.presses)
    tops = np.array(
        [
            press_heights(float(p.size[2]), line.stroke, line.die_height).panel_top
            for p in line.presses
        ]
    )
    gaps = []
    for t in np.arange(0.0, motion.period, 0.1):
        boxes = motion.boxes(t, sim.state(t).poses, index)
        slides, dies = boxes.bottom_center[:count, 2], boxes.bottom_center[count : 2 * count, 2]
        assert np.allclose(slides, dies + boxes.size[count : 2 * count, 2])  # die under slide
        gaps.append(dies - tops)
    gaps = np.array(gaps)
    assert gaps.min() == pytest.approx(0.0, abs=0.02)  # each stroke closes on the panel
    assert gaps.max() <= line.stroke + 1e-9  # and opens no wider than the stroke


def test_crossbar_feeders_stand_between_the_presses_above_the_dies(plant):
    line = _line(plant)
    parts = _parts(line)
    roles = _roles(parts)
    for index in range(1, len(line.presses)):
        middle = line.start + np.array([1.0, 0.0]) * (index - 0.5) * line.spacing
        z = press_heights(float(line.presses[index].size[2]), line.stroke, line.die_height)
        here = _near(parts, middle, line.presses[index].size[1] / 2)
        high = here & (parts.boxes.bottom_center[:, 2] > z.panel_top)
        beams = high & (roles == "press_crown")
        assert beams.sum() == 2
        assert (parts.boxes.size[beams, 0] > line.spacing - line.presses[index].size[0]).all()
        assert (high & (roles == "press_slide")).sum() == 1  # the crossbar
        assert (high & (roles == "panels")).sum() == 1  # the panel on its tooling


LINE = """
[[equipment]]
id = "line"
type = "press_line"
workshop = "stamping"
start = [0, 0]
spacing_m = 12
strokes_per_min = 15
die_height_m = 1.0
stroke_m = 0.9

[[equipment.presses]]
tonnage_t = 1000
size_m = [6.0, 9.5, 10.5]
"""


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("die_height_m = 1.0", "die_height_m = 2.4", "leave no room for the slide"),
        ("stroke_m = 0.9", "stroke_m = 5", "at most 2"),
        ("die_height_m = 1.0", "die_height_m = 0.1", "at least 0.3"),
    ],
)
def test_dies_and_strokes_that_do_not_fit_name_the_field_and_line(old, new, problem):
    broken = LINE.replace(old, new)
    doc = Fields.from_text(broken, "plant.toml")
    with pytest.raises(DataFileError) as info:
        specs.read_equipment(doc.tables("equipment")[0])
    assert info.value.field == f"equipment[0].{new.split(' =')[0]}"
    assert problem in info.value.problem
    if "no room" not in problem:
        assert info.value.line == broken[: broken.index(new)].count("\n") + 1
    good = specs.read_equipment(Fields.from_text(LINE, "plant.toml").tables("equipment")[0])
    assert (good.stroke, good.die_height) == (0.9, 1.0)
