"""The technology showroom's stop frames a full exhibition (issues 19 and 20).

From the seat in the middle of the showroom stop, the exhibits (the chassis on its plinth, the
motors, the cut-away parts, the paint sample wall, the screens) and the display cars cover most
of the floor seen beyond the visitors' own aisle and most of the picture's middle; in the drawn
picture they change most of its middle. They stand in the room, clear of the visitors' walk, of
each other and of the display cars, at their real sizes. A broken display-car entry gives the
clean DataFileError.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from viewer.model.cars.car import SU7
from viewer.model.errors import DataFileError
from viewer.model.plant.layout import load_plant
from viewer.model.plant.tech_showroom import exhibit_pieces
from viewer.model.tour.route import load_route
from viewer.model.tour.shuttle import TourMotion
from viewer.model.tour.tour_camera import tour_pose
from viewer.scene.snapshot import OffscreenRenderer

GRID = (160, 90)  # the picture sampled at this many points across and up
ASPECT = 16 / 9
AISLE_M = 4.5  # the visitors' own floor round them: not expected to hold exhibits
SKID = (4.6, 1.5, 0.55)  # a display car's plinth under it (the station line's skid)


def _showroom(plant):
    return next(r for b in plant.buildings for r in b.rooms if r.id == "technology-showroom")


def _room(plant) -> np.ndarray:
    return _showroom(plant).footprint


def _exhibits(plant) -> list:
    return exhibit_pieces(_room(plant), _showroom(plant).exhibition)


def _display_cars(plant) -> list[tuple[np.ndarray, float]]:
    """Each display car's middle (x, y) and heading (radians)."""
    line = next(e for e in plant.equipment if e.id == "showroom-displays")
    yaw = np.radians(line.heading_deg)
    along = np.array([np.cos(yaw), np.sin(yaw)])
    return [(line.start + along * line.pitch * (k + 0.5), yaw) for k in range(line.stations)]


def _box_mesh(center, size, yaw, z0=0.0) -> tuple[np.ndarray, np.ndarray]:
    """A box of ``size`` (along, across, high) turned ``yaw``, as 8 points and 12 triangles."""
    hx, hy = size[0] / 2, size[1] / 2
    local = np.array([(x, y) for y in (-hy, hy) for x in (-hx, hx)] * 2)
    c, s = np.cos(yaw), np.sin(yaw)
    xy = local @ np.array([[c, s], [-s, c]]) + center
    z = np.repeat([z0, z0 + size[2]], 4)
    quads = [(0, 1, 3, 2), (4, 5, 7, 6), (0, 1, 5, 4), (2, 3, 7, 6), (0, 2, 6, 4), (1, 3, 7, 5)]
    faces = [(a, b, c) for a, b, c, d in quads] + [(a, c, d) for a, b, c, d in quads]
    return np.column_stack([xy, z]), np.array(faces)


def _car_meshes(plant) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each display car as its skid and a box of the SU7's size standing on it."""
    meshes = []
    for middle, yaw in _display_cars(plant):
        meshes.append(_box_mesh(middle, SKID, yaw))
        meshes.append(_box_mesh(middle, (SU7.length, SU7.width, SU7.height), yaw, SKID[2]))
    return meshes


def _camera(plant):
    """The seat camera in the middle of the showroom stop: eye, focal point, view angle."""
    route = load_route(None)
    tour = TourMotion(route, plant)
    k = [s.id for s in route.stops].index("showroom")
    begin, end = tour.stop_spans[k]
    pose = tour_pose(tour, plant, "seat", (begin + end) / 2)
    return np.array(pose.position), np.array(pose.focal_point), pose.view_angle


def _frame(eye, focal):
    forward = (focal - eye) / np.linalg.norm(focal - eye)
    right = np.cross(forward, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right)
    return forward, right, np.cross(right, forward)


def _grid() -> tuple[np.ndarray, np.ndarray]:
    """The sample points' picture coordinates (-1 to 1 across and up), rows from the top."""
    columns, rows = GRID
    gx = (np.arange(columns) + 0.5) / columns * 2 - 1
    gy = 1 - (np.arange(rows) + 0.5) / rows * 2
    return np.meshgrid(gx, gy)


