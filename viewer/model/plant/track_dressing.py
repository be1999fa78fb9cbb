"""What makes the test track read as a proving ground: red-and-white kerbs on both edges of
every bend, tyre walls round the outside of the bends and a steel guardrail along the outside of
the straights; and the low-speed trial track in its infield, with patches of rough road.

:class:`Dressing` is the optional ``dressing`` table of the layout's ``[track]``.
:func:`bends` finds the bends of the track's centre line (its rounded corners);
:func:`kerb_blocks` gives the kerbs' red and white blocks as flat quads (the scene paints them on
the ground with the track, :mod:`viewer.scene.plant.ground`); :func:`add_track_dressing` adds
the tyre walls and guardrails as a few large boxes (a tyre wall is six boxes and their bands
round a bend, the guardrail one rail with posts; posts far away are culled by their size),
under the equipment id ``<track id>-barriers``: a few hundred boxes of the plant's budget of
instanced equipment boxes. The guardrail runs along the fast straight, the one the glass bridge
spans (where the tour's stop looks), and leaves out the stretch the bridge's own trackside
dressing covers (:mod:`viewer.model.plant.track_bridge`).

:class:`TrialTrack` is the optional ``trial`` table of ``[track]``: the plant's internal
low-speed trial track (plant facts: "an internal low-speed trial track"), a small closed loop
in the infield, with ``surfaces`` patches of test road along it (:data:`SURFACES`: cobbles,
gravel, concrete plates, in turn; :func:`trial_patches`), all flat on the ground.
:class:`SkidPad` is the optional ``skid_pad`` table: a round paved pad in the infield with
painted rings (:func:`skid_pad_rings`), where cars are driven in circles at the limit of grip.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> track = load_plant().track
>>> len(bends(track.centerline))
4
>>> red, white = kerb_blocks(track, track.dressing)
>>> len(red) > 100 and len(white) > 100
True
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from viewer.model.fields import Fields
from viewer.model.geometry import inside_polygon, offset_polyline, round_corners
from viewer.model.plant.parts import PartsBuilder
from viewer.model.plant.surroundings import distance_to_polyline
from viewer.model.plant.track_bridge import BARRIER, BARRIER_ROLE, POST, POST_ROLE

STRAIGHT = 3.0  # a centre-line segment this many times the typical one long is a straight
TYRE_ROLE = "tunnel_wall"  # stacked black tyres
TYRE_BAND_ROLE = "plinth"  # the white band strapped round the tyre stack's top
TYRE_BAND = 0.15  # m: its height
WALL_PIECES = 6  # straight pieces of a tyre wall round a bend (chords of its arc)
POST_PITCH = 6.0  # m between the guardrail's posts (the bridge's stretch has them 4 m apart:
# seen from its stop; further on they are a few pixels, and each is an instanced box)
SURFACES = ("cobbles", "gravel", "plates")  # the trial track's test patches, in turn
TRIAL_CLEARANCE = 15.0  # m of infield at least between the trial track's and the track's edges


@dataclass(frozen=True)
class Dressing:
    """Kerbs, tyre walls and guardrails of the test track (distances in metres; 0: none)."""

    kerb_width: float = 1.0  # across, just outside each edge of a bend
    kerb_block: float = 1.5  # along: red and white blocks in turn
    kerb_beyond: float = 10.0  # the kerbs reach this far past each bend onto the straights
    tyre_wall: float = 4.0  # from the track's edge to the tyre wall round a bend's outside
    tyre_size: tuple[float, float] = (1.0, 0.9)  # a tyre wall's depth and height
    guardrail: float = 1.9  # from the track's edge to the guardrail along the fast straight


def read_dressing(item: Fields, track_width: float) -> Dressing:
    """Check the track's ``dressing`` table (a track ``track_width`` m wide): the tyre walls
    and guardrails stand beyond the kerbs."""
    item.check_keys(
        (
            "kerb_width_m",
            "kerb_block_m",
            "kerb_beyond_m",
            "tyre_wall_m",
            "tyre_size_m",
            "guardrail_m",
            "estimated",
        )
    )
    item.estimated()
    kerb = item.number("kerb_width_m", 1.0, minimum=0, maximum=3)
    tyres = item.vector("tyre_size_m", 2, positive=True, default=[1.0, 0.9])
    if not (0.3 <= tyres[0] <= 3 and 0.3 <= tyres[1] <= 3):
        raise item.error("tyre_size_m", f"a tyre wall is 0.3-3 m deep and high, got {tyres}")
    dressing = Dressing(
        kerb_width=kerb,
        kerb_block=item.number("kerb_block_m", 1.5, minimum=0.5, maximum=5),
        kerb_beyond=item.number("kerb_beyond_m", 10.0, minimum=0, maximum=50),
        tyre_wall=item.number("tyre_wall_m", 4.0, minimum=0, maximum=30),
        tyre_size=(float(tyres[0]), float(tyres[1])),
        guardrail=item.number("guardrail_m", 1.9, minimum=0, maximum=30),
    )
    for key, value in (("tyre_wall_m", dressing.tyre_wall), ("guardrail_m", dressing.guardrail)):
        if 0 < value < kerb + 0.2:
            raise item.error(
                key, f"{value:g} m stands on the {kerb:g} m kerb: at least {kerb + 0.2:g}"
            )
    return dressing


def bends(centerline: np.ndarray) -> list[np.ndarray]:
    """The bends of a closed centre line: each the points of one rounded corner's arc, from
    where a straight ends to where the next begins (a straight is a segment more than
    :data:`STRAIGHT` times the line's typical segment long; none: the whole loop bends)."""
    line = np.asarray(centerline, dtype=float)
    count = len(line)
    segment = np.linalg.norm(np.roll(line, -1, axis=0) - line, axis=1)  # point k to k + 1
    straight = segment > STRAIGHT * np.median(segment)
    if not straight.any():
        return [np.vstack([line, line[:1]])]
    runs: list[np.ndarray] = []
    first = int(np.flatnonzero(straight)[0])
    current = [(first + 1) % count]
    for step in range(1, count + 1):
        k = (first + step) % count  # the segment from point k to k + 1
        if straight[k]:
            if len(current) > 1:
                runs.append(line[current])
            current = [(k + 1) % count]
        else:
            current.append((k + 1) % count)
    return runs


def _extend(line: np.ndarray, bend: np.ndarray, length: float) -> np.ndarray:
    """``bend`` (a run of the closed ``line``'s points) made ``length`` m longer at both ends,
    along the straights before and after it."""
    if length <= 0:
        return bend
    count = len(line)
    first = int(np.argmin(np.linalg.norm(line - bend[0], axis=1)))
    last = int(np.argmin(np.linalg.norm(line - bend[-1], axis=1)))
    head = bend[0] - length * _unit(bend[0] - line[(first - 1) % count])
    tail = bend[-1] + length * _unit(line[(last + 1) % count] - bend[-1])
    return np.vstack([head, bend, tail])


@dataclass(frozen=True)
class TrialTrack:
    """The low-speed trial track in the infield: a closed centre line with rounded corners,
    its width, and ``surfaces`` patches of test road ``patch`` m long spread along it."""

    centerline: np.ndarray
    width: float
    surfaces: int
    patch: float

    @property
    def length(self) -> float:
        """Length of its centre line (m)."""
        closed = np.vstack([self.centerline, self.centerline[:1]])
        return float(np.linalg.norm(np.diff(closed, axis=0), axis=1).sum())


def read_trial(item: Fields, track: Any) -> TrialTrack:
    """Check the track's ``trial`` table: its loop lies in the infield of ``track`` (a
    :class:`~viewer.model.plant.layout.Track` without it), at least :data:`TRIAL_CLEARANCE` m
    inside the track's edge, and its patches fit along it."""
    item.check_keys(("corners", "corner_radius_m", "width_m", "surfaces", "patch_m", "estimated"))
    item.estimated()
    corners = item.points("corners", min_count=3)
    radius = item.number("corner_radius_m", 15.0, positive=True, maximum=200)
    width = item.number("width_m", 7.0, minimum=3, maximum=20)
    trial = TrialTrack(
        centerline=round_corners(corners, radius, closed=True),
        width=width,
        surfaces=int(item.number("surfaces", 0, minimum=0, maximum=100, integer=True)),
        patch=item.number("patch_m", 20.0, minimum=2, maximum=200),
    )
    edge = offset_polyline(trial.centerline, width / 2, closed=True)
    edge = np.vstack([edge, offset_polyline(trial.centerline, -width / 2, closed=True)])
    clear = distance_to_polyline(edge, track.centerline, closed=True) - track.width / 2
    inside = inside_polygon(edge, track.centerline)
    if not inside.all() or clear.min() < TRIAL_CLEARANCE:
        raise item.error(
            "corners",
            f"the trial track must lie in the test track's infield, {TRIAL_CLEARANCE:g} m or "
            f"more inside its edge (it comes {clear.min():.1f} m from it)"
            if inside.all()
            else "the trial track must lie in the test track's infield",
        )
    if trial.surfaces * trial.patch > 0.9 * trial.length:
        raise item.error(
            "surfaces",
            f"{trial.surfaces} patches of {trial.patch:g} m do not fit along "
            f"{trial.length:.0f} m of trial track",
        )
    return trial


@dataclass(frozen=True)
class SkidPad:
    """A round paved pad in the infield: its middle and radius, and painted rings."""

    center: np.ndarray  # (x, y)
    radius: float
    rings: int  # painted circles, evenly between the middle and the edge


def read_skid_pad(item: Fields, track: Any) -> SkidPad:
    """Check the track's ``skid_pad`` table: the pad lies in the infield of ``track``, at least
    :data:`TRIAL_CLEARANCE` m inside its edge, and clear of its trial track."""
    item.check_keys(("center", "radius_m", "rings", "estimated"))
    item.estimated()
    pad = SkidPad(
        center=item.vector("center", 2),
        radius=item.number("radius_m", minimum=10, maximum=150),
        rings=int(item.number("rings", 2, minimum=0, maximum=10, integer=True)),
    )
    rim = pad_outline(pad)
    clear = distance_to_polyline(rim, track.centerline, closed=True) - track.width / 2
    if not inside_polygon(rim, track.centerline).all() or clear.min() < TRIAL_CLEARANCE:
        raise item.error(
            "center",
            f"the skid pad must lie in the test track's infield, {TRIAL_CLEARANCE:g} m or more "
            "inside its edge",
        )
    trial = getattr(track, "trial", None)
    if trial is not None:
        reach = distance_to_polyline(trial.centerline, rim, closed=True) - trial.width / 2
        if inside_polygon(trial.centerline, rim).any() or reach.min() < 5.0:
            raise item.error("center", "the skid pad overlaps the trial track")
    return pad


def pad_outline(pad: SkidPad, segments: int = 48) -> np.ndarray:
    """The pad's edge, a polygon of ``segments`` corners (N, 2)."""
    angle = np.linspace(0.0, 2 * np.pi, segments, endpoint=False)
    return pad.center + pad.radius * np.column_stack([np.cos(angle), np.sin(angle)])


def skid_pad_rings(pad: SkidPad | None) -> list[np.ndarray]:
    """The painted circles of the pad (closed polygons), evenly between its middle and its
    edge."""
    if pad is None:
        return []
    radii = pad.radius * np.arange(1, pad.rings + 1) / (pad.rings + 1)
    return [pad.center + (pad_outline(pad) - pad.center) * r / pad.radius for r in radii]


def trial_patches(trial: TrialTrack | None) -> dict[str, np.ndarray]:
    """The trial track's test patches ((N, 4, 2) corners) by surface, spread evenly along its
    loop, each across its whole width; the kinds in :data:`SURFACES` in turn."""
    patches: dict[str, list[np.ndarray]] = {kind: [] for kind in SURFACES}
    if trial is not None and trial.surfaces:
        line = np.vstack([trial.centerline, trial.centerline[:1]])
        lengths = np.linalg.norm(np.diff(line, axis=0), axis=1)
        along = np.concatenate([[0.0], np.cumsum(lengths)])
        pitch = along[-1] / trial.surfaces
        for k in range(trial.surfaces):
            start = k * pitch + (pitch - trial.patch) / 2
            at = np.linspace(start, start + trial.patch, max(2, int(trial.patch // 2) + 1))
            path = np.column_stack([np.interp(at, along, line[:, i]) for i in (0, 1)])
            left = offset_polyline(path, trial.width / 2)
            right = offset_polyline(path, -trial.width / 2)
            pieces = [
                np.array([right[j], right[j + 1], left[j + 1], left[j]])
                for j in range(len(path) - 1)
            ]
            patches[SURFACES[k % len(SURFACES)]] += pieces
    return {kind: np.array(p).reshape(-1, 4, 2) for kind, p in patches.items()}


def _unit(vector: np.ndarray) -> np.ndarray:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def _left_is_inside(line: np.ndarray) -> bool:
    """Whether the closed ``line`` runs anticlockwise (its left is its inside)."""
    x, y = line[:, 0], line[:, 1]
    return float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))) > 0


def kerb_blocks(track: Any, dressing: Dressing | None) -> tuple[np.ndarray, np.ndarray]:
    """The red and the white kerb blocks ((N, 4, 2) corners each) along both edges of every
    bend of ``track`` (kerbs ``kerb_beyond`` m onto the straights at each end)."""
    if dressing is None or dressing.kerb_width <= 0:
        return np.zeros((0, 4, 2)), np.zeros((0, 4, 2))
    red: list[np.ndarray] = []
    white: list[np.ndarray] = []
    half = track.width / 2
    for bend in bends(track.centerline):
        path = _extend(track.centerline, bend, dressing.kerb_beyond)
        for side in (1, -1):
            inner = offset_polyline(path, side * half)
            outer = offset_polyline(path, side * (half + dressing.kerb_width))
            blocks = _blocks(inner, outer, dressing.kerb_block)
            red += blocks[0::2]
            white += blocks[1::2]
    as_array = lambda pieces: np.array(pieces).reshape(-1, 4, 2)  # noqa: E731
    return as_array(red), as_array(white)


def _blocks(inner: np.ndarray, outer: np.ndarray, block: float) -> list[np.ndarray]:
    """Quads between two matching polylines, cut every ``block`` m along ``inner``."""
    lengths = np.linalg.norm(np.diff(inner, axis=0), axis=1)
    along = np.concatenate([[0.0], np.cumsum(lengths)])
    count = max(1, int(round(along[-1] / block)))
    at = np.linspace(0.0, along[-1], count + 1)

    def points(line: np.ndarray) -> np.ndarray:
        return np.column_stack([np.interp(at, along, line[:, k]) for k in (0, 1)])

    a, b = points(inner), points(outer)
    return [np.array([a[k], a[k + 1], b[k + 1], b[k]]) for k in range(count)]


def barriers_id(track: Any) -> str:
    """The equipment id of the track's tyre walls and guardrails."""
    return f"{track.id}-barriers"


def add_track_dressing(builder: PartsBuilder, track: Any) -> None:
    """The tyre walls round the outside of every bend and the guardrail along the outside of
    the fast straight of ``track`` (nothing without a ``dressing``)."""
    dressing: Dressing | None = getattr(track, "dressing", None)
    if dressing is None:
        return
    line = np.asarray(track.centerline, dtype=float)
    outward = -1.0 if _left_is_inside(line) else 1.0  # the side away from the infield
    half = track.width / 2
    builder.equipment = barriers_id(track)
    curves = bends(line)
    if dressing.tyre_wall > 0:
        depth, height = dressing.tyre_size
        offset = half + dressing.tyre_wall + depth / 2
        for bend in curves:
            every = np.unique(np.linspace(0, len(bend) - 1, WALL_PIECES + 1).round().astype(int))
            path = offset_polyline(bend, outward * offset)[every]
            _add_wall(builder, path, depth, height)
    straight = fast_straight(track, curves)
    if dressing.guardrail > 0 and straight is not None:
        for a, b in _outside_bridge(track, *straight):
            _add_guardrail(builder, a, b, outward * (half + dressing.guardrail))
    builder.equipment = ""


def _add_wall(builder: PartsBuilder, path: np.ndarray, depth: float, height: float) -> None:
    """A tyre wall along ``path``: one black box per piece, a white band along its top."""
    for a, b in zip(path[:-1], path[1:], strict=True):
        length = float(np.linalg.norm(b - a))
        direction = (b - a) / max(length, 1e-12)
        yaw = float(np.arctan2(direction[1], direction[0]))
        middle = (a + b) / 2
        builder.box(middle, (length + 0.3, depth, height - TYRE_BAND), yaw, TYRE_ROLE)
        size = (length + 0.3, depth + 0.02, TYRE_BAND)
        builder.box(middle, size, yaw, TYRE_BAND_ROLE, height - TYRE_BAND)


def fast_straight(
    track: Any, curves: list[np.ndarray] | None = None
) -> tuple[np.ndarray, np.ndarray] | None:
    """(start, end) of the track's fast straight: the one its bridge spans, else the longest
    (None: a track without straights)."""
    line = np.asarray(track.centerline, dtype=float)
    straights = _straights(line, bends(line) if curves is None else curves)
    if not straights:
        return None
    bridge = getattr(track, "bridge", None)
    if bridge is not None:
        crossed = [
            s for s in straights if distance_to_polyline(bridge.at[None], np.array(s))[0] < 1.0
        ]
        if crossed:
            return crossed[0]
    return max(straights, key=lambda s: float(np.linalg.norm(s[1] - s[0])))


def _straights(line: np.ndarray, curves: list[np.ndarray]) -> list[tuple[np.ndarray, np.ndarray]]:
    """(start, end) of each straight of the closed ``line``: from one bend's last point to the
    next bend's first."""
    if not curves:
        return []
    ends = [bend[-1] for bend in curves]
    starts = [bend[0] for bend in curves]
    return [(ends[k], starts[(k + 1) % len(curves)]) for k in range(len(curves))]


def _outside_bridge(
    track: Any, start: np.ndarray, end: np.ndarray
) -> list[tuple[np.ndarray, np.ndarray]]:
    """The pieces of the straight ``start``-``end`` outside the glass bridge's dressed stretch
    (which has its own guardrails)."""
    bridge = getattr(track, "bridge", None)
    length = float(np.linalg.norm(end - start))
    direction = (end - start) / max(length, 1e-12)
    if bridge is None or bridge.trackside <= 0:
        return [(start, end)]
    along = float(np.dot(bridge.at - start, direction))
    offset = bridge.at - start
    across = abs(float(direction[0] * offset[1] - direction[1] * offset[0]))
    if across > track.width or not (0 < along < length):
        return [(start, end)]
    cut0, cut1 = along - bridge.trackside / 2, along + bridge.trackside / 2
    pieces = []
    if cut0 > 1.0:
        pieces.append((start, start + direction * cut0))
    if cut1 < length - 1.0:
        pieces.append((start + direction * cut1, end))
    return pieces


def _add_guardrail(builder: PartsBuilder, a: np.ndarray, b: np.ndarray, offset: float) -> None:
    """A steel guardrail (one rail) ``offset`` m to the left of ``a``-``b`` on posts
    :data:`POST_PITCH` apart, the posts on its far side."""
    line = offset_polyline(np.array([a, b]), offset)
    a, b = line[0], line[1]
    length = float(np.linalg.norm(b - a))
    direction = (b - a) / max(length, 1e-12)
    normal = np.array([-direction[1], direction[0]]) * np.sign(offset)  # away from the track
    yaw = float(np.arctan2(direction[1], direction[0]))
    thick, tall, above = BARRIER
    builder.box((a + b) / 2, (length, thick, tall), yaw, BARRIER_ROLE, above)
    posts = int(length // POST_PITCH) + 1
    for k in range(posts):
        at = a + direction * (k * POST_PITCH + (length - (posts - 1) * POST_PITCH) / 2)
        at = at + normal * (thick / 2 + POST[0] / 2)
        builder.box(at, (POST[0], POST[0], POST[1]), yaw, POST_ROLE)
