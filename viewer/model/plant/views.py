"""Preset camera views and smooth transitions between camera poses.

A :class:`CameraPose` is where the camera is and what it looks at. :func:`view_pose` frames one
of the plant's preset views (``[[views]]`` in the layout file); :func:`interpolate_pose` moves
between two poses along an orbit (focal point linear, distance geometric, angles shortest way),
so a transition never dives through the ground.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.geometry import offset_polyline
from viewer.model.plant.layout import Plant, View

FILL = 0.94  # the share of the picture's width or height a fitted outline spans


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

    >>> from viewer.model.plant.layout import load_plant
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
    if distance is None and view.target == plant.track.id:
        focal, distance = _fit_track(plant, focal, azimuth, elevation, view_angle, aspect)
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


def _fit_track(
    plant: Plant,
    focal: np.ndarray,
    azimuth: float,
    elevation: float,
    view_angle: float,
    aspect: float,
) -> tuple[np.ndarray, float]:
    """Focal point and distance at which the test track's outline, seen in perspective from
    these angles, fills the picture (:data:`FILL` of its width or height) and sits in its middle:
    the track, not the land round it, makes the picture."""
    track = plant.track
    rings = [offset_polyline(track.centerline, side * track.width / 2, True) for side in (1, -1)]
    ring = max(rings, key=lambda r: float(np.ptp(r, axis=0).prod()))  # the outer edge
    points = np.column_stack([ring, np.zeros(len(ring))])
    focal = np.array([*points[:, :2].mean(axis=0), focal[2]])
    tan_v = np.tan(np.radians(view_angle / 2))
    tan_h = tan_v * aspect
    back = np.array(
        [
            np.cos(elevation) * np.cos(azimuth),
            np.cos(elevation) * np.sin(azimuth),
            np.sin(elevation),
        ]
    )
    right = np.array([-np.sin(azimuth), np.cos(azimuth), 0.0])  # to the camera's right
    up = np.cross(back, right)
    ahead = np.array([-np.cos(azimuth), -np.sin(azimuth), 0.0])  # on the ground, away

    def centred(distance: float, focal: np.ndarray) -> tuple[np.ndarray, float]:
        """The focal point that centres the outline from ``distance``, and the outline's half
        spread on the screen (in half-picture units; infinite if it reaches behind the eye)."""
        spread = np.inf
        for _ in range(8):
            rel = points - (focal + back * distance)
            depth = rel @ -back
            if depth.min() < 0.02 * distance:
                return focal, np.inf
            x = (rel @ right) / depth / tan_h
            y = (rel @ up) / depth / tan_v
            focal = focal + right * (x.max() + x.min()) / 2 * distance * tan_h
            shift = (y.max() + y.min()) / 2 * distance * tan_v / max(np.sin(elevation), 0.1)
            focal = focal + ahead * shift
            spread = max(np.ptp(x), np.ptp(y)) / 2
        return focal, spread

    size = float(np.ptp(points[:, :2], axis=0).max())
    near, far = 0.05 * size, 20.0 * size  # bisect the distance (in ratio) for the fill
    for _ in range(22):
        distance = float(np.sqrt(near * far))
        moved, spread = centred(distance, focal)
        if spread > FILL:
            near = distance
        else:
            far, focal = distance, moved
    distance = far
    focal, _ = centred(distance, focal)
    return focal, distance


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
