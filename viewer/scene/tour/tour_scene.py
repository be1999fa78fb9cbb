"""The tour on the plant: the route painted on the ground, stop markers and the shuttle.

:class:`TourScene` adds its actors to a plotter that already shows a
:class:`~viewer.scene.plant.plant_scene.PlantScene`, built from the tour's
:class:`~viewer.model.tour.shuttle.TourMotion` (its path, stops and ride); :meth:`TourScene.draw`
shows
the shuttle in a :class:`~viewer.model.tour.shuttle.ShuttleState` it is handed (in place, instanced
like
every other moving part). The scene keeps neither the motion nor the route: whatever drives the
tour's time owns them (the window's :class:`~viewer.ui.tour.tour_controller.TourController`, the
off-screen renderer) and asks the motion for each moment's state.

A route that ends with a test ride (:mod:`viewer.model.tour.track_ride`) also gets the ride's SU7 on
the track (seen from the chase and overview cameras), its cabin (:mod:`viewer.scene.cars.cabin`,
seen from the seat: the passenger camera) and the ride's rough stretches on the track (striped
bands, where the car slows down). The car and the cabin show only during the ride; from the
passenger seat the plant's place labels are muted
(:meth:`~viewer.scene.plant.labels.Labels.set_muted`),
and the seat's cut from the shuttle into the car dips to black for a moment
(:class:`~viewer.scene.cars.cabin.CutFade`).

Examples
--------
>>> import pyvista as pv
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.tour.route import load_route
>>> from viewer.model.tour.shuttle import TourMotion
>>> plant = load_plant()
>>> motion = TourMotion(load_route(), plant)
>>> plotter = pv.Plotter(off_screen=True, window_size=(320, 180))
>>> tour = TourScene(plotter, motion, plant)
>>> tour.draw(motion.at(motion.stop_times[3] + 5.0))  # at the die-casting stop
>>> plotter.close()
"""

from __future__ import annotations

import numpy as np
import pyvista as pv

from viewer.model.cars.car import SU7_COLORS
from viewer.model.geometry import ribbon, yaw_quaternion
from viewer.model.plant.layout import Plant
from viewer.model.tour.shuttle import ShuttleState, TourMotion
from viewer.model.tour.track_ride import RideMotion
from viewer.scene import shapes
from viewer.scene.cars.cabin import Cabin, CutFade
from viewer.scene.cars.car_model_look import dress_instanced
from viewer.scene.instancing import InstancedShape
from viewer.scene.plant.labels import labels_of
from viewer.scene.plant.people import ShuttleVisitors

ROUTE_COLOR = (0.96, 0.42, 0.10)
STOP_COLOR = (0.85, 0.16, 0.20)
SHUTTLE_COLOR = (0.95, 0.96, 0.97)
RIDE_CAR_COLOR = SU7_COLORS["aqua_blue"]
ROUGH_COLORS = ((0.47, 0.45, 0.42), (0.30, 0.29, 0.28))  # stripes of a rough stretch
ROUGH_STRIPE_M = 1.5


