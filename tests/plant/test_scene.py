"""The scene: instancing keeps the actor count constant; every view renders a real picture."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import pyvista as pv
from vtkmodules.vtkCommonCore import VTK_FONT_FILE
from vtkmodules.vtkRenderingCore import vtkBillboardTextActor3D

from viewer.model.assets import chinese_font_path
from viewer.model.motion.plant_run import PlantRun
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.parts import with_robot_count
from viewer.scene import palette
from viewer.scene.level_of_detail import (
    REACH,
    SLACK_DEG,
    SLACK_M,
    frustum_sides,
    in_frustum,
)
from viewer.scene.plant.ground import BASE_Z, ground_layers, polygon_mesh
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.snapshot import render_image

SIZE = (320, 180)
VIEWS = [
    "overview",
    "die-casting",
    "stamping",
    "body",
    "paint",
    "battery",
    "assembly",
    "showroom",
    "test-track",
]


@pytest.fixture
def plotter():
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    yield plotter
    plotter.close()


def test_actor_count_does_not_grow_with_robots(plant):
    parts = plant_parts(plant)
    counts, instances = [], []
    for robots in (len(parts.robots), 2 * len(parts.robots)):
        plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
        scene = PlantScene(plotter, plant, parts=with_robot_count(parts, robots))
        plotter.render()
        counts.append(scene.actor_count)
        instances.append(scene.instanced["robot-upper_arm"].count)
        plotter.close()
    assert instances == [len(parts.robots), 2 * len(parts.robots)]
    assert counts[0] == counts[1]
    # ground, a mapper per shape (robots, cars, people, trees, the halls' faces), labels, the
    # signs, the sculpture and its mirror, the footbridge's glass and white steel: over a
    # hundred, not one per part (some 20,000)
    assert counts[0] < 160


def test_playing_time_updates_the_arrays_in_place(plant, plotter):
    run = PlantRun(plant)
    scene = PlantScene(plotter, plant, parts=run.parts, state=run.state)
    plotter.render()
    actors = scene.actor_count
    arm = scene.instanced["robot-forearm"]
    cars = scene.instanced["line-car-body"]
    arrays = (arm.positions, arm.orientations, cars.positions)
    before = [array.copy() for array in arrays]
    t = run.start_time
    for dt in (10.0, 25.0, 40.0):
        scene.draw(run.at(t + dt))
        plotter.render()
    assert scene.actor_count == actors  # nothing added while playing
    assert arm.positions is arrays[0] and cars.positions is arrays[2]  # same buffers
    assert not np.allclose(arm.positions, before[0])  # forearms moved
    assert not np.allclose(arm.orientations, before[1])
    assert not np.allclose(cars.positions, before[2])  # bodies indexed along the lines
    moving = scene.instanced["moving-boxes"]
    np.testing.assert_allclose(moving.scales, run.state.boxes.size)


def test_far_instances_are_drawn_simply_and_hidden_ones_not_at_all(plant, plotter):
    from viewer.model.plant.views import CameraPose

    run = PlantRun(plant)
    scene = PlantScene(plotter, plant, parts=run.parts, state=run.state)
    turret = scene.instanced["robot-turret"]
    plotter.ren_win.Render()  # overview: the whole site, every robot a few pixels tall
    assert not turret.shown("near").any() and (turret.shown("far") | turret.shown("tiny")).all()
    assert not (turret.shown("far") & turret.shown("tiny")).any()
    base = run.parts.robots.base[0]
    scene.apply_pose(CameraPose(tuple(base + [12.0, 12.0, 8.0]), tuple(base), 40.0))
    plotter.ren_win.Render()  # close to one robot: it and its neighbours in detail
    near, far = turret.shown("near"), turret.shown("far") | turret.shown("tiny")
    assert near[0] and 0 < near.sum() < len(near) and not (near & far).any()
    # the rest far, or left out when wholly outside the picture (beside or behind the camera)
    left_out = ~(near | far)
    assert 0 < left_out.sum() < len(left_out)
    camera = plotter.camera
    width, height = plotter.window_size
    projection = camera.GetCompositeProjectionTransformMatrix(width / height, -1.0, 1.0)
    matrix = np.array([[projection.GetElement(i, j) for j in range(4)] for i in range(4)])
    clip = np.c_[turret.positions, np.ones(len(turret.positions))] @ matrix.T
    ahead = clip[:, 3] > 0  # in front of the eye
    screen = clip[:, :2] / np.where(ahead, clip[:, 3], 1.0)[:, None]  # -1..1 across the picture
    in_picture = ahead & (np.abs(screen) <= 1.0).all(axis=1)
    assert in_picture.any() and not (left_out & in_picture).any()  # what is seen is drawn
    # left out beside, above or below the picture too (its four sides, widened by the slack the
    # masks allow a moving camera), not only outside the cone round it
    half = np.tan(np.radians(camera.view_angle) / 2)
    corner = np.arctan(half * np.hypot(1.0, width / height))  # the picture's half-diagonal
    offset = turret.positions - camera.position
    look = np.array(camera.focal_point) - camera.position
    look /= np.linalg.norm(look)
    cosine = offset @ look / np.linalg.norm(offset, axis=1)
    size = next(entry.size for entry in scene.detail.entries if entry.shape is turret)
    widen = np.radians(SLACK_DEG)
    sides = frustum_sides(look, np.array(camera.up), camera.view_angle, width / height, widen)
    in_sides = in_frustum(offset, sides, REACH * size + SLACK_M)
    np.testing.assert_array_equal(left_out, ~in_sides)
    assert cosine[far].min() > np.cos(corner + np.radians(10.0))
    tool = scene.instanced["robot-tool"]  # links with no far mesh are only drawn near
    np.testing.assert_array_equal(tool.shown("near"), near)
    assert not tool.shown("far").any()
    scene.draw(run.at(500.0))  # early on: few bodies on the line yet
    plotter.ren_win.Render()
    body = scene.instanced["line-car-body"]
    drawn = body.shown("near") | body.shown("far") | body.shown("tiny")
    visible = run.state.cars.products.visible
    assert not (drawn & ~visible).any()  # bodies not on the line yet are never drawn
    assert visible.sum() < len(visible) / 10
    scene.show_view("overview")
    plotter.ren_win.Render()  # the whole site in the picture: every body on the line drawn
    drawn = body.shown("near") | body.shown("far") | body.shown("tiny")
    np.testing.assert_array_equal(drawn, visible)


def test_snapshots_at_different_times_differ_where_robots_are(plant):
    t = 30000.0
    first = render_image(plant, "body", SIZE, time=t).astype(int)
    same = render_image(plant, "body", SIZE, time=t).astype(int)
    later = render_image(plant, "body", SIZE, time=t + 20.0).astype(int)
    np.testing.assert_array_equal(first, same)  # the same moment gives the same picture
    changed = np.abs(later - first).sum(axis=2) > 30
    assert changed.sum() > 200
    # the changes are where the lines are: the middle of the picture, not the sky
    rows = np.flatnonzero(changed.any(axis=1))
    assert rows.min() > SIZE[1] * 0.15


def test_robots_are_drawn_where_the_model_puts_them(plant, plotter):
    run = PlantRun(plant)
    scene = PlantScene(plotter, plant, parts=run.parts, state=run.state)
    turret = scene.instanced["robot-turret"]
    np.testing.assert_allclose(turret.positions, run.state.poses.positions["turret"])
    on_rails, _ = run.simulation.rails  # paint robots ride carriages: 0.8 m either way
    fixed = np.setdiff1d(np.arange(len(turret.positions)), on_rails)
    base = run.parts.robots.base
    np.testing.assert_allclose(turret.positions[fixed], base[fixed])
    slide = np.linalg.norm(turret.positions[on_rails] - base[on_rails], axis=1)
    assert np.all(slide <= 0.8 + 1e-9)
    bounds = turret.actor.GetBounds()
    (x0, y0, x1, y1) = (
        plant.boundary[:, 0].min(),
        plant.boundary[:, 1].min(),
        plant.boundary[:, 0].max(),
        plant.boundary[:, 1].max(),
    )
    assert x0 < bounds[0] < bounds[1] < x1 and y0 < bounds[2] < bounds[3] < y1
    # the turret ends at the shoulder, 1.4 m over its base (a pedestal or a cell's riser)
    assert bounds[5] < base[:, 2].max() + 1.4
    top = scene.instanced["robot-upper_arm"].actor.GetBounds()[5]
    assert 2.5 < top < 4.5  # KR 210 arms stand about 3 m tall on their pedestals


@pytest.fixture(scope="module")
def view_images(plant):
    return {name: render_image(plant, name, SIZE) for name in VIEWS}


@pytest.mark.parametrize("name", VIEWS)
def test_every_view_is_a_real_picture(view_images, name):
    image = view_images[name].astype(float)
    assert image.shape == (SIZE[1], SIZE[0], 3)
    assert image.std() > 20  # not a blank or single-colour frame
    # more than the sky: the lower half shows the plant, not the background gradient
    lower = image[SIZE[1] // 2 :]
    assert len(np.unique(lower.reshape(-1, 3) // 16, axis=0)) > 20


def test_views_differ_from_each_other(view_images):
    names = list(view_images)
    for i, a in enumerate(names):
        for b in names[i + 1 :]:
            diff = np.abs(view_images[a].astype(int) - view_images[b].astype(int)).mean()
            assert diff > 8, (a, b, diff)


def _dark_pixels_of_label(text: str, use_font_file: bool) -> int:
    plotter = pv.Plotter(off_screen=True, window_size=[400, 200])
    plotter.set_background("white")
    actor = vtkBillboardTextActor3D()
    actor.SetInput(text)
    actor.SetPosition(0, 0, 0)
    prop = actor.GetTextProperty()
    if use_font_file:
        prop.SetFontFamily(VTK_FONT_FILE)
        prop.SetFontFile(str(chinese_font_path()))
    prop.SetFontSize(40)
    prop.SetColor(0, 0, 0)
    prop.SetJustificationToCentered()
    prop.SetVerticalJustificationToCentered()
    plotter.renderer.AddActor(actor)
    plotter.camera.position = (0, -10, 0)
    plotter.camera.focal_point = (0, 0, 0)
    plotter.camera.up = (0, 0, 1)
    image = plotter.screenshot(return_img=True)
    plotter.close()
    return int((image.mean(axis=2) < 100).sum())


def test_chinese_labels_put_pixels_on_screen():
    with_font = _dark_pixels_of_label("冲压车间", use_font_file=True)
    builtin = _dark_pixels_of_label("冲压车间", use_font_file=False)
    assert with_font > 300
    assert builtin < with_font / 10  # VTK's own fonts draw (almost) nothing for Chinese


def test_language_switch_changes_the_picture(plant):
    english = render_image(plant, "stamping", (480, 270), lang="en")
    chinese = render_image(plant, "stamping", (480, 270), lang="zh")
    changed = np.abs(english.astype(int) - chinese.astype(int)).sum(axis=2) > 60
    assert changed.sum() > 100


def test_seat_view_sees_the_aisle_just_ahead_of_the_shuttle(plant):
    image = render_image(plant, size=SIZE, time=900.0, camera="seat").astype(int)
    bottom = image[-8:, SIZE[0] // 2 - 4 : SIZE[0] // 2 + 4].reshape(-1, 3).mean(axis=0)
    # the visitor aisle's own walkway paint (the route's ribbon is the map's, not the seat's)
    np.testing.assert_allclose(bottom, np.array(palette.VISITOR_AISLE) * 255, atol=6)


def _side(u: np.ndarray, v: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Which side of the line u -> v each point p lies on (the sign of the cross product)."""
    return (v[..., 0] - u[..., 0]) * (p[..., 1] - u[..., 1]) - (v[..., 1] - u[..., 1]) * (
        p[..., 0] - u[..., 0]
    )


