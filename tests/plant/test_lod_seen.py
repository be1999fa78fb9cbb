"""Level of detail: a box looks as big as it is thick, not only as tall as it is."""

import numpy as np
import pyvista as pv

from viewer.scene.instancing import InstancedShape
from viewer.scene.level_of_detail import LevelOfDetail


def test_a_thin_pole_is_culled_nearer_than_its_height_alone_would_say() -> None:
    shape = InstancedShape(pv.Cube().triangulate(), 2)
    shape.update(positions=np.array([[0.0, 300.0, 0.0], [0.0, 300.0, 0.0]]))
    detail = LevelOfDetail(cull_pixels=6.0)
    height, thick = np.array([12.0, 12.0]), np.array([12.0, np.sqrt(12.0 * 0.6)])
    detail.add(shape, height, cull=True, seen=thick)
    detail.update((0.0, 0.0, 1.5), view_angle=30.0, height=540, direction=(0.0, 1.0, 0.0))
    # 12 m at 300 m is 40 pixels; a 0.6 m pole 12 m tall looks like a 2.7 m thing: 9 pixels
    assert shape.shown("near").tolist() == [True, True]
    detail.update((0.0, -400.0, 1.5), view_angle=30.0, height=540, direction=(0.0, 1.0, 0.0))
    # at 700 m: the block is 17 pixels, the pole under 6
    assert shape.shown("near").tolist() == [True, False]
