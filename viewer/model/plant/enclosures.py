"""Fences, walls with windows, railings, stairs and screens built from boxes.

Shared by the equipment expansions (:mod:`viewer.model.plant.equipment`): every function adds a few
boxes to a :class:`~viewer.model.plant.parts.PartsBuilder`. A mesh fence is a panel (role
``fence``: its extent, which the scene draws as opaque wire mesh, see
:mod:`viewer.scene.plant.fence_mesh`) between posts (role ``mesh_fence``), so the robots behind it
stay visible; a closed wall has a window band of glass between solid bands.

Examples
--------
>>> from viewer.model.plant.parts import PartsBuilder
>>> builder = PartsBuilder()
>>> mesh_fence(builder, np.array([0.0, 0.0]), np.array([9.0, 0.0]))
>>> len(builder.build().boxes)  # the panel and three posts
4
"""

from __future__ import annotations

import numpy as np

from viewer.model.plant.parts import PartsBuilder

FENCE_HEIGHT = 2.2  # m: robot cell mesh fences
POST_PITCH = 8.0  # m between fence posts
GATE_WIDTH = 2.4  # m: the gate left open in a cell's fence
SILL, HEAD = 1.1, 2.7  # m: a wall's window band, from sill to head


def _segments(length: float, gate: float) -> list[tuple[float, float]]:
    """(from, to) along a side of ``length``, leaving a ``gate`` gap in the middle."""
    if gate <= 0 or length < gate + 1.0:
        return [(0.0, length)]
    return [(0.0, (length - gate) / 2), ((length + gate) / 2, length)]


def _frame(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, float, float]:
    """Unit direction, length and yaw of the segment from ``a`` to ``b``."""
    delta = np.asarray(b, dtype=float) - np.asarray(a, dtype=float)
    length = float(np.hypot(*delta))
    direction = delta / max(length, 1e-9)
    return direction, length, float(np.arctan2(direction[1], direction[0]))


def mesh_fence(
    builder: PartsBuilder,
    a: np.ndarray,
    b: np.ndarray,
    height: float = FENCE_HEIGHT,
    gate: float = 0.0,
    last_post: bool = True,
) -> None:
    """A mesh fence from ``a`` to ``b`` (x, y): mesh panels, posts, a gate gap.

    Without ``last_post`` the post at ``b`` is left to the fence that goes on from there.
    """
    direction, length, yaw = _frame(a, b)
    segments = _segments(length, gate)
    for index, (s0, s1) in enumerate(segments):
        run = s1 - s0
        middle = a + direction * (s0 + s1) / 2
        builder.box(middle, (run, 0.04, height), yaw, "fence")
        posts = max(1, int(np.ceil(run / POST_PITCH)))
        end = posts + 1 if last_post or index < len(segments) - 1 else posts
        for k in range(end):
            builder.box(
                a + direction * (s0 + k * run / posts), (0.1, 0.1, height), yaw, "mesh_fence"
            )


def glazed_wall(
    builder: PartsBuilder,
    a: np.ndarray,
    b: np.ndarray,
    height: float,
    role: str = "enclosure",
    thickness: float = 0.12,
    window: tuple[float, float] = (SILL, HEAD),
    mullion_pitch: float = 0.0,
) -> None:
    """A closed wall from ``a`` to ``b``: a solid band below the windows (from the floor to the
    sill), glass up to the head, a solid band above; with a ``mullion_pitch`` the glass is
    divided by slim posts about that far apart (a glazed fence reads as glass, not as a gap).

    >>> builder = PartsBuilder()
    >>> glazed_wall(builder, np.array([0.0, 0.0]), np.array([12.0, 0.0]), 4.0, mullion_pitch=4.0)
    >>> len(builder.build().boxes)  # kerb, glass, top rail, 4 mullions
    7
    """
    direction, length, yaw = _frame(a, b)
    start = np.asarray(a, dtype=float)
    middle = (start + np.asarray(b, dtype=float)) / 2
    sill = min(window[0], height / 3)
    head = min(window[1], height)
    builder.box(middle, (length, thickness, sill), yaw, role)
    builder.box(middle, (length, thickness * 0.5, head - sill), yaw, "glass", sill)
    if height > head + 0.05:
        builder.box(middle, (length, thickness, height - head), yaw, role, head)
    if mullion_pitch > 0:
        panes = max(1, round(length / mullion_pitch))
        for k in range(panes + 1):
            at = start + direction * (k * length / panes)
            builder.box(at, (0.1, thickness, head - sill), yaw, role, sill)


