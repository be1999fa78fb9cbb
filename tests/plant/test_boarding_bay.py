"""The shuttle boarding bay at the showroom's south door: read from the layout's ``[boarding]``
table (a broken entry is one clean error naming its field), its canopy over the waiting carts and
clear of the tour's road, and drawn instanced (more carts and people, the same actors)."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import pyvista as pv

from viewer.model.errors import DataFileError
from viewer.model.plant.boarding_bay import CART_HEIGHT, add_boarding_bay, cart_boxes, people
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
from viewer.model.tour.shuttle import distance_to_polyline
from viewer.scene.plant.plant_scene import PlantScene

SIZE = (320, 180)


def test_the_bay_stands_at_the_showroom_door_with_carts_under_its_canopy(plant):
    bay = plant.boarding
    assert bay is not None and bay.carts >= 2 and bay.queue >= 4 and bay.seated >= 1
    builder = PartsBuilder()
    add_boarding_bay(builder, bay)
    built = builder.build()
    extent = built.extents[bay.id]
    carts = cart_boxes(bay)
    assert np.all(extent[:2] <= carts[:, :2].min(axis=0)) and np.all(
        extent[3:5] >= carts[:, 3:5].max(axis=0)
    )  # the canopy reaches over every waiting cart
    assert extent[5] > CART_HEIGHT + 0.8  # and high above their roofs
    roles = set(np.array(BOX_ROLES)[built.boxes.role])
    assert {"sign", "cabinet", "table"} <= roles  # the pouch desk and its sign
    assert "wall" not in roles  # nothing in it hides the carts from the seat
    # the carts wait off the tour's lanes: a shuttle passes them on the road, 0.5 m clear
    for lane in plant.aisles:
        corners = np.array([[b[0], b[1]] for b in carts] + [[b[3], b[4]] for b in carts])
        assert distance_to_polyline(corners, lane.points).min() > lane.width / 2 + 0.4, lane.id
    # the people stand on the pavement between the kerb and the wall, or sit in the front cart
    who = people(bay)
    hall = plant.building("exhibition-hall")
    assert np.all(who.position[:, 1] < hall.bounds[1])  # outside the hall, south of its wall
    assert who.staff.sum() == 1 and who.seated.sum() == bay.seated


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("canopy_depth_m = 6", "canopy_depth_m = 2", "canopy_depth_m"),  # short of the kerb
        ("carts = 3", "carts = 9", "carts"),
        ("carts = 3", "carts = 5", "carts"),  # do not fit under the canopy
        ("queue = 8", "queue = 40", "queue"),
        ("cart_pitch_m = 5.6", "cart_pitch_m = 3", "cart_pitch_m"),  # carts overlapping
        ("start = [555, 587]", "start = [555e9, 587]", "start"),  # off the site
        ("seated = 4", "seated = 4\nqeue = 2", "qeue"),  # a typing mistake
    ],
)
def test_a_broken_boarding_table_names_its_field(plant_text, write_plant, old, new, field):
    block = plant_text[plant_text.index("[boarding]") :]
    block = block[: block.index("\n\n")]
    assert old in block
    text = plant_text.replace(block, block.replace(old, new))
    with pytest.raises(DataFileError, match=field) as error:
        load_plant(write_plant(text))
    assert "boarding" in str(error.value)


def test_the_bay_is_optional(plant_text, write_plant):
    block = plant_text[plant_text.index("[boarding]") :]
    block = block[: block.index("\n\n")]
    assert load_plant(write_plant(plant_text.replace(block, ""))).boarding is None


def test_more_carts_and_people_need_no_more_actors(plant):
    counts = []
    for carts, queue in ((3, 8), (6, 16)):
        bay = replace(plant.boarding, carts=carts, queue=queue, length=40.0)
        plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
        scene = PlantScene(plotter, replace(plant, boarding=bay))
        assert scene.boarding is not None and scene.boarding.carts.count == carts
        assert scene.boarding.figures[0].count == len(people(bay))
        plotter.render()
        counts.append(scene.actor_count)
        plotter.close()
    assert counts[0] == counts[1]
