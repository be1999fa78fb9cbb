"""The SU7's bonnet seen from the passenger seat on the test ride (issue 20): over the dashboard
lies one smooth band of Aqua Blue paint whose front edge is a clean line just below the horizon,
the track running on ahead above it; not a wavy light-blue patch floating over the dashboard.
The steering wheel in front of the driver is round."""

from __future__ import annotations

from collections import deque

import numpy as np
import pytest
from cabin_views import MARK, STRAIGHT, cell_corners, part_points

from viewer.model.tour.route import load_route
from viewer.model.tour.track_ride import PASSENGER_EYE
from viewer.scene.cars.cabin import (
    PARTS,
    SHOULDER_Y,
    WHEEL_CENTRE,
    WHEEL_RADIUS,
    WHEEL_TILT,
    bonnet_grid,
    build_cabin,
)
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (960, 540)  # fine enough to see an edge's waves
MOMENTS = (STRAIGHT, 27.0)  # s after the launch: on the start straight; in a left bend
AHEAD = (0.52, 0.70)  # the columns (shares of the width) right of the centre screen, left of
# the passenger's A-pillar: straight ahead of him


@pytest.fixture(scope="module")
def renderer(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    yield renderer
    renderer.close()


def seat_pictures(renderer, after_launch: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The passenger's picture ``after_launch`` s into the ride (RGB, int), the mask of the
    bonnet's pixels and that of the whole cabin's (each drawn once more in magenta)."""
    motion = renderer.tour_motion
    t = motion.launch_time + after_launch
    mesh = renderer.tour.cabin.mesh
    colors = np.array(mesh.point_data["rgb"])
    bonnet_faces = np.flatnonzero(mesh.cell_data["part"] == PARTS.index("bonnet"))
    corners = cell_corners(mesh)
    bonnet_points = np.concatenate([corners[cell] for cell in bonnet_faces])

    def render(marked_points: np.ndarray | None) -> np.ndarray:
        marked = colors.copy()
        if marked_points is not None:
            marked[marked_points] = MARK
        mesh.point_data["rgb"] = marked
        try:
            image = renderer.render(renderer.run.start_time + t, tour_time=t, camera="seat")
        finally:
            mesh.point_data["rgb"] = colors
        return np.asarray(image)[..., :3].astype(int)

    def magenta(image: np.ndarray) -> np.ndarray:
        return (image[..., 0] > 240) & (image[..., 1] < 15) & (image[..., 2] > 240)

    image = render(None)
    bonnet = magenta(render(bonnet_points))
    cabin = magenta(render(np.arange(mesh.n_points)))
    return image, bonnet, cabin


def connected_regions(mask: np.ndarray) -> int:
    """How many 4-connected regions of True ``mask`` holds."""
    seen = np.zeros_like(mask, dtype=bool)
    regions = 0
    height, width = mask.shape
    for start in zip(*np.nonzero(mask), strict=True):
        if seen[start]:
            continue
        regions += 1
        seen[start] = True
        queue = deque([start])
        while queue:
            row, col = queue.popleft()
            for r, c in ((row + 1, col), (row - 1, col), (row, col + 1), (row, col - 1)):
                if 0 <= r < height and 0 <= c < width and mask[r, c] and not seen[r, c]:
                    seen[r, c] = True
                    queue.append((r, c))
    return regions


def test_the_bonnet_is_one_smooth_surface_facing_the_passenger():
    """A grid with smooth normals and no waves: each line along the car rises steadily towards
    the crest as the passenger's eye sees it (so the crest is the edge he sees), and the
    normals turn only a little from one point to the next."""
    grid = bonnet_grid()
    eye = np.array(PASSENGER_EYE)
    rows, columns = grid.shape[:2]
    assert rows >= 6 and columns >= 13  # a proper grid, not a few bent strips
    crest = int(np.argmax(grid[:, columns // 2, 2]))
    ahead = grid[: crest + 1] - eye
    below = -ahead[..., 2] / np.hypot(ahead[..., 0], ahead[..., 1])  # the sight line's slope
    assert (np.diff(below, axis=0) < 0).all()  # each point further up the picture than the last
    normals = np.cross(np.gradient(grid, axis=1), np.gradient(grid, axis=0))
    normals /= np.linalg.norm(normals, axis=2, keepdims=True)
    normals *= np.sign(normals[..., 2:3])
    inboard = np.abs(grid[crest, :, 1]) < SHOULDER_Y  # inside the wings' shoulders
    assert (normals[: crest + 1, inboard, 2] > 0.9).all()  # a bonnet, not a wall
    seen = normals[: crest + 1, inboard]  # what the passenger sees of it

    def turns(first: np.ndarray, second: np.ndarray) -> float:
        return float(np.degrees(np.arccos(np.clip((first * second).sum(-1), -1, 1))).max())

    assert turns(seen[1:], seen[:-1]) < 8 and turns(seen[:, 1:], seen[:, :-1]) < 8
    # the crest across the car, the edge seen: a gentle arc, lifted softly by the two ridges
    # (the old bonnet's wings rose 7 cm in a few steps: 0.03)
    assert np.abs(np.diff(below[crest, inboard], 2)).max() < 0.015


@pytest.mark.parametrize("after_launch", MOMENTS)
def test_from_the_seat_the_bonnet_is_one_band_with_a_clean_front_edge(renderer, after_launch):
    image, bonnet, cabin = seat_pictures(renderer, after_launch)
    height, width = bonnet.shape
    span = slice(int(width * AHEAD[0]), int(width * AHEAD[1]))
    band = bonnet[:, span]
    assert band.any(axis=0).all()  # straight ahead, across the whole span
    assert connected_regions(band) == 1  # one region, not patches
    top = band.argmax(axis=0)  # the front edge: the band's top row in each column
    bottom = height - 1 - band[::-1].argmax(axis=0)
    assert np.abs(np.diff(top)).max() <= 2, np.abs(np.diff(top)).max()  # a clean line
    assert np.abs(np.diff(top, 2)).max() <= 2  # no waves
    assert (bottom - top + 1 == band.sum(axis=0)).all()  # solid from its edge down
    assert ((bottom - top) > 0.08 * height).all()  # a band, not a sliver
    assert (top > 0.5 * height).all() and (top < 0.65 * height).all()  # just below the horizon
    # under it the dashboard, nothing of the world between them: it does not float
    under = cabin[:, span][np.minimum(bottom + 2, height - 1), np.arange(band.shape[1])]
    assert under.all()
    # above its edge the world: the track ahead, the horizon, the sky
    above = ~cabin[int(0.3 * height) : top.min() - 1, span]
    assert above.all()
    world = image[int(0.3 * height) : top.min() - 1, span]
    grey = world.max(axis=2) - world.min(axis=2) < 14
    asphalt = grey & (world.mean(axis=2) > 35) & (world.mean(axis=2) < 110)
    assert asphalt.mean() > 0.05  # the track running on ahead
    # in the car's paint, shaded smoothly: light blue, no blotches
    paint = image[:, span][band]
    assert (paint[:, 2] > paint[:, 0] + 60).mean() > 0.97 and paint[:, 2].mean() > 180
    inside = band[1:] & band[:-1]
    steps = np.abs(np.diff(image[:, span], axis=0))[inside].max(axis=1)
    assert np.percentile(steps, 99) <= 6  # from one row to the next, only gradual changes


def test_the_steering_wheel_is_round():
    """The flat-bottomed wheel's rim is round: many pieces on one circle, not a polygon."""
    mesh = build_cabin()
    assert mesh.triangulate().n_cells < 1000  # still cheap
    wheel = part_points(mesh, "steering wheel") - np.array(WHEEL_CENTRE)
    across = np.array([0.0, 1.0, 0.0])
    up = np.array([np.sin(WHEEL_TILT), 0.0, np.cos(WHEEL_TILT)])
    face = np.cross(across, up)
    u, v, w = wheel @ across, wheel @ up, wheel @ face
    reach = np.hypot(u, v)
    rim = (reach > WHEEL_RADIUS * 0.8) & (np.abs(w) < 0.03) & (v > 0.0)  # its upper half
    assert np.ptp(reach[rim]) < 0.04  # on one circle, within the rim's thickness
    angles = np.degrees(np.arctan2(v[rim], u[rim]))
    steps = np.unique(np.round(angles[(angles > 10) & (angles < 170)]))
    assert len(steps) >= 10  # at least 10 pieces over its top (the old one's 14-gon: 6)
