"""A parametric Xiaomi SU7 body as plain arrays: a loft of cross-sections, plus wheels and glass.

The car's frame: x forward, y left, z up, origin on the ground under the middle of the
wheelbase. Sizes (m) are the published SU7 figures. Meshes are returned as ``(points, faces)``:
``points`` (M, 3) floats and ``faces`` (K, 3) vertex indices of triangles.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class CarDimensions:
    """Outer size (m) of the SU7: 4,997 x 1,963 x 1,455 mm, wheelbase 3,000 mm."""

    length: float = 4.997
    width: float = 1.963
    height: float = 1.455
    wheelbase: float = 3.000
    wheel_diameter: float = 0.72  # 20-inch rim with tyre (estimate)
    wheel_width: float = 0.26


SU7 = CarDimensions()

# Side profile as fractions: x from rear (-0.5) to front (+0.5) of the length; heights of the
# sill, the shoulder (belt line) and the roof as fractions of the total height; half widths of
# the body and of the roof as fractions of the total width.
_PROFILE = np.array(
    # x,     sill, belt,  roof,  body_w, roof_w
    [
        [-0.500, 0.26, 0.55, 0.56, 0.40, 0.36],
        [-0.490, 0.19, 0.66, 0.67, 0.46, 0.42],
        [-0.450, 0.15, 0.70, 0.71, 0.49, 0.44],
        [-0.380, 0.14, 0.69, 0.75, 0.50, 0.40],
        [-0.300, 0.14, 0.66, 0.90, 0.50, 0.36],
        [-0.180, 0.14, 0.64, 0.99, 0.50, 0.34],
        [-0.040, 0.14, 0.63, 1.00, 0.50, 0.33],
        [0.080, 0.14, 0.61, 0.97, 0.50, 0.33],
        [0.170, 0.14, 0.59, 0.72, 0.50, 0.40],
        [0.300, 0.14, 0.56, 0.58, 0.50, 0.46],
        [0.420, 0.15, 0.52, 0.53, 0.49, 0.45],
        [0.480, 0.18, 0.46, 0.47, 0.46, 0.42],
        [0.500, 0.24, 0.40, 0.41, 0.40, 0.36],
    ]
)


def _loft(sections: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Join closed cross-sections (S, P, 3) into a closed triangle mesh with end caps."""
    count, ring, _ = sections.shape
    points = sections.reshape(-1, 3)
    faces = []
    for s in range(count - 1):
        for p in range(ring):
            a, b = s * ring + p, s * ring + (p + 1) % ring
            c, d = a + ring, b + ring
            faces += [[a, b, d], [a, d, c]]
    for s, flip in ((0, True), (count - 1, False)):
        for p in range(1, ring - 1):
            tri = [s * ring, s * ring + p, s * ring + p + 1]
            faces.append(tri[::-1] if flip else tri)
    return points, np.asarray(faces, dtype=np.int64)


def body_mesh(dims: CarDimensions = SU7) -> tuple[np.ndarray, np.ndarray]:
    """The body shell (no wheels): a loft of eight-point cross-sections along the car."""
    sections = []
    for x, sill, belt, roof, body_w, roof_w in _PROFILE:
        w, rw = body_w * dims.width, roof_w * dims.width
        zs, zb, zr = sill * dims.height, belt * dims.height, roof * dims.height
        zm = zs + 0.45 * (zb - zs)
        ring = [
            (-0.86 * w, zs),
            (0.86 * w, zs),
            (w, zm),
            (0.97 * w, zb),
            (rw, zr),
            (-rw, zr),
            (-0.97 * w, zb),
            (-w, zm),
        ]
        sections.append([(x * dims.length, y, z) for y, z in ring])
    return _loft(np.asarray(sections, dtype=float))


def glass_mesh(dims: CarDimensions = SU7) -> tuple[np.ndarray, np.ndarray]:
    """The glass canopy: a thin shell just outside the upper body, between windscreen and rear."""
    rows = _PROFILE[3:10]
    sections = []
    for x, _sill, belt, roof, body_w, roof_w in rows:
        zb, zr = (belt + 0.015) * dims.height, (roof + 0.005) * dims.height
        w, rw = (0.97 * body_w + 0.006) * dims.width, (roof_w + 0.006) * dims.width
        ring = [(w, zb), (rw, zr), (-rw, zr), (-w, zb)]
        sections.append([(x * dims.length, y, z) for y, z in ring])
    return _loft(np.asarray(sections, dtype=float))


def wheels_mesh(dims: CarDimensions = SU7, segments: int = 10) -> tuple[np.ndarray, np.ndarray]:
    """Four wheels (closed cylinders on the y axis) at the wheelbase and track width."""
    radius = dims.wheel_diameter / 2
    track = dims.width / 2 - dims.wheel_width / 2 - 0.03
    angles = np.linspace(0, 2 * np.pi, segments, endpoint=False)
    all_points, all_faces = [], []
    offset = 0
    for x in (-dims.wheelbase / 2, dims.wheelbase / 2):
        for y in (-track, track):
            ring = np.stack(
                [
                    x + radius * np.cos(angles),
                    np.zeros_like(angles),
                    radius + radius * np.sin(angles),
                ],
                axis=1,
            )
            inner = ring + [0, y - dims.wheel_width / 2, 0]
            outer = ring + [0, y + dims.wheel_width / 2, 0]
            points, faces = _loft(np.stack([inner, outer]))
            all_points.append(points)
            all_faces.append(faces + offset)
            offset += len(points)
    return np.vstack(all_points), np.vstack(all_faces)


def tail_light_mesh(dims: CarDimensions = SU7) -> tuple[np.ndarray, np.ndarray]:
    """The full-width tail light: a thin band across the rear, just below the boot lid."""
    x0, x1 = -0.503 * dims.length, -0.47 * dims.length
    y = 0.45 * dims.width
    z0, z1 = 0.58 * dims.height, 0.63 * dims.height
    corners = np.array(
        [[x, yy, z] for x in (x0, x1) for yy in (-y, y) for z in (z0, z1)], dtype=float
    )
    faces = [
        [0, 1, 3], [0, 3, 2], [4, 6, 7], [4, 7, 5], [0, 4, 5], [0, 5, 1],
        [2, 3, 7], [2, 7, 6], [0, 2, 6], [0, 6, 4], [1, 5, 7], [1, 7, 3],
    ]  # fmt: skip
    return corners, np.asarray(faces, dtype=np.int64)


SU7_COLORS = {
    "aqua_blue": (0.05, 0.42, 0.62),
    "verdant_green": (0.18, 0.36, 0.30),
    "mineral_gray": (0.48, 0.50, 0.52),
    "meteor_blue": (0.13, 0.20, 0.36),
    "pearl_white": (0.90, 0.91, 0.91),
    "obsidian_black": (0.06, 0.06, 0.07),
    "ember_red": (0.62, 0.08, 0.08),
}
"""The SU7 paint colours (approximate sRGB, 0-1)."""

BODY_IN_WHITE = (0.66, 0.68, 0.70)
"""Bare galvanised steel of a body-in-white."""
