"""Halls with roofs and ceilings seen from inside, cut away from above
(viewer.model.plant.structure,
viewer.scene.plant.halls)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import pyvista as pv

from viewer.model.geometry import inside_polygon
from viewer.model.plant.layout import Building, Plant, Text
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
from viewer.model.plant.structure import DOOR_HEIGHT, VIEW_TOP, add_building
from viewer.model.plant.surroundings import distance_to_polyline
from viewer.model.plant.views import CameraPose
from viewer.model.tour.route import load_route
from viewer.model.tour.tour_camera import tour_pose
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.snapshot import OffscreenRenderer, middle_of_stop

SIZE = (480, 270)
MAGENTA = "#ff00ff"  # the sky for these tests: no surface of the plant has this colour
HALL_ACTORS = ("hall-shell", "hall-glow", "hall-outside", "hall-gear", "hall-trusses")


def _workshop(id: str, kind: str = "workshop", height: float = 16.0) -> Building:
    footprint = np.array([[0.0, 0.0], [100.0, 0.0], [100.0, 60.0], [0.0, 60.0]])
    return Building(id, Text(id, id), kind, footprint, height, 1)


def _roles(building: Building, crossings=(), lanes=()) -> tuple[np.ndarray, object]:
    builder = PartsBuilder()
    add_building(builder, building, crossings, lanes)
    boxes = builder.build().boxes
    return np.array(BOX_ROLES)[boxes.role], boxes


def test_a_production_hall_has_a_roof_skylights_trusses_lamps_ducts_and_walls():
    roles, boxes = _roles(_workshop("paint-annex"))
    for role in ("roof", "skylight", "truss", "lamp", "duct", "cable_tray", "wall", "window"):
        assert (roles == role).any(), role
    assert not np.isin(roles, ["crane", "crane_rail"]).any()  # no cranes outside the two halls
    roof = boxes.bottom_center[roles == "roof"][0]
    assert roof[2] + boxes.size[roles == "roof"][0, 2] == pytest.approx(16.0)
    # skylights just under the roof, trusses under them, lamps hanging below the trusses
    top = {r: (boxes.bottom_center[:, 2] + boxes.size[:, 2])[roles == r] for r in roles}
    bottom = {r: boxes.bottom_center[roles == r, 2] for r in roles}
    assert bottom["skylight"].min() >= roof[2] - 0.1  # in the roof's underside
    assert top["truss"].max() <= roof[2] + 1e-6
    assert top["lamp"].max() <= bottom["truss"].min()
    # every truss panel lies inside the hall
    centers = boxes.bottom_center[roles == "truss", :2]
    assert ((centers > 0) & (centers < [100, 60])).all()


@pytest.mark.parametrize("hall", ["die-casting", "stamping"])
def test_die_casting_and_stamping_have_gantry_cranes_on_rails(hall):
    roles, boxes = _roles(_workshop(hall, height=24.0))
    assert (roles == "crane").sum() >= 4 and (roles == "crane_rail").sum() >= 2
    rails = boxes.size[roles == "crane_rail"]
    assert rails[:, 0].max() > 90.0  # along the whole hall


def test_a_service_building_has_a_plain_ceiling():
    roles, _ = _roles(_workshop("canteen", kind="service", height=9.0))
    assert (roles == "roof").any()
    assert not np.isin(roles, ["skylight", "truss", "lamp", "crane", "duct"]).any()


def test_walls_face_into_the_hall_and_open_where_an_aisle_crosses():
    aisle = (np.array([[50.0, -20.0], [50.0, 30.0]]), 3.0)  # through the south wall at x = 50
    roles, boxes = _roles(_workshop("hall"), crossings=[aisle])
    walls = np.isin(roles, ["wall", "window"])
    # the local +y side of every wall box points into the footprint
    inward = np.column_stack([-np.sin(boxes.yaw), np.cos(boxes.yaw)])[walls]
    probe = boxes.bottom_center[walls, :2] + 2.0 * inward
    assert ((probe > 0) & (probe < [100, 60])).all()
    # no wall below the shuttle's roof where the aisle crosses; a door's coil above the gap
    low = walls & (boxes.bottom_center[:, 2] < 2.2)
    south = low & (np.abs(boxes.bottom_center[:, 1]) < 1.0)
    x0 = boxes.bottom_center[south, 0] - boxes.size[south, 0] / 2
    x1 = boxes.bottom_center[south, 0] + boxes.size[south, 0] / 2
    assert not ((x0 < 51.5) & (x1 > 48.5)).any()
    assert ((x0 < 40) | (x1 > 60)).any()  # the wall is there beside the door
    doors = boxes.bottom_center[roles == "door"]
    assert len(doors) == 1 and doors[0][0] == pytest.approx(50.0)


def test_a_wall_beside_a_visitor_aisle_is_glazed_at_eye_height():
    lane = (np.array([[10.0, -5.0], [90.0, -5.0]]), 3.0)  # along the south wall, outside
    roles, boxes = _roles(_workshop("hall"), lanes=[lane])
    glass = (roles == "glass") & (np.abs(boxes.bottom_center[:, 1]) < 1.0)
    assert glass.any()
    assert (boxes.bottom_center[glass, 2] < 1.55).all()
    assert ((boxes.bottom_center[glass, 2] + boxes.size[glass, 2]) > 1.55).all()
    north = (roles == "glass") & (boxes.bottom_center[:, 1] > 59.0)
    assert not north.any()
    inside = (np.array([[10.0, 5.0], [90.0, 5.0]]), 3.0)  # along the same wall, inside
    roles, _ = _roles(_workshop("hall"), lanes=[inside])
    assert not (roles == "glass").any()  # from inside, a wall is not a window on the yard


def test_the_roof_stays_open_over_a_room_with_a_ceiling_of_its_own(plant):
    """The lobby's mirrored ceiling shows what hangs below it reflected above: no roof there."""
    from viewer.model.plant.layout import Room

    hall = _workshop("lobby-hall", kind="hall", height=14.0)
    room = Room(
        "lobby", Text("lobby", "lobby"), np.array([[0, 0], [40, 0], [40, 60], [0, 60.0]]), 2
    )
    hall = dataclasses.replace(hall, rooms=(room,))
    builder = PartsBuilder()
    add_building(builder, hall, own_ceiling="lobby")
    boxes = builder.build().boxes
    roofs = np.array(BOX_ROLES)[boxes.role] == "roof"
    x0 = boxes.bottom_center[roofs, 0] - boxes.size[roofs, 0] / 2
    assert roofs.any() and (x0 >= 40.0 - 1e-6).all()  # roofed beside the lobby, not over it
    assert boxes.size[roofs, 0].sum() == pytest.approx(60.0)


