"""The cells' safety fences are a thin, light mesh, not a heavy black grid (issue 19, a blind
review of the die-casting stop: "a heavy black mesh fence fills the lower right of the seat
view"): the mesh is pale safety yellow, its top rail and horizontal wires are ridges that face
the light from above, and from the die-casting seat the fence's pixels are light and few."""

from __future__ import annotations

import numpy as np
import pytest
from scene_pictures import picture_without

from viewer.model.tour.route import load_route
from viewer.scene import palette
from viewer.scene.plant.fence_mesh import FENCE_HEIGHT, PANEL, WIRE_ROWS, panel_mesh
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (640, 360)
LUMINANCE = np.array([0.2126, 0.7152, 0.0722])


def test_the_mesh_is_a_light_colour():
    assert float(np.dot(palette.ROLES["fence"], LUMINANCE)) >= 0.75
    assert float(np.dot(palette.ROLES["fence"], LUMINANCE)) > float(
        np.dot(palette.ROLES["mesh_fence"], LUMINANCE)
    )  # lighter than its posts, which frame it


def test_the_top_rail_and_the_horizontal_wires_face_the_light_from_above():
    """Scaled to a real panel, every horizontal wire and the top rail is two strips leaning
    out of the panel's plane, one each way, facing up; the vertical wires and the bottom rail
    stay flat in the plane."""
    mesh = panel_mesh()
    points = np.asarray(mesh.points) * [PANEL, 1.0, FENCE_HEIGHT]
    strips = points.reshape(-1, 4, 3)  # one strip per four points
    normals = np.cross(strips[:, 1] - strips[:, 0], strips[:, 3] - strips[:, 0])
    normals /= np.linalg.norm(normals, axis=1)[:, None]
    up = np.abs(normals[:, 2]) >= 0.6
    wide = np.ptp(strips[:, :, 0], axis=1) > 0.5 * PANEL
    assert up.sum() == 2 * (WIRE_ROWS + 1)
    assert (wide[up]).all()
    lean = normals[up, 1] * np.sign(normals[up, 2])
    assert (lean > 0).sum() == (lean < 0).sum() == WIRE_ROWS + 1  # one strip each way
    assert np.allclose(normals[~up, 2], 0.0)  # the rest in the panel's plane


@pytest.fixture(scope="module")
def seat(plant):
    """The seat picture in the middle of the die-casting stop, with and without the mesh."""
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    try:
        image = renderer.render_stop("die-casting")
        yield image, picture_without(renderer, ("fence-mesh",))
    finally:
        renderer.close()


def test_from_the_die_casting_seat_the_fence_is_light_and_thin(seat):
    """In the picture's lower right quarter (the cell's fence beside the visitor), the pixels
    the mesh draws are light on average and cover little of it; yet the fence is there."""
    image, without = seat
    h, w = image.shape[:2]
    quarter = (slice(h // 2, h), slice(w // 2, w))
    drawn = np.abs(image.astype(int) - without.astype(int)).max(axis=2)[quarter] > 30
    share = drawn.mean()
    grey = image[quarter].astype(float) @ LUMINANCE
    assert 0.01 <= share <= 0.12, share
    assert grey[drawn].mean() >= 120, grey[drawn].mean()
