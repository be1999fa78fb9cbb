"""Shared by the car tests: a body mesh's triangles, their unit normals and which of them meet
along an edge (zero-area triangles, where a section's points lie on one another, left out); a
car model file seen from its front."""

from __future__ import annotations

from pathlib import Path

import numpy as np


def face_pairs(points: np.ndarray, faces: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(triangles (K, 3, 3), unit normals (K, 3), pairs (E, 2) of triangle indices sharing an
    edge), with the points that lie on one another merged first."""
    rounded = np.round(points, 7)
    _, index, inverse = np.unique(rounded, axis=0, return_index=True, return_inverse=True)
    faces = inverse.reshape(-1)[faces]
    triangles = points[index][faces]
    cross = np.cross(triangles[:, 1] - triangles[:, 0], triangles[:, 2] - triangles[:, 0])
    area = np.linalg.norm(cross, axis=1)
    normals = cross / np.maximum(area, 1e-30)[:, None]
    edges: dict[tuple[int, int], list[int]] = {}
    for number, (a, b, c) in enumerate(faces):
        if area[number] < 1e-10:
            continue
        for u, v in ((a, b), (b, c), (c, a)):
            edges.setdefault((min(u, v), max(u, v)), []).append(number)
    pairs = np.array([f for f in edges.values() if len(f) == 2], dtype=np.int64).reshape(-1, 2)
    return triangles, normals, pairs


def front_view(path: Path) -> np.ndarray:
    """The car model file ``path`` alone (as the lobby draws it) seen from its front, 300 x 200,
    RGB 0-1."""
    import pyvista as pv

    from viewer.scene import shapes
    from viewer.scene.cars.car_model import read_car_model
    from viewer.scene.cars.car_model_look import add_car_model

    shapes.set_car_model(read_car_model(path))
    plotter = pv.Plotter(off_screen=True, window_size=(300, 200))
    add_car_model(
        lambda mesh, color, is_car, **kw: [plotter.add_mesh(mesh, color=color, **kw)],
        plotter.renderer,
    )
    plotter.camera_position = [(10.0, 0.0, 0.7), (0.0, 0.0, 0.7), (0.0, 0.0, 1.0)]
    image = plotter.screenshot(return_img=True).astype(float) / 255.0
    plotter.close()
    return image
