"""The floors on Medium seen from the shuttle's seat: dark soft contact shade at the foot of
the machines and long soft streaks of light under the skylight strips and rows of lamps, as on a
polished epoxy floor; Low keeps its plain floor. Measured in the seat pictures of the tour."""

from __future__ import annotations

import numpy as np
import pytest
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkCommonCore import vtkFloatArray

from viewer.model.plant.floor_shade import floor_shade, row_headings, standing
from viewer.model.plant.parts import BOX_ROLES, Boxes
from viewer.model.tour.route import load_route
from viewer.scene.plant.floor_shading import PLATE_LIFT, plate_tops
from viewer.scene.plant.ground import BASE_Z
from viewer.scene.snapshot import OffscreenRenderer

NEAR, FAR = 5.0, 30.0  # m from the eye: the floor a visitor looks at from the seat


def seen_floor(
    renderer: OffscreenRenderer,
    image: np.ndarray,
    plates: bool = False,
    near: float = NEAR,
    far: float = FAR,
) -> tuple[np.ndarray, np.ndarray]:
    """Ground points (N, 2) and brightness (N,) of the picture's pixels that show the floor
    (or with ``plates`` the floor plates lying on it, a few centimetres up) ``near`` to
    ``far`` metres from the eye (each pixel taken back to the world through the depth
    buffer: no assumption about what is drawn where)."""
    ren_win, renderer_ = renderer.plotter.ren_win, renderer.plotter.renderer
    width, height = ren_win.GetSize()
    zbuffer = vtkFloatArray()
    ren_win.GetZbufferData(0, 0, width - 1, height - 1, zbuffer)
    depth = vtk_to_numpy(zbuffer).reshape(height, width)[::-1]
    camera = renderer_.GetActiveCamera()
    matrix = camera.GetCompositeProjectionTransformMatrix(width / height, -1, 1)
    to_world = np.linalg.inv([[matrix.GetElement(i, j) for j in range(4)] for i in range(4)])
    rows, cols = np.mgrid[0:height, 0:width]
    ndc = np.stack(
        [
            2 * (cols + 0.5) / width - 1,
            2 * (height - 1 - rows + 0.5) / height - 1,
            2 * depth - 1,
            np.ones(depth.shape),
        ],
        axis=-1,
    ).reshape(-1, 4)
    world = ndc @ to_world.T
    world = (world[:, :3] / world[:, 3:]).reshape(height, width, 3)
    eye = np.array(camera.GetPosition())
    distance = np.hypot(world[..., 0] - eye[0], world[..., 1] - eye[1])
    height = world[..., 2] - BASE_Z
    floor = ((height > 0.06) & (height < 0.17) if plates else np.abs(height) < 0.015) & (depth < 1)
    floor &= (distance > near) & (distance < far)
    return world[floor][:, :2], image.astype(float).mean(axis=2)[floor]


def distance_to(points: np.ndarray, boxes: Boxes) -> np.ndarray:
    """Distance (m) from ground points (N, 2) to the nearest footprint of ``boxes``."""
    best = np.full(len(points), np.inf)
    for center, size, yaw in zip(
        boxes.bottom_center[:, :2], boxes.size[:, :2], boxes.yaw, strict=True
    ):
        d = points - center
        u = d[:, 0] * np.cos(yaw) + d[:, 1] * np.sin(yaw)
        v = -d[:, 0] * np.sin(yaw) + d[:, 1] * np.cos(yaw)
        out = np.hypot(
            np.maximum(np.abs(u) - size[0] / 2, 0), np.maximum(np.abs(v) - size[1] / 2, 0)
        )
        best = np.minimum(best, out)
    return best


def near(boxes: Boxes, points: np.ndarray, reach: float) -> Boxes:
    """The boxes within ``reach`` of any of ``points``' bounding square (fewer to measure)."""
    lo, hi = points.min(axis=0) - reach, points.max(axis=0) + reach
    half = np.hypot(boxes.size[:, 0], boxes.size[:, 1]) / 2
    xy = boxes.bottom_center[:, :2]
    keep = np.all((xy + half[:, None] >= lo) & (xy - half[:, None] <= hi), axis=1)
    return Boxes(boxes.bottom_center[keep], boxes.size[keep], boxes.yaw[keep], boxes.role[keep])


