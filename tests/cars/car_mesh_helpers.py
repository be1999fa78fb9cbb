"""Shared by the car tests: a body mesh's triangles, their unit normals and which of them meet
along an edge (zero-area triangles, where a section's points lie on one another, left out)."""

from __future__ import annotations

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