# -- on screen -------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tour_renderer(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    renderer.plotter.set_background(MAGENTA)
    yield renderer
    renderer.close()


def _magenta(image: np.ndarray) -> np.ndarray:
    return (image[..., 0] > 240) & (image[..., 1] < 15) & (image[..., 2] > 240)


def _sky_reach(pose: CameraPose) -> float:
    """How far (m) from the eye a wall's opening at eye level, a roller door or a viewing
    window, can still show the sky above its lintel in the upper third of this seat view."""
    eye, focal = np.array(pose.position), np.array(pose.focal_point)
    pitch = np.arctan2(focal[2] - eye[2], np.hypot(*(focal - eye)[:2]))
    upper_third = np.arctan(np.tan(np.radians(pose.view_angle) / 2) / 3) + pitch
    return (max(DOOR_HEIGHT, VIEW_TOP) - eye[2]) / np.tan(upper_third)


def _depth_inside(plant: Plant, eye: tuple[float, float, float]) -> float:
    """How far ``eye`` is inside a production hall's walls (m): the distance to the nearest
    wall of the workshop it is in, or 0 when it is in none."""
    eye = np.array(eye)
    depth = 0.0
    for b in plant.buildings:
        if b.kind == "workshop" and inside_polygon(eye[None, :2], b.footprint)[0]:
            wall = float(distance_to_polyline(eye[None, :2], b.footprint, closed=True)[0])
            depth = max(depth, wall)
    return depth


def _indoor(renderer: OffscreenRenderer, tour_time: float) -> bool:
    """Whether the seat at ``tour_time`` is inside a production hall."""
    eye = tour_pose(renderer.tour_motion, renderer.plant, "seat", tour_time).position
    return any(
        b.kind == "workshop"
        and b.bounds[0] < eye[0] < b.bounds[2]
        and b.bounds[1] < eye[1] < b.bounds[3]
        for b in renderer.plant.buildings
    )


