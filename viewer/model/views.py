"""Preset camera views and smooth transitions between camera poses.

A :class:`CameraPose` is where the camera is and what it looks at. :func:`view_pose` frames one
of the plant's preset views (``[[views]]`` in the layout file); :func:`interpolate_pose` moves
between two poses along an orbit (focal point linear, distance geometric, angles shortest way),
so a transition never dives through the ground.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.layout import Plant, View


@dataclass(frozen=True)
class CameraPose:
    """Camera position and focal point (m), z up, and vertical view angle (degrees)."""

    position: tuple[float, float, float]
    focal_point: tuple[float, float, float]
    view_angle: float = 30.0

    def orbit(self) -> tuple[np.ndarray, float, float, float]:
        """(focal point, distance, azimuth, elevation) of the camera around its focal point."""
        focal = np.asarray(self.focal_point, dtype=float)
        offset = np.asarray(self.position, dtype=float) - focal
        distance = float(np.linalg.norm(offset))
        azimuth = float(np.arctan2(offset[1], offset[0]))
        elevation = float(np.arcsin(np.clip(offset[2] / max(distance, 1e-9), -1, 1)))
        return focal, distance, azimuth, elevation


def orbit_pose(
    focal: np.ndarray, distance: float, azimuth: float, elevation: float, view_angle: float = 30.0
) -> CameraPose:
    """A pose on the sphere of ``distance`` around ``focal`` (angles in radians)."""
    offset = distance * np.array(
        [
            np.cos(elevation) * np.cos(azimuth),
            np.cos(elevation) * np.sin(azimuth),
            np.sin(elevation),
        ]
    )
    position = np.asarray(focal, dtype=float) + offset
    return CameraPose(
        tuple(position.tolist()), tuple(np.asarray(focal, float).tolist()), view_angle
    )


def view_pose(plant: Plant, view: View | str, aspect: float = 16 / 9) -> CameraPose:
    """The camera pose that frames a preset view's target.

    The azimuth is measured from south (0 = camera south of the target, looking north),
    positive towards the east. Without an explicit distance, the whole target fits the frame.

    >>> from viewer.model.layout import load_plant
    >>> pose = view_pose(load_plant(), "overview")
    >>> pose.position[2] > 300
    True
    """
    if isinstance(view, str):
        view = plant.view(view)
    aspect = min(max(aspect, 0.2), 5.0)  # a window not laid out yet reports a zero size
    x0, y0, x1, y1, height = plant.target_bounds(view.target)
    focal_z = height * 0.25 if view.focal_height is None else view.focal_height
    focal = np.array([(x0 + x1) / 2, (y0 + y1) / 2, focal_z])
    view_angle = view.view_angle
    elevation = np.radians(view.elevation_deg)
    azimuth = np.radians(-90.0 + view.azimuth_deg)
    distance = view.distance
    if distance is None:
        half_v = np.radians(view_angle / 2)
        half_h = np.arctan(np.tan(half_v) * aspect)
        width, depth = x1 - x0, y1 - y0
        # Project the footprint: across the screen we see the width (mostly); up the screen
        # the depth foreshortened by the elevation, plus the building height.
        across = abs(np.cos(azimuth)) * depth + abs(np.sin(azimuth)) * width
        deep = abs(np.sin(azimuth)) * depth + abs(np.cos(azimuth)) * width
        up = deep * np.sin(elevation) + height * np.cos(elevation)
        distance = 0.58 * max(across / np.tan(half_h), up / np.tan(half_v)) + height
    return orbit_pose(focal, float(distance), float(azimuth), float(elevation), view_angle)


def ease(s: float) -> float:
    """Smooth start and stop: cubic ease-in-out of s in [0, 1]."""
    s = min(max(s, 0.0), 1.0)
    return s * s * (3 - 2 * s)


def interpolate_pose(a: CameraPose, b: CameraPose, s: float) -> CameraPose:
    """The pose a fraction ``s`` (0-1, eased) of the way from ``a`` to ``b``.

    >>> a = orbit_pose(np.zeros(3), 100, 0.0, 0.5)
    >>> b = orbit_pose(np.ones(3), 400, 1.0, 0.8)
    >>> interpolate_pose(a, b, 0.0) == a, interpolate_pose(a, b, 1.0) == b
    (True, True)
    """
    if s <= 0:
        return a
    if s >= 1:
        return b
    t = ease(s)
    fa, da, aa, ea = a.orbit()
    fb, db, ab, eb = b.orbit()
    turn = (ab - aa + np.pi) % (2 * np.pi) - np.pi
    focal = fa + (fb - fa) * t
    distance = da * (db / da) ** t if da > 0 and db > 0 else da + (db - da) * t
    angle = a.view_angle + (b.view_angle - a.view_angle) * t
    return orbit_pose(focal, distance, aa + turn * t, ea + (eb - ea) * t, angle)
