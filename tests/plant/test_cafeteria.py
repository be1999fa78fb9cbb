"""Lunch in the cafeteria: chairs along the tables, diners seated on some of them, the chairs
drawn instanced and seen in the cafeteria's view."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import pyvista as pv

from viewer.model.geometry import heading_frame
from viewer.model.motion.people import (
    CHAIR_SETBACK,
    CHAIR_WIDTH,
    SEATED_TURN,
    PeopleMotion,
)
from viewer.model.motion.plant_run import PlantRun
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.layout import load_plant
from viewer.model.quality import PRESETS
from viewer.scene.plant.people import CHAIR
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.quality import apply_quality

T0 = 30000.0
TABLES = ("cafeteria-tables", "cafeteria-tables-west")


def _tables(plant) -> list[tuple[np.ndarray, np.ndarray, np.ndarray, float, float]]:
    """Every cafeteria table: (middle, along, left, length, width)."""
    tables = []
    for spec in plant.equipment:
        if isinstance(spec, specs.RackArea) and spec.id in TABLES:
            along, left, _ = heading_frame(spec.heading_deg)
            length, width = float(spec.rack_size[0]), float(spec.rack_size[1])
            for r in range(spec.rows):
                for c in range(spec.cols):
                    middle = spec.origin + along * c * spec.pitch[0] + left * r * spec.pitch[1]
                    tables.append((middle, along, left, length, width))
    return tables


def test_every_diner_sits_on_a_chair_beside_a_table(plant):
    """Each diner on a chair of their own; each chair beside a table's long side, facing it;
    three a side at every table of both groups; some tables full, others empty."""
    motion = PeopleMotion(plant.people)
    position, yaw = motion.people_at(T0)
    seated = motion.seated
    diners = {crew.id for crew in plant.people.crews if crew.seated}
    assert diners == {"cafeteria-diners-north", "cafeteria-diners-south"}
    chairs, facing = motion.chairs, motion.chair_facing
    tables = _tables(plant)
    assert len(tables) == 8 * 9 + 8 * 5 and len(chairs) == 6 * len(tables)

    gap = np.linalg.norm(position[seated, None, :2] - chairs[None], axis=2)
    on = gap.argmin(axis=1)
    assert np.allclose(gap.min(axis=1), 0.0, atol=1e-9)  # on a chair's middle
    assert len(np.unique(on)) == seated.sum()  # one each
    turned = np.angle(np.exp(1j * (yaw[seated] - facing[on])))
    assert np.abs(turned).max() <= SEATED_TURN + 1e-9  # towards the table, give or take

    middles = np.array([t[0] for t in tables])
    table_of = np.linalg.norm(chairs[:, None] - middles[None], axis=2).argmin(axis=1)
    assert (np.bincount(table_of, minlength=len(tables)) == 6).all()
    for chair, heading, k in zip(chairs, facing, table_of, strict=True):
        middle, along, left, length, width = tables[k]
        rel = chair - middle
        assert abs(rel @ along) <= (length - CHAIR_WIDTH) / 2 + 1e-9  # along the table
        assert abs(rel @ left) == pytest.approx(width / 2 + CHAIR_SETBACK)  # beside its edge
        look = np.array([np.cos(heading), np.sin(heading)])
        assert look @ (-rel) == pytest.approx(abs(rel @ left))  # facing straight at it

    per_table = np.bincount(table_of[on], minlength=len(tables))
    assert 0.2 < seated.sum() / len(chairs) < 0.5  # lunch, not a banquet
    assert (per_table == 0).sum() >= 10 and (per_table >= 4).sum() >= 5  # gaps and groups


def _doubled_tables(plant_text: str) -> str:
    """The layout with twice the tables in the cafeteria's east group (18 columns, not 9)."""
    old = 'id = "cafeteria-tables"\ntype = "rack_area"\nworkshop = "cafeteria"\n'
    old += "origin = [694.4, 596.5]\nrows = 8\ncols = 9\npitch_m = [5, 4.5]\n"
    assert plant_text.count(old) == 1
    return plant_text.replace(
        old, old.replace("cols = 9\npitch_m = [5, 4.5]", "cols = 18\npitch_m = [2.5, 4.5]")
    )


