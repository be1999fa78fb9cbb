"""Robot cells read as fenced and paint robots as paint robots (issue 19, a blind review: bare
yellow posts stood with nothing between them, the translucent mesh hardly showed; the paint
robots wore a white "top hat" with a black band, the industrial arm's motor pack behind the
elbow and its dark welding gun)."""

from __future__ import annotations

import numpy as np
import pytest
from scene_pictures import picture_without

from viewer.model.plant import enclosures
from viewer.model.plant.parts import BOX_ROLES, PAINT_ARM, PartsBuilder
from viewer.model.tour.route import load_route
from viewer.scene import palette, shapes
from viewer.scene.instancing import closed_outward
from viewer.scene.plant.fence_mesh import (
    MESH_ROLES,
    PANEL,
    RUN_PANELS,
    fence_panels,
    panel_mesh,
)
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (640, 360)


def _roles(boxes: object) -> list[str]:
    return [BOX_ROLES[i] for i in boxes.role]


def test_a_fence_run_is_cut_into_mesh_panels_that_fill_it():
    """Each run of fence between posts and gates is drawn as panels end to end, none longer
    than a panel, whose rails and wires leave no gap 0.5 m high or 0.6 m wide."""
    builder = PartsBuilder()
    enclosures.mesh_fence(builder, np.array([0.0, 0.0]), np.array([16.0, 0.0]), gate=2.4)
    runs = builder.build().boxes.roles(MESH_ROLES)
    assert len(runs) == 2
    positions, yaws, scales = fence_panels(runs)
    starts, ends = positions[:, 0] - scales[:, 0] / 2, positions[:, 0] + scales[:, 0] / 2
    assert (scales[:, 0] <= PANEL + 1e-9).all() and np.allclose(yaws, 0.0)
    np.testing.assert_allclose(np.sort(starts), [0.0, 3.4, 9.2, 12.6], atol=1e-9)
    np.testing.assert_allclose(np.sort(ends), [3.4, 6.8, 12.6, 16.0], atol=1e-9)
    np.testing.assert_allclose(scales[:, 2], enclosures.FENCE_HEIGHT)
    mesh = panel_mesh()
    assert not closed_outward(mesh)  # thin strips, seen from both sides: never back-culled
    points = np.asarray(mesh.points)
    bars = points.reshape(-1, 4, 3)  # one strip per four points
    wide = np.ptp(bars[:, :, 0], axis=1) > 0.5
    rows = np.sort(bars[wide, :, 2].min(axis=1)) * enclosures.FENCE_HEIGHT
    assert rows[0] <= 0.2 and rows[-1] >= enclosures.FENCE_HEIGHT - 0.1
    assert np.diff(rows).max() <= 0.5
    columns = np.sort(bars[~wide, :, 0].min(axis=1)) * PANEL
    assert np.diff(np.append(columns, columns[0] + PANEL)).max() <= 0.6


def test_the_fence_is_drawn_opaque_not_as_a_translucent_veil(plant):
    """The translucent boxes hold no fence (drawn again every frame, even with the camera
    still); the fence's panels are one opaque instanced shape."""
    renderer = OffscreenRenderer(plant, SIZE, quality="low")
    try:
        scene = renderer.scene
        fences = scene.parts.boxes.roles(MESH_ROLES)
        assert len(fences) > 100
        at = {tuple(p) for p in np.round(fences.bottom_center, 3)}
        translucent = scene.instanced["translucent-boxes"]
        assert not at & {tuple(p) for p in np.round(translucent.positions, 3)}
        mesh = scene.instanced["fence-mesh"]
        assert mesh.count >= len(fences) and mesh.actor.GetProperty().GetOpacity() == 1.0
    finally:
        renderer.close()


@pytest.fixture(scope="module")
def body_shop_seat(plant):
    """The seat picture in the middle of the body-shop stop, a projection to its pixels and the
    camera's position."""
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    try:
        image = renderer.render_stop("body-shop")
        view = renderer.plotter.renderer
        eye = np.asarray(view.GetActiveCamera().GetPosition())
        ahead = np.asarray(view.GetActiveCamera().GetDirectionOfProjection())
        boxes = renderer.scene.parts.boxes

        def project(point: np.ndarray) -> np.ndarray:
            view.SetWorldPoint(*point, 1.0)
            view.WorldToDisplay()
            x, y, _ = view.GetDisplayPoint()
            return np.array([x, SIZE[1] - 1 - y])

        without = picture_without(renderer, ("fence-mesh",))
        yield image, without, project, eye, ahead, boxes
    finally:
        renderer.close()


