"""The SU7 on the line seen close: smooth shading over its smooth surfaces (no hard line across
the front bumper or along the roof's glass), sharp only at its real edges, and a ducktail whose
edge follows one smooth curve across the width."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.cars import car
from viewer.model.plant.parts import FINISHED_CAR
from viewer.model.plant.views import CameraPose
from viewer.scene import shapes
from viewer.scene.instancing import InstancedShape

DIMS = car.SU7


def _splits(mesh, region) -> float:
    """The largest angle (degrees) between the normals of the vertices lying at one point of
    the surface in ``region`` (a hard edge: the vertex split with two normals)."""
    points = np.round(np.asarray(mesh.points), 6)
    normals = np.asarray(mesh.point_data["Normals"], dtype=float)
    keep = np.flatnonzero(region(points))
    _, group = np.unique(points[keep], axis=0, return_inverse=True)
    worst = 0.0
    for g in np.unique(group):
        n = normals[keep[group.reshape(-1) == g]]
        if len(n) > 1:
            cos = np.clip(n @ n.T, -1.0, 1.0)
            worst = max(worst, float(np.degrees(np.arccos(cos.min()))))
    return worst


def _bumper(p):
    return (p[:, 0] > DIMS.front - 0.45) & (p[:, 2] < 0.75)


def _roof(p):
    return (p[:, 2] > 1.05) & (np.abs(p[:, 0]) < 1.3)


def _drawn(source):
    """The mesh a line car's mapper draws: with the normals the instancing gives it."""
    shape = InstancedShape(source, 1)
    return shape.mapper.GetSource()


@pytest.mark.parametrize(("part", "region"), [("body", _bumper), ("body", _roof), ("glass", _roof)])
def test_no_hard_edge_over_the_bumper_or_along_the_roof(part, region):
    """The line's body and glasshouse are drawn with normals that are not split over the front
    bumper and the roof: each point of those smooth surfaces has one normal (VTK's default
    30 degree feature angle split them where the few sections' facets meet at 30 to 40
    degrees, and each split drew a hard line)."""
    import pyvista as pv

    source = shapes.car_body() if part == "body" else shapes.car_glass()
    drawn = pv.wrap(_drawn(source))
    assert drawn.n_cells == source.n_cells  # no triangle more
    assert region(np.asarray(drawn.points)).sum() > 50
    assert _splits(drawn, region) < 1.0


def test_real_edges_stay_sharp():
    """The ducktail's lip and the wheel arches' lips are still drawn sharp (split normals)."""
    import pyvista as pv

    drawn = pv.wrap(_drawn(shapes.car_body()))
    lip = lambda p: (p[:, 0] < DIMS.rear + 0.01) & (p[:, 2] > 0.9)  # noqa: E731
    arch = lambda p: (np.abs(np.abs(p[:, 0]) - DIMS.wheelbase / 2) < 0.3) & (p[:, 2] > 0.6)  # noqa: E731
    assert _splits(drawn, lip) > 40.0
    assert _splits(drawn, arch) > 60.0


def test_normals_round_the_nose_follow_the_surface():
    """Round the nose (three sections on the line's body) the drawn normals are the body's own
    surface's: at the tip they face forward, not tilted up or down by the tip's facets."""
    import pyvista as pv

    drawn = pv.wrap(_drawn(shapes.car_body()))
    points = np.asarray(drawn.points)
    normals = np.asarray(drawn.point_data["Normals"], dtype=float)
    tip = (points[:, 0] > DIMS.front - 1e-6) & (np.abs(points[:, 1]) < 0.3)
    assert tip.sum() >= 4
    assert (normals[tip, 0] > 0.97).all()


@pytest.mark.parametrize("detail", ["line", "fine"])
def test_ducktail_edge_is_one_smooth_curve(detail):
    """The ducktail's edge (the body's last section, seen from behind) runs from the middle out
    to the lip's end smoothly: ever lower, ever wider, and its slope steepening steadily (no
    wave where the side's lean and the belt were squeezed into a few centimetres)."""
    points, _ = car.body_mesh(detail=detail)
    last = points[np.isclose(points[:, 0], DIMS.rear) & (points[:, 1] >= 0.0)]
    widest = last[np.argmax(last[:, 1])]
    upper = last[last[:, 2] >= widest[2] - 1e-9]
    upper = upper[np.argsort(upper[:, 1])]  # from the middle out
    y, z = upper[:, 1], upper[:, 2]
    assert len(y) >= 6
    assert (np.diff(y) > 0).all() and (np.diff(z) <= 1e-9).all()
    turn = np.arctan2(np.diff(z), np.diff(y))  # the edge's direction, middle out: ever steeper
    assert (np.diff(turn) < 1e-6).all(), np.degrees(turn)


@pytest.mark.parametrize("detail", ["line", "fine"])
def test_roof_turns_over_in_even_steps(detail):
    """Across the glasshouse, from the side glass over the roof's rounded edge to its middle,
    each section turns in steps of under 25 degrees (on the line's body nearly 40 degrees of
    the turn fell between two points: a crease along the roof's glass)."""
    side = car.DETAIL[detail][1]
    worst = 0.0
    for x in np.linspace(-1.0, 0.9, 12):
        half, glass = car.section(DIMS, x, side)
        steps = np.diff(half[glass:], axis=0)
        direction = np.degrees(np.arctan2(steps[:, 1], steps[:, 0]))
        worst = max(worst, float(np.abs(np.diff(direction)).max()))
    assert worst < 25.0