def light_rows(boxes: Boxes) -> Boxes:
    """The centre lines of the lights overhead as thin boxes: each skylight strip's, and each
    row of lamps' (a line through every lamp along its hall, the heading of the hall's
    skylights)."""
    strips = boxes.roles({"skylight"})
    lamps = boxes.roles({"lamp"})
    headings = row_headings(lamps, strips)
    rows = ~np.isnan(headings)
    size = np.column_stack([np.full(rows.sum(), 12.0), np.zeros(rows.sum()), np.ones(rows.sum())])
    strip_size = strips.size * [1.0, 0.0, 1.0]
    return Boxes(
        np.vstack([strips.bottom_center, lamps.bottom_center[rows]]),
        np.vstack([strip_size, size]),
        np.concatenate([strips.yaw, headings[rows]]),
        np.concatenate([strips.role, lamps.role[rows]]),
    )


def floor_classes(
    renderer: OffscreenRenderer, stop: str, plates: bool = False, open_from: float = 4.0
) -> dict[str, np.ndarray]:
    """The brightness of the floor seen from the seat at ``stop``, by where it lies: ``foot``
    (0.1-1 m from a machine, rack, column or robot riser, off the light rows), ``open`` (over
    ``open_from`` m from anything standing on the floor and off the light rows), ``under``
    (within 0.6 m of a light row's centre line, over 3 m from anything standing) and
    ``between`` (over 3 m from both); ``floor``: all of it. With ``plates``: the same on the
    floor plates lying on the floor (the robot cells')."""
    image = renderer.render_stop(stop)
    points, value = seen_floor(renderer, image, plates)
    boxes = renderer.scene.parts.boxes
    if plates:  # off the plates, that height is lane paint
        inside = distance_to(points, near(boxes.roles({"platform"}), points, 0.0)) == 0.0
        points, value = points[inside], value[inside]
    assert len(points) > 5000, f"the seat at {stop} sees little floor"
    feet = near(standing(boxes), points, 6.0)
    solid = (feet.size[:, 2] >= 1.0) & (feet.size[:, :2].min(axis=1) >= 0.3)
    solid |= feet.role == BOX_ROLES.index("pedestal")
    machines = Boxes(feet.bottom_center[solid], feet.size[solid], feet.yaw[solid], feet.role[solid])
    to_machine, to_anything = distance_to(points, machines), distance_to(points, feet)
    to_light = distance_to(points, near(light_rows(boxes), points, 6.0))
    return {
        "foot": value[(to_machine > 0.1) & (to_machine < 1.0) & (to_light > 2.0)],
        "open": value[(to_anything > open_from) & (to_light > 2.0)],
        "under": value[(to_light < 0.6) & (to_anything > 3.0)],
        "between": value[(to_light > 3.0) & (to_anything > 3.0)],
        "floor": value,
    }


@pytest.fixture(scope="module")
def seat(plant):
    renderer = OffscreenRenderer(plant, size=(960, 540), quality="medium", route=load_route(None))
    yield renderer
    renderer.close()


def medians(floor: dict[str, np.ndarray], names: tuple[str, ...], stop: str) -> list[float]:
    """The median brightness of each class in ``names``, each seen on enough pixels."""
    for name in names:
        assert len(floor[name]) >= 50, f"{stop}: too few {name} pixels ({len(floor[name])})"
    return [float(np.median(floor[name])) for name in names]


@pytest.mark.parametrize(
    ("stop", "plates", "open_from"),
    [
        ("body-shop", True, 1.5),  # the robots on their risers in the cells, on floor plates
    ],
)
def test_medium_floor_darkens_round_the_machines_feet(seat, stop, plates, open_from) -> None:
    seat.set_quality("medium")
    # the cells' floor plates seen without the wire mesh of their fences in front (its wires
    # write depth: the floor behind them would not be measured)
    fences = seat.scene.instanced["fence-mesh"].actors
    for actor in fences:
        actor.VisibilityOff()
    try:
        floor = floor_classes(seat, stop, plates, open_from)
    finally:
        for actor in fences:
            actor.VisibilityOn()
    foot, open_floor = medians(floor, ("foot", "open"), stop)
    assert foot < 0.85 * open_floor, f"{stop}: foot {foot:.0f}, open floor {open_floor:.0f}"


