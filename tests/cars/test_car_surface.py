"""The SU7 seen close: a smooth nose (no crease across it), round wheel arches that the wheels
fill (no jagged facets along their lips), and rims on the line's and the track's cars."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import pyvista as pv
from car_mesh_helpers import face_pairs

from viewer.model.cars import car
from viewer.model.motion.plant_run import PlantRun
from viewer.model.plant.equipment import plant_parts
from viewer.scene import shapes
from viewer.scene.plant.plant_scene import PlantScene

DIMS = car.SU7
TYRE = DIMS.wheel_diameter / 2
AXLES = (-DIMS.wheelbase / 2, DIMS.wheelbase / 2)


def _angles(normals: np.ndarray, pairs: np.ndarray) -> np.ndarray:
    cos = np.einsum("ij,ij->i", normals[pairs[:, 0]], normals[pairs[:, 1]])
    return np.degrees(np.arccos(np.clip(cos, -1.0, 1.0)))


def test_no_crease_across_the_nose():
    """Over the nose's last 35 cm (bonnet, front corners, bumper and the underside's roll)
    neighbouring faces meet at under 20 degrees: no line where the wings' edge or the sill's
    corner runs to the tip, no flat cap with a rim round it."""
    triangles, normals, pairs = face_pairs(*car.body_mesh(detail="fine"))
    middle = triangles.mean(axis=1)
    nose = (middle[pairs, 0] > DIMS.front - 0.35).all(axis=1)
    assert nose.sum() > 500
    assert _angles(normals, pairs[nose]).max() < 20.0


def test_the_nose_centre_line_turns_smoothly():
    """Along the centre line, from the bonnet over the tip and back under the nose, the outline
    turns by under 18 degrees from one face to the next."""
    mesh = shapes.mesh_from_arrays(*car.body_mesh(detail="fine"))
    cut = mesh.slice(normal="y", origin=(0.0, 0.01, 0.0)).strip(join=True)
    assert cut.n_cells == 1  # one closed outline of the car
    outline = cut.get_cell(0).points[:, [0, 2]]
    steps = np.diff(outline, axis=0)
    keep = np.linalg.norm(steps, axis=1) > 1e-4
    steps, starts = steps[keep], outline[:-1][keep]
    steps /= np.linalg.norm(steps, axis=1, keepdims=True)
    turns = np.degrees(np.arccos(np.clip(np.einsum("ij,ij->i", steps[1:], steps[:-1]), -1, 1)))
    nose = starts[1:, 0] > DIMS.front - 0.5
    assert nose.sum() > 20
    assert turns[nose].max() < 18.0


def _arch_edge(mesh: pv.PolyData, axle: float) -> np.ndarray:
    """(x, z) of the arch's edge over ``axle``: the lowest point of the body's outer side in
    cuts across the car."""
    edge = []
    for x in axle + np.linspace(-0.33, 0.33, 45):
        cut = np.asarray(mesh.slice(normal="x", origin=(x, 0.0, 0.0)).points)
        side = cut[(cut[:, 1] > DIMS.width / 2 - 0.12) & (cut[:, 2] > 0.3) & (cut[:, 2] < 1.0)]
        edge.append((x, side[:, 2].min()))
    return np.asarray(edge)


def _first_hits(
    points: np.ndarray, faces: np.ndarray, origins: np.ndarray, direction: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The unit normal and the index of the first triangle each ray from ``origins`` along
    ``direction`` meets (Moller-Trumbore); every ray must meet one."""
    t = points[faces]
    e1, e2 = t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]
    normal = np.cross(e1, e2)
    area = np.linalg.norm(normal, axis=1)
    keep = np.flatnonzero(area > 1e-12)
    a, e1, e2, normal = t[keep, 0], e1[keep], e2[keep], normal[keep] / area[keep, None]
    p = np.cross(direction, e2)
    det = np.einsum("ij,ij->i", e1, p)
    det = np.where(np.abs(det) < 1e-14, 1e-14, det)
    s = origins[:, None, :] - a[None]
    u = np.einsum("nmj,mj->nm", s, p) / det
    q = np.cross(s, e1[None])
    v = np.einsum("j,nmj->nm", direction, q) / det
    dist = np.einsum("mj,nmj->nm", e2, q) / det
    dist = np.where((u >= 0) & (v >= 0) & (u + v <= 1) & (dist > 0), dist, np.inf)
    assert np.isfinite(dist.min(axis=1)).all()
    first = dist.argmin(axis=1)
    return normal[first], keep[first]


