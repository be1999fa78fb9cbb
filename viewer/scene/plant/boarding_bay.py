"""The boarding bay's waiting carts and people, drawn instanced.

The bay's canopy, desk and sign are ordinary boxes of the plant (see
:mod:`viewer.model.plant.boarding_bay`); :class:`BoardingBayScene` adds what is not a box: the
shuttle carts waiting in the lay-by (the tour shuttle's own shape) and the people at the bay
(the staff member at the pouch desk, visitors queueing on the pavement and seated in the front
cart), built from the same figure shapes as the plant's people (their detailed meshes only: a dozen
figures). They stand still: the bay is the same at every time. Six instanced shapes, whatever
the number of carts and people.

Examples
--------
>>> import pyvista as pv
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.scene.plant.plant_scene import PlantScene
>>> plotter = pv.Plotter(off_screen=True, window_size=(160, 90))
>>> scene = PlantScene(plotter, load_plant())
>>> scene.boarding.carts.count == scene.plant.boarding.carts
True
>>> plotter.close()
"""

from __future__ import annotations

import numpy as np

from viewer.model.geometry import yaw_quaternion
from viewer.model.plant.boarding_bay import BoardingBay, cart_poses, people
from viewer.scene import shapes
from viewer.scene.plant.people import (
    PERSON_SIZE,
    SKIN,
    AddShape,
    figure_cap,
    figure_colors,
    figure_head,
    figure_legs,
    figure_seated_legs,
    figure_torso,
)

CART_COLOR = (0.95, 0.96, 0.97)  # white, as the tour's own shuttle
STAFF_UNIFORM = "navy"  # the tour staff, as the shuttle's driver
STAFF_CAP = "white"


class BoardingBayScene:
    """The waiting carts and the people of ``bay`` on a scene's instanced shapes (``add``:
    :meth:`~viewer.scene.plant.plant_scene.PlantScene._instance`)."""

    def __init__(self, add: AddShape, bay: BoardingBay) -> None:
        positions, yaws = cart_poses(bay)
        self.carts = add(
            "boarding-carts",
            shapes.shuttle_body(),
            len(yaws),
            size=shapes.SHUTTLE_LENGTH,
            color=CART_COLOR,
        )
        self.carts.update(positions=positions, orientations=yaw_quaternion(yaws))
        who = people(bay)
        count = len(who)
        uniform = np.where(who.staff, STAFF_UNIFORM, "visitor")
        cap = np.where(who.staff, STAFF_CAP, "none")
        colors = figure_colors(uniform, cap)
        size = PERSON_SIZE
        torso = add("boarding-torso", figure_torso(), count, size=size)
        standing, sitting = np.flatnonzero(~who.seated), np.flatnonzero(who.seated)
        legs = add("boarding-legs", figure_legs(), len(standing), size=size)
        # on a cart's bench, the cart's floor above the ground (as on the tour's shuttle)
        seated_legs = add("boarding-seated-legs", figure_seated_legs(), len(sitting), size=size)
        head = add(
            "boarding-head", figure_head(), count, size=size, anchor="boarding-torso", color=SKIN
        )
        caps = add("boarding-cap", figure_cap(), count, size=size, anchor="boarding-torso")
        rotation = yaw_quaternion(who.yaw)
        for shape, color in ((torso, colors["torso"]), (head, None), (caps, colors["cap"])):
            shape.update(positions=who.position, orientations=rotation, colors=color)
        for shape, index in ((legs, standing), (seated_legs, sitting)):
            shape.update(
                positions=who.position[index],
                orientations=rotation[index],
                colors=colors["legs"][index],
            )
        self.figures = (torso, legs, seated_legs, head, caps)
