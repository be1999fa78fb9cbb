"""Pictures from the test ride's passenger seat, shared by the cabin and ride tests: the
picture at a moment of the ride, and the pixels a part of the cabin covers."""

from __future__ import annotations

import numpy as np

from viewer.scene.cars.cabin import PARTS

SIZE = (480, 270)
STRAIGHT, BEND = 1.0, 27.0  # s after the launch: the start straight; a left bend
MARK = (255, 0, 255)


def part_points(mesh, name: str) -> np.ndarray:
    """The corners of the faces of the part ``name``."""
    corners = cell_corners(mesh)
    chosen = np.flatnonzero(mesh.cell_data["part"] == PARTS.index(name))
    return np.asarray(mesh.points)[np.concatenate([corners[cell] for cell in chosen])]


def cell_corners(mesh) -> list[np.ndarray]:
    faces, corners, at = np.asarray(mesh.faces), [], 0
    while at < len(faces):
        corners.append(faces[at + 1 : at + 1 + faces[at]])
        at += faces[at] + 1
    return corners


def seat_view(renderer, after_launch: float, part: str | None = None) -> np.ndarray:
    """The passenger's picture ``after_launch`` seconds into the ride (RGB, int); with
    ``part``, the mask of the pixels that part of the cabin covers (drawn in magenta)."""
    motion = renderer.tour_motion
    t = motion.launch_time + after_launch
    mesh = renderer.tour.cabin.mesh
    colors = np.array(mesh.point_data["rgb"])
    if part is not None:
        marked = colors.copy()
        chosen = np.flatnonzero(mesh.cell_data["part"] == PARTS.index(part))
        corners = cell_corners(mesh)
        marked[np.concatenate([corners[cell] for cell in chosen])] = MARK
        mesh.point_data["rgb"] = marked
    try:
        image = renderer.render(renderer.run.start_time + t, tour_time=t, camera="seat")
    finally:
        mesh.point_data["rgb"] = colors
    image = np.asarray(image)[..., :3].astype(int)
    if part is None:
        return image
    return (image[..., 0] > 240) & (image[..., 1] < 15) & (image[..., 2] > 240)
