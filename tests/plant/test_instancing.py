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
    key = (id(box), False)
    del first, second, box
    gc.collect()
    instancing.InstancedShape(pv.Plane().triangulate(), 1)  # the next preparation sweeps
    assert key not in instancing._PREPARED or instancing._PREPARED[key][0]() is not None


def test_a_tiny_mesh_keeps_its_corners_shared():
    """A box drawn a few pixels big is 8 vertices to transform (normals averaged at its
    corners), the same box drawn near 24 (a copy of each corner per face, for flat faces)."""
    box = pv.Cube().clean().triangulate()
    shape = instancing.InstancedShape(box, 2, far=box, tiny=box)
    assert shape.mapper.GetSource().GetNumberOfPoints() == 24
    assert shape.far_mapper.GetSource().GetNumberOfPoints() == 24
    tiny = shape.tiny_mapper.GetSource()
    assert tiny.GetNumberOfPoints() == 8 and tiny.GetNumberOfCells() == 12
    assert tiny.GetPointData().GetNormals() is not None
    assert shape.tiny_actor.GetProperty().GetBackfaceCulling()
