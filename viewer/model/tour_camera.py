"""Camera poses that follow the shuttle: seat, chase and overview, as functions of tour time.

* ``seat``: a visitor's eyes on the front bench, looking ahead while driving and turning to the
  stop's subject while stopped (over :data:`TURN_S` seconds after arriving and before leaving,
  so there is never a jump);
* ``chase``: behind and above the shuttle;
* ``overview``: high above, following the shuttle from the south.

Examples
--------
>>> from viewer.model.layout import load_plant
>>> from viewer.model.route import load_route
>>> from viewer.model.tour import TourMotion
>>> plant = load_plant()
>>> tour = TourMotion(load_route(), plant)
>>> pose = tour_pose(tour, plant, "chase", 600.0)
>>> bool(pose.position[2] > pose.focal_point[2])
True
"""

from __future__ import annotations

import numpy as np

from viewer.model.layout import Plant
from viewer.model.tour import ShuttleState, TourMotion
from viewer.model.views import CameraPose, ease

TOUR_CAMERAS = ("seat", "chase", "overview")
TURN_S = 3.0  # seconds to turn to (and back from) a stop's subject
SEAT_EYE = (0.6, 1.55)  # metres ahead of the shuttle's centre, eye height


def subject_point(plant: Plant, look_at: str | np.ndarray) -> np.ndarray:
    """The point (x, y, z) a stop looks at: the point itself or an area's centre."""
    if not isinstance(look_at, str):
        return np.asarray(look_at, dtype=float)
    for building in plant.buildings:
        for room in building.rooms:
            if room.id == look_at:
                (x0, y0), (x1, y1) = room.footprint.min(0), room.footprint.max(0)
                return np.array([(x0 + x1) / 2, (y0 + y1) / 2, 3.0])
    try:
        x0, y0, x1, y1, height = plant.target_bounds(look_at)
    except KeyError:
        return np.array([0.0, 0.0, 0.0])
    return np.array([(x0 + x1) / 2, (y0 + y1) / 2, min(height / 2, 6.0)])


def _stop_weight(tour: TourMotion, state: ShuttleState) -> tuple[float, int | None]:
    """How far the seat view has turned to the current stop's subject (0 to 1)."""
    if state.stop is None:
        return 0.0, None
    begin, end = tour.stop_spans[state.stop]
    turn = min(TURN_S, (end - begin) / 2)
    if turn <= 0:
        return 0.0, None
    weight = min((state.time - begin) / turn, (end - state.time) / turn, 1.0)
    return float(ease(np.clip(weight, 0.0, 1.0))), state.stop


def tour_pose(tour: TourMotion, plant: Plant, mode: str, time: float) -> CameraPose:
    """The camera of ``mode`` ('seat', 'chase' or 'overview') at tour time ``time``."""
    state = tour.at(time)
    x, y = state.position
    forward = np.array([np.cos(state.heading), np.sin(state.heading), 0.0])
    ground = np.array([x, y, 0.0])
    if mode == "seat":
        eye = ground + forward * SEAT_EYE[0] + [0.0, 0.0, SEAT_EYE[1]]
        ahead = eye + forward * 25.0 - [0.0, 0.0, 0.4]
        weight, stop = _stop_weight(tour, state)
        focal = ahead
        if stop is not None:
            subject = subject_point(plant, tour.route.stops[stop].look_at)
            # turn the head: blend the direction, not the point, so the view swings smoothly
            to_subject = subject - eye
            to_subject *= 25.0 / max(np.linalg.norm(to_subject), 1e-6)
            focal = eye + (ahead - eye) * (1 - weight) + to_subject * weight
        return CameraPose(tuple(eye), tuple(focal), 70.0)
    if mode == "chase":
        eye = ground - forward * 14.0 + [0.0, 0.0, 6.5]
        return CameraPose(tuple(eye), tuple(ground + forward * 6.0 + [0, 0, 1.0]), 50.0)
    if mode == "overview":
        eye = ground + np.array([0.0, -90.0, 150.0])
        return CameraPose(tuple(eye), tuple(ground), 40.0)
    raise KeyError(mode)