@pytest.mark.parametrize("stop", ["stamping", "die-casting"])
def test_medium_floor_shines_under_the_rows_of_lights(seat, stop) -> None:
    seat.set_quality("medium")
    floor = floor_classes(seat, stop)
    under, between = medians(floor, ("under", "between"), stop)
    assert under > 1.2 * between, f"{stop}: under the lights {under:.0f}, between {between:.0f}"


@pytest.mark.parametrize(
    ("stop", "plates"), [("body-shop", False), ("body-shop", True), ("final-assembly", False)]
)
def test_low_floor_stays_plain(seat, stop, plates) -> None:
    seat.set_quality("low")
    floor = floor_classes(seat, stop, plates)["floor"]
    seat.set_quality("medium")
    # one flat colour, lit the same everywhere (but where seen through the glass of a fence or
    # a booth: in the body shop a sixth of the cells' floor plates)
    assert np.mean(np.abs(floor - np.median(floor)) <= 2.0) > 0.8


def boxes(*rows: tuple) -> Boxes:
    """Boxes from (x, y, z, along, across, height, yaw, role) rows."""
    data = np.array([r[:7] for r in rows], dtype=float)
    roles = np.array([BOX_ROLES.index(r[7]) for r in rows])
    return Boxes(data[:, :3], data[:, 3:6], data[:, 6], roles)


def test_a_row_of_lamps_shines_as_one_streak_along_its_hall() -> None:
    rows = [(40, 20, 14, 70, 3, 0.05, 0, "skylight")]  # the hall runs along x
    rows += [(x, 28, 12, 0.7, 0.7, 0.25, 0, "lamp") for x in (16, 28, 40, 52, 64)]
    shade = floor_shade(boxes(*rows), (0, 0, 80, 40), gloss=0.3)
    under_lamp, along_row, off_row, under_strip = shade.at(
        np.array([[40.0, 28.0], [34.0, 28.0], [34.0, 33.0], [34.0, 20.0]])
    )
    assert under_lamp > 0.97 and under_strip > 0.97
    assert along_row > 0.93 > 0.75 > off_row


def test_a_robot_riser_and_a_column_shade_wider_than_their_feet() -> None:
    rows = [(10, 10, 0, 0.9, 0.9, 0.4, 0, "pedestal"), (30, 10, 0, 0.6, 0.6, 12, 0, "column")]
    plain = floor_shade(boxes(*rows), (0, 0, 40, 20))
    wide = floor_shade(boxes(*rows), (0, 0, 40, 20), wide=0.4, short=0.3)
    points = np.array([[11.5, 10.0], [31.3, 10.0]])  # a metre from each foot
    assert np.all(wide.at(points) < plain.at(points) - 0.1)


def test_the_floor_plates_get_shaded_tops_just_above_them() -> None:
    plates = boxes(
        (10, 10, 0, 8, 4, 0.03, np.pi / 2, "platform"),  # a cell's floor plate
        (30, 10, 1.5, 8, 4, 0.2, 0, "platform"),  # a deck on legs: not a plate
    )
    tops = plate_tops(plates)
    assert tops.n_cells == 1
    assert np.allclose(tops.points[:, 2], 0.03 + PLATE_LIFT)
    assert np.allclose(np.sort(np.ptp(tops.points[:, :2], axis=0)), [4.0, 8.0])


def test_the_pavilions_stone_floors_carry_no_streaks_of_light(plant):
    """Medium's streaks of light are the workshops' epoxy: on the exhibition hall's and the
    cafeteria's stone, the floor under a row of lamps is as bright as between the rows (under
    the pavilions' many lamps the streaks read as cloudy blotches)."""
    from viewer.model.geometry import inside_polygon
    from viewer.model.plant.equipment import plant_parts
    from viewer.scene.plant.floor_shading import FloorShading

    boxes = plant_parts(plant).boxes
    shading = FloorShading(plant, boxes, {})
    shading._build()
    lamps = boxes.roles({"lamp"})
    for hall in (b for b in plant.buildings if b.kind == "hall"):
        mine = inside_polygon(lamps.bottom_center[:, :2], hall.footprint)
        assert mine.sum() >= 4, hall.id
        under = lamps.bottom_center[mine, :2]
        between = under + [0.0, 2.5]  # off the lamps' spots, still on the hall's floor
        keep = inside_polygon(between, hall.footprint)
        bright = shading.shade.at(under[keep])
        dim = shading.shade.at(between[keep])
        assert np.median(bright) == pytest.approx(np.median(dim), rel=0.03), hall.id