@pytest.mark.parametrize("axle", AXLES)
def test_wheel_arches_are_round_and_the_wheels_fill_them(axle):
    points, faces = car.body_mesh(detail="fine")
    edge = _arch_edge(shapes.mesh_from_arrays(points, faces), axle)
    x, z = edge.T
    fit = np.column_stack([2 * x, 2 * z, np.ones_like(x)])
    (cx, cz, k), *_ = np.linalg.lstsq(fit, x**2 + z**2, rcond=None)
    radius = np.sqrt(k + cx**2 + cz**2)
    assert np.abs(np.hypot(x - cx, z - cz) - radius).max() < 0.003  # a circle, within 3 mm
    assert abs(cx - axle) < 0.005 and abs(cz - TYRE) < 0.005  # round the wheel's centre
    assert TYRE + 0.02 < radius < TYRE + 0.05  # the tyre fills it: a gap of a few cm
    # seen from the side and from a little below (the showroom's car is above the visitor),
    # the skin just outside the arch faces the viewer all round: no facets slanting in
    # along the lip, as where a section's points folded into the wheel house unevenly
    angles = np.radians(np.linspace(10.0, 170.0, 81))
    for rise in (0.0, 0.2, 0.35):
        direction = np.array([0.0, -1.0, rise]) / np.hypot(1.0, rise)
        for gap in (0.005, 0.01):
            r = radius + gap
            target = np.column_stack(
                [
                    axle + r * np.cos(angles),
                    np.full(len(angles), DIMS.width / 2),
                    TYRE + r * np.sin(angles),
                ]
            )
            normals, _ = _first_hits(points, faces, target - 2.0 * direction, direction)
            assert (normals @ -direction).min() > 0.6, (rise, gap)


def _line_car_scene(plant: object, count: int) -> tuple[PlantScene, pv.Plotter]:
    plotter = pv.Plotter(off_screen=True, window_size=[320, 180])
    parts = plant_parts(plant)
    if count != len(parts.cars.yaw):
        cars = parts.cars
        take = np.resize(np.arange(len(cars.yaw)), count)
        shift = np.zeros((count, 3))
        shift[len(cars.yaw) :, 0] = 7.0  # the copies beside the originals
        parts = dataclasses.replace(
            parts,
            cars=type(cars)(
                cars.position[take] + shift, cars.yaw[take], cars.variant[take], cars.color[take]
            ),
        )
    return PlantScene(plotter, plant, parts=parts), plotter


def test_line_and_track_cars_have_rims_without_more_actors(plant):
    """The finished cars on the line, on the test track and standing in the plant have the
    showroom car's ten-spoke rims over their dark wheel centres: one more instanced shape per
    group of cars (drawn near only), not an actor per car."""
    counts = []
    for scale in (1, 2):
        scene, plotter = _line_car_scene(plant, scale * len(plant_parts(plant).cars.yaw))
        try:
            plotter.render()
            counts.append(scene.actor_count)
            for group in ("car", "line-car", "track-car"):
                rims = scene.instanced[f"{group}-rims"]
                wheels = scene.instanced[f"{group}-wheels"]
                source = rims.mapper.GetSource(0)
                assert source.GetNumberOfCells() == shapes.car_rims().n_cells > 0
                assert rims.count == wheels.count  # a set of rims for every set of wheels
                np.testing.assert_allclose(rims.positions, wheels.positions)
            standing = scene.instanced["car-rims"].count
            assert standing == scene.instanced["car-glass"].count  # finished cars only
        finally:
            plotter.close()
    assert counts[0] == counts[1]