class TourScene:
    """The actors of one route (see the module docstring)."""

    def __init__(
        self,
        plotter: pv.BasePlotter,
        motion: TourMotion,
        plant: Plant,
        shuttle: ShuttleState | None = None,
    ) -> None:
        """The tour of ``motion`` on ``plant``, drawn in ``shuttle`` (None: at the start)."""
        self.plotter = plotter
        points, faces = ribbon(motion.path, 1.2, z=0.12)  # over the aisle paint
        path = shapes.mesh_from_arrays(points, faces)
        self.route_actor = plotter.add_mesh(
            path, color=ROUTE_COLOR, lighting=False, reset_camera=False, pickable=False
        )
        markers, heading = motion.point_at(motion.stop_arc)
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
        self.seat = False  # the seat camera is on (the shuttle is hidden)
        self.ride_actors: list = []
        self._cut: float | None = None  # the tour time the ride starts (None: no ride)
        if motion.ride is not None:
            self._cut = motion.stop_spans[-1][0]  # the ride stop ends the route
            self._add_ride(plotter, motion.ride, plant)
        self._shown = shuttle if shuttle is not None else motion.at(0.0)  # the state drawn
        self.draw(self._shown)

    def _add_ride(self, plotter: pv.BasePlotter, ride: RideMotion, plant: Plant) -> None:
        """The ride's car, its cabin and the rough stretches on the track."""
        self.ride_car = [
            InstancedShape(shapes.car_body(), 1, color=RIDE_CAR_COLOR),
            InstancedShape(shapes.car_glass(), 1, color=(0.08, 0.11, 0.15)),
            InstancedShape(shapes.car_wheels(), 1, color=(0.06, 0.06, 0.07)),
            InstancedShape(shapes.car_tail_light(), 1, color=(0.85, 0.05, 0.08)),
        ]
        self.ride_car[0].actor.GetProperty().SetSpecular(0.5)
        dress_instanced(self.ride_car[0])  # a user's --car-model in its own colours
        self.cabin = Cabin()
        self.ride_actors = [actor for shape in self.ride_car for actor in shape.actors]
        self.ride_actors.append(self.cabin.actor)
        self.fade = CutFade()  # the seat's cut from the shuttle into the car dips to black
        plotter.renderer.AddViewProp(self.fade.actor)
        bands = rough_bands(ride, plant.track.width - 1.0)
        if bands is not None:
            self.ride_actors.append(
                plotter.add_mesh(bands, scalars="rgb", rgb=True, reset_camera=False, pickable=False)
            )
        for actor in self.ride_actors:
            plotter.renderer.AddActor(actor)

    def draw(self, state: ShuttleState) -> None:
        """Show the shuttle (and the ride's car) in ``state`` (the tour's, at one tour time)."""
        position = np.array([[state.position[0], state.position[1], 0.0]])
        rotation = yaw_quaternion(np.array([state.heading]))
        self.shuttle.update(positions=position, orientations=rotation)
        self.visitors.place(state.position, state.heading)
        self._shown = state
        self._show_ride()

    def _show_ride(self) -> None:
        """The ride's car on the track (the cabin instead, from the seat) during the ride."""
        if self._cut is None:
            return
        ride = self._shown.ride
        if ride is not None:
            position = np.array([[ride.position[0], ride.position[1], 0.0]])
            rotation = yaw_quaternion(np.array([ride.heading]))
            for shape in self.ride_car:
                shape.update(positions=position, orientations=rotation)
            self.cabin.place(ride.position, ride.heading)
        for shape in self.ride_car:
            for actor in shape.actors:
                actor.SetVisibility(ride is not None and not self.seat)
        self.cabin.set_visible(ride is not None and self.seat)
        self.fade.show(self._shown.time - self._cut if self.seat else None)
        for labels in labels_of(self.plotter.renderer):  # the passenger watches the road
            labels.set_muted(ride is not None and self.seat)

    def show_shuttle(self, visible: bool) -> None:
        """Show or hide the shuttle, its visitors and the route's marks on the plant (the
        ribbon and the stop posts): all hidden when looking from its seat, where a visitor sees
        the hall and the aisle's own paint, not the map's marks."""
        for actor in self.actors:
            actor.SetVisibility(visible)
        self.seat = not visible  # in a ride, the seat is the passenger's: the cabin shows
        self._show_ride()

    def remove(self) -> None:
        """Take the tour's actors off the plotter."""
        for actor in self.actors + self.ride_actors:
            self.plotter.renderer.RemoveActor(actor)
        if self.ride_actors:
            self.plotter.renderer.RemoveViewProp(self.fade.actor)
        for labels in labels_of(self.plotter.renderer):
            labels.set_muted(False)


def rough_bands(ride: RideMotion, width: float) -> pv.PolyData | None:
    """The ride's rough stretches as striped bands across the track (None: it has none)."""
    meshes = []
    for stretch in ride.ride.rough:
        end = min(stretch.end_m, ride.length)
        if end <= stretch.start_m:
            continue
        count = max(int(np.ceil((end - stretch.start_m) / ROUGH_STRIPE_M)), 1)
        points, _ = ride.point_at(np.linspace(stretch.start_m, end, count + 1))
        verts, quads = ribbon(points, width, z=0.02)
        mesh = shapes.mesh_from_arrays(verts, quads)
        stripes = np.array(ROUGH_COLORS)[np.arange(len(quads)) % 2]
        mesh.cell_data["rgb"] = (stripes * 255).astype(np.uint8)
        meshes.append(mesh)
    if not meshes:
        return None
    return meshes[0].merge(meshes[1:]) if len(meshes) > 1 else meshes[0]
