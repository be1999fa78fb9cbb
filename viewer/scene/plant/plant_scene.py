"""The whole plant as VTK actors on a PyVista plotter (a Qt widget or an off-screen plotter).

:class:`PlantScene` builds the ground layers, the instanced parts (structure and equipment boxes,
robot links, car bodies, AGVs) and the labels from the model, and moves the camera.
:meth:`PlantScene.draw` shows the plant in a :class:`~viewer.model.motion.simulation.PlantState` it
is
handed, writing it in place into the instanced arrays (nothing is rebuilt). The scene owns no
simulation: whatever drives time holds a :class:`~viewer.model.motion.plant_run.PlantRun`, computes
each moment's state once and hands it to the scene (the window's clock, the off-screen renderer).

Examples
--------
>>> import pyvista as pv
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.motion.plant_run import PlantRun
>>> run = PlantRun(load_plant())
>>> plotter = pv.Plotter(off_screen=True, window_size=(320, 180))
>>> scene = PlantScene(plotter, run.plant, parts=run.parts, state=run.state)
>>> scene.show_view("stamping")
>>> scene.draw(run.at(run.start_time + 30.0))
>>> plotter.close()
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkProp

from viewer.model.cars.sculpture import turn_angle
from viewer.model.geometry import yaw_quaternion
from viewer.model.motion.plant_run import PlantRun
from viewer.model.motion.robot import LINKS
from viewer.model.motion.simulation import PlantState
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import (
    BOX_ROLES,
    FINISHED_CAR,
    PAINT_ARM,
    TRANSLUCENT_ROLES,
    Boxes,
    PlantParts,
)
from viewer.model.plant.plant_signs import plant_signs
from viewer.model.plant.surroundings import outside_layout
from viewer.model.plant.views import CameraPose, view_pose
from viewer.scene import palette, shapes
from viewer.scene.cars.car_model_look import dress_instanced
from viewer.scene.cars.showroom import ShowroomScene
from viewer.scene.instancing import InstancedShape
from viewer.scene.kiosk.tiling import tiling_of
from viewer.scene.level_of_detail import LevelOfDetail
from viewer.scene.plant.boarding_bay import BoardingBayScene
from viewer.scene.plant.fence_mesh import MESH_ROLES, fence_panels, panel_mesh
from viewer.scene.plant.floor_shading import FloorShading
from viewer.scene.plant.ground import ground_layers
from viewer.scene.plant.halls import HallShells
from viewer.scene.plant.labels import Labels
from viewer.scene.plant.people import PeopleScene
from viewer.scene.plant.signs import SignBoards
from viewer.scene.plant.surroundings import OutsideScene
from viewer.scene.shadows import SunShadows

_ROLE_COLORS = np.array([palette.ROLES[name] for name in BOX_ROLES])
_GLASS = (0.10, 0.14, 0.18)
_TYRES = (0.08, 0.08, 0.09)
_LIGHT = (0.85, 0.05, 0.08)  # the full-width tail light
_RIMS = (0.66, 0.68, 0.72)  # silver ten-spoke rims, lighter than the showroom's (lit from above)
ROBOT_SIZE, CAR_SIZE, AGV_SIZE = 3.0, 5.0, 2.4  # metres, for the level of detail
CAR_SEEN = 2.0  # m: a car looks about this big (1.46 m tall, 1.96 m wide): its detail distance


MOVING = ("robot-", "line-car-", "track-car-", "moving-boxes", "agv", "people-", "forklift-")
CHAIR_SPECK = 2.5  # px: a chair smaller than this on screen is not drawn (Low and Medium)


class PlantScene:
    """Actors of one plant on one plotter."""

    def __init__(
        self,
        plotter: pv.BasePlotter,
        plant: Plant,
        lang: str = "en",
        parts: PlantParts | None = None,
        state: PlantState | None = None,
        text_scale: float = 1.0,
    ) -> None:
        """The scene of ``plant`` drawn in ``state`` (None: the plant when its car line is first
        full), from ``parts`` (None: built from the plant; give the model's, the same ones the
        states are computed from), labels in ``lang`` at ``text_scale``."""
        self.plotter = plotter
        self.plant = plant
        # PyVista draws the whole scene after each actor added to a plotter that has drawn:
        # about 90 frames when a plant is opened in the window
        suppressed = plotter.suppress_rendering
        plotter.suppress_rendering = True
        try:
            self._build(parts, lang, state, text_scale)
        finally:
            plotter.suppress_rendering = suppressed
        self._observer = plotter.renderer.AddObserver("StartEvent", self._before_render)

    def _build(
        self, parts: PlantParts | None, lang: str, state: PlantState | None, text_scale: float
    ) -> None:
        plotter, plant = self.plotter, self.plant
        self.parts = parts if parts is not None else plant_parts(plant)
        self.instanced: dict[str, InstancedShape] = {}
        self.detail = LevelOfDetail()
        self._extent_of: tuple[int, tuple[float, ...]] | None = None  # see _extent
        self.ground_actors: dict[str, pv.Actor] = {}
        # No frustum culling: VTK would judge a label by where it was last placed (before its
        # first frame its anchor alone, in the shadow pass where the sun's camera put it), so
        # a label half on screen would come and go with the view's history. The big instanced
        # shapes span the site and are never culled anyway.
        plotter.renderer.GetCullers().RemoveAllItems()
        self.set_sky(gradient=True)
        self.outside_layout = outside_layout(plant)  # trees, parked cars, road paint
        self._add_ground()
        self.floor_shading = FloorShading(plant, self.parts.boxes, self.ground_actors)
        self.halls = HallShells(self, self.parts.boxes)  # walls, roofs, ceilings: one-sided
        self._add_boxes(self.halls.rest)
        self.signs = SignBoards(plotter.renderer, plant, plant_signs(plant, self.parts))
        self._add_robots()
        self._add_cars()
        self.outside = OutsideScene(plotter, plant, self.detail, self.outside_layout)
        # the first state sizes the moving shapes; without one, the model's at its start
        first = state if state is not None else PlantRun(plant, self.parts).state
        self._add_moving(first)
        self._add_car_group("track-car", len(first.track_cars))  # the test track's laps
        self.people = PeopleScene(self._instance, plant)  # crews, walkers, forklifts
        self.boarding = None  # the boarding bay's waiting carts and people
        if plant.boarding is not None:
            self.boarding = BoardingBayScene(self._instance, plant.boarding)
        for name in (  # a pixel or two: not drawn (a person's three shapes go together)
            "people-torso",
            "people-legs",
            "people-seated-legs",
            "people-head",
            "forklift-body",
        ):
            if name in self.instanced:
                self.detail.vanish(self.instanced[name])
        # the canteen's 700 chairs seen from afar (8,000 triangles on Low from the body shop);
        # from the cafeteria's own view, specks of orange that make its floor a canteen's
        self.detail.vanish(self.people.chairs, pixels=CHAIR_SPECK)
        self.labels = Labels(plant, lang, scale=text_scale)
        for actor in self.labels.actors:
            plotter.renderer.AddActor(actor)
        self._add_lights()
        self.showroom = ShowroomScene(plotter, plant) if plant.sculpture is not None else None
        self._sculpture_angle: float | None = None  # where the sculpture was last placed
        self.shadows = SunShadows(self)  # off until a quality preset turns them on
        self.draw(first)
        self.show_view("overview")

    def release(self) -> None:
        """Stop updating before renders (when another scene replaces this one)."""
        self.plotter.renderer.RemoveObserver(self._observer)
        self.shadows.disable()
        if self.showroom is not None:
            self.showroom.release()

    def _before_render(self, *_: object) -> None:
        camera = self.plotter.renderer.GetActiveCamera()
        height = self.plotter.renderer.GetSize()[1]
        self.halls.update(camera.GetPosition())  # before the level of detail: it sets masks
        self.signs.update(camera.GetPosition())  # the letters of the signs in view
        width = self.plotter.renderer.GetSize()[0]
        direction = camera.GetDirectionOfProjection()
        angle = camera.GetViewAngle()
        wall = tiling_of(self.plotter.renderer)  # a video wall's tile: decide for the wall
        if wall is not None:
            angle, (width, height) = wall.wall_angle, wall.view.wall_size
        aspect = width / max(height, 1)
        up = camera.GetViewUp()
        self.detail.update(camera.GetPosition(), angle, height, direction, aspect, up=up)
        self.labels.declutter(self.plotter.renderer)  # labels that would overlap wait for room

    def set_sky(self, gradient: bool) -> None:
        """The sky: shading from pale at the horizon to blue, or one plain colour (cheaper).

        Opaque either way (VTK's default background alpha is 0): see-through glass over the
        sky then stays opaque in the window, with no pass to clear the alpha.
        """
        if gradient:
            self.plotter.set_background(palette.SKY_BOTTOM, top=palette.SKY_TOP)
        else:
            self.plotter.set_background(palette.SKY)
        self.plotter.renderer.SetBackgroundAlpha(1.0)

    # -- building -----------------------------------------------------------------------------
    def _add_ground(self) -> None:
        for name, mesh, color in ground_layers(self.plant, self.outside_layout):
            actor = self.plotter.add_mesh(
                mesh,
                color=color,
                lighting=False,  # flat ground: lighting would be the same everywhere
                name=name,
                reset_camera=False,
                pickable=False,
            )
            self.ground_actors[name] = actor

    def _instance(
        self,
        name: str,
        source: pv.PolyData,
        count: int,
        size: float | None = None,
        anchor: str | None = None,
        seen: float | None = None,
        **kwargs: object,
    ) -> InstancedShape:
        """An instanced shape; with ``size`` (m) or ``anchor`` its level of detail is managed."""
        shape = InstancedShape(source, count, **kwargs)  # type: ignore[arg-type]
        self.instanced[name] = shape
        for actor in shape.actors:
            self.plotter.renderer.AddActor(actor)
        if size is not None or anchor is not None:
            self.detail.add(shape, size, self.instanced[anchor] if anchor else None, seen=seen)
        return shape

    def _add_boxes(self, boxes: Boxes) -> None:
        for name, subset, opacity in (
            ("boxes", boxes.roles(TRANSLUCENT_ROLES | MESH_ROLES, keep=False), 1.0),
            (
                "translucent-boxes",
                boxes.roles(TRANSLUCENT_ROLES - MESH_ROLES),
                palette.TRANSLUCENT_OPACITY,
            ),
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
            # boxes too small to see are culled (a low quality preset's), and all out of view;
            # a box looks as big as its two largest sides together (a pole or a rail is thin)
            sides = np.sort(subset.size, axis=1)
            seen = np.sqrt(sides[:, 2] * sides[:, 1])
            self.detail.add(shape, subset.size.max(axis=1), cull=True, seen=seen)
        # the cells' mesh fences: opaque wire mesh panels (scene.plant.fence_mesh), culled
        # from as far as a wire would be a pixel or two across
        positions, yaws, scales = fence_panels(boxes.roles(MESH_ROLES))
        mesh = self._instance("fence-mesh", panel_mesh(), len(yaws))
        mesh.update(
            positions=positions,
            orientations=yaw_quaternion(yaws),
            scales=scales,
            colors=np.broadcast_to(palette.ROLES["fence"], scales.shape),
        )
        self.detail.add(mesh, scales.max(axis=1), cull=True, seen=np.full(len(yaws), 0.3))

    def _add_robots(self) -> None:
        robots = self.parts.robots
        colors = np.where(
            (robots.model == PAINT_ARM)[:, None], palette.PAINT_ARM, palette.INDUSTRIAL_ARM
        )
        for link in LINKS:
            shape = self._instance(
                f"robot-{link}",
                shapes.robot_link(link),
                len(robots),
                size=ROBOT_SIZE,
                anchor="robot-turret" if link != "turret" else None,
                far=shapes.robot_link_far(link),
                tiny=shapes.robot_tiny() if link == "turret" else None,
            )
            shape.update(colors=palette.TOOL if link == "tool" else colors)
        # a paint robot's slim forearm, hollow wrist and bell atomiser: shapes of their own,
        # each holding every robot (anchored to the turrets), showing the paint robots only
        paint = robots.model == PAINT_ARM
        for link in shapes.PAINT_LINKS:
            shape = self._instance(
                f"robot-paint-{link}",
                shapes.paint_robot_link(link),
                len(robots),
                size=ROBOT_SIZE,
                anchor="robot-turret",
            )
            shape.update(colors=palette.PAINT_BELL if link == "tool" else colors)
            self.detail.set_visible(shape, paint)
            self.detail.set_visible(self.instanced[f"robot-{link}"], ~paint)

    def _add_cars(self) -> None:
        cars = self.parts.cars
        orientations = yaw_quaternion(cars.yaw)
        body = self._instance(
            "car-body",
            shapes.car_body(),
            len(cars),
            size=CAR_SIZE,
            seen=CAR_SEEN,
            far=shapes.car_far(),
            tiny=shapes.car_tiny(),
        )
        body.update(positions=cars.position, orientations=orientations, colors=cars.color)
        body.actor.GetProperty().SetSpecular(0.5)
        dress_instanced(body)  # a user's --car-model in its own colours
        finished = cars.variant == FINISHED_CAR
        glass = self._instance(
            "car-glass",
            shapes.car_glass(),
            int(finished.sum()),
            size=CAR_SIZE,
            seen=CAR_SEEN,
            color=_GLASS,
        )
        glass.update(positions=cars.position[finished], orientations=orientations[finished])
        glass.actor.GetProperty().SetSpecular(0.8)
        wheels = self._instance(
            "car-wheels",
            shapes.car_wheels(),
            int(finished.sum()),
            size=CAR_SIZE,
            seen=CAR_SEEN,
            color=_TYRES,
        )
        lights = self._instance(
            "car-lights",
            shapes.car_tail_light(),
            int(finished.sum()),
            size=CAR_SIZE,
            seen=CAR_SEEN,
            color=_LIGHT,
        )
        rims = self._instance(
            "car-rims",
            shapes.car_rims(),
            int(finished.sum()),
            size=CAR_SIZE,
            seen=CAR_SEEN,
            color=_RIMS,
        )
        for shape in (lights, wheels, rims):
            shape.update(positions=cars.position[finished], orientations=orientations[finished])

    def _add_moving(self, state: PlantState) -> None:
        """Instanced shapes for what moves: line cars, machine parts, AGVs."""
        self._add_car_group("line-car", len(state.cars.color))
        moving = self._instance("moving-boxes", shapes.unit_box(), len(state.boxes))
        # out of the picture or a few pixels big: not drawn (their sizes are set as they move)
        self.detail.add(moving, np.ones(len(state.boxes)), cull=True)
        agvs = self.parts.agvs
        self._instance(
            "agvs", shapes.agv(), len(agvs), size=AGV_SIZE, color=palette.AGV, far=shapes.agv_far()
        )
        cargo = self._instance(
            "agv-cargo", shapes.unit_box(), len(agvs), size=AGV_SIZE, anchor="agvs"
        )
        cargo.update(
            scales=np.tile([2.2, 1.5, 0.3], (len(agvs), 1)), colors=_ROLE_COLORS[agvs.cargo]
        )

    def _add_car_group(self, prefix: str, count: int) -> None:
        """Instanced shapes for ``count`` moving finished cars (body, glass, wheels, rims, tail
        lights), named ``prefix``-body and so on: the line's, the test track's."""
        body = self._instance(
            f"{prefix}-body",
            shapes.car_body(),
            count,
            size=CAR_SIZE,
            seen=CAR_SEEN,
            far=shapes.car_far(),
            tiny=shapes.car_tiny(),
        )
        body.actor.GetProperty().SetSpecular(0.5)
        dress_instanced(body)  # a user's --car-model in its own colours
        for part, source, color in (
            ("glass", shapes.car_glass(), _GLASS),
            ("wheels", shapes.car_wheels(), _TYRES),
            ("rims", shapes.car_rims(), _RIMS),  # near only, like the glass and the wheels
            ("lights", shapes.car_tail_light(), _LIGHT),
        ):
            shape = self._instance(  # placed with the body: chosen with it too
                f"{prefix}-{part}",
                source,
                count,
                size=CAR_SIZE,
                anchor=f"{prefix}-body",
                seen=CAR_SEEN,
                color=color,
            )
            if part == "glass":
                shape.actor.GetProperty().SetSpecular(0.8)

    def _add_lights(self) -> None:
        self.plotter.remove_all_lights()
        sun = pv.Light(position=(0.4, -0.6, 1.0), light_type="scene light", intensity=0.85)
        sun.positional = False
        fill = pv.Light(position=(-0.6, 0.5, 0.6), light_type="scene light", intensity=0.35)
        fill.positional = False
        head = pv.Light(light_type="headlight", intensity=0.25)
        self.sun, self.fill = sun, fill  # scene.shadows casts along the sun's direction
        self.headlight = head  # off in the low quality preset (a light costs every pixel)
        for light in (sun, fill, head):
            self.plotter.add_light(light)

    # -- time ---------------------------------------------------------------------------------
    def draw(self, state: PlantState) -> None:
        """Show the plant in ``state`` (the model's, at one simulation time)."""
        for link in LINKS:
            self.instanced[f"robot-{link}"].update(
                positions=state.poses.positions[link], orientations=state.poses.quaternions[link]
            )
        for link in shapes.PAINT_LINKS:
            self.instanced[f"robot-paint-{link}"].update(
                positions=state.poses.positions[link], orientations=state.poses.quaternions[link]
            )
        self._update_cars(state)
        track, turn = state.track_cars, yaw_quaternion(state.track_cars.yaw)
        for part in ("body", "glass", "wheels", "rims", "lights"):
            self.instanced[f"track-car-{part}"].update(positions=track.position, orientations=turn)
        self.instanced["track-car-body"].update(colors=track.color)
        boxes = state.boxes
        self.instanced["moving-boxes"].update(
            positions=boxes.bottom_center,
            orientations=yaw_quaternion(boxes.yaw),
            scales=boxes.size,
            colors=boxes.color,
        )
        rotation = yaw_quaternion(state.agv_yaw)
        self.instanced["agvs"].update(positions=state.agv_position, orientations=rotation)
        self.instanced["agv-cargo"].update(
            positions=state.agv_position + [0.0, 0.0, 0.42], orientations=rotation
        )
        sizes = boxes.size.max(axis=1)
        self.detail.set_visible(self.instanced["moving-boxes"], sizes > 0, size=sizes)
        self.detail.moved()
        if self.showroom is not None:
            # placed again only when it turned: a still sculpture stays in the still frame
            angle = turn_angle(self.showroom.sculpture, state.time)
            if angle != self._sculpture_angle:
                self.showroom.set_time(state.time)
                self._sculpture_angle = angle
        self.people.set_time(state.time)

    def _update_cars(self, state: PlantState) -> None:
        products = state.cars.products
        rotation = yaw_quaternion(products.yaw)
        finished = products.visible & (products.variant == FINISHED_CAR)
        body = self.instanced["line-car-body"]
        body.update(positions=products.position, orientations=rotation, colors=state.cars.color)
        self.detail.set_visible(body, products.visible)
        for name in ("line-car-glass", "line-car-wheels", "line-car-rims", "line-car-lights"):
            self.instanced[name].update(positions=products.position, orientations=rotation)
            self.detail.set_visible(self.instanced[name], finished)

    def moving_props(self) -> list[vtkProp]:
        """The actors that change every frame while the plant runs (robots, cars, loads,
        people, the lobby's sculpture if it turns) and the labels (placed each frame): what a
        still frame draws again (:mod:`viewer.scene.still_frame`; it finds any other that
        changes by itself)."""
        moving = [self.instanced[name] for name in self.instanced if name.startswith(MOVING)]
        turns = self.plant.sculpture is not None and self.plant.sculpture.turn_period > 0
        turning = [actor for actor, _ in self.showroom.turning] if self.showroom and turns else []
        return [
            *(actor for shape in moving for actor in shape.actors),
            *turning,  # a turning sculpture and its car, and their copies in the mirror
            *self.labels.actors,
        ]

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
        wall = tiling_of(self.plotter.renderer)  # a video wall's tile: the wall's pose
        aspect = wall.wall_aspect if wall is not None else width / max(height, 1)
        return view_pose(self.plant, name, aspect=aspect)

    def camera_pose(self) -> CameraPose:
        """The camera's current pose."""
        camera = self.plotter.camera
        return CameraPose(tuple(camera.position), tuple(camera.focal_point), camera.view_angle)

    def apply_pose(self, pose: CameraPose) -> None:
        """Put the camera at ``pose`` (z up)."""
        camera = self.plotter.camera
        camera.SetPosition(pose.position)  # VTK's own setters: PyVista's reset the clipping
        camera.SetFocalPoint(pose.focal_point)  # range with every call, a walk over every
        camera.SetViewUp(0.0, 0.0, 1.0)  # prop's bounds (milliseconds a frame in a moving seat)
        camera.SetViewAngle(pose.view_angle)
        self.plotter.renderer.camera_set = True  # keep PyVista from resetting it on first render
        self.plotter.renderer.ResetCameraClippingRange(self._extent())
        # A camera at eye height sees the floor a metre or two away: bring the near plane in.
        near, far = camera.GetClippingRange()
        eye_height = max(pose.position[2], 0.1)
        if near > 0.3 * eye_height:
            camera.SetClippingRange(max(0.05, 0.3 * eye_height), far)

    def _extent(self) -> tuple[float, ...]:
        """The bounds of everything the renderer shows, for the camera's clipping range: worked
        out again only when props were added or removed (what moves stays on the site)."""
        renderer = self.plotter.renderer
        count = renderer.GetViewProps().GetNumberOfItems()
        if self._extent_of is None or self._extent_of[0] != count:
            self._extent_of = (count, tuple(renderer.ComputeVisiblePropBounds()))
        return self._extent_of[1]

    def show_view(self, name: str) -> None:
        """Jump to preset view ``name`` (KeyError for an unknown view)."""
        self.apply_pose(self.view_pose(name))
