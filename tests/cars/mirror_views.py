"""Where the lobby's mirrored ceiling lies in a picture, shared by the sculpture's tests."""

from __future__ import annotations

import numpy as np


def ceiling_mask(plant, pose, size: tuple[int, int], margin: float) -> np.ndarray:
    """Pixels (of a ``size`` picture from ``pose``) whose line of sight meets the lobby's
    ceiling plane inside the lobby, ``margin`` m in from its walls."""
    s = plant.sculpture
    eye, focal = np.asarray(pose.position), np.asarray(pose.focal_point)
    forward = (focal - eye) / np.linalg.norm(focal - eye)
    right = np.cross(forward, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, forward)
    w, h = size
    half = np.tan(np.radians(pose.view_angle) / 2)
    xs = ((np.arange(w) + 0.5) / w * 2 - 1) * half * w / h
    ys = (1 - (np.arange(h) + 0.5) / h * 2) * half
    gx, gy = np.meshgrid(xs, ys)
    rays = forward + gx[..., None] * right + gy[..., None] * up
    with np.errstate(divide="ignore", invalid="ignore"):
        reach = (s.mirror_height - eye[2]) / rays[..., 2]
    hits = eye + np.nan_to_num(reach)[..., None] * rays
    room = next(r for b in plant.buildings for r in b.rooms if r.id == s.room).footprint
    (x0, y0), (x1, y1) = room.min(axis=0) + margin, room.max(axis=0) - margin
    inside = (hits[..., 0] > x0) & (hits[..., 0] < x1) & (hits[..., 1] > y0) & (hits[..., 1] < y1)
    return inside & (reach > 0)