def _cover_counts(meshes: list[pv.PolyData], points: np.ndarray) -> np.ndarray:
    """How many triangles of ``meshes`` contain each (x, y) point."""
    counts = np.zeros(len(points), dtype=int)
    p = points[:, None, :]
    for mesh in meshes:
        tri = mesh.points[mesh.regular_faces][:, :, :2]  # (T, 3, 2)
        a, b, c = tri[:, 0][None], tri[:, 1][None], tri[:, 2][None]
        s1, s2, s3 = _side(a, b, p), _side(b, c, p), _side(c, a, p)
        inside = ((s1 >= 0) & (s2 >= 0) & (s3 >= 0)) | ((s1 <= 0) & (s2 <= 0) & (s3 <= 0))
        counts += inside.sum(axis=1)
    return counts


def test_the_ground_base_layer_covers_each_spot_once(plant):
    layers = {name: mesh for name, mesh, _ in ground_layers(plant)}
    base = [layers["surroundings"], layers["site"]]
    base += [mesh for name, mesh in layers.items() if name.startswith("floors-")]
    assert {mesh.bounds[4] for mesh in base} == {BASE_Z}  # one flat layer
    (x0, y0), (x1, y1) = plant.boundary.min(axis=0), plant.boundary.max(axis=0)
    rng = np.random.default_rng(3)
    points = rng.uniform([x0 - 200, y0 - 200], [x1 + 200, y1 + 200], size=(400, 2))
    floors = [b.footprint for b in plant.buildings]
    in_floor = _cover_counts([polygon_mesh(f, 0.0) for f in floors], points) > 0
    assert in_floor.sum() > 40  # the sample reaches the floors
    assert (_cover_counts(base, points) == 1).all()
    site = polygon_mesh(plant.boundary, 0.0)
    assert np.isclose(layers["site"].area, site.area - sum(polygon_mesh(f, 0).area for f in floors))


