"""The level of detail chooses again only for what moved: a still shape keeps its masks while
the camera stays (on a software renderer every frame's Python counts), and writing the same
values into an instanced shape leaves its buffers alone."""

from __future__ import annotations

import numpy as np
import pyvista as pv

from viewer.scene.instancing import InstancedShape
from viewer.scene.level_of_detail import LevelOfDetail


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