def test_line_rims_move_with_their_cars(plant):
    """As the plant plays, the rims of the line's and the track's cars follow their bodies, and
    are shown exactly where the wheels are (finished cars on the line)."""
    run = PlantRun(plant)
    plotter = pv.Plotter(off_screen=True, window_size=[320, 180])
    try:
        scene = PlantScene(plotter, plant, parts=run.parts, state=run.state)
        for dt in (0.0, 37.0):
            state = run.at(run.start_time + dt)
            scene.draw(state)
            plotter.render()
            for group in ("line-car", "track-car"):
                rims, body = scene.instanced[f"{group}-rims"], scene.instanced[f"{group}-body"]
                wheels = scene.instanced[f"{group}-wheels"]
                np.testing.assert_allclose(rims.positions, body.positions)
                np.testing.assert_allclose(rims.orientations, body.orientations)
                for level in ("near", "far"):
                    assert rims.shown(level).tolist() == wheels.shown(level).tolist()
            assert scene.instanced["line-car-rims"].shown("near").any()  # some are drawn
    finally:
        plotter.close()


@pytest.mark.parametrize("detail", ["fine", "line"])
@pytest.mark.parametrize("axle", AXLES)
def test_the_inside_of_each_arch_is_dark(detail, axle):
    """Looking up into a wheel arch from below and beside the car (the lobby's visitors see
    its car from below), what is seen between the tyre and the arch's lip is the dark liner
    drawn with the glass, not the body's painted wheel house."""
    body = car.body_mesh(detail=detail)
    dark = car.glass_mesh(detail=detail)
    points = np.vstack([body[0], dark[0]])
    faces = np.vstack([body[1], dark[1] + len(body[0])])
    # over the tyre, under the arch's roof (the line's arch is a polygon of five sections)
    radius = TYRE + (0.03 if detail == "fine" else 0.01)
    outer = DIMS.track_y + DIMS.wheel_width / 2
    for eye in ((axle + 0.3, 3.0, -0.2), (axle - 0.5, 2.5, 0.1), (axle, 4.0, 0.3)):
        angles = np.radians(np.linspace(30.0, 150.0, 25))
        for y in (outer - 0.12, outer - 0.04):  # over the tyre's tread
            target = np.column_stack(
                [axle + radius * np.cos(angles), np.full(25, y), TYRE + radius * np.sin(angles)]
            )
            for side in (1.0, -1.0):  # both sides of the car
                start = np.asarray(eye) * [1.0, side, 1.0]
                aim = target * [1.0, side, 1.0]
                for point in aim:
                    direction = (point - start) / np.linalg.norm(point - start)
                    _, first = _first_hits(points, faces, start[None], direction)
                    assert first[0] >= len(body[1]), (eye, y, side, point)


def test_parked_cars_have_rims_near_only(plant):
    """The cars parked round the plant wear the same ten-spoke rims as the line's and the
    track's: one instanced shape on their wheels, drawn only where their wheels are drawn in
    detail (none from the overview; those near a camera in the car park)."""
    from viewer.model.plant.views import CameraPose

    plotter = pv.Plotter(off_screen=True, window_size=[320, 180])
    try:
        scene = PlantScene(plotter, plant)
        rims = scene.outside.instanced["parked-car-rims"]
        wheels = scene.outside.instanced["parked-car-wheels"]
        assert rims.mapper.GetSource(0).GetNumberOfCells() == shapes.car_rims().n_cells > 0
        assert rims.count == wheels.count > 0
        np.testing.assert_allclose(rims.positions, wheels.positions)
        np.testing.assert_allclose(rims.orientations, wheels.orientations)
        scene.show_view("overview")
        plotter.render()
        assert not rims.shown("far").any()
        assert rims.shown("near").tolist() == wheels.shown("near").tolist()
        x, y = plant.outside.parking[0].footprint.mean(axis=0)
        scene.apply_pose(CameraPose((x, y - 30.0, 1.6), (x, y, 1.0), 60.0))
        plotter.render()
        assert rims.shown("near").any()
        assert rims.shown("near").tolist() == wheels.shown("near").tolist()
    finally:
        plotter.close()
