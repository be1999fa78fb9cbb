"""Instanced shapes: one mapper per shape, prepared once per source mesh."""

import gc

import pyvista as pv

from viewer.scene import instancing


def test_a_shape_is_prepared_once_and_forgotten_with_its_mesh():
    """Normals and the closed-mesh check are worked out once per source mesh shared by several
    mappers, and the entry of a mesh that is gone (a replaced car model) does not stay."""
    box = pv.Cube().triangulate()
    first = instancing.InstancedShape(box, 3)
    second = instancing.InstancedShape(box, 5)
    assert first.mapper.GetSource() is second.mapper.GetSource()
    assert first.actor.GetProperty().GetBackfaceCulling()
    assert first.mapper.GetSource().GetPointData().GetNormals() is not None
    key = id(box)
    del first, second, box
    gc.collect()
    instancing.InstancedShape(pv.Plane().triangulate(), 1)  # the next preparation sweeps
    assert key not in instancing._PREPARED or instancing._PREPARED[key][0]() is not None
