"""The tour on the plant: the route painted on the ground, stop markers and the shuttle.

:class:`TourScene` adds its actors to a plotter that already shows a
:class:`~viewer.scene.plant_scene.PlantScene`; :meth:`TourScene.set_time` moves the shuttle to a
tour time (in place, instanced like every other moving part).

Examples
--------
>>> import pyvista as pv
>>> from viewer.model.layout import load_plant
>>> from viewer.model.route import load_route
>>> plotter = pv.Plotter(off_screen=True, window_size=(320, 180))
>>> tour = TourScene(plotter, load_route(), load_plant())
>>> tour.set_time(tour.motion.stop_times[3] + 5.0).stop  # at the die-casting stop
3
>>> plotter.close()
"""

from __future__ import annotations

import numpy as np
import pyvista as pv

from viewer.model.geometry import ribbon, yaw_quaternion
from viewer.model.layout import Plant
from viewer.model.route import Route
from viewer.model.tour import ShuttleState, TourMotion
from viewer.scene import shapes
from viewer.scene.instancing import InstancedShape
from viewer.scene.people import ShuttleVisitors

ROUTE_COLOR = (0.96, 0.42, 0.10)
STOP_COLOR = (0.85, 0.16, 0.20)
SHUTTLE_COLOR = (0.95, 0.96, 0.97)


class TourScene:
    """The actors of one route (see the module docstring)."""

    def __init__(self, plotter: pv.BasePlotter, route: Route, plant: Plant) -> None:
        self.plotter = plotter
        self.route = route
        self.motion = TourMotion(route, plant)
        points, faces = ribbon(self.motion.path, 1.2, z=0.12)  # over the aisle paint
        path = shapes.mesh_from_arrays(points, faces)
        self.route_actor = plotter.add_mesh(
            path, color=ROUTE_COLOR, lighting=False, reset_camera=False, pickable=False
        )
        markers, heading = self.motion.point_at(self.motion.stop_arc)
        left = np.column_stack([-np.sin(heading), np.cos(heading)])
        forward = np.column_stack([np.cos(heading), np.sin(heading)])
        # a sign post beside the route, left of the shuttle and a few metres ahead of it, out
        # of the seat view's way when it turns to the stop's subject
        markers = markers + left * 2.6 + forward * 5.0
        self.stops = InstancedShape(shapes.unit_box(), len(markers), color=STOP_COLOR)
        self.stops.update(
            positions=np.column_stack([markers, np.full(len(markers), 0.0)]),
            scales=np.tile([0.3, 0.3, 2.4], (len(markers), 1)),
        )
        self.shuttle = InstancedShape(shapes.shuttle_body(), 1, color=SHUTTLE_COLOR)
        self.visitors = ShuttleVisitors()  # the driver and seven visitors
        self.actors = [self.route_actor, *self.stops.actors]
        self.actors += [*self.shuttle.actors, *self.visitors.actors]
        for actor in self.actors[1:]:
            plotter.renderer.AddActor(actor)
        self.state = self.set_time(0.0)

    def set_time(self, time: float) -> ShuttleState:
        """Put the shuttle where it is at tour time ``time``; returns its state."""
        state = self.motion.at(time)
        position = np.array([[state.position[0], state.position[1], 0.0]])
        rotation = yaw_quaternion(np.array([state.heading]))
        self.shuttle.update(positions=position, orientations=rotation)
        self.visitors.place(state.position, state.heading)
        self.state = state
        return state

    def show_shuttle(self, visible: bool) -> None:
        """Show or hide the shuttle, its visitors and the route's marks on the plant (the
        ribbon and the stop posts): all hidden when looking from its seat, where a visitor sees
        the hall and the aisle's own paint, not the map's marks."""
        for actor in self.actors:
            actor.SetVisibility(visible)

    def remove(self) -> None:
        """Take the tour's actors off the plotter."""
        for actor in self.actors:
            self.plotter.renderer.RemoveActor(actor)
