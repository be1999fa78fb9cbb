"""The parametric SU7: its size, its side outline, its levels of detail and its paint."""

from __future__ import annotations

import colorsys

import numpy as np
import pytest
from car_mesh_helpers import face_pairs

from viewer.model.cars import car
from viewer.scene import shapes
from viewer.scene.instancing import closed_outward

DIMS = car.SU7


def _whole(detail: str) -> np.ndarray:
    parts = [car.body_mesh(detail=detail), car.glass_mesh(detail=detail), car.wheels_mesh()]
    return np.vstack([points for points, _ in parts])


@pytest.mark.parametrize("detail", list(car.DETAIL))
def test_every_level_of_detail_has_the_su7s_size(detail):
    points = _whole(detail)
    length, width, height = points.max(axis=0) - points.min(axis=0)
    assert length == pytest.approx(4.997, rel=0.01)
    assert width == pytest.approx(1.963, rel=0.01)
    assert height == pytest.approx(1.455, rel=0.01)
    assert points[:, 2].min() == pytest.approx(0.0, abs=0.01)  # the tyres stand on the ground
    wheels, _ = car.wheels_mesh()
    axles = np.unique(np.round(wheels[:, 0].reshape(4, -1).mean(axis=1), 3))
    assert axles[-1] - axles[0] == pytest.approx(3.0, rel=0.01)  # wheelbase


def _top(points: np.ndarray, x: float) -> float:
    """The outline's height seen from the side at station ``x`` (between cross-sections)."""
    stations = np.unique(np.round(points[:, 0], 6))
    tops = [points[np.abs(points[:, 0] - s) < 1e-6, 2].max() for s in stations]
    return float(np.interp(x, stations, tops))


def test_side_outline_has_the_su7s_proportions():
    points, _ = car.body_mesh(detail="fine")
    front, rear, h = DIMS.front, DIMS.rear, DIMS.height
    stations = np.linspace(rear + 0.05, front - 0.05, 200)
    tops = np.array([_top(points, x) for x in stations])
    peak = stations[tops.argmax()]
    # the roof's peak a little behind the middle of the wheelbase, at the full height
    assert tops.max() == pytest.approx(h, rel=0.01)
    assert -0.6 < peak < 0.5
    # a long, low bonnet: at the front axle about 0.6 of the height, lower still at the nose
    bonnet = _top(points, DIMS.wheelbase / 2)
    assert 0.55 * h < bonnet < 0.66 * h
    assert _top(points, front - 0.1) < bonnet
    # the fastback: over the rear axle the roof line is already well down, and falls on to a
    # short tail about 0.7 of the height (the spoiler's lip), higher than the bonnet
    over_rear_axle = _top(points, -DIMS.wheelbase / 2)
    tail = _top(points, rear + 0.06)
    assert 0.70 * h < over_rear_axle < 0.9 * h
    assert 0.63 * h < tail < 0.74 * h and tail > bonnet
    falling = tops[(stations > peak) & (stations < front - 0.2)]
    assert np.all(np.diff(falling) < 0.01)  # the windscreen and bonnet only go down

    # wide rear hips: the body is wider over the rear wheels than over the front ones
    def width_at(x: float) -> float:
        near = np.abs(points[:, 0] - x) < 0.1
        return float(np.ptp(points[near, 1]))

    assert width_at(-DIMS.wheelbase / 2 - 0.45) > width_at(DIMS.wheelbase / 2 + 0.45) + 0.03


def test_wheels_fill_their_arches():
    points, _ = car.body_mesh(detail="fine")
    tyre_top = DIMS.wheel_diameter
    for axle in (-DIMS.wheelbase / 2, DIMS.wheelbase / 2):
        # the body's lowest point straight over the axle, on the outer half of the side
        over = (np.abs(points[:, 0] - axle) < 0.03) & (np.abs(points[:, 1]) > DIMS.track_y)
        arch = points[over, 2].min()
        assert tyre_top < arch < tyre_top + 0.09


def test_levels_of_detail_are_closed_and_get_cheaper():
    counts = {}
    for detail in car.DETAIL:
        points, faces = car.body_mesh(detail=detail)
        mesh = shapes.mesh_from_arrays(points, faces)
        assert closed_outward(mesh), detail  # back faces culled on the line
        counts[detail] = len(faces)
    assert counts["far"] < 200 and 1000 < counts["line"] < 4000 < counts["fine"] < 20000
    assert shapes.car_far().n_cells == counts["far"]
    assert shapes.car_body().n_cells == counts["line"]


def test_the_fine_body_is_smooth():
    """Over the shoulders, glasshouse, bonnet and boot neighbouring faces meet at small
    angles: no facets (below, the wheel houses and the underside have real corners)."""
    triangles, normals, pairs = face_pairs(*car.body_mesh(detail="fine"))
    upper = triangles[:, :, 2].min(axis=1) > 0.8
    pairs = pairs[upper[pairs].all(axis=1)]
    assert len(pairs) > 5000
    cos = np.einsum("ij,ij->i", normals[pairs[:, 0]], normals[pairs[:, 1]])
    sharp = cos < np.cos(np.radians(45))  # the belt's crease under the side glass is ~40°
    assert sharp.mean() < 0.04


