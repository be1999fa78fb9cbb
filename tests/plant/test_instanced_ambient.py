"""Instanced things take light from all round (a hall's lamps and skylights, the sky outdoors):
a face turned from both the sun and the fill light keeps about a third of its colour."""

from __future__ import annotations

from types import SimpleNamespace

import numpy as np
import pytest
import pyvista as pv

from viewer.scene import shapes
from viewer.scene.instancing import AMBIENT, InstancedShape
from viewer.scene.plant.plant_scene import PlantScene

BLUE = (0.40, 0.54, 0.68)  # a press frame's blue


@pytest.mark.parametrize("facing_deg", [45.0, 315.0])
def test_a_face_turned_from_the_lights_keeps_a_third_of_its_colour(facing_deg):
    """A box turned so that one vertical face looks north-east (the sun shines from the south-
    east and high, the fill light from the north-west: neither reaches that face), seen square
    on; and one looking south-east, into the sun. The first was near black."""
    plotter = pv.Plotter(off_screen=True, window_size=(160, 120), lighting="none")
    try:
        lights = SimpleNamespace(plotter=plotter)
        PlantScene._add_lights(lights)
        lights.headlight.switch_off()  # as on Low: the sun and the fill light
        box = InstancedShape(shapes.unit_box(), 1, color=BLUE)
        yaw = np.radians(facing_deg)
        box.update(
            positions=np.array([[0.0, 0.0, 0.0]]),
            orientations=np.array([[np.cos(yaw / 2), 0.0, 0.0, np.sin(yaw / 2)]]),
            scales=np.array([[4.0, 4.0, 4.0]]),
        )
        for actor in box.actors:
            plotter.add_actor(actor)
        plotter.set_background("black")
        eye = np.array([np.cos(yaw), np.sin(yaw), 0.0]) * 20.0 + [0.0, 0.0, 2.0]
        plotter.camera.position = tuple(eye)
        plotter.camera.focal_point = (0.0, 0.0, 2.0)
        plotter.camera.up = (0.0, 0.0, 1.0)
        plotter.camera.view_angle = 20.0
        picture = plotter.screenshot(return_img=True).astype(float)
        middle = picture[50:70, 70:90].reshape(-1, 3).mean(axis=0)
        blue = np.array(BLUE) * 255
        if facing_deg == 45.0:  # no light reaches it but from all round
            assert middle == pytest.approx(AMBIENT * blue, abs=12)
            assert middle.min() > 0.25 * blue.min()
        else:  # lit by the sun: lighter, and not washed out
            assert (middle > AMBIENT * blue + 20).all() and (middle <= blue + 5).all()
    finally:
        plotter.close()
