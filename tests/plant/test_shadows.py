"""Sun shadows (the high preset): where they fall, that they follow what moves, that they come
off cleanly, and the View menu that switches them."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from viewer.model.plant.parts import BOX_ROLES
from viewer.model.plant.views import CameraPose
from viewer.scene.shadows import GROUND_DARKNESS
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (480, 270)  # 16:9: VTK's shadow map is read back as square unless its aspect is undone


def _pixel(renderer: OffscreenRenderer, point) -> tuple[int, int]:
    """(row, column) of a world point in the renderer's picture."""
    ren = renderer.plotter.renderer
    ren.SetWorldPoint(*point, 1.0)
    ren.WorldToDisplay()
    x, y, _ = ren.GetDisplayPoint()
    return SIZE[1] - 1 - int(round(y)), int(round(x))


@pytest.fixture(scope="module")
def high(plant):
    renderer = OffscreenRenderer(plant, SIZE, quality="high")
    yield renderer
    renderer.close()


def test_a_block_casts_its_shadow_away_from_the_sun(high):
    """A 10 m block put on the empty infield of the test track (actors added after shadows
    were turned on): the flat ground north-west of it darkens as the shadow's strength says, a
    lit slab there loses the sun's share of its light, and on the sunny side nothing changes."""
    track = high.plant.track.centerline
    x, y = track[:, 0].mean() - 150.0, track[:, 1].mean()
    added = [
        high.plotter.add_mesh(pv.Box(bounds=bounds), color="white", reset_camera=False)
        for bounds in (
            (x - 5, x + 5, y - 5, y + 5, 0.0, 10.0),  # the block
            (x - 3, x - 1, y + 7, y + 9, 0.0, 0.3),  # a slab in its shadow
            (x + 1, x + 3, y - 10, y - 8, 0.0, 0.3),  # a slab in the sun
        )
    ]
    # the sun shines from (0.4, -0.6, 1): the rays from (x-6, y+6, 0) and (x-2, y+8, 0.3)
    # towards it cross the block; nothing stands between (x+7, y-7) or (x+2, y-9) and the sun
    points = {
        "ground in shade": (x - 6.0, y + 6.0, 0.0),
        "ground in sun": (x + 7.0, y - 7.0, 0.0),
        "slab in shade": (x - 2.0, y + 8.0, 0.3),
        "slab in sun": (x + 2.0, y - 9.0, 0.3),
    }
    pose = CameraPose((x - 30.0, y + 45.0, 70.0), (x, y, 0.0), 40.0)
    try:
        with_shadows, plain = _with_and_without(high, pose=pose)
        pixels = {name: _pixel(high, point) for name, point in points.items()}
    finally:
        for actor in added:
            high.plotter.remove_actor(actor)
    ratio = {name: with_shadows[p].sum() / plain[p].sum() for name, p in pixels.items()}
    assert ratio["ground in shade"] == pytest.approx(1.0 - GROUND_DARKNESS, abs=0.05)
    assert ratio["slab in shade"] < 0.75  # the fill light and the headlight still reach it
    assert ratio["ground in sun"] == pytest.approx(1.0, abs=0.02)
    assert ratio["slab in sun"] == pytest.approx(1.0, abs=0.02)


def test_columns_shade_the_floor_of_the_halls(high):
    """The plant's own columns (0.6 m wide) lay thin shadows across the floor (seen from above
    the roof, cut away to stubs a few metres tall: the shade beside their feet)."""
    boxes = high.run.parts.boxes
    hall = next(b for b in high.plant.buildings if b.id == "stamping")
    low, top = hall.footprint.min(axis=0) + 20.0, hall.footprint.max(axis=0) - 20.0
    columns = boxes.bottom_center[boxes.role == BOX_ROLES.index("column")]
    base = columns[np.all((columns[:, :2] > low) & (columns[:, :2] < top), axis=1)][0]
    away = np.array([-0.4, 0.6]) / np.hypot(0.4, 0.6)  # from the sun, along the ground
    side = np.array([0.6, 0.4]) / np.hypot(0.6, 0.4)  # seen from the side of its shadow
    pose = CameraPose((*(base[:2] + 25.0 * side), 40.0), (base[0], base[1], 0.0), 40.0)
    with_shadows, plain = _with_and_without(high, pose=pose)
    in_shade = _pixel(high, (*(base[:2] + 2.0 * away), 0.05))
    in_sun = _pixel(high, (*(base[:2] - 2.0 * away), 0.05))
    assert with_shadows[in_shade].sum() / plain[in_shade].sum() < 0.9
    assert with_shadows[in_sun] == pytest.approx(plain[in_sun], abs=3.0)


def _with_and_without(renderer: OffscreenRenderer, **camera) -> tuple[np.ndarray, np.ndarray]:
    """The same moment and camera drawn with the sun's shadows and without."""
    time = renderer.run.state.time
    assert renderer.scene.shadows.enabled
    with_shadows = renderer.render(time=time, **camera).astype(float)
    renderer.scene.shadows.disable()
    try:
        plain = renderer.render(time=time, **camera).astype(float)
    finally:
        renderer.scene.shadows.enable()
    return with_shadows, plain


def test_shadows_follow_the_moving_plant(plant, high):
    """The state of the picture is a function of time: a scene that played on from t0 to t1
    shows the same shadows as one drawn at t1 straight away (VTK alone would keep the shadow
    map of t0: the robots' arrays move, not their actors)."""
    t0 = high.run.start_time + 200.0
    t1 = t0 + 20.0
    high.render(time=t0, view="body")
    played_on = high.render(time=t1, view="body").astype(int)
    fresh = OffscreenRenderer(plant, SIZE, quality="high", time=t1)
    try:
        straight = fresh.render(time=t1, view="body").astype(int)
    finally:
        fresh.close()
    differ = np.abs(played_on - straight).max(axis=2) > 24
    assert differ.mean() < 0.002


