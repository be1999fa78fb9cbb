"""The path a product follows along one line of a flow, from its entry to its exit point.

:func:`lane_path` turns a station line, paint line or conveyor into a :class:`LanePath`: a 3D
polyline with the product's heading and variant (body in white, painted, finished car) at each
vertex, and how products move on it (indexed station by station, or continuously).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import singledispatch

import numpy as np

from viewer.model.cars.car import SU7
from viewer.model.geometry import round_corners
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.equipment import PAINT_PRODUCT_Z, conveyor_product_z, station_product_z
from viewer.model.plant.parts import BODY_IN_WHITE, FINISHED_CAR, PAINTED_BODY

PAINT_LEAD = 3.0  # m a paint line's path runs on before its first section and past its last
VARIANTS = {"body": BODY_IN_WHITE, "painted_body": PAINTED_BODY, "car": FINISHED_CAR, "pack": 0}


@dataclass(frozen=True)
class LanePath:
    """Where products go on one line.

    ``points`` (V, 3) run from the entry point to the exit point; ``yaw`` (V,) is the product's
    heading and ``variant`` (V,) its variant from each vertex on; ``hanger`` is the length of
    the hanger from its roof up to an overhead conveyor (0: it stands on a floor conveyor).
    An ``indexed`` line has ``slots`` stations ``pitch`` apart, the first half a pitch after
    the entry; a continuous one carries a product every ``pitch``.
    """

    equipment: str
    points: np.ndarray
    yaw: np.ndarray
    variant: np.ndarray
    hanger: float
    indexed: bool
    pitch: float
    slots: int

    @property
    def arc(self) -> np.ndarray:
        """Distance along the path of each vertex (V,)."""
        steps = np.linalg.norm(np.diff(self.points, axis=0), axis=1)
        return np.concatenate([[0.0], np.cumsum(steps)])

    @property
    def length(self) -> float:
        """Length from entry to exit (m)."""
        return float(self.arc[-1])


def _straight(
    spec: specs.StationLine | specs.PaintLine, length: float, back: float, z: float
) -> tuple[np.ndarray, float]:
    yaw = np.radians(spec.heading_deg)
    along = np.array([np.cos(yaw), np.sin(yaw)])
    ends = np.array([spec.start - along * back, spec.start + along * (length - back)])
    return np.column_stack([ends, [z, z]]), float(yaw)


@singledispatch
def lane_path(spec: object) -> LanePath:
    """The product path of one flow line."""
    raise TypeError(f"{type(spec).__name__} carries no products")


@lane_path.register
def _(spec: specs.StationLine) -> LanePath:
    length = (spec.stations + 1) * spec.pitch
    points, yaw = _straight(spec, length, spec.pitch / 2, station_product_z(spec))
    return LanePath(
        equipment=spec.id,
        points=points,
        yaw=np.full(2, yaw),
        variant=np.full(2, VARIANTS[spec.product]),
        hanger=(
            spec.conveyor_height - station_product_z(spec) - SU7.height
            if spec.conveyor == "overhead"
            else 0.0
        ),
        indexed=True,
        pitch=spec.pitch,
        slots=spec.stations,
    )


@lane_path.register
def _(spec: specs.PaintLine) -> LanePath:
    lead = PAINT_LEAD
    points, yaw = _straight(spec, spec.length + 2 * lead, lead, PAINT_PRODUCT_Z)
    # Bodies are painted once they leave the first booth.
    painted_at, position = spec.length, 0.0
    for section in spec.sections:
        position += section.length
        if section.kind == "booth":
            painted_at = position
            break
        position += specs.PAINT_SECTION_GAP
    along = (points[1] - points[0]) / (spec.length + 2 * lead)
    points = np.vstack([points[0], points[0] + along * (lead + painted_at), points[1]])
    return LanePath(
        equipment=spec.id,
        points=points,
        yaw=np.full(3, yaw),
        variant=np.array([BODY_IN_WHITE, PAINTED_BODY, PAINTED_BODY]),
        hanger=0.0,
        indexed=False,
        pitch=spec.carrier_pitch,
        slots=0,
    )


@lane_path.register
def _(spec: specs.Conveyor) -> LanePath:
    plane = round_corners(spec.points, 4.0, closed=False, segments=8)
    keep = np.concatenate([[True], np.linalg.norm(np.diff(plane, axis=0), axis=1) > 1e-6])
    plane = plane[keep]
    steps = np.diff(plane, axis=0)
    yaw = np.unwrap(np.arctan2(steps[:, 1], steps[:, 0]))
    yaw = np.concatenate([yaw, yaw[-1:]])
    z = conveyor_product_z(spec)
    return LanePath(
        equipment=spec.id,
        points=np.column_stack([plane, np.full(len(plane), z)]),
        yaw=yaw,
        variant=np.full(len(plane), VARIANTS.get(spec.carries, 0)),
        hanger=spec.height - z - SU7.height if spec.kind == "overhead" else 0.0,
        indexed=False,
        pitch=spec.carrier_pitch,
        slots=0,
    )
