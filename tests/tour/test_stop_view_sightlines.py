"""What the seat sees inside the halls at a stop: nothing solid between the visitor and the
subject (a press line's fence is glass, a parts rack stands beside the line, not in front of it),
and the subject's own parts in view (presses and transfer robots, the giga-press's tie bars and
platens)."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.parts import BOX_ROLES, TRANSLUCENT_ROLES
from viewer.model.tour.shuttle import TourMotion
from viewer.model.tour.stop_view import ASPECT, boxes_crossed, in_picture
from viewer.model.tour.tour_camera import tour_pose


@pytest.fixture(scope="module")
def parts(plant):
    return plant_parts(plant)


def _seat(plant, route, stop_id: str) -> tuple[np.ndarray, np.ndarray, float]:
    """Eye, focal point and view angle of the seat in the middle of stop ``stop_id``."""
    tour = TourMotion(route, plant)
    k = [stop.id for stop in route.stops].index(stop_id)
    begin, end = tour.stop_spans[k]
    pose = tour_pose(tour, plant, "seat", (begin + end) / 2)
    return np.array(pose.position), np.array(pose.focal_point), pose.view_angle


def _rows(parts, keep: np.ndarray) -> np.ndarray:
    boxes = parts.boxes
    return np.column_stack([boxes.bottom_center[keep], boxes.size[keep], boxes.yaw[keep]])


def _roles(parts) -> np.ndarray:
    return np.array(BOX_ROLES)[parts.boxes.role]


def _ray_points(eye, focal, angle: float, across: float, rows: int = 60, reach: float = 40.0):
    """Points ``reach`` m out along ``rows`` sight lines from the bottom of the picture to its
    top, at ``across`` (-1 left edge, 1 right edge)."""
    forward = (focal - eye) / np.linalg.norm(focal - eye)
    right = np.cross(forward, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, forward)
    tangent = np.tan(np.radians(angle) / 2)
    heights = np.linspace(-1.0, 1.0, rows + 2)[1:-1]
    rays = [forward + right * across * tangent * ASPECT + up * y * tangent for y in heights]
    return [eye + reach * ray / np.linalg.norm(ray) for ray in rays]


def _blocked(eye, point, parts, keep: np.ndarray) -> bool:
    """Whether a box of ``keep`` (near the sight line) stands between ``eye`` and ``point``."""
    xy = parts.boxes.bottom_center[:, :2]
    low = np.minimum(eye[:2], point[:2]) - 8.0
    high = np.maximum(eye[:2], point[:2]) + 8.0
    near = keep & np.all((xy > low) & (xy < high), axis=1)
    return bool(boxes_crossed(eye, point, _rows(parts, near)).any())


def test_the_press_line_is_seen_through_its_glazed_fence(plant, parts, route):
    """From the stamping seat the sound fence's solid kerb and rail are slim bands (the glass
    between shows the presses), and the presses stand in a row with a transfer robot between
    two of them in view: not two presses cut by a grey beam above a solid base."""
    eye, focal, angle = _seat(plant, route, "stamping")
    line = next(item for item in plant.equipment if item.id == "tandem-press-line")
    x0, y0, _, x1, y1, _ = parts.extents[line.id]
    boxes = parts.boxes
    xy = boxes.bottom_center[:, :2]
    inside = (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
    bands = inside & (_roles(parts) == "enclosure") & (boxes.size[:, 0] > 1.0)
    assert bands.any()
    hits = [
        _blocked(eye, point, parts, bands)
        for across in (-0.5, 0.0, 0.5)
        for point in _ray_points(eye, focal, angle, across)
    ]
    assert np.mean(hits) <= 0.06, f"the fence's solid bands fill {np.mean(hits):.2f} of the view"
    along = np.array([np.cos(np.radians(line.heading_deg)), np.sin(np.radians(line.heading_deg))])
    crowns = np.array(
        [
            [*(line.start + along * k * line.spacing), press.size[2] + 0.5]
            for k, press in enumerate(line.presses)
        ]
    )
    assert in_picture(eye, focal, angle, ASPECT, crowns).sum() >= 4
    robots = parts.robots
    transfer = (robots.equipment == line.id) & (robots.task == "transfer")
    solid = ~np.isin(_roles(parts), list(TRANSLUCENT_ROLES))
    arms = robots.base[transfer] + [0.0, 0.0, 1.6]
    seen = [
        in_picture(eye, focal, angle, ASPECT, arm[None])[0] and not _blocked(eye, arm, parts, solid)
        for arm in arms[1:-1]  # between two presses (not the loader or the unloader)
    ]
    assert any(seen)


def test_the_final_line_is_seen_past_no_rack(plant, parts, route):
    """From the final-assembly seat the cars on the line's stations in the picture are seen past
    no parts rack, trolley or bin: line-side stock stands along the line, not in front of it."""
    eye, focal, angle = _seat(plant, route, "final-assembly")
    line = next(item for item in plant.equipment if item.id == "final-line")
    along = np.array([np.cos(np.radians(line.heading_deg)), np.sin(np.radians(line.heading_deg))])
    stations = line.start + np.outer((np.arange(line.stations) + 0.5) * line.pitch, along)
    roofs = np.column_stack([stations, np.full(len(stations), 1.3)])
    roofs = roofs[in_picture(eye, focal, angle, ASPECT, roofs)]
    assert len(roofs) >= 5
    stock = np.isin(_roles(parts), ["rack", "parts", "trolley", "bins", "aluminium", "pack"])
    hidden = [_blocked(eye, roof, parts, stock) for roof in roofs]
    assert not any(hidden), roofs[np.array(hidden)]


def _crossing(plant, first: str, second: str) -> tuple[np.ndarray, np.ndarray, float]:
    """Where a body leaves line ``first`` and joins line ``second``, and its hanger between."""
    from viewer.model.motion.flow_paths import lane_path

    equipment = {item.id: item for item in plant.equipment}
    leaving = lane_path(equipment[first])
    return leaving.points[-1], lane_path(equipment[second]).points[0], float(leaving.hanger)


@pytest.mark.parametrize(
    "first, second", [("trim-line", "chassis-line"), ("chassis-line", "final-line")]
)
def test_bodies_change_lines_supported_and_through_nothing(plant, parts, first, second):
    """A body moving from one assembly line to the next rides a conveyor or hangs from a rail
    the whole way, and passes through no fence, cabinet or rack (it sat on a cabinet's top in a
    wheel-fitting cell's fence, hanging from nothing, in the final-assembly stop's picture)."""
    from viewer.model.cars.car import SU7

    start, end, hanger = _crossing(plant, first, second)
    boxes = parts.boxes
    roles = _roles(parts)
    centre, size, yaw = boxes.bottom_center, boxes.size, boxes.yaw
    passable = np.isin(roles, ["platform", "hanger", "rail", "conveyor", "skid"]) | (
        size[:, 2] < 0.1
    )
    for t in np.linspace(0.0, 1.0, 41):
        at = start + (end - start) * t
        rel = at[:2] - centre[:, :2]
        local = np.abs(
            np.column_stack(
                [
                    rel[:, 0] * np.cos(yaw) + rel[:, 1] * np.sin(yaw),
                    -rel[:, 0] * np.sin(yaw) + rel[:, 1] * np.cos(yaw),
                ]
            )
        )
        over = (local[:, 0] < size[:, 0] / 2) & (local[:, 1] < size[:, 1] / 2)
        near = (local[:, 0] < size[:, 0] / 2 + SU7.width / 2) & (
            local[:, 1] < size[:, 1] / 2 + SU7.width / 2
        )
        inside = (
            near & (centre[:, 2] < at[2] + SU7.height) & (centre[:, 2] + size[:, 2] > at[2] + 0.05)
        )
        assert not (inside & ~passable).any(), (t, roles[inside & ~passable])
        top = centre[:, 2] + size[:, 2]
        on_conveyor = over & (roles == "conveyor") & (np.abs(top - at[2]) < 0.15)
        rail_at = at[2] + SU7.height + hanger
        from_rail = over & (roles == "rail") & (np.abs(centre[:, 2] - rail_at) < 0.3) & (hanger > 0)
        assert on_conveyor.any() or from_rail.any(), f"unsupported at {at.round(2)}"


def _lum(rgb) -> float:
    return 0.2126 * rgb[0] + 0.7152 * rgb[1] + 0.0722 * rgb[2]


def test_the_giga_press_shows_its_tie_bars_and_a_glowing_casting(plant, parts, route):
    """From the die-casting seat the clamping unit's tie bars stand out bright against the
    machine's coloured platens and are seen between them, and in the middle of the stop the last
    casting taken out still glows warm on the cooling conveyor (not an all-grey block)."""
    from viewer.model.motion.plant_run import PlantRun
    from viewer.scene.palette import ROLES

    assert _lum(ROLES["die_cast_platen"]) - _lum(ROLES["die_cast"]) >= 0.3
    assert max(ROLES["die_cast"]) - min(ROLES["die_cast"]) >= 0.3  # a paint colour, not grey
    eye, focal, angle = _seat(plant, route, "die-casting")
    spec = next(item for item in plant.equipment if item.id == "giga-press-9100")
    roles = _roles(parts)
    boxes = parts.boxes
    x0, y0, _, x1, y1, _ = parts.extents[spec.id]
    xy = boxes.bottom_center[:, :2]
    mine = (xy[:, 0] > x0) & (xy[:, 0] < x1) & (xy[:, 1] > y0) & (xy[:, 1] < y1)
    bars = np.where(mine & (roles == "die_cast_platen") & (boxes.size[:, 0] > 8.0))[0]
    assert len(bars) == 4
    solid = ~np.isin(roles, list(TRANSLUCENT_ROLES)) & ~np.isin(roles, ["die_cast_platen"])
    seen = 0
    for k in bars:
        c, (length, _, height), yaw = boxes.bottom_center[k], boxes.size[k], boxes.yaw[k]
        along = np.array([np.cos(yaw), np.sin(yaw), 0.0])
        for s in np.linspace(-0.45, 0.45, 19) * length:
            point = c + along * s + [0.0, 0.0, height / 2]
            if in_picture(eye, focal, angle, ASPECT, point[None])[0]:
                seen += not _blocked(eye, point, parts, solid)
    assert seen >= 12, seen  # stretches of the bars between the platens
    tour = TourMotion(route, plant)
    k = [stop.id for stop in route.stops].index("die-casting")
    begin, end = tour.stop_spans[k]
    run = PlantRun(plant)
    moving = run.at(run.start_time + (begin + end) / 2).boxes
    near = np.linalg.norm(moving.bottom_center[:, :2] - spec.center, axis=1) < 20
    castings = near & np.all(np.isclose(moving.size, [1.8, 1.6, 0.5]), axis=1)
    shown = castings & in_picture(eye, focal, angle, ASPECT, moving.bottom_center + [0, 0, 0.25])
    warm = moving.color[:, 0] - moving.color[:, 2] >= 0.3
    assert (shown & warm).any(), moving.color[castings]