def _indoor_stops(renderer: OffscreenRenderer) -> list[str]:
    """Stops whose seat, in the middle of the stop, is inside a production hall."""
    tour = renderer.tour_motion
    return [s.id for s in tour.route.stops if _indoor(renderer, middle_of_stop(tour, s.id))]


def test_from_the_seat_inside_a_hall_no_sky_shows_in_the_upper_third(tour_renderer):
    stops = _indoor_stops(tour_renderer)
    assert len(stops) >= 2
    for stop in stops:
        image = tour_renderer.render_stop(stop)
        upper = _magenta(image[: SIZE[1] // 3])
        assert upper.sum() == 0, f"sky in the upper third at stop {stop}: {upper.sum()} pixels"
    # the same sky does show above the roofs, looking level (the check can fail)
    x, y = tour_renderer.plant.boundary.mean(axis=0)
    image = tour_renderer.render(pose=CameraPose((x, y, 60.0), (x + 100.0, y, 60.0), 60.0))
    assert _magenta(image[: SIZE[1] // 3]).mean() > 0.5


def _indoor_drive_times(renderer: OffscreenRenderer) -> list[float]:
    """Every 5 s of the tour at which the seat is indoors: its eye farther inside a production
    hall's walls than any door or viewing window could show the sky in the upper third from
    (about 14 m with the seat's 70-degree view and 4.5-m doors). Nearer a wall the seat rightly
    sees the sky out of a door or through the glass; those moments are left out by this rule,
    not by where the samples happen to fall."""
    tour = renderer.tour_motion
    end = float(tour.stop_times[-1]) + tour.route.stops[-1].dwell
    times = []
    for t in np.arange(0.0, end, 5.0):
        pose = tour_pose(tour, renderer.plant, "seat", t)
        if _depth_inside(renderer.plant, pose.position) > _sky_reach(pose):
            times.append(float(t))
    return times


def test_driving_through_the_halls_no_sky_shows_in_the_upper_third(tour_renderer):
    """Every 5 s of the tour while the seat is indoors (see _indoor_drive_times)."""
    times = _indoor_drive_times(tour_renderer)
    assert len(times) >= 60
    start = tour_renderer.run.start_time
    for t in times:
        image = tour_renderer.render(time=start + t, tour_time=t, camera="seat")
        upper = _magenta(image[: SIZE[1] // 3]).sum()
        assert upper == 0, f"sky in the upper third at tour time {t:.0f} s: {upper} pixels"


def _robot_pixels(image: np.ndarray) -> int:
    r, g, b = (image[..., i].astype(int) for i in range(3))
    return int(((r > 120) & (r > 1.6 * g) & (g > 0.25 * r) & (b < 0.35 * r)).sum())


@pytest.mark.parametrize("view", ["overview", "body"])
def test_from_above_the_roof_and_walls_do_not_hide_the_hall(plant, view):
    renderer = OffscreenRenderer(plant, SIZE, quality="low")
    try:
        with_halls = renderer.render(view=view)
        halls = [renderer.scene.instanced[name] for name in HALL_ACTORS]
        for shape in halls:
            for actor in shape.actors:
                actor.VisibilityOff()
        without = renderer.render(view=view)
    finally:
        renderer.close()
    robots = _robot_pixels(without)
    assert robots > 40  # the body shop's orange robots are on screen
    assert _robot_pixels(with_halls) >= 0.85 * robots


def test_ceiling_gear_shows_only_inside_its_hall(plant):
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    try:
        scene = PlantScene(plotter, plant)
        scene.show_view("stamping")
        plotter.screenshot(return_img=True)  # a first render (render() waits for a show)
        assert not scene.halls.gear_shown().any()
        assert not scene.halls.outside_shown().any()  # from above, the near walls vanish
        stamping = next(b for b in plant.buildings if b.id == "stamping")
        x0, y0, x1, y1 = stamping.bounds
        eye = ((x0 + x1) / 2, (y0 + y1) / 2, 1.55)
        scene.apply_pose(CameraPose(eye, (x1, eye[1], 6.0), 60.0))
        plotter.render()
        shown = scene.halls.gear_shown()
        assert shown.any()
        where = np.vstack([shape.positions for shape in scene.halls.gear])[shown]
        assert ((where[:, :2] > [x0 - 1, y0 - 1]) & (where[:, :2] < [x1 + 1, y1 + 1])).all()
        # from the floor every building is closed: each one's outer walls are wanted, and
        # drawn where they are in the picture
        outside = next(e for e in scene.detail.entries if e.shape is scene.halls.outside)
        assert outside.visible.all() and scene.halls.outside_shown().any()
    finally:
        plotter.close()


def test_actor_count_does_not_grow_with_buildings(plant):
    copies = tuple(
        dataclasses.replace(b, id=f"{b.id}-copy", footprint=b.footprint + [0.0, -900.0])
        for b in plant.buildings
    )
    counts = []
    for variant in (plant, dataclasses.replace(plant, buildings=plant.buildings + copies)):
        plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
        scene = PlantScene(plotter, variant)
        plotter.render()
        counts.append(scene.actor_count - len(scene.labels.actors))
        sizes = [scene.instanced[name].count for name in HALL_ACTORS]
        plotter.close()
        counts.append(sizes)
    assert counts[0] == counts[2]
    assert all(b > a for a, b in zip(counts[1], counts[3], strict=True) if a > 0)


def test_high_shadows_leave_the_inside_of_a_hall_lit(plant):
    """The roof does not throw the whole interior into shadow on the high preset."""
    route = load_route()
    renderer = OffscreenRenderer(plant, SIZE, route=route, quality="medium")
    try:
        stop = _indoor_stops(renderer)[0]
        medium = renderer.render_stop(stop).astype(float)
        renderer.set_quality("high")
        high = renderer.render_stop(stop).astype(float)
    finally:
        renderer.close()
    floor = slice(SIZE[1] // 2, None)
    assert high[floor].mean() > 0.85 * medium[floor].mean()


def test_the_cafeteria_has_a_lit_ceiling_and_people_at_lunch(plant):
    """The tour's last stop: light strips and pendant lamps over the tables, people eating."""
    from viewer.model.plant.equipment import plant_parts
    from viewer.model.plant.parts import BOX_ROLES

    cafeteria = next(b for b in plant.buildings if b.id == "cafeteria")
    x0, y0, x1, y1 = cafeteria.bounds
    boxes = plant_parts(plant).boxes
    inside = (
        (boxes.bottom_center[:, 0] > x0)
        & (boxes.bottom_center[:, 0] < x1)
        & (boxes.bottom_center[:, 1] > y0)
        & (boxes.bottom_center[:, 1] < y1)
    )
    overhead = boxes.bottom_center[:, 2] > cafeteria.height - 3.0
    for role in ("skylight", "lamp"):
        assert np.sum(inside & overhead & (boxes.role == BOX_ROLES.index(role))) >= 10, role
    diners = [c for c in plant.people.crews if c.workshop == "cafeteria"]
    assert sum(c.size for c in diners) >= 60


def test_trusses_across_the_hall_are_drawn_with_their_chords_and_diagonals_only(plant):
    """From the body shop's seat on Low, the trusses near the visitor are whole; those across
    the hall are drawn by the far mesh (chords and diagonals as open tubes: half the
    triangles), and none is drawn both ways."""
    from viewer.model.tour.route import load_route
    from viewer.scene.plant.halls import truss_panel
    from viewer.scene.snapshot import OffscreenRenderer

    assert truss_panel(far=True).n_cells * 2 == truss_panel().n_cells
    # Low's picture in a 1280 x 720 window (drawn at 0.6 of its size)
    renderer = OffscreenRenderer(plant, (768, 432), route=load_route(), quality="low")
    try:
        renderer.render_stop("body-shop")
        trusses = renderer.scene.instanced["hall-trusses"]
        near, far = trusses.shown("near"), trusses.shown("far")
        assert near.any() and far.sum() > 5 * near.sum() and not (near & far).any()
        eye = np.array(renderer.plotter.renderer.GetActiveCamera().GetPosition())
        distance = np.linalg.norm(trusses.positions - eye, axis=1)
        assert distance[near].max() < distance[far].min()
    finally:
        renderer.close()
