"""The test track in use: finished SU7s driving laps (a pure function of time, drawn instanced,
clear of the test ride's car), the glass bridge's glazing between white frames and towers off the
track and the roads, and the test-track view filled with the track."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest
import pyvista as pv

from viewer.model.cars.car import SU7, SU7_COLORS
from viewer.model.errors import DataFileError
from viewer.model.geometry import heading_frame, offset_polyline
from viewer.model.motion.plant_run import PlantRun
from viewer.model.motion.simulation import PlantSimulation
from viewer.model.motion.track_traffic import PAINTS, TrafficMotion
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES, TRANSLUCENT_ROLES, PartsBuilder
from viewer.model.plant.track_bridge import (
    APRON_ROLE,
    DECK_DEPTH,
    GLASS_HEIGHT,
    ROOF_DEPTH,
    TOWER_SIDE,
    add_bridge,
    tower_centres,
)
from viewer.model.plant.views import view_pose
from viewer.model.tour.shuttle import distance_to_polyline
from viewer.model.tour.tour_camera import tour_pose
from viewer.scene import palette
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.snapshot import OffscreenRenderer, middle_of_stop


def _closed(line: np.ndarray) -> np.ndarray:
    return np.vstack([line, line[:1]])


SIZE = (480, 270)


@pytest.fixture(scope="module")
def sim(plant) -> PlantSimulation:
    return PlantSimulation(plant)


# -- the cars on the track -----------------------------------------------------------------------
def test_the_plant_state_has_finished_cars_driving_on_the_track(plant, sim):
    traffic = plant.track.traffic
    assert traffic is not None and 3 <= traffic.cars <= 20  # from the layout file
    t = sim.start_time + 500.0
    cars = sim.state(t).track_cars
    assert len(cars) == traffic.cars
    off = distance_to_polyline(cars.position[:, :2], _closed(plant.track.centerline))
    assert np.all(off <= plant.track.width / 2 - SU7.width / 2)  # wholly on the track
    paints = {tuple(np.round(c, 3)) for c in SU7_COLORS.values()}
    assert {tuple(np.round(c, 3)) for c in cars.color} <= paints  # in SU7 colours
    assert len({tuple(c) for c in cars.color}) == min(traffic.cars, len(PAINTS))  # all in turn
    again = sim.state(t).track_cars  # a pure function of time
    np.testing.assert_array_equal(again.position, cars.position)
    later = sim.state(t + 1.0).track_cars
    moved = np.linalg.norm(later.position - cars.position, axis=1)
    slowest = traffic.slow.kmh / 3.6 if traffic.slow is not None else 8.0 / 0.8
    assert np.all(moved > 0.8 * slowest) and np.all(moved <= traffic.cruise_kmh / 3.6 + 0.5)
    assert (moved > 8.0).sum() >= len(moved) // 2  # most of them at speed, out of the slow zone


def test_they_slow_for_the_bends_and_keep_their_distance(plant, sim):
    motion = sim.traffic
    cruise = plant.track.traffic.cruise_kmh / 3.6
    assert motion.speed.max() == pytest.approx(cruise)
    bends = motion.curvature > 0.01
    assert bends.any() and motion.speed[bends].max() < 0.7 * cruise
    assert motion.lateral().max() <= plant.track.traffic.lateral_ms2 + 0.05
    gaps = []
    for t in np.arange(0.0, motion.lap_time, 2.0):
        xy = motion.at(t).position[:, :2]
        d = np.linalg.norm(xy[:, None] - xy[None], axis=2) + np.eye(len(xy)) * 1e9
        gaps.append(d.min())
    # spread over the lap, a period apart in time: 5 s apart in the bends, and in the slow zone
    # at its speed (where they come closest)
    slowest = plant.track.traffic.slow.kmh / 3.6
    assert min(gaps) > 0.9 * slowest * motion.period and min(gaps) > 30.0


def test_none_without_a_traffic_table_and_a_broken_one_names_its_field(
    plant, write_plant, plant_text
):
    assert len(TrafficMotion(replace(plant.track, traffic=None)).at(10.0)) == 0
    text = plant_text.replace("traffic = { cars = 20,", "traffic = { cars = 60,")
    assert text != plant_text
    with pytest.raises(DataFileError, match="cars"):
        load_plant(write_plant(text))


def test_the_ride_car_never_runs_into_the_traffic(plant, tour, sim):
    """The traffic keeps to the outer lane; the ride's car drives the centre line and
    overtakes (or is passed) a lane apart, standing on the line or at speed."""
    launch, end = tour.launch_time, tour.total_time
    closest = np.inf
    for tour_time in np.arange(launch - 15.0, end, 0.1):
        ride = tour.at(tour_time).ride
        if ride is None:
            continue
        cars = sim.state(sim.start_time + tour_time).track_cars
        # the two bodies' footprints (a car 5 m x 2 m, any heading): apart by their centres
        closest = min(closest, np.linalg.norm(cars.position[:, :2] - ride.position, axis=1).min())
    assert closest > SU7.width + 1.0


def test_the_scene_draws_them_with_one_instanced_group_per_shape(plant):
    counts = []
    for cars in (3, 12):
        track = replace(plant.track, traffic=replace(plant.track.traffic, cars=cars))
        run = PlantRun(replace(plant, track=track))
        plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
        scene = PlantScene(plotter, run.plant, parts=run.parts, state=run.state)
        state = run.at(run.start_time + 40.0)
        scene.draw(state)
        body = scene.instanced["track-car-body"]
        assert body.count == cars
        np.testing.assert_allclose(body.positions, state.track_cars.position, atol=1e-4)
        assert scene.instanced["track-car-wheels"].count == cars
        plotter.render()
        counts.append(scene.actor_count)
        plotter.close()
    assert counts[0] == counts[1]


# -- the glass bridge ----------------------------------------------------------------------------
def _bridge_boxes(plant):
    builder = PartsBuilder()
    add_bridge(builder, replace(plant.track.bridge, trackside=0.0))  # the bridge alone
    boxes = builder.build().boxes
    return boxes, np.array(BOX_ROLES)[boxes.role]


def test_the_bridge_is_glazed_between_light_frames(plant):
    """Glazing (the opaque window role: see-through glass read as an empty frame of posts from
    the track) between slim light frames, and no dark lift shaft in the towers."""
    boxes, roles = _bridge_boxes(plant)
    assert not set(roles) & TRANSLUCENT_ROLES
    glass = roles == "window"
    assert glass.sum() >= 4  # the two sides and the towers' shafts
    assert np.mean(palette.ROLES["window"]) > 0.7  # a light tint
    other = ~glass & (roles != "door")  # the towers' grey doors are no frames
    other &= roles != APRON_ROLE  # nor the paving round their feet
    thin = boxes.size[other].min(axis=1) <= 0.16
    frames = [np.mean(palette.ROLES[r]) for r in roles[other][thin]]
    assert len(frames) >= 10 and min(frames) > 0.7  # slim light mullions (dark read as slabs)
    assert "wall" not in roles  # no dark lift shaft inside the glass towers


def test_the_towers_stand_clear_of_the_track_and_the_roads(plant):
    bridge, track = plant.track.bridge, plant.track
    along, left, _ = heading_frame(bridge.heading_deg)
    half = TOWER_SIDE / 2
    corners = np.array(
        [
            c + along * a * half + left * b * half
            for c in tower_centres(bridge)
            for a in (1, -1)
            for b in (1, -1)
        ]
    )  # the towers' footprints are squares square to the span
    edge_line = distance_to_polyline(corners, _closed(track.centerline))
    assert np.all(edge_line > track.width / 2 + 0.5)
    for road in plant.roads:
        off = distance_to_polyline(corners, road.points)
        assert np.all(off > road.width / 2 + 0.5), road.id


def test_the_bridge_reads_white_and_light_from_the_test_track_stop(plant, route):
    """On Low, from the seat at the stop, the deck slab's edge and the roof's are white bands
    (lit, the white paint facing away from the sun was charcoal)."""
    renderer = OffscreenRenderer(plant, size=SIZE, route=route, quality="low")
    try:
        image = renderer.render_stop("test-track").astype(float)
        tour_time = middle_of_stop(renderer.tour_motion, "test-track")
        assert tour_time > 0
        bridge = plant.track.bridge
        eye = np.array(tour_pose(renderer.tour_motion, plant, "seat", tour_time).position[:2])
        _, left, _ = heading_frame(bridge.heading_deg)
        near = left * np.sign((eye - bridge.at) @ left) * (bridge.width / 2 + 0.02)
        deck = bridge.deck_height + DECK_DEPTH / 2
        roof = bridge.deck_height + DECK_DEPTH + GLASS_HEIGHT + ROOF_DEPTH / 2
        ren = renderer.plotter.renderer
        pixels = {deck: [], roof: []}
        for z in pixels:
            for f in np.linspace(-0.3, 0.3, 7):
                at = bridge.at + near + np.array([0.0, f * bridge.span])
                ren.SetWorldPoint(at[0], at[1], z, 1.0)
                ren.WorldToDisplay()
                x, y, _ = ren.GetDisplayPoint()
                pixels[z].append(image[int(SIZE[1] - 1 - round(y)), int(round(x))].mean())
    finally:
        renderer.close()
    for z, values in pixels.items():
        assert np.median(values) > 200, f"at {z:.1f} m: {np.median(values):.0f}"


# -- the test-track view -------------------------------------------------------------------------
def test_the_test_track_view_is_filled_by_the_track(plant):
    pose = view_pose(plant, "test-track", aspect=16 / 9)
    track = plant.track
    rings = [offset_polyline(track.centerline, side * track.width / 2, True) for side in (1, -1)]
    ring = max(rings, key=lambda r: np.ptp(r, axis=0).prod())  # the outer edge
    eye, focal = np.array(pose.position), np.array(pose.focal_point)
    ahead = (focal - eye) / np.linalg.norm(focal - eye)
    right = np.cross(ahead, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, ahead)
    rel = np.column_stack([ring, np.zeros(len(ring))]) - eye
    tan_v = np.tan(np.radians(pose.view_angle / 2))
    x = rel @ right / (rel @ ahead) / (tan_v * 16 / 9)
    y = rel @ up / (rel @ ahead) / tan_v
    assert np.abs(x).max() < 1.0 and np.abs(y).max() < 1.0  # all of it in the picture
    area = 0.5 * abs(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1)))
    assert area / 4.0 > 0.3  # the track and its infield: a third of the picture (was a fifth)
    assert max(np.ptp(x), np.ptp(y)) > 1.7  # spanning it edge to edge