def test_from_the_body_shop_seat_the_fence_shows_between_its_posts(body_shop_seat):
    """Between the two nearest fence posts in the picture, the mesh is drawn across the whole
    gap: in nearly every pixel column between them, pixels that change plainly without it."""
    image, without, project, eye, ahead, boxes = body_shop_seat
    roles = np.array(_roles(boxes))
    posts = (roles == "mesh_fence") & np.all(np.isclose(boxes.size[:, :2], 0.1), axis=1)
    feet = boxes.bottom_center[posts]
    yaws = boxes.yaw[posts]
    offset = feet - eye
    distance = np.linalg.norm(offset[:, :2], axis=1)
    in_front = offset @ ahead > 2.0
    pairs = []
    for i in np.flatnonzero(in_front & (distance < 30.0)):
        step = np.linalg.norm(feet[:, :2] - feet[i, :2], axis=1)
        same_line = np.isclose(np.cos(yaws - yaws[i]) ** 2, 1.0, atol=1e-6)
        for j in np.flatnonzero(same_line & (step > 3.0) & (step <= enclosures.POST_PITCH + 0.01)):
            a, b = project(feet[i] + [0, 0, 1.2]), project(feet[j] + [0, 0, 1.2])
            on_screen = all(0 <= p[0] < SIZE[0] and 0 <= p[1] < SIZE[1] for p in (a, b))
            if j > i and in_front[j] and on_screen and abs(a[0] - b[0]) > 40:
                pairs.append((distance[i] + distance[j], i, j))
    assert pairs, "two fence posts in the picture"
    _, i, j = min(pairs)
    middle = (feet[i] + feet[j]) / 2
    x0, x1 = sorted((project(feet[i])[0], project(feet[j])[0]))
    inset = (x1 - x0) * 0.15
    columns = slice(int(x0 + inset), int(x1 - inset))
    top, bottom = project(middle + [0, 0, 2.0])[1], project(middle + [0, 0, 0.4])[1]
    rows = slice(int(top), int(bottom))
    change = np.abs(image.astype(int) - without.astype(int)).max(axis=2) > 30
    fence = change[rows, columns]
    covered = fence.any(axis=0).mean()
    assert covered > 0.9, f"the fence shows in {covered:.0%} of the columns between its posts"


def _across(mesh: object) -> float:
    """The largest extent of ``mesh`` square to its link's axis (x)."""
    return float(max(mesh.bounds[3] - mesh.bounds[2], mesh.bounds[5] - mesh.bounds[4]))


def test_the_paint_robots_head_is_no_wider_than_its_wrist_and_wears_no_hat():
    wrist = shapes.paint_robot_link("wrist")
    tool = shapes.paint_robot_link("tool")
    forearm = shapes.paint_robot_link("forearm")
    assert _across(tool) <= _across(wrist) + 1e-6  # the bell atomiser, not a welding gun
    assert tool.bounds[1] >= 0.4  # the bell points forward, beyond the flange
    # no motor pack standing out behind the elbow (the "top hat" seen from behind the robot)
    assert forearm.bounds[0] >= -0.3
    assert _across(forearm) <= 0.5
    for mesh in (wrist, tool, forearm):
        assert mesh.n_cells <= 200


def test_paint_robots_are_drawn_with_their_own_head_and_the_others_with_the_gun(plant):
    """From the seat at the paint stop, the paint robots' near links are the paint meshes
    (white, the bell grey) and no welding gun is drawn on them; in the body shop the guns are
    still drawn."""
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    try:
        scene = renderer.scene
        paint = scene.parts.robots.model == PAINT_ARM
        renderer.render_stop("paint")
        bell, gun = scene.instanced["robot-paint-tool"], scene.instanced["robot-tool"]
        assert bell.shown()[paint].sum() >= 4
        assert not bell.shown()[~paint].any() and not gun.shown()[paint].any()
        assert np.allclose(bell.colors[paint] / 255, palette.PAINT_BELL, atol=0.01)
        assert np.allclose(
            scene.instanced["robot-paint-forearm"].colors[paint] / 255, palette.PAINT_ARM, atol=0.01
        )
        renderer.render_stop("body-shop")
        assert gun.shown()[~paint].sum() >= 4
    finally:
        renderer.close()


def test_a_fence_kilometres_long_stays_a_bounded_number_of_panels():
    # a broken layout's fence run of a thousand kilometres: panels get longer, memory stays small
    builder = PartsBuilder()
    enclosures.mesh_fence(builder, np.array([0.0, 0.0]), np.array([1e6, 0.0]))
    enclosures.mesh_fence(builder, np.array([0.0, 5.0]), np.array([12.0, 5.0]))
    positions, _yaws, scales = fence_panels(builder.build().boxes.roles(MESH_ROLES))
    assert len(positions) <= RUN_PANELS + 3 + 2  # the long run capped, the short one in 4 m
    assert scales[:, 0].max() > 1e6 / (RUN_PANELS + 1) and np.isfinite(positions).all()