def test_aqua_blue_is_a_bright_light_blue_and_the_variants_differ():
    r, g, b = car.SU7_COLORS["aqua_blue"]
    hue, lightness, saturation = colorsys.rgb_to_hls(r, g, b)
    assert 180 < hue * 360 < 210 and lightness > 0.55 and saturation > 0.6
    grey = np.asarray(car.BODY_IN_WHITE)
    assert np.ptp(grey) < 0.05  # the body in white is bare grey steel, unlike any paint
    for color in car.SU7_COLORS.values():
        assert np.abs(np.asarray(color) - grey).max() > 0.1 or np.ptp(color) < 0.05
    # a finished car has glass, wheels and lights; bodies in white and painted bodies only the
    # body (plant_scene draws glass, wheels and lights for finished cars only)
    for part in (shapes.car_glass(), shapes.car_wheels(), shapes.car_tail_light()):
        assert part.n_cells > 0


def _body_slice(detail: str, z: float) -> np.ndarray:
    """The body's outline (x, y) cut at height ``z``."""
    mesh = shapes.mesh_from_arrays(*car.body_mesh(detail=detail))
    return np.asarray(mesh.slice(normal="z", origin=(0.0, 0.0, z)).points)[:, :2]


def test_side_windows_wrap_down_to_the_belt_and_lean_in():
    """From the side the glasshouse is a band of side windows from the A to the C pillar
    above a belt line at 60-65 % of the height, not a thin dark cap: the side glass leans in
    (tumblehome) but stands steeper than 30 degrees from upright over at least 30 cm of its
    height. Behind the C pillar only the rear window, between body-coloured sails."""
    h = DIMS.height
    points, faces = car.glass_mesh(detail="fine")
    t = points[faces]
    normal = np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])
    normal /= np.linalg.norm(normal, axis=1, keepdims=True)
    middle = t.mean(axis=1)
    cabin = (np.abs(middle[:, 0]) < 0.5) & (middle[:, 1] > 0.3)  # the doors' windows, left
    upright = cabin & (normal[:, 1] > 0) & (np.abs(normal[:, 2]) < np.sin(np.radians(30)))
    assert np.ptp(t[upright][:, :, 2]) > 0.30
    leaning = cabin & (normal[:, 1] > 0) & (np.abs(normal[:, 2]) < np.sin(np.radians(45)))
    assert np.mean(normal[leaning, 2] > np.sin(np.radians(8))) > 0.8  # not a vertical wall
    for x in (-1.2, -0.4, 0.5):  # the windows' foot: the belt line, down each side
        near = np.abs(points[:, 0] - x) < 0.05
        # (the dark arch liners, drawn with the glass, lie lower: over the rear arch)
        foot = points[near & (np.abs(points[:, 1]) > 0.6) & (points[:, 2] > 0.55 * h)][:, 2]
        assert 0.60 * h < foot.min() < 0.65 * h, x
    body, _ = car.body_mesh(detail="fine")
    x = DIMS.rear + 0.12 * DIMS.length  # over the fastback, behind the C pillar
    glass = points[np.abs(points[:, 0] - x) < 0.05]
    skin = body[np.abs(body[:, 0] - x) < 0.05]
    assert np.abs(glass[:, 1]).max() < 0.85 * np.abs(skin[:, 1]).max()
    assert glass[:, 2].min() > 0.66 * h


def test_the_flanks_have_a_shoulder_not_a_vertical_slab():
    """Below the belt the side bulges out to a shoulder and leans in towards the windows."""
    points, _ = car.body_mesh(detail="fine")
    for x in (-0.5, 0.3):
        stations = np.unique(points[:, 0])
        side = points[np.isclose(points[:, 0], stations[np.argmin(np.abs(stations - x))])]
        side = side[side[:, 1] > 0]
        widest = side[np.argmax(side[:, 1])]
        belt = side[np.abs(side[:, 2] - 0.61 * DIMS.height) < 0.03]
        assert 0.35 * DIMS.height < widest[2] < 0.55 * DIMS.height
        assert widest[1] - belt[:, 1].max() > 0.05


def test_the_tail_is_a_high_cut_under_a_ducktail_lip():
    """The fastback falls to a short, slightly raised ducktail lip, the car's rearmost edge;
    under it the rear face stands nearly upright (a Kamm-like cut, as on the SU7, slightly
    raked) down to the bumper's foot, then rounds under, and the full-width tail light lies
    on it just under the lip."""
    h, rear = DIMS.height, DIMS.rear
    points, _ = car.body_mesh(detail="fine")
    lip = points[points[:, 0] < rear + 0.005]
    assert lip[:, 2].min() > 0.6 * h  # only the lip reaches the very back
    assert _top(points, rear + 0.07) > _top(points, rear + 0.25)  # a raised edge
    ends = {share: _body_slice("fine", share * h)[:, 0].min() - rear for share in (0.5, 0.3, 0.2)}
    assert 0.02 < ends[0.5] < 0.06  # slightly raked
    assert ends[0.5] < ends[0.3] < 0.10  # upright down to under a third of the height
    assert ends[0.2] > ends[0.3] + 0.05  # and rounding under at the bumper's foot
    light, _ = car.tail_light_mesh()
    assert 0.57 * h < light[:, 2].min() and light[:, 2].max() < 0.65 * h
    middle = light[np.abs(light[:, 1]) < 0.2]
    for detail in ("fine", "line"):  # on the rear face, just outside it
        face = _body_slice(detail, middle[:, 2].mean())
        back = face[np.abs(face[:, 1]) < 0.2][:, 0].min()
        assert 0.0 < back - middle[:, 0].max() < 0.03, detail
