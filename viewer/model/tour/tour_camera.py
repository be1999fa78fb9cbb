"""Camera poses that follow the shuttle: seat, chase and overview, as functions of tour time.

* ``seat``: a visitor's eyes on the front bench, looking ahead while driving and at the stop's
  subject while stopped. The head turns to the subject over the last :data:`TURN_S` seconds of
  the approach, so the view already faces it on arrival (at the tour's start and after a jump to
  a stop too), and back to the road over the last :data:`TURN_S` seconds of the dwell: never a
  jump;
* ``chase``: behind and above the shuttle;
* ``overview``: high above, following the shuttle from the south.

At a ride stop (:mod:`viewer.model.tour.track_ride`) every camera follows the car on the test track
instead: ``seat`` is then the passenger's eyes in the car (:data:`PASSENGER_EYE`), looking down
the road ahead through the windscreen; ``chase`` and ``overview`` follow the car. The cut from
the shuttle to the car comes when the ride stop begins, as between two shots of a film.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.tour.route import load_route
>>> from viewer.model.tour.shuttle import TourMotion
>>> plant = load_plant()
>>> tour = TourMotion(load_route(), plant)
>>> pose = tour_pose(tour, plant, "chase", 600.0)
>>> bool(pose.position[2] > pose.focal_point[2])
True
"""

from __future__ import annotations

import numpy as np

from viewer.model.plant.layout import Plant
from viewer.model.plant.views import CameraPose, ease
from viewer.model.tour.shuttle import ShuttleState, TourMotion
from viewer.model.tour.track_ride import LOOK_TURN_MAX, PASSENGER_EYE, RideState

TOUR_CAMERAS = ("seat", "chase", "overview")
TURN_S = 3.0  # seconds to turn to (and back from) a stop's subject
SEAT_EYE = (0.6, 1.55)  # metres ahead of the shuttle's centre, eye height
RIDE_VIEW_ANGLE = 51.0  # degrees (vertical): the passenger camera, a little narrower than the
# shuttle's, so the windscreen frame, the bonnet and the road ahead share the picture
RIDE_PITCH = -0.03  # the passenger's gaze: slightly down, at the road (rise per metre)
RIDE_GAZE_IN = np.radians(9.0)  # the passenger's head turned a little towards the car's centre
# line (to the left: the right-hand seat), so the driver's wheel, the centre screen and the road
# ahead all show on a straight; the head turns no further than the road's bends turn it


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
    """How far the seat view has turned to a stop's subject (0 to 1), and that stop.

    The head turns in while the shuttle covers the last :data:`TURN_S` seconds to the stop (or
    the whole drive from the stop before, when shorter; a stop at the tour's start faces its
    subject at once), faces the subject all through the dwell, and turns back to the road in
    its last ``min(TURN_S, dwell / 2)`` seconds, the margin a rehearsal always plays.
    """
    stop = state.stop if state.stop is not None else state.next_stop
    if stop is None or tour.route.stops[stop].dwell <= 0:
        return 0.0, None
    begin, end = tour.stop_spans[stop]
    if state.time < begin:  # approaching
        left = max((tour.stop_spans[stop - 1][1] if stop > 0 else 0.0), 0.0)
        turn_in = min(TURN_S, begin - left)
        if turn_in <= 0:
            return 0.0, None
        weight = 1.0 - (begin - state.time) / turn_in
    else:
        turn_out = min(TURN_S, (end - begin) / 2)
        weight = (end - state.time) / turn_out
    if weight <= 0:
        return 0.0, None
    return float(ease(min(weight, 1.0))), stop


def tour_pose(tour: TourMotion, plant: Plant, mode: str, time: float) -> CameraPose:
    """The camera of ``mode`` ('seat', 'chase' or 'overview') at tour time ``time``."""
    state = tour.at(time)
    if state.ride is not None:
        return ride_pose(state.ride, mode)
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
        return _overview_pose(ground)
    raise KeyError(mode)


def _overview_pose(ground: np.ndarray) -> CameraPose:
    """High above and south of a point on the ground, looking down at it."""
    return CameraPose(tuple(ground + np.array([0.0, -90.0, 150.0])), tuple(ground), 40.0)


def ride_pose(ride: RideState, mode: str) -> CameraPose:
    """The camera of ``mode`` following the test-ride car (``seat``: the passenger's eyes)."""
    forward = np.array([np.cos(ride.heading), np.sin(ride.heading), 0.0])
    left = np.array([-forward[1], forward[0], 0.0])
    ground = np.array([ride.position[0], ride.position[1], 0.0])
    if mode == "seat":
        eye = ground + forward * PASSENGER_EYE[0] + left * PASSENGER_EYE[1]
        eye = eye + [0.0, 0.0, PASSENGER_EYE[2]]
        turn = (ride.gaze - ride.heading + np.pi) % (2 * np.pi) - np.pi
        yaw = ride.heading + np.clip(turn + RIDE_GAZE_IN, -LOOK_TURN_MAX, LOOK_TURN_MAX)
        gaze = np.array([np.cos(yaw), np.sin(yaw), RIDE_PITCH])
        return CameraPose(tuple(eye), tuple(eye + gaze * 25.0), RIDE_VIEW_ANGLE)
    if mode == "chase":
        eye = ground - forward * 10.0 + [0.0, 0.0, 3.6]
        return CameraPose(tuple(eye), tuple(ground + forward * 8.0 + [0, 0, 0.8]), 50.0)
    if mode == "overview":
        return _overview_pose(ground)
    raise KeyError(mode)
