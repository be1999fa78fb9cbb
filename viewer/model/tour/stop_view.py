"""What a visitor sees of a stop's subject from the shuttle's seat.

A tour stop names its *subject*: the machine, line, room or building its narration talks about.
:func:`subject_box` turns that name into the box (x0, y0, z0, x1, y1, z1) it fills: an equipment
id gives the extent of its parts, an area (building, room, lot, the track) its bounds up to its
roof, ``"sculpture"`` the lobby's Möbius strip with its car; six numbers are a box as they are.

:func:`subject_share` says how much of the picture's height the subject fills from a camera
(0 to 1), counting only the parts of it that are in the picture and not hidden behind an opaque
wall. The route check asks for at least :data:`MIN_SHARE` of the seat view's height in the
middle of every stop.

Examples
--------
>>> import numpy as np
>>> box = np.array([-1.0, 10.0, 0.0, 1.0, 12.0, 4.0])  # 4 m tall, 10 m ahead
>>> eye, focal = np.array([0.0, 0.0, 1.5]), np.array([0.0, 10.0, 1.5])
>>> round(subject_share(eye, focal, 70.0, 16 / 9, box), 2)
0.29
>>> wall = np.array([[0.0, 5.0, 0.0, 20.0, 0.4, 6.0, 0.0]])  # x, y, z, along, across, high, yaw
>>> subject_share(eye, focal, 70.0, 16 / 9, box, wall)
0.0
"""

from __future__ import annotations

import numpy as np

from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import BOX_ROLES, PlantParts

MIN_SHARE = 0.25  # of the picture's height
ASPECT = 16 / 9  # the picture the share is measured in (snapshot's and the video's default)
OPAQUE_ROLES = ("wall", "door")  # what hides a subject (glass, windows and fences do not)
SAMPLE_M = 0.75  # spacing of the points sampled on the subject's faces
MAX_SAMPLES = 48  # per edge


def subject_box(plant: Plant, parts: PlantParts, subject: str | np.ndarray) -> np.ndarray | None:
    """The box (x0, y0, z0, x1, y1, z1) of ``subject``; None if the name is unknown."""
    if not isinstance(subject, str):
        box = np.asarray(subject, dtype=float).reshape(6)
        return np.concatenate([np.minimum(box[:3], box[3:]), np.maximum(box[:3], box[3:])])
    if subject in parts.extents:
        return np.asarray(parts.extents[subject], dtype=float)
    if subject == "sculpture" and plant.sculpture is not None:
        s = plant.sculpture
        reach = s.radius + s.half_width
        x, y = s.center
        top = s.height + s.half_width + 1.5  # the car on the crest
        return np.array([x - reach, y - reach, s.height - s.half_width, x + reach, y + reach, top])
    try:
        x0, y0, x1, y1, height = plant.target_bounds(subject)
    except KeyError:
        return None
    return np.array([x0, y0, 0.0, x1, y1, height])


def opaque_walls(parts: PlantParts) -> np.ndarray:
    """The boxes that hide what is behind them: rows (x, y, z, along, across, height, yaw)."""
    return role_boxes(parts, OPAQUE_ROLES)


def face_samples(box: np.ndarray, spacing: float = SAMPLE_M, most: int = MAX_SAMPLES) -> np.ndarray:
    """Points on the six faces of ``box`` (x0, y0, z0, x1, y1, z1), about ``spacing`` m apart
    and at most ``most`` along an edge.

    >>> face_samples(np.array([0.0, 0, 0, 1, 1, 1]), spacing=1.0).shape
    (24, 3)
    """
    low, high = box[:3], box[3:]
    axes = [
        np.linspace(low[i], high[i], int(np.clip((high[i] - low[i]) / spacing, 2, most)))
        for i in range(3)
    ]
    points = []
    for fixed in range(3):
        a, b = (i for i in range(3) if i != fixed)
        ga, gb = np.meshgrid(axes[a], axes[b], indexing="ij")
        for value in (low[fixed], high[fixed]):
            face = np.empty((ga.size, 3))
            face[:, a], face[:, b], face[:, fixed] = ga.ravel(), gb.ravel(), value
            points.append(face)
    return np.vstack(points)


def role_boxes(parts: PlantParts, roles: tuple[str, ...]) -> np.ndarray:
    """The boxes of ``roles``: rows (x, y, z, along, across, height, yaw)."""
    boxes = parts.boxes
    keep = np.isin(boxes.role, [BOX_ROLES.index(role) for role in roles])
    return np.column_stack([boxes.bottom_center[keep], boxes.size[keep], boxes.yaw[keep]]).reshape(
        -1, 7
    )


def boxes_crossed(eye: np.ndarray, point: np.ndarray, boxes: np.ndarray) -> np.ndarray:
    """Which of ``boxes`` (rows as :func:`role_boxes`) the sight line from ``eye`` to ``point``
    passes through: what a visitor looks through (glass) or at (a wall) on the way.

    >>> wall = np.array([[0.0, 5.0, 0.0, 20.0, 0.4, 6.0, 0.0]])
    >>> boxes_crossed(np.array([0.0, 0, 1.5]), np.array([0.0, 10, 1.5]), wall).tolist()
    [True]
    """
    eye, point = np.asarray(eye, dtype=float), np.asarray(point, dtype=float)[None]
    return np.array([_hidden(eye, point, box[None])[0] for box in boxes], dtype=bool)