def _hit_within(origins, directions, points, faces, reach):
    """Whether each ray (``origins``, unit ``directions``) crosses a triangle of the mesh within
    ``reach`` (Moller-Trumbore)."""
    t = points[faces]
    a, e1, e2 = t[:, 0], t[:, 1] - t[:, 0], t[:, 2] - t[:, 0]
    p = np.cross(directions[:, None, :], e2[None])
    det = np.einsum("mj,nmj->nm", e1, p)
    det = np.where(np.abs(det) < 1e-14, 1e-14, det)
    s = origins[:, None, :] - a[None]
    u = np.einsum("nmj,nmj->nm", s, p) / det
    q = np.cross(s, e1[None])
    v = np.einsum("nj,nmj->nm", directions, q) / det
    dist = np.einsum("mj,nmj->nm", e2, q) / det
    return ((u >= 0) & (v >= 0) & (u + v <= 1) & (dist > 1e-6) & (dist < reach)).any(axis=1)


def test_glass_stays_over_the_paint_at_the_c_pillar():
    """Round the side windows' pointed rear end (the C pillar) the glass lies outside the body
    everywhere: from points across its triangles, going straight out, no body skin is met (its
    long slanting triangles there once cut under the rounded skin, and the paint showed
    through the glass's edge in teeth)."""
    glass_points, glass_faces = car.glass_mesh(detail="line")
    body_points, body_faces = car.body_mesh(detail="line")
    t = glass_points[glass_faces]
    normal = np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])
    area = np.linalg.norm(normal, axis=1)
    middle = t.mean(axis=1)
    u = (middle[:, 0] - DIMS.rear) / DIMS.length
    pick = (u > 0.13) & (u < 0.32) & (middle[:, 2] > 0.8) & (area > 1e-8)
    pick &= np.abs(middle[:, 1]) > 0.3  # the side glass, not the rear window's middle
    weights = np.array([[1, 1, 1], [4, 1, 1], [1, 4, 1], [1, 1, 4]]) / np.array(
        [[3], [6], [6], [6]]
    )
    samples = np.einsum("wk,nkj->nwj", weights, t[pick]).reshape(-1, 3)
    out = np.repeat(normal[pick] / area[pick, None], len(weights), axis=0)
    out *= np.sign(np.einsum("ij,ij->i", out, samples * [0.0, 1.0, 1.0] - [0.0, 0.0, 0.45]))[
        :, None
    ]
    near = np.abs(body_points[body_faces].mean(axis=1)[:, 0] - samples[:, 0].mean()) < 0.9
    assert len(samples) > 40
    hits = _hit_within(samples, out, body_points, body_faces[near], 0.05)
    assert not hits.any(), samples[hits][:5]


def test_no_fold_under_the_lip():
    """No point of the tail's last sections lies below its floor (the wheel house's notch once
    folded down under the lip, a crease seen from behind)."""
    grid, xs, _ = car._body_grid(DIMS, "line")
    floor = car.smooth_curve(car._FLOOR, (xs - DIMS.rear) / DIMS.length) * DIMS.height
    assert (grid[:, :, 2] >= floor[:, None] - 1e-9).all()


def test_close_picture_shows_no_step_across_the_bumper(plant):
    """A line car seen close from the front (the instanced cars, as the plant draws them): down
    a pixel column through the bumper the shade changes smoothly (no step where the nose's
    facets met)."""
    from viewer.scene.snapshot import OffscreenRenderer

    renderer = OffscreenRenderer(plant, size=(640, 360), quality="medium")
    try:
        cars = renderer.run.parts.cars
        i = np.flatnonzero(cars.variant == FINISHED_CAR)[0]
        at, yaw = cars.position[i], cars.yaw[i]
        turn = np.array([[np.cos(yaw), -np.sin(yaw)], [np.sin(yaw), np.cos(yaw)]])

        def world(x: float, y: float, z: float) -> tuple[float, float, float]:
            return (*(at[:2] + turn @ (x, y)), at[2] + z)

        pose = CameraPose(world(4.2, 0.0, 0.55), world(2.2, 0.0, 0.4), 30.0)
        image = renderer.render(pose=pose).astype(float)
    finally:
        renderer.close()
    shade = image[..., :3].mean(axis=2)
    middle = image.shape[1] // 2
    rows = slice(image.shape[0] // 2 - 50, image.shape[0] // 2 + 50)
    column = shade[rows, middle - 40 : middle + 40]  # the bumper, round its middle
    paint = image[rows, middle - 40 : middle + 40]
    assert (np.abs(paint[..., 2] - paint[..., 0]) > 0).mean() > 0.9  # the car fills it
    # the paint only: the dark air intake low across the bumper has a real edge (shade under
    # 20 against the paint's 70 and more)
    painted = column > 40
    steps = np.abs(np.diff(column, axis=0))[painted[1:] & painted[:-1]]
    assert painted.mean() > 0.6
    assert steps.max() < 18.0, steps.max()  # the nose's facets: 36; smooth: under 10