def test_turning_shadows_off_gives_back_the_plain_picture(plant):
    renderer = OffscreenRenderer(plant, SIZE, quality="low")
    try:
        before = renderer.render(view="stamping").astype(int)
        ground = next(iter(renderer.scene.ground_actors.values()))
        renderer.set_quality("high")
        renderer.render(view="stamping")
        assert renderer.scene.shadows.enabled and ground.GetProperty().GetLighting()
        assert renderer.scene.sun.GetPositional()
        renderer.set_quality("low")
        assert not renderer.scene.shadows.enabled
        assert not ground.GetProperty().GetLighting() and not renderer.scene.sun.GetPositional()
        after = renderer.render(view="stamping").astype(int)
    finally:
        renderer.close()
    assert np.abs(after - before).max(axis=2).mean() < 0.5


@pytest.mark.parametrize("key, zoom_out", [("stamping", None), ("north-gate-1", 3.0)])
def test_labels_are_drawn_as_without_shadows(high, key, zoom_out):
    """Only the opaque step is swapped: the labels, drawn after it, keep their place and their
    white panels: the baking pass must not leave them placed for the sun's view, and a label
    reaching beyond the caster's cone (the site's edge, seen from far) must not go dark."""
    label = next(item for item in high.scene.labels.items if item.key == key)
    if zoom_out is None:
        camera = {"view": "stamping"}
    else:
        pose = high.scene.view_pose("overview")
        focal, position = np.array(pose.focal_point), np.array(pose.position)
        far = focal + zoom_out * (position - focal)
        camera = {"pose": CameraPose(tuple(far), tuple(focal), pose.view_angle)}
    with_shadows, plain = _with_and_without(high, **camera)
    row, column = _pixel(high, label.actor.GetPosition())
    box = np.s_[row - 12 : row - 2, column - 30 : column + 30]  # the panel, above its anchor
    assert np.all(plain[box] > 200, axis=2).mean() > 0.4  # white panel, dark letters
    assert np.abs(with_shadows[box] - plain[box]).mean() < 4.0


def test_the_view_menu_switches_shadows_with_the_preset(window):
    quality = window.quality
    quality.actions["high"].trigger()  # View > Quality > High
    assert window.scene.shadows.enabled
    assert window.plotter.renderer.GetPass() is not None
    window.plotter.render()
    quality.actions["medium"].trigger()
    assert not window.scene.shadows.enabled
    assert window.plotter.renderer.GetPass() is None


def test_an_actor_taken_off_the_scene_gets_its_own_look_back(high):
    """A tour rebuilt removes its route: the route must not keep the shadows' material (lit
    ambient paint) when it is put back, nor be held by the shadows for ever."""
    route = high.plotter.add_mesh(
        pv.Plane(center=(0.0, 0.0, 0.1), i_size=5.0, j_size=5.0),
        color="orange",
        lighting=False,
        reset_camera=False,
    )
    high.render(view="overview")
    assert route.GetProperty().GetLighting()  # drawn lit so that it can be shaded
    high.plotter.remove_actor(route)
    high.render(view="overview")
    assert not route.GetProperty().GetLighting()
    assert route.GetShaderProperty().GetNumberOfShaderReplacements() == 0


def test_opening_another_plant_keeps_shadows_on_the_new_scene(window):
    from viewer.model.assets import default_plant_path

    window.quality.actions["high"].trigger()
    old = window.scene
    assert window.open_plant(default_plant_path())
    assert window.scene is not old and not old.shadows.enabled
    assert window.scene.shadows.enabled
    window.plotter.render()
    image = window.plotter.grabFramebuffer()
    assert not image.isNull() and image.width() > 100


def test_lines_drawn_with_faces_are_drawn_with_shadows_on(high):
    """A mesh of faces and lines (the lobby's cables: a tube with a line along its middle, so
    that a thin one still reads from afar): VTK draws its lines unlit with a shader of their own,
    which the shadow pass left without the fragment's position (the shader failed to compile and
    the whole mesh was missing on High)."""
    track = high.plant.track.centerline
    x, y = track[:, 0].mean() - 150.0, track[:, 1].mean()
    tube = pv.Cylinder(center=(x, y, 4.0), direction=(0, 0, 1), radius=1.0, height=8.0)
    line = pv.Line((x + 4.0, y, 0.5), (x + 4.0, y, 7.5))
    mesh = tube.merge(line).extract_surface(algorithm=None)
    assert mesh.n_lines and mesh.n_cells > mesh.n_lines  # faces and lines in one data set
    actor = high.plotter.add_mesh(mesh, color=(1.0, 0.0, 1.0), line_width=6, reset_camera=False)
    try:
        picture = high.render(pose=CameraPose((x + 2.0, y - 40.0, 4.0), (x + 2.0, y, 4.0), 30.0))
        row, column = _pixel(high, (x + 4.0, y, 4.0))
    finally:
        high.plotter.remove_actor(actor)
    magenta = (picture[..., 0] > 150) & (picture[..., 1] < 90) & (picture[..., 2] > 150)
    assert magenta[:, column - 3 : column + 4].any()  # the line is drawn
    assert magenta.sum() > 400  # and the tube