def test_floors_that_leave_the_site_are_drawn_over_it(plant):
    shifted = dataclasses.replace(plant.buildings[0], footprint=plant.buildings[0].footprint - 1e4)
    broken = dataclasses.replace(plant, buildings=(shifted, *plant.buildings[1:]))
    layers = {name: mesh for name, mesh, _ in ground_layers(broken)}
    assert np.isclose(layers["site"].area, polygon_mesh(plant.boundary, 0.0).area)
    floors = [mesh for name, mesh in layers.items() if name.startswith("floors-")]
    assert all(mesh.bounds[4] > layers["site"].bounds[5] for mesh in floors)


def test_closed_shapes_are_drawn_without_their_back_faces(plant, plotter):
    scene = PlantScene(plotter, plant)
    culled = {
        name for name, s in scene.instanced.items() if s.actor.GetProperty().GetBackfaceCulling()
    }
    assert {"boxes", "translucent-boxes", "robot-turret", "robot-tool", "car-body"} <= culled
    assert "car-wheels" not in culled  # not wound outward: culling would hide its front
    scene.show_view("body")
    plotter.render()
    culled_picture = plotter.screenshot(return_img=True)
    for name, shape in scene.instanced.items():
        if name.startswith("hall-"):
            continue  # the halls' shells are one-sided faces: culling is how they cut away
        for actor in shape.actors:
            opaque = actor.GetProperty().GetOpacity() >= 1.0  # glass is culled to tint once
            actor.GetProperty().SetBackfaceCulling(
                not opaque and actor.GetProperty().GetBackfaceCulling()
            )
    plotter.render()
    full_picture = plotter.screenshot(return_img=True)
    # The culled solid faces were never seen: the pictures differ only in a few edge pixels of
    # boxes thinner than a pixel (a face turned wrong would blank out whole shapes).
    differ = np.abs(culled_picture.astype(int) - full_picture.astype(int)).max(axis=2) > 0
    assert differ.mean() < 0.002