def rectangle(
    center: np.ndarray, along: np.ndarray, normal: np.ndarray, size: tuple[float, float]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The four sides (from, to) of a rectangle: the two long ones (along) first, -normal first."""
    half_l, half_w = size[0] / 2, size[1] / 2
    corners = [
        center - along * half_l - normal * half_w,
        center + along * half_l - normal * half_w,
        center + along * half_l + normal * half_w,
        center - along * half_l + normal * half_w,
    ]
    return [
        (corners[0], corners[1]),
        (corners[3], corners[2]),
        (corners[1], corners[2]),
        (corners[0], corners[3]),
    ]


def loop(
    center: np.ndarray, along: np.ndarray, normal: np.ndarray, size: tuple[float, float]
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The four sides (from, to) of a rectangle as a closed chain: the -normal long side, the
    +along end, the +normal long side (backwards), the -along end (back to the start)."""
    half_l, half_w = size[0] / 2, size[1] / 2
    corners = [
        center - along * half_l - normal * half_w,
        center + along * half_l - normal * half_w,
        center + along * half_l + normal * half_w,
        center - along * half_l + normal * half_w,
    ]
    return [(corners[k], corners[(k + 1) % 4]) for k in range(4)]


def fenced_rectangle(
    builder: PartsBuilder,
    center: np.ndarray,
    along: np.ndarray,
    normal: np.ndarray,
    size: tuple[float, float],
    gate: float = GATE_WIDTH,
    open_end: bool = False,
) -> None:
    """Mesh fence round a rectangle, with the gate in its first (-normal) long side.

    ``open_end`` leaves out the short side at the rectangle's -along end (a neighbour's)."""
    for index, (a, b) in enumerate(loop(center, along, normal, size)):
        if open_end and index == 3:
            continue
        mesh_fence(
            builder, a, b, gate=gate if index == 0 else 0.0, last_post=open_end and index == 2
        )


def railing(
    builder: PartsBuilder, a: np.ndarray, b: np.ndarray, z: float, post_pitch: float = 5.0
) -> None:
    """A safety railing at deck height ``z``: top rail, knee rail, toe board and posts."""
    direction, length, yaw = _frame(a, b)
    middle = (np.asarray(a, dtype=float) + np.asarray(b, dtype=float)) / 2
    builder.box(middle, (length, 0.06, 0.06), yaw, "railing", z + 1.05)
    builder.box(middle, (length, 0.05, 0.05), yaw, "railing", z + 0.55)
    builder.box(middle, (length, 0.03, 0.15), yaw, "railing", z)
    posts = max(1, int(np.ceil(length / post_pitch)))
    for k in range(posts + 1):
        builder.box(a + direction * k * length / posts, (0.06, 0.06, 1.1), yaw, "railing", z)


def stairs(
    builder: PartsBuilder,
    foot: np.ndarray,
    direction: np.ndarray,
    height: float,
    width: float = 1.2,
) -> None:
    """A straight stair rising along ``direction`` from ``foot`` to ``height`` (steps as blocks)."""
    steps = max(2, int(np.ceil(height / 0.6)))
    run = 0.6 * 1.4  # going of each block
    yaw = float(np.arctan2(direction[1], direction[0]))
    for k in range(steps):
        builder.box(
            foot + direction * (k + 0.5) * run,
            (run, width, height * (k + 1) / steps),
            yaw,
            "platform",
        )


SCREEN_BAND = "inspection"  # the role of a screen's lit band: a bright, warm white
POST_SCREEN = (0.9, 0.08, 0.6)  # m: a test station's screen (the scene draws what it shows)
ANDON = (3.2, 0.14, 1.3)  # m: an andon board's screen (its cells and figures: the scene's)
BAND = 0.04  # m: the height of a screen's lit band along its frame's bottom edge


def screen_on_post(builder: PartsBuilder, at: np.ndarray, yaw: float, height: float = 1.6) -> None:
    """A test-station screen on a post: its face (what it shows is drawn by
    :mod:`viewer.scene.plant.signs`) with a bright band along its bottom edge."""
    builder.box(at, (0.12, 0.12, height), yaw, "support")
    builder.box(at, POST_SCREEN, yaw, "screen", height)
    band = (POST_SCREEN[0] - 0.1, POST_SCREEN[1] + 0.02, BAND)
    builder.box(at, band, yaw, SCREEN_BAND, height + 0.005)


def hanging_screen(
    builder: PartsBuilder, at: np.ndarray, yaw: float, z: float = 4.6, drop: float = 2.5
) -> None:
    """An andon board hung over a line: the lit screen (its status cells and figures, on both
    faces, are drawn by :mod:`viewer.scene.plant.signs`), a bright band along its bottom edge
    and its hanger rod up to the trusses."""
    builder.box(at, ANDON, yaw, "screen", z)
    builder.box(at, (ANDON[0] - 0.3, ANDON[1] + 0.03, BAND), yaw, SCREEN_BAND, z + 0.005)
    builder.box(at, (0.06, 0.06, drop), yaw, "hanger", z + ANDON[2])


def gallery(
    builder: PartsBuilder,
    a: np.ndarray,
    b: np.ndarray,
    band: tuple[float, float, float],
    mullion_pitch: float,
    side: int = -1,
) -> None:
    """A visitors' gallery along the wall from ``a`` to ``b``.

    ``band`` is (sill, head, height): a solid parapet up to the sill, glass up to the head
    divided by mullions about ``mullion_pitch`` m apart, a solid band up to the height; a
    handrail on the parapet's face on the visitors' ``side`` (1: left of ``a`` -> ``b``, -1:
    right).

    >>> builder = PartsBuilder()
    >>> gallery(builder, np.array([0.0, 0.0]), np.array([9.0, 0.0]), (0.9, 3.0, 3.6), 1.8)
    >>> len(builder.build().boxes)  # parapet, glass, band, 6 mullions, handrail
    10
    """
    sill, head, height = band
    direction, length, yaw = _frame(a, b)
    normal = np.array([-direction[1], direction[0]]) * side
    start = np.asarray(a, dtype=float)
    middle = start + direction * length / 2
    builder.box(middle, (length, 0.3, sill), yaw, "wall")
    builder.box(middle, (length, 0.04, head - sill), yaw, "glass", sill)
    builder.box(middle, (length, 0.3, height - head), yaw, "wall", head)
    panes = max(1, round(length / mullion_pitch))
    for k in range(panes + 1):
        at = start + direction * (k * length / panes)
        builder.box(at, (0.12, 0.2, head - sill), yaw, "support", sill)
    rail = max(sill - 0.15, 0.0)  # on the parapet's face, just below the glass
    builder.box(middle + normal * 0.185, (length, 0.07, 0.07), yaw, "railing", rail)
