"""Plane and rotation geometry in NumPy: areas, polylines, rounded corners, quaternions.

Coordinates throughout the project: metres, x east, y north, z up, origin at the south-west
corner of the site. Quaternions are (w, x, y, z), as VTK's glyph mapper expects.
"""

from __future__ import annotations

import numpy as np


def polygon_area(points: np.ndarray) -> float:
    """Area of a simple polygon (shoelace formula), whatever its winding.

    >>> polygon_area(np.array([[0, 0], [10, 0], [10, 5], [0, 5]]))
    50.0
    """
    x, y = np.asarray(points, dtype=float).T
    return float(abs(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) / 2.0)


def first_outside(points: np.ndarray, low: np.ndarray, high: np.ndarray) -> np.ndarray | None:
    """The first of ``points`` (N, 2) outside the box from ``low`` to ``high``; None if all
    are inside.

    >>> first_outside(np.array([[1.0, 1.0], [9.0, 2.0]]), np.zeros(2), np.full(2, 5.0))
    array([9., 2.])
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    outside = np.any((points < low) | (points > high), axis=1)
    return points[np.argmax(outside)] if outside.any() else None


def inside_polygon(points: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """Which of ``points`` (N, 2) lie inside ``polygon`` (even-odd rule).

    >>> square = np.array([[0, 0], [10, 0], [10, 10], [0, 10]])
    >>> inside_polygon(np.array([[5, 5], [15, 5]]), square).tolist()
    [True, False]
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    x, y = points[:, :1], points[:, 1:]
    a = np.asarray(polygon, dtype=float)
    b = np.roll(a, -1, axis=0)
    crosses = (a[:, 1] > y) != (b[:, 1] > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        at = a[:, 0] + (y - a[:, 1]) * (b[:, 0] - a[:, 0]) / (b[:, 1] - a[:, 1])
    return (np.count_nonzero(crosses & (x < at), axis=1) % 2) == 1


def runs_inside(points: np.ndarray, polygons: list[np.ndarray]) -> list[np.ndarray]:
    """The pieces of the polyline ``points`` (N, 2) that lie inside any of ``polygons``, each
    a polyline of its own, cut where the line crosses a polygon's edge.

    >>> square = np.array([[0, 0], [10, 0], [10, 10], [0, 10]])
    >>> [run.tolist() for run in runs_inside(np.array([[-5, 5], [5, 5], [5, 20]]), [square])]
    [[[0.0, 5.0], [5.0, 5.0], [5.0, 10.0]]]
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    pieces: list[np.ndarray] = [points[:1]]
    for start, end in zip(points[:-1], points[1:], strict=True):
        cuts = [0.0, 1.0]
        step = end - start
        for polygon in polygons:
            a = np.asarray(polygon, dtype=float)
            edge = np.roll(a, -1, axis=0) - a
            denom = step[0] * edge[:, 1] - step[1] * edge[:, 0]
            offset = a - start
            with np.errstate(divide="ignore", invalid="ignore"):
                t = (offset[:, 0] * edge[:, 1] - offset[:, 1] * edge[:, 0]) / denom
                u = (offset[:, 0] * step[1] - offset[:, 1] * step[0]) / denom
            hit = (denom != 0) & (t > 0) & (t < 1) & (u >= 0) & (u <= 1)
            cuts.extend(t[hit].tolist())
        cuts = np.unique(cuts)
        pieces.append(start + np.outer(cuts[1:], step))
    dense = np.concatenate(pieces)
    middles = (dense[:-1] + dense[1:]) / 2
    inside = np.zeros(len(middles), dtype=bool)
    for polygon in polygons:
        inside |= inside_polygon(middles, polygon)
    runs: list[np.ndarray] = []
    start_index = None
    for k, keep in enumerate([*inside, False]):
        if keep and start_index is None:
            start_index = k
        elif not keep and start_index is not None:
            runs.append(dense[start_index : k + 1])
            start_index = None
    return runs


def polyline_length(points: np.ndarray, closed: bool = False) -> float:
    """Length of a polyline, optionally closed back to its first point.

    >>> polyline_length(np.array([[0, 0], [3, 4]]))
    5.0
    """
    points = np.asarray(points, dtype=float)
    if closed:
        points = np.vstack([points, points[:1]])
    return float(np.linalg.norm(np.diff(points, axis=0), axis=1).sum())


def round_corners(
    points: np.ndarray, radius: float, closed: bool = True, segments: int = 12
) -> np.ndarray:
    """Replace each corner of a polyline by a circular arc of ``radius`` (a fillet).

    The radius is reduced at a corner whose legs are too short for it. Returns the new points.

    >>> square = np.array([[0, 0], [100, 0], [100, 100], [0, 100]], dtype=float)
    >>> round(polyline_length(round_corners(square, 10, segments=64), closed=True), 1)
    382.8
    """
    points = np.asarray(points, dtype=float)
    count = len(points)
    result: list[np.ndarray] = []
    corners = range(count) if closed else range(1, count - 1)
    if not closed:
        result.append(points[:1])
    for i in corners:
        prev, here, nxt = points[i - 1], points[i], points[(i + 1) % count]
        a, b = prev - here, nxt - here
        la, lb = np.linalg.norm(a), np.linalg.norm(b)
        if la < 1e-9 or lb < 1e-9:
            continue
        a, b = a / la, b / lb
        cos_angle = float(np.clip(np.dot(a, b), -1.0, 1.0))
        angle = np.arccos(cos_angle)  # interior angle between the legs
        if angle > np.pi - 1e-6 or angle < 1e-6:
            result.append(here[None])
            continue
        tangent = radius / np.tan(angle / 2)
        tangent = min(tangent, 0.5 * la, 0.5 * lb)
        r = tangent * np.tan(angle / 2)
        p1, p2 = here + a * tangent, here + b * tangent
        bisector = a + b
        center = here + bisector / np.linalg.norm(bisector) * (r / np.sin(angle / 2))
        start = np.arctan2(*(p1 - center)[::-1])
        sweep = np.arctan2(*(p2 - center)[::-1]) - start
        sweep = (sweep + np.pi) % (2 * np.pi) - np.pi
        t = np.linspace(0.0, 1.0, segments + 1)
        arc = center + r * np.stack([np.cos(start + sweep * t), np.sin(start + sweep * t)], axis=1)
        result.append(arc)
    if not closed:
        result.append(points[-1:])
    return np.vstack(result)


def heading_frame(heading_deg: float, dim: int = 2) -> tuple[np.ndarray, np.ndarray, float]:
    """Unit vectors along and to the left of a heading (degrees, 0 = east), and its yaw (rad).

    With ``dim`` 3 the vectors get a zero z.

    >>> along, left, yaw = heading_frame(90.0)
    >>> np.round(along, 6).tolist(), np.round(left, 6).tolist()
    ([0.0, 1.0], [-1.0, 0.0])
    """
    yaw = float(np.radians(heading_deg))
    along = np.array([np.cos(yaw), np.sin(yaw), 0.0][:dim])
    left = np.array([-np.sin(yaw), np.cos(yaw), 0.0][:dim])
    return along, left, yaw


def rotation_z(angle: np.ndarray) -> np.ndarray:
    """Rotation matrices about z for an array of angles (radians): shape (..., 3, 3)."""
    angle = np.asarray(angle, dtype=float)
    c, s = np.cos(angle), np.sin(angle)
    zero, one = np.zeros_like(angle), np.ones_like(angle)
    return np.stack(
        [np.stack([c, -s, zero], -1), np.stack([s, c, zero], -1), np.stack([zero, zero, one], -1)],
        axis=-2,
    )


def rotation_y(angle: np.ndarray) -> np.ndarray:
    """Rotation matrices about y for an array of angles (radians): shape (..., 3, 3)."""
    angle = np.asarray(angle, dtype=float)
    c, s = np.cos(angle), np.sin(angle)
    zero, one = np.zeros_like(angle), np.ones_like(angle)
    return np.stack(
        [np.stack([c, zero, s], -1), np.stack([zero, one, zero], -1), np.stack([-s, zero, c], -1)],
        axis=-2,
    )


def rotation_x(angle: np.ndarray) -> np.ndarray:
    """Rotation matrices about x for an array of angles (radians): shape (..., 3, 3)."""
    angle = np.asarray(angle, dtype=float)
    c, s = np.cos(angle), np.sin(angle)
    zero, one = np.zeros_like(angle), np.ones_like(angle)
    return np.stack(
        [np.stack([one, zero, zero], -1), np.stack([zero, c, -s], -1), np.stack([zero, s, c], -1)],
        axis=-2,
    )


def matrix_to_quaternion(matrices: np.ndarray) -> np.ndarray:
    """Convert rotation matrices (N, 3, 3) to unit quaternions (N, 4) as (w, x, y, z).

    Vectorised Shepperd method: picks the numerically safest branch per matrix.

    >>> np.allclose(matrix_to_quaternion(np.eye(3)[None]), [[1, 0, 0, 0]])
    True
    """
    m = np.asarray(matrices, dtype=float).reshape(-1, 3, 3)
    trace = m[:, 0, 0] + m[:, 1, 1] + m[:, 2, 2]
    diag = np.stack([trace, m[:, 0, 0], m[:, 1, 1], m[:, 2, 2]], axis=1)
    branch = np.argmax(diag, axis=1)
    q = np.empty((len(m), 4))
    # branch 0: w largest
    s = np.sqrt(np.maximum(1.0 + trace, 1e-12)) * 2
    q0 = np.stack(
        [
            0.25 * s,
            (m[:, 2, 1] - m[:, 1, 2]) / s,
            (m[:, 0, 2] - m[:, 2, 0]) / s,
            (m[:, 1, 0] - m[:, 0, 1]) / s,
        ],
        axis=1,
    )
    s = np.sqrt(np.maximum(1.0 + m[:, 0, 0] - m[:, 1, 1] - m[:, 2, 2], 1e-12)) * 2
    q1 = np.stack(
        [
            (m[:, 2, 1] - m[:, 1, 2]) / s,
            0.25 * s,
            (m[:, 0, 1] + m[:, 1, 0]) / s,
            (m[:, 0, 2] + m[:, 2, 0]) / s,
        ],
        axis=1,
    )
    s = np.sqrt(np.maximum(1.0 + m[:, 1, 1] - m[:, 0, 0] - m[:, 2, 2], 1e-12)) * 2
    q2 = np.stack(
        [
            (m[:, 0, 2] - m[:, 2, 0]) / s,
            (m[:, 0, 1] + m[:, 1, 0]) / s,
            0.25 * s,
            (m[:, 1, 2] + m[:, 2, 1]) / s,
        ],
        axis=1,
    )
    s = np.sqrt(np.maximum(1.0 + m[:, 2, 2] - m[:, 0, 0] - m[:, 1, 1], 1e-12)) * 2
    q3 = np.stack(
        [
            (m[:, 1, 0] - m[:, 0, 1]) / s,
            (m[:, 0, 2] + m[:, 2, 0]) / s,
            (m[:, 1, 2] + m[:, 2, 1]) / s,
            0.25 * s,
        ],
        axis=1,
    )
    for index, candidate in enumerate((q0, q1, q2, q3)):
        pick = branch == index
        q[pick] = candidate[pick]
    q *= np.where(q[:, :1] < 0, -1.0, 1.0)  # keep w >= 0 for a canonical sign
    return q / np.linalg.norm(q, axis=1, keepdims=True)


def yaw_quaternion(yaw: np.ndarray) -> np.ndarray:
    """Quaternions (N, 4) for rotations about z by ``yaw`` radians.

    >>> np.round(yaw_quaternion(np.array([np.pi])), 6).tolist()
    [[0.0, 0.0, 0.0, 1.0]]
    """
    half = 0.5 * np.asarray(yaw, dtype=float).reshape(-1)
    zero = np.zeros_like(half)
    return np.stack([np.cos(half), zero, zero, np.sin(half)], axis=1)


def quaternion_turn(q: np.ndarray, axis: str, angle: np.ndarray) -> np.ndarray:
    """Quaternions (N, 4) followed by a turn of ``angle`` about their own ``axis`` ('x', 'y', 'z').

    The same as multiplying ``q`` on the right by the axis quaternion, without the general
    product: each joint of a robot arm turns about one axis of its link frame.

    >>> q = quaternion_turn(np.array([[1.0, 0, 0, 0]]), "z", np.array([np.pi]))
    >>> np.round(q, 6).tolist()
    [[0.0, 0.0, 0.0, 1.0]]
    """
    half = 0.5 * np.asarray(angle, dtype=float)
    c, s = np.cos(half), np.sin(half)
    w, x, y, z = q[:, 0], q[:, 1], q[:, 2], q[:, 3]
    if axis == "x":
        parts = (w * c - x * s, x * c + w * s, y * c + z * s, z * c - y * s)
    elif axis == "y":
        parts = (w * c - y * s, x * c - z * s, y * c + w * s, z * c + x * s)
    else:
        parts = (w * c - z * s, x * c + y * s, y * c - x * s, z * c + w * s)
    result = np.empty((len(q), 4))
    for index, part in enumerate(parts):
        result[:, index] = part
    return result


def quaternion_axis(q: np.ndarray, axis: int) -> np.ndarray:
    """Where the rotations ``q`` (N, 4) send the unit vector along ``axis`` (0, 1 or 2): (N, 3).

    >>> np.round(quaternion_axis(yaw_quaternion(np.array([np.pi / 2])), 0), 6).tolist()
    [[0.0, 1.0, 0.0]]
    """
    w, x, y, z = q[:, 0], q[:, 1], q[:, 2], q[:, 3]
    result = np.empty((len(q), 3))
    if axis == 0:
        result[:, 0] = 1 - 2 * (y * y + z * z)
        result[:, 1] = 2 * (x * y + w * z)
        result[:, 2] = 2 * (x * z - w * y)
    elif axis == 1:
        result[:, 0] = 2 * (x * y - w * z)
        result[:, 1] = 1 - 2 * (x * x + z * z)
        result[:, 2] = 2 * (y * z + w * x)
    else:
        result[:, 0] = 2 * (x * z + w * y)
        result[:, 1] = 2 * (y * z - w * x)
        result[:, 2] = 1 - 2 * (x * x + y * y)
    return result


def quaternion_rotate(quaternions: np.ndarray, vectors: np.ndarray) -> np.ndarray:
    """Rotate vectors (N, 3) by quaternions (N, 4) (w, x, y, z)."""
    w = quaternions[:, :1]
    u = quaternions[:, 1:]
    t = 2.0 * np.cross(u, vectors)
    return vectors + w * t + np.cross(u, t)


def offset_polyline(points: np.ndarray, distance: float, closed: bool = False) -> np.ndarray:
    """The polyline moved sideways by ``distance`` (positive: to the left of travel), mitred.

    >>> offset_polyline(np.array([[0, 0], [10, 0]]), 1.0).tolist()
    [[0.0, 1.0], [10.0, 1.0]]
    """
    points = np.asarray(points, dtype=float)
    if closed:
        ahead = np.roll(points, -1, axis=0) - points
        behind = points - np.roll(points, 1, axis=0)
    else:
        steps = np.diff(points, axis=0)
        ahead = np.vstack([steps, steps[-1:]])
        behind = np.vstack([steps[:1], steps])

    def unit(v: np.ndarray) -> np.ndarray:
        return v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-12)

    ahead, behind = unit(ahead), unit(behind)
    normal_a = np.stack([-ahead[:, 1], ahead[:, 0]], axis=1)
    normal_b = np.stack([-behind[:, 1], behind[:, 0]], axis=1)
    miter = unit(normal_a + normal_b)
    scale = 1.0 / np.maximum(np.sum(miter * normal_a, axis=1, keepdims=True), 0.3)
    return points + miter * scale * distance


def inset_polygon(points: np.ndarray, distance: float) -> np.ndarray:
    """A polygon shrunk by ``distance`` on every side, whatever its winding.

    >>> inset_polygon(np.array([[0, 0], [0, 10], [10, 10], [10, 0]]), 1.0).tolist()
    [[1.0, 1.0], [1.0, 9.0], [9.0, 9.0], [9.0, 1.0]]
    """
    x, y = np.asarray(points, dtype=float).T
    counter_clockwise = np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)) > 0
    return offset_polyline(points, distance if counter_clockwise else -distance, closed=True)


def ribbon(
    points: np.ndarray, width: float, closed: bool = False, z: float = 0.0
) -> tuple[np.ndarray, np.ndarray]:
    """A flat strip of ``width`` along a polyline (mitred joints): ``(points (M, 3), quads)``.

    Used for roads, the test track, painted lanes and aisles.

    >>> verts, quads = ribbon(np.array([[0, 0], [10, 0]]), 2.0)
    >>> verts[:, 1].tolist(), quads.tolist()
    ([1.0, -1.0, 1.0, -1.0], [[0, 1, 3, 2]])
    """
    count = len(points)
    left = offset_polyline(points, width / 2, closed)
    right = offset_polyline(points, -width / 2, closed)
    verts = np.empty((2 * count, 3))
    verts[0::2, :2], verts[1::2, :2] = left, right
    verts[:, 2] = z
    segments = count if closed else count - 1
    i = np.arange(segments)
    j = (i + 1) % count
    quads = np.stack([2 * i, 2 * i + 1, 2 * j + 1, 2 * j], axis=1)
    return verts, quads