def test_chairs_are_instanced_however_many_tables(plant, plant_text, write_plant):
    """Twice the tables: twice the chairs in that group, the same number of actors."""
    doubled = load_plant(write_plant(_doubled_tables(plant_text)))
    assert len(doubled.people.chairs) == len(plant.people.chairs) + 6 * 8 * 9
    counts, chairs = [], []
    for layout in (plant, doubled):
        plotter = pv.Plotter(off_screen=True, window_size=[160, 90])
        scene = PlantScene(plotter, layout, state=PlantRun(layout, time=T0).state)
        plotter.render()
        counts.append(scene.actor_count)
        chairs.append(scene.people.chairs.count)
        plotter.close()
    assert chairs == [len(plant.people.chairs), len(doubled.people.chairs)]
    assert counts[0] == counts[1]
    people = dataclasses.replace(doubled.people, crews=())  # no diners: no chairs either
    assert len(people.chairs) == 0


def _like(image: np.ndarray, rgb: tuple[float, float, float]) -> np.ndarray:
    """Pixels of the colour ``rgb`` however lit: the same hue and saturation, not too dark."""
    pixels = image[..., :3].astype(float)
    top = pixels.max(axis=2, keepdims=True)
    target = np.asarray(rgb) / max(rgb)
    return (top[..., 0] > 50) & (np.abs(pixels / np.maximum(top, 1) - target).max(axis=2) < 0.1)


@pytest.mark.parametrize("quality", ["low", "medium"])
def test_the_cafeteria_view_shows_chairs_by_the_tables(plant, quality):
    """In the cafeteria's view, chair-coloured pixels where the chairs stand (and not with the
    chairs hidden: not the robots' orange further off)."""
    plotter = pv.Plotter(off_screen=True, window_size=[640, 360], lighting="none")
    scene = PlantScene(plotter, plant, state=PlantRun(plant, time=T0).state)
    apply_quality(plotter, scene, PRESETS[quality])
    scene.show_view("cafeteria")
    plotter.render()
    shown = plotter.screenshot(return_img=True)
    renderer = plotter.renderer
    points = []
    for x, y in scene.people.chairs.positions[:, :2]:
        renderer.SetWorldPoint(x, y, 0.4, 1.0)
        renderer.WorldToDisplay()
        px, py, _ = renderer.GetDisplayPoint()
        points.append((px, shown.shape[0] - 1 - py))
    for actor in scene.people.chairs.actors:
        actor.SetVisibility(False)
    plotter.render()
    hidden = plotter.screenshot(return_img=True)
    plotter.close()
    chairs = _like(shown, CHAIR) & ~_like(hidden, CHAIR)
    assert chairs.sum() > 150  # hundreds of chairs, a pixel or a few each
    rows, cols = np.nonzero(chairs)
    near = np.zeros(len(rows), dtype=bool)
    for px, py in points:  # each chair pixel within a few pixels of where a chair stands
        near |= (np.abs(cols - px) <= 6) & (np.abs(rows - py) <= 6)
    assert near.mean() > 0.98
    seen = np.array(
        [
            chairs[max(0, int(py) - 4) : int(py) + 5, max(0, int(px) - 4) : int(px) + 5].any()
            for px, py in points
        ]
    )
    assert seen.mean() > 0.5  # and most chairs show


def test_chairs_a_few_pixels_big_are_not_drawn(plant):
    """On Low, the canteen's chairs seen from the body shop's seat (hundreds of metres off, a
    few pixels each) are not drawn at all; from the cafeteria's view they are."""
    from viewer.model.tour.route import load_route
    from viewer.scene.snapshot import OffscreenRenderer

    renderer = OffscreenRenderer(plant, size=(640, 360), quality="low", route=load_route(None))
    try:
        chairs = renderer.scene.people.chairs
        renderer.render_stop("body-shop")
        drawn = sum(chairs.shown(level).sum() for level in ("near", "far", "tiny"))
        assert drawn == 0
        renderer.render(view="cafeteria")
        assert sum(chairs.shown(level).sum() for level in ("near", "far", "tiny")) > 100
    finally:
        renderer.close()