def in_picture(
    eye: np.ndarray, focal: np.ndarray, view_angle: float, aspect: float, points: np.ndarray
) -> np.ndarray:
    """Which of ``points`` fall inside the picture of a camera at ``eye`` looking at ``focal``
    (z up, vertical view angle ``view_angle`` degrees, width over height ``aspect``).

    >>> eye, focal = np.array([0.0, 0, 1.5]), np.array([0.0, 10, 1.5])
    >>> in_picture(eye, focal, 70.0, 16 / 9, np.array([[0.0, 5, 1.5], [0, -5, 1.5]])).tolist()
    [True, False]
    """
    x, y, depth = _project(
        np.asarray(eye, dtype=float),
        np.asarray(focal, dtype=float),
        view_angle,
        aspect,
        np.asarray(points, dtype=float),
    )
    return (depth > 0.05) & (np.abs(x) <= 1.0) & (np.abs(y) <= 1.0)


def _project(
    eye: np.ndarray, focal: np.ndarray, view_angle: float, aspect: float, points: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Picture coordinates (-1 to 1 across and up) and depth of ``points``."""
    forward = focal - eye
    forward /= max(np.linalg.norm(forward), 1e-9)
    right = np.cross(forward, [0.0, 0.0, 1.0])
    right /= max(np.linalg.norm(right), 1e-9)
    up = np.cross(right, forward)
    rel = points - eye
    depth = rel @ forward
    tangent = np.tan(np.radians(view_angle) / 2)
    with np.errstate(divide="ignore", invalid="ignore"):
        x = (rel @ right) / depth / (tangent * aspect)
        y = (rel @ up) / depth / tangent
    return x, y, depth


def _hidden(eye: np.ndarray, points: np.ndarray, walls: np.ndarray) -> np.ndarray:
    """Which of ``points`` a wall stands in front of, seen from ``eye`` (slab test per wall)."""
    hidden = np.zeros(len(points), dtype=bool)
    if not len(points):
        return hidden
    # Only a wall that reaches into the box round the eye and the points can cross a sight line
    # between them (a wall's reach: half its diagonal round its centre).
    flat = np.vstack([points[:, :2], eye[None, :2]])
    reach = np.hypot(walls[:, 3], walls[:, 4])[:, None] / 2
    near = np.all((walls[:, :2] >= flat.min(axis=0) - reach), axis=1) & np.all(
        walls[:, :2] <= flat.max(axis=0) + reach, axis=1
    )
    for x, y, z, along, across, height, yaw in walls[near]:
        c, s = np.cos(yaw), np.sin(yaw)
        rel_eye = eye - [x, y, 0.0]
        rel = points - [x, y, 0.0]
        local_eye = np.array([rel_eye[0] * c + rel_eye[1] * s, -rel_eye[0] * s + rel_eye[1] * c])
        local = np.column_stack([rel[:, 0] * c + rel[:, 1] * s, -rel[:, 0] * s + rel[:, 1] * c])
        start = np.array([local_eye[0], local_eye[1], eye[2]])
        delta = np.column_stack([local, points[:, 2]]) - start
        low = np.array([-along / 2, -across / 2, z])
        high = np.array([along / 2, across / 2, z + height])
        with np.errstate(divide="ignore", invalid="ignore"):
            t0 = (low - start) / delta
            t1 = (high - start) / delta
        near = np.where(np.isnan(t0), -np.inf, np.minimum(t0, t1))
        far = np.where(np.isnan(t1), np.inf, np.maximum(t0, t1))
        # A ray parallel to a slab misses it unless it starts inside that slab.
        parallel = delta == 0
        outside = parallel & ((start < low) | (start > high))
        enter, leave = near.max(axis=1), far.min(axis=1)
        hit = (enter < leave) & (leave > 1e-3) & (enter < 1 - 1e-3) & ~outside.any(axis=1)
        hidden |= hit
    return hidden


def subject_share(
    eye: np.ndarray,
    focal: np.ndarray,
    view_angle: float,
    aspect: float,
    box: np.ndarray,
    walls: np.ndarray | None = None,
) -> float:
    """Share (0-1) of the picture's height that the visible part of ``box`` spans.

    The camera is at ``eye`` looking at ``focal`` with z up and a vertical view angle of
    ``view_angle`` degrees; ``walls`` (see :func:`opaque_walls`) hide what is behind them.
    """
    eye, focal = np.asarray(eye, dtype=float), np.asarray(focal, dtype=float)
    if np.all(eye >= box[:3]) and np.all(eye <= box[3:]):
        return 1.0  # standing inside the subject: it fills the view
    points = face_samples(box)
    x, y, depth = _project(eye, focal, view_angle, aspect, points)
    seen = (depth > 0.05) & (np.abs(x) <= 1.0)
    if walls is not None and len(walls) and seen.any():
        seen[seen] &= ~_hidden(eye, points[seen], walls)
    if not seen.any():
        return 0.0
    y = np.clip(y[seen], -1.0, 1.0)
    return float((y.max() - y.min()) / 2)
