"""The whole plant as VTK actors on a PyVista plotter (a Qt widget or an off-screen plotter).

:class:`PlantScene` builds the ground layers, the instanced parts (structure and equipment boxes,
robot links, car bodies, AGVs) and the labels from the model, and moves the camera.

Examples
--------
>>> import pyvista as pv
>>> from viewer.model.layout import load_plant
>>> plotter = pv.Plotter(off_screen=True, window_size=(320, 180))
>>> scene = PlantScene(plotter, load_plant())
>>> scene.show_view("stamping")
>>> plotter.close()
"""

from __future__ import annotations

import numpy as np
import pyvista as pv

from viewer.model.equipment import plant_parts
from viewer.model.geometry import yaw_quaternion
from viewer.model.layout import Plant
from viewer.model.parts import (
    BOX_ROLES,
    FINISHED_CAR,
    PAINT_ARM,
    TRANSLUCENT_ROLES,
    Boxes,
    PlantParts,
)
from viewer.model.robot import LINKS, forward_kinematics
from viewer.model.views import CameraPose, view_pose
from viewer.scene import palette, shapes
from viewer.scene.ground import ground_layers
from viewer.scene.instancing import InstancedShape
from viewer.scene.labels import Labels

_ROLE_COLORS = np.array([palette.ROLES[name] for name in BOX_ROLES])


class PlantScene:
    """Actors of one plant on one plotter."""

    def __init__(
        self,
        plotter: pv.BasePlotter,
        plant: Plant,
        lang: str = "en",
        parts: PlantParts | None = None,
    ) -> None:
        self.plotter = plotter
        self.plant = plant
        self.parts = parts if parts is not None else plant_parts(plant)
        self.instanced: dict[str, InstancedShape] = {}
        self.ground_actors: dict[str, pv.Actor] = {}
        plotter.set_background(palette.SKY_BOTTOM, top=palette.SKY_TOP)
        self._add_ground()
        self._add_boxes(self.parts.boxes)
        self._add_robots()
        self._add_cars()
        self._add_agvs()
        self.labels = Labels(plant, lang)
        for actor in self.labels.actors:
            plotter.renderer.AddActor(actor)
        self._add_lights()
        self.show_view("overview")

    # -- building -----------------------------------------------------------------------------
    def _add_ground(self) -> None:
        for name, mesh, color in ground_layers(self.plant):
            actor = self.plotter.add_mesh(
                mesh,
                color=color,
                lighting=True,
                ambient=0.25,
                diffuse=0.8,
                specular=0.0,
                name=name,
                reset_camera=False,
                pickable=False,
            )
            self.ground_actors[name] = actor

    def _instance(
        self, name: str, source: pv.PolyData, count: int, **kwargs: object
    ) -> InstancedShape:
        shape = InstancedShape(source, count, **kwargs)  # type: ignore[arg-type]
        self.instanced[name] = shape
        self.plotter.renderer.AddActor(shape.actor)
        return shape

    def _add_boxes(self, boxes: Boxes) -> None:
        for name, subset, opacity in (
            ("boxes", boxes.roles(TRANSLUCENT_ROLES, keep=False), 1.0),
            ("translucent-boxes", boxes.roles(TRANSLUCENT_ROLES), palette.TRANSLUCENT_OPACITY),
        ):
            shape = self._instance(name, shapes.unit_box(), len(subset), opacity=opacity)
            shape.update(
                positions=subset.bottom_center,
                orientations=yaw_quaternion(subset.yaw),
                scales=subset.size,
                colors=_ROLE_COLORS[subset.role],
            )
            if opacity < 1.0:
                shape.actor.GetProperty().SetSpecular(0.6)

    def _add_robots(self) -> None:
        robots = self.parts.robots
        poses = forward_kinematics(robots.base, robots.yaw, robots.joints)
        colors = np.where(
            (robots.model == PAINT_ARM)[:, None], palette.PAINT_ARM, palette.INDUSTRIAL_ARM
        )
        for link in LINKS:
            shape = self._instance(f"robot-{link}", shapes.robot_link(link), len(robots))
            shape.update(
                positions=poses.positions[link],
                orientations=poses.quaternions[link],
                colors=palette.TOOL if link == "tool" else colors,
            )

    def _add_cars(self) -> None:
        cars = self.parts.cars
        orientations = yaw_quaternion(cars.yaw)
        body = self._instance("car-body", shapes.car_body(), len(cars))
        body.update(positions=cars.position, orientations=orientations, colors=cars.color)
        body.actor.GetProperty().SetSpecular(0.5)
        finished = cars.variant == FINISHED_CAR
        glass = self._instance(
            "car-glass", shapes.car_glass(), int(finished.sum()), color=(0.10, 0.14, 0.18)
        )
        glass.update(positions=cars.position[finished], orientations=orientations[finished])
        glass.actor.GetProperty().SetSpecular(0.8)
        wheels = self._instance(
            "car-wheels", shapes.car_wheels(), int(finished.sum()), color=(0.08, 0.08, 0.09)
        )
        wheels.update(positions=cars.position[finished], orientations=orientations[finished])

    def _add_agvs(self) -> None:
        agvs = self.parts.agvs
        shape = self._instance("agvs", shapes.agv(), len(agvs), color=palette.AGV)
        shape.update(positions=agvs.position, orientations=yaw_quaternion(agvs.yaw))
        cargo = self._instance("agv-cargo", shapes.unit_box(), len(agvs))
        cargo.update(
            positions=agvs.position + [0, 0, 0.42],
            orientations=yaw_quaternion(agvs.yaw),
            scales=np.tile([2.2, 1.5, 0.3], (len(agvs), 1)),
            colors=_ROLE_COLORS[agvs.cargo],
        )

    def _add_lights(self) -> None:
        self.plotter.remove_all_lights()
        sun = pv.Light(position=(0.4, -0.6, 1.0), light_type="scene light", intensity=0.85)
        sun.positional = False
        fill = pv.Light(position=(-0.6, 0.5, 0.6), light_type="scene light", intensity=0.35)
        fill.positional = False
        head = pv.Light(light_type="headlight", intensity=0.25)
        for light in (sun, fill, head):
            self.plotter.add_light(light)

    # -- state --------------------------------------------------------------------------------
    @property
    def actor_count(self) -> int:
        """Number of actors (props) in the renderer, labels included: constant whatever the
        number of robots."""
        return self.plotter.renderer.GetViewProps().GetNumberOfItems()

    def set_language(self, lang: str) -> None:
        """Relabel every area in ``lang`` ('en' or 'zh')."""
        self.labels.set_language(lang)

    def view_pose(self, name: str) -> CameraPose:
        """The camera pose of preset view ``name`` for this plotter's aspect ratio."""
        width, height = self.plotter.window_size
        return view_pose(self.plant, name, aspect=width / max(height, 1))

    def camera_pose(self) -> CameraPose:
        """The camera's current pose."""
        camera = self.plotter.camera
        return CameraPose(tuple(camera.position), tuple(camera.focal_point), camera.view_angle)

    def apply_pose(self, pose: CameraPose) -> None:
        """Put the camera at ``pose`` (z up)."""
        camera = self.plotter.camera
        camera.position = pose.position
        camera.focal_point = pose.focal_point
        camera.up = (0.0, 0.0, 1.0)
        camera.view_angle = pose.view_angle
        self.plotter.renderer.camera_set = True  # keep PyVista from resetting it on first render
        self.plotter.renderer.ResetCameraClippingRange()

    def show_view(self, name: str) -> None:
        """Jump to preset view ``name`` (KeyError for an unknown view)."""
        self.apply_pose(self.view_pose(name))
