"""The level of detail chooses again only for what moved: a still shape keeps its masks while
the camera stays (on a software renderer every frame's Python counts), and writing the same
values into an instanced shape leaves its buffers alone."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from viewer.scene.instancing import InstancedShape
from viewer.scene.level_of_detail import (
    SLACK_DEG,
    SLACK_M,
    LevelOfDetail,
    frustum_sides,
    in_frustum,
)


def _shape(count: int) -> InstancedShape:
    shape = InstancedShape(pv.Cube().triangulate(), count, far=pv.Cube().triangulate())
    shape.update(positions=np.c_[np.arange(count) * 10.0, np.zeros(count), np.zeros(count)])
    return shape


def _counting(shape: InstancedShape) -> list:
    calls = []
    show = shape.show
    shape.show = lambda *masks: (calls.append(masks), show(*masks))  # type: ignore[method-assign]
    return calls


def test_only_moved_shapes_are_chosen_again_while_the_camera_stays():
    still, moving = _shape(50), _shape(50)
    detail = LevelOfDetail()
    detail.add(still, 1.0)
    detail.add(moving, 1.0)
    camera = ((0.0, -20.0, 5.0), 30.0, 720, (0.0, 1.0, 0.0), 16 / 9)
    detail.update(*camera[:3], direction=camera[3], aspect=camera[4])
    still_calls, moving_calls = _counting(still), _counting(moving)
    moving.update(positions=moving.positions + [0.0, 600.0, 0.0])  # far off now
    detail.moved()
    detail.update(*camera[:3], direction=camera[3], aspect=camera[4])
    assert still_calls == [] and len(moving_calls) == 1
    assert not moving.shown("near").any() and still.shown("near").any()
    detail.update((0.0, 2000.0, 5.0), 30.0, 720, direction=(0.0, 1.0, 0.0))  # the camera moved
    assert len(still_calls) == 1 and len(moving_calls) == 2
    assert not still.shown("near").any()
    detail.set_pixels(1.0, 0.0)  # a setting changed: everything again
    detail.update((0.0, 2000.0, 5.0), 30.0, 720, direction=(0.0, 1.0, 0.0))
    assert len(still_calls) == 2 and len(moving_calls) == 3


def test_writing_the_same_values_leaves_the_buffers_and_the_level_of_detail_alone():
    shape = _shape(20)
    moves, stamp = shape.moves, shape.polydata.GetMTime()
    shape.update(positions=shape.positions.copy(), colors=shape.colors.copy())
    assert shape.moves == moves and shape.polydata.GetMTime() == stamp
    shape.update(colors=np.full((20, 3), 0.5))  # floats in 0..1, stored as bytes: a change
    assert shape.moves == moves and shape.polydata.GetMTime() > stamp
    assert (shape.colors == 127).all()
    stamp = shape.polydata.GetMTime()
    shape.update(colors=np.full((20, 3), 0.5))  # the same again
    assert shape.polydata.GetMTime() == stamp
    shape.update(positions=shape.positions + 1.0)
    assert shape.moves == moves + 1 and shape.polydata.GetMTime() > stamp


def test_a_camera_moving_a_little_keeps_the_masks_and_misses_nothing_that_comes_into_view():
    """A riding or orbiting camera moves every frame: the masks are chosen for a little more
    than the picture (the eye anywhere within a few metres, turned a few degrees), kept while
    the camera stays within that, and chosen again once it leaves it."""
    rng = np.random.default_rng(7)
    count = 400
    shape = InstancedShape(pv.Cube().triangulate(), count, far=pv.Cube().triangulate())
    shape.update(positions=np.c_[rng.uniform(-150, 150, (count, 2)), np.zeros(count)])
    detail = LevelOfDetail()
    detail.add(shape, 1.0)
    calls = _counting(shape)
    up = (0.0, 0.0, 1.0)
    for step in range(40):  # a camera driving along y and turning, 0.4 m and 0.3 degrees a step
        eye = np.array([0.0, -100.0 + 0.4 * step, 1.5])
        heading = np.radians(90.0 + 0.3 * step)
        look = np.array([np.cos(heading), np.sin(heading), 0.0])
        detail.update(tuple(eye), 60.0, 720, direction=tuple(look), aspect=16 / 9, up=up)
        drawn = shape.shown("near") | shape.shown("far")
        # the exact picture's instances (by the reach of a 1 m cube) are all drawn
        sides = frustum_sides(look, np.array(up), 60.0, 16 / 9)
        exact = in_frustum(shape.positions - eye, sides, 1.5)
        assert drawn[exact].all(), step
        assert drawn.sum() < 1.5 * exact.sum()  # and not much more than those
    # 16 m and 12 degrees in all: chosen again every few steps, not on each of the 40
    moved = 0.4 * 39
    assert max(moved / SLACK_M, 0.3 * 39 / SLACK_DEG) <= len(calls) <= 12


def test_instances_moving_a_little_keep_their_masks_until_they_could_have_come_into_view():
    """People walking and robots swinging move every frame: their masks are kept while neither
    they nor the camera went farther than the slack between them, and every instance in the
    exact picture is drawn all the while."""
    rng = np.random.default_rng(3)
    count = 300
    shape = InstancedShape(pv.Cube().triangulate(), count, far=pv.Cube().triangulate())
    start = np.c_[rng.uniform(-120, 120, (count, 2)), np.zeros(count)]
    shape.update(positions=start)
    detail = LevelOfDetail()
    detail.add(shape, 1.0)
    calls = _counting(shape)
    eye, look, up = np.array([0.0, -60.0, 1.6]), np.array([0.0, 1.0, 0.0]), np.array([0, 0, 1.0])
    walk = rng.normal(size=(count, 3)) * [1.0, 1.0, 0.0]
    walk /= np.linalg.norm(walk, axis=1, keepdims=True)  # each its own way, 0.3 m a step
    for step in range(30):
        shape.update(positions=start + walk * 0.3 * step)
        detail.moved()
        detail.update(tuple(eye), 60.0, 720, direction=tuple(look), aspect=16 / 9, up=tuple(up))
        drawn = shape.shown("near") | shape.shown("far")
        exact = in_frustum(shape.positions - eye, frustum_sides(look, up, 60.0, 16 / 9), 1.5)
        assert drawn[exact].all(), step
    assert 0.3 * 29 / SLACK_M <= len(calls) <= 4  # 8.7 m walked: chosen again once or twice


def test_the_same_visible_instances_again_keep_the_masks_and_new_ones_are_chosen_at_once():
    """A running plant says every frame which cars are on the line and how big each moving
    part is: the same answer again keeps the masks, a new one is acted on in the same frame."""
    shape = _shape(30)
    detail = LevelOfDetail()
    detail.add(shape, 1.0)
    camera = ((0.0, -20.0, 5.0), 30.0, 720)
    visible, sizes = np.arange(30) % 2 == 0, np.full(30, 1.0)
    detail.set_visible(shape, visible, size=sizes)
    detail.update(*camera, direction=(0.0, 1.0, 0.0))
    calls = _counting(shape)
    for _ in range(3):
        detail.set_visible(shape, visible.copy(), size=sizes.copy())
        detail.moved()
        detail.update(*camera, direction=(0.0, 1.0, 0.0))
    assert calls == []
    detail.set_visible(shape, ~visible, size=sizes)  # the other half now
    detail.update(*camera, direction=(0.0, 1.0, 0.0))
    assert len(calls) == 1 and not (shape.shown("near") | shape.shown("far"))[visible].any()