def test_what_is_outside_the_picture_is_kept_while_the_sun_casts(plant, plotter):
    from viewer.model.quality import PRESETS
    from viewer.scene.quality import apply_quality

    parts = plant_parts(plant)
    scene = PlantScene(plotter, plant, parts=parts)
    turret = scene.instanced["robot-turret"]
    base = parts.robots.base[0]
    from viewer.model.plant.views import CameraPose

    scene.apply_pose(CameraPose(tuple(base + [12.0, 12.0, 8.0]), tuple(base), 40.0))
    apply_quality(plotter, scene, PRESETS["low"])
    plotter.ren_win.Render()
    assert not (turret.shown("near") | turret.shown("far") | turret.shown("tiny")).all()
    apply_quality(plotter, scene, PRESETS["high"])  # shadows: the sun's map sees them all
    plotter.ren_win.Render()
    assert (turret.shown("near") | turret.shown("far") | turret.shown("tiny")).all()
    apply_quality(plotter, scene, PRESETS["low"])


def test_walkway_paint_only_inside_the_workshops(plant):
    """The visitor lanes are painted on the workshops' floors alone: not on the roads outside
    (where the shuttle drives the plant's own road), nor on the lobby's stone or the
    cafeteria's tiles; inside a workshop every metre of lane is painted, cut at its wall."""
    from viewer.model.geometry import inside_polygon
    from viewer.scene.plant.ground import painted_lanes

    workshops = [b.footprint for b in plant.buildings if b.kind == "workshop"]

    def pieces(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The middles and lengths of a polyline cut into pieces of at most 0.5 m."""
        cut = np.concatenate(
            [
                a + np.outer(np.linspace(0, 1, max(2, int(np.linalg.norm(b - a) / 0.5))), b - a)
                for a, b in zip(points[:-1], points[1:], strict=True)
            ]
        )
        return (cut[:-1] + cut[1:]) / 2, np.linalg.norm(np.diff(cut, axis=0), axis=1)

    def inside_any(points: np.ndarray) -> np.ndarray:
        return np.any([inside_polygon(points, f) for f in workshops], axis=0)

    runs = painted_lanes(plant)
    painted_m = 0.0
    for points, _ in runs:
        middles, lengths = pieces(points)
        assert inside_any(middles).all()  # no paint outdoors or in the halls
        painted_m += lengths.sum()
    inside_m, outside_m = 0.0, 0.0
    for lane in plant.aisles:
        middles, lengths = pieces(lane.points)
        inside = inside_any(middles)
        inside_m += lengths[inside].sum()
        outside_m += lengths[~inside].sum()
    assert painted_m == pytest.approx(inside_m, rel=0.01)
    assert outside_m > 500.0  # the route does run outside: the boarding road, between shops