def _covered(eye, focal, view_angle, meshes) -> np.ndarray:
    """Which points of the picture's grid the meshes' triangles cover."""
    forward, right, up = _frame(eye, focal)
    tangent = np.tan(np.radians(view_angle) / 2)
    px, py = _grid()
    grid = np.column_stack([px.ravel(), py.ravel()])
    hit = np.zeros(len(grid), dtype=bool)
    for points, faces in meshes:
        rel = points - eye
        depth = rel @ forward
        x = (rel @ right) / np.maximum(depth, 1e-6) / (tangent * ASPECT)
        y = (rel @ up) / np.maximum(depth, 1e-6) / tangent
        ahead = (depth[faces] > 0.1).all(axis=1)  # the exhibits stand well in front
        tri = np.stack([x[faces[ahead]], y[faces[ahead]]], axis=-1)  # (T, 3, 2)
        for chunk in np.array_split(tri, max(1, len(tri) // 400)):
            a, b, c = chunk[:, 0], chunk[:, 1], chunk[:, 2]
            ab, ac = b - a, c - a
            area = ab[:, 0] * ac[:, 1] - ab[:, 1] * ac[:, 0]
            keep = np.abs(area) > 1e-12
            a, b, c, sign = a[keep], b[keep], c[keep], np.sign(area[keep])[None]

            def inside(p: np.ndarray, q: np.ndarray, sign: np.ndarray = sign) -> np.ndarray:
                d = q - p
                cross = d[:, 0][None] * (grid[:, 1:2] - p[:, 1][None]) - d[:, 1][None] * (
                    grid[:, 0:1] - p[:, 0][None]
                )
                return cross * sign >= 0

            hit |= (inside(a, b) & inside(b, c) & inside(c, a)).any(axis=1)
    return hit.reshape(GRID[1], GRID[0])


def _floor_in_view(plant, eye, focal, view_angle) -> tuple[np.ndarray, np.ndarray]:
    """The grid points whose sight line meets the room's floor, and how far off (m)."""
    forward, right, up = _frame(eye, focal)
    tangent = np.tan(np.radians(view_angle) / 2)
    px, py = _grid()
    rays = (
        forward[None, None]
        + px[..., None] * tangent * ASPECT * right[None, None]
        + py[..., None] * tangent * up[None, None]
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        t = np.where(rays[..., 2] < 0, -eye[2] / rays[..., 2], np.inf)
        spot = eye[None, None, :2] + t[..., None] * rays[..., :2]
    room = _room(plant)
    low, high = room.min(axis=0), room.max(axis=0)
    inside = np.isfinite(t) & np.all((spot >= low) & (spot <= high), axis=-1)
    return inside, np.linalg.norm(spot - eye[:2], axis=-1)


def _middle(picture: np.ndarray) -> np.ndarray:
    """The picture's middle: the rows from 30 to 70 %, the columns from 15 to 85 %."""
    rows, columns = picture.shape[:2]
    return picture[int(0.3 * rows) : int(0.7 * rows), int(0.15 * columns) : int(0.85 * columns)]


@pytest.fixture(scope="module")
def seat_coverage(plant):
    eye, focal, view_angle = _camera(plant)
    pieces = [p for p in _exhibits(plant) if p.name != "stage"]
    meshes = [(p.points, p.faces) for p in pieces] + _car_meshes(plant)
    covered = _covered(eye, focal, view_angle, meshes)
    floor, distance = _floor_in_view(plant, eye, focal, view_angle)
    return covered, floor, distance


def test_the_displays_cover_most_of_the_floor_in_view(seat_coverage):
    covered, floor, distance = seat_coverage
    beyond = floor & (distance > AISLE_M)  # the floor past the visitors' own aisle
    assert beyond.mean() > 0.2  # (the seat does look at the room's floor)
    share = (covered & beyond).sum() / beyond.sum()
    assert share > 0.5, f"the exhibits cover {share:.0%} of the floor in view"


def test_the_displays_fill_the_middle_of_the_picture(seat_coverage):
    middle = _middle(seat_coverage[0])
    assert middle.mean() > 0.6, f"{middle.mean():.0%} of the picture's middle"
    # filled across, left of the middle, in it and right of it: no empty third
    for third in np.array_split(middle, 3, axis=1):
        assert third.mean() > 0.5


def test_the_drawn_seat_view_shows_the_exhibition_in_its_middle(plant):
    """The picture itself: drawn with and without the exhibits, most of its middle differs
    (what the exhibits hide is the floor, the far glazing and the ceiling's lights)."""
    renderer = OffscreenRenderer(plant, (480, 270), route=load_route(None), quality="low")
    try:
        stop = [s.id for s in renderer.tour_motion.route.stops].index("showroom")
        shown = renderer.render_stop(stop)
        for actor in renderer.scene.showroom.exhibits:  # out of the scene (hidden, the scene
            renderer.plotter.renderer.RemoveActor(actor)  # would show them again in view)
        hidden = renderer.render_stop(stop)
    finally:
        renderer.close()
    changed = np.abs(shown.astype(int) - hidden.astype(int)).sum(axis=-1) > 30
    assert _middle(changed).mean() > 0.45, f"{_middle(changed).mean():.0%}"
    # the screens glow in the middle: the video wall's bright backdrop and the car on it
    rgb = _middle(shown).astype(int)
    blue = (rgb[..., 2] > rgb[..., 0] + 60) & (rgb[..., 2] > 150)
    assert blue.mean() > 0.05


def _hull(points: np.ndarray) -> np.ndarray:
    """The convex hull (anticlockwise corners) of 2-D ``points`` (monotone chain)."""
    pts = sorted({(round(float(x), 6), round(float(y), 6)) for x, y in points})

    def half(seq: list) -> list:
        out: list = []
        for p in seq:
            while (
                len(out) >= 2
                and (
                    (out[-1][0] - out[-2][0]) * (p[1] - out[-2][1])
                    - (out[-1][1] - out[-2][1]) * (p[0] - out[-2][0])
                )
                <= 0
            ):
                out.pop()
            out.append(p)
        return out[:-1]

    return np.array(half(pts) + half(pts[::-1]))


def _apart(a: np.ndarray, b: np.ndarray) -> bool:
    """Whether two convex polygons are separated (some edge's normal splits them)."""
    for poly in (a, b):
        edges = np.roll(poly, -1, axis=0) - poly
        for normal in np.column_stack([-edges[:, 1], edges[:, 0]]):
            if (a @ normal).max() < (b @ normal).min() or (b @ normal).max() < (a @ normal).min():
                return True
    return False


def test_the_exhibits_stand_in_the_room_clear_of_the_walk_and_the_cars(plant):
    room = _room(plant)
    (x0, y0), (x1, y1) = room.min(axis=0), room.max(axis=0)
    walk = next(a for a in plant.aisles if a.id == "lobby-walk")
    cars = _display_cars(plant)
    pieces = _exhibits(plant)
    for piece in pieces:
        xy = piece.points[:, :2]
        assert np.all((xy >= [x0, y0]) & (xy <= [x1, y1])), piece.name
        assert piece.points[:, 2].min() >= -1e-9, piece.name  # on the floor, not under it
        if piece.name == "stage":
            continue
        for a, b in zip(walk.points[:-1], walk.points[1:], strict=True):
            t = np.clip((xy - a) @ (b - a) / np.dot(b - a, b - a), 0.0, 1.0)
            gap = np.linalg.norm(xy - (a + t[:, None] * (b - a)), axis=1).min()
            assert gap > walk.width / 2, (piece.name, gap)
        for middle, yaw in cars:  # outside each car's plinth (in its own frame), with room
            c, s = np.cos(yaw), np.sin(yaw)
            local = (xy - middle) @ np.array([[c, -s], [s, c]])
            inside = np.all(np.abs(local) < [SKID[0] / 2 + 0.3, SU7.width / 2 + 0.3], axis=1)
            assert not inside.any(), piece.name
    # the white plinths do not stand in one another
    plinths = [_hull(p.points[:, :2]) for p in pieces if p.name == "plinth"]
    assert len(plinths) >= 6  # the chassis, three motors, the casting and the battery pack
    for i, first in enumerate(plinths):
        for second in plinths[i + 1 :]:
            assert _apart(first, second), "two plinths overlap"


def _span(points: np.ndarray) -> float:
    """The largest distance between two of ``points``."""
    return float(np.linalg.norm(points[:, None] - points[None], axis=-1).max())


def test_the_exhibits_are_at_their_real_sizes(plant):
    pieces = _exhibits(plant)
    wheels = next(p for p in pieces if p.name == "wheel").points
    assert np.ptp(wheels[:, 2]) == pytest.approx(SU7.wheel_diameter, abs=0.01)
    # the four wheels span the wheelbase and the track: their corners' diagonal
    diagonal = np.hypot(SU7.wheelbase + SU7.wheel_diameter, 2 * SU7.track_y + SU7.wheel_width)
    assert _span(wheels[::7]) == pytest.approx(diagonal, abs=0.15)
    paints = [p for p in pieces if p.name == "paint"]
    assert len(paints) == 7
    for paint in paints:  # a wing-sized sample at eye height
        assert 0.9 < np.ptp(paint.points[:, 2]) < 1.1 and paint.points[:, 2].min() > 1.0
        assert 0.55 < _span(paint.points[:, :2]) < 0.75
    casting = np.vstack([p.points for p in pieces if p.name == "casting"])
    assert _span(casting) == pytest.approx(np.sqrt(1.6**2 + 1.3**2 + 0.45**2), abs=0.1)
    pictures = [p.points for p in pieces if p.name == "screen" and not p.lit]
    assert max(_span(points) for points in pictures) == pytest.approx(np.hypot(18.0, 4.5), 0.02)


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("pitch_m = 11.3", "pitch_m = -11.3", "pitch_m"),
        ("stations = 2", "stations = 2.5", "stations"),
        ("heading_deg = -22.6", 'heading_deg = "east"', "heading_deg"),
        ("start = [550.0, 611.8]", "start = [550.0]", "start"),
        ("robots_per_station = 0", "robot_per_station = 0", "robots_per_station"),
    ],
)
def test_a_broken_display_car_entry_names_its_field(plant_text, write_plant, old, new, field):
    _broken(plant_text, write_plant, 'id = "showroom-displays"', old, new, field)


def _broken(plant_text, write_plant, marker, old, new, field) -> DataFileError:
    """The clean error for the layout with ``old`` replaced by ``new`` in the block from
    ``marker`` to the next blank line: it names the file, ``field`` and a line."""
    at = plant_text.index(marker)
    block = plant_text[at : plant_text.index("\n\n", at)]
    assert old in block
    text = plant_text.replace(block, block.replace(old, new))
    with pytest.raises(DataFileError, match=field) as error:
        load_plant(write_plant(text))
    assert "plant.toml" in str(error.value) and error.value.line is not None
    return error.value


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [
        ("chassis = [9.0, 0.6]", "chassis = [9.0]", "chassis", "list of 2"),
        ("chassis = [9.0, 0.6]", "chassis = [90.0, 0.6]", "chassis", "inside the room"),
        ("visitors = [12.6, 7.9]", "visitors = [-12.6, 7.9]", "visitors", "inside the room"),
        ("view_bearing_deg = 44", 'view_bearing_deg = "north"', "view_bearing_deg", "number"),
        ("stage_size_m = [12.6, 21.0, 0.12]", "stage_size_m = [12.6, 0, 0.12]",
         "stage_size_m", "positive"),
        ("video_wall_size_m = [18.0, 4.5, 0.8]", "video_wall_size_m = [1e9, 4.5, 0.8]",
         "video_wall_size_m", "at most"),
        ("motor_step = [1.0, 1.8]", "", "motor_step", "missing|required"),
    ],
)  # fmt: skip
def test_a_broken_exhibition_entry_names_its_field(
    plant_text, write_plant, old, new, field, problem
):
    """The exhibition's places are data: a broken one is one clear line naming the file, the
    field and its line, never a traceback or an exhibit through the room's wall."""
    marker = "[buildings.rooms.exhibition]"
    error = _broken(plant_text, write_plant, marker, old, new, field)
    assert re.search(problem, str(error)), str(error)


def test_the_exhibition_moves_with_its_data(plant_text, write_plant):
    """Moving an exhibit in the layout moves it in the room: the chassis 2 m further ahead
    of the visitors."""
    moved = load_plant(
        write_plant(plant_text.replace("chassis = [9.0, 0.6]", "chassis = [11.0, 0.6]"))
    )
    # the chassis's round plinth: the first plinth of the exhibition
    before = next(p.points for p in _exhibits(load_plant()) if p.name == "plinth")
    after = next(p.points for p in _exhibits(moved) if p.name == "plinth")
    exhibition = _showroom(moved).exhibition
    bearing = np.radians(exhibition.view_bearing_deg)
    shift = after[:, :2].mean(axis=0) - before[:, :2].mean(axis=0)
    assert shift == pytest.approx(2.0 * np.array([np.cos(bearing), np.sin(bearing)]), abs=1e-6)
