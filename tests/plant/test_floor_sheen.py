"""Medium's glossy epoxy floor: the skylight strips mirrored on it as wide soft bands of light
(brighter under and along each strip than between the strips), the wear of traffic along the
forklifts' loops and the shuttle's wheel tracks, on the floor and on the paint lying on it; Low
keeps its plain floor and paint, also after a round trip through Medium."""

from __future__ import annotations

import numpy as np
import pytest
from test_floor_gloss import boxes, distance_to, light_rows, near, seen_floor

from viewer.model.plant.floor_shade import floor_shade, standing
from viewer.model.plant.parts import Boxes
from viewer.scene import palette
from viewer.scene.plant.floor_shading import SHADE, FloorShading, worn_bands
from viewer.scene.snapshot import OffscreenRenderer

MARGIN = 1.25  # under a strip the floor is at least this much lighter than between strips


def hall() -> Boxes:
    """A hall running along x as the bundled ones: skylight strips 3 m wide every 24 m, 15 m up,
    and rows of lamps every 8 m along the hall (one row under each strip)."""
    rows = [(100, y, 15.6, 160, 3, 0.05, 0, "skylight") for y in (24, 48)]
    rows += [
        (x, y, 12.6, 0.7, 0.7, 0.25, 0, "lamp")
        for x in range(28, 180, 8)
        for y in (16, 24, 32, 40, 48, 56)
    ]
    return boxes(*rows)


def test_the_floor_is_lighter_under_a_skylight_strip_than_between_strips() -> None:
    gloss = SHADE["gloss"]
    shade = floor_shade(hall(), (0, 0, 200, 72), gloss=gloss)
    under, off_core, between, past_end, far_past = shade.at(
        np.column_stack(
            [
                [100.0, 100.0, 100.0, 182.5, 192.0],
                [24.0, 27.5, 36.0, 24.0, 24.0],
            ]
        )
    )
    assert under > MARGIN * between, (under, between)
    # the sheen is wide: 3.5 m off the strip's centre line (2 m past its edge) still light
    assert off_core > 1.15 * between, (off_core, between)
    # and its reflection runs on past the strip's end, fading out further on
    assert past_end > 1.15 * between > far_past, (past_end, between, far_past)


def test_forklift_loops_and_wheel_tracks_wear_the_floor_darker() -> None:
    loop = np.array([[20.0, 10.0], [60.0, 10.0], [60.0, 14.0], [20.0, 14.0]])
    track = np.array([[20.0, 30.0], [60.0, 30.0]])
    worn = [(loop, 1.8, True), (track, 0.8, False)]
    plain = floor_shade(boxes((0, 0, 0, 0.1, 0.1, 0.05, 0, "platform")), (0, 0, 80, 40))
    shade = floor_shade(
        boxes((0, 0, 0, 0.1, 0.1, 0.05, 0, "platform")),
        (0, 0, 80, 40),
        wear=SHADE["wear"],
        worn=worn,
    )
    on = np.array([[40.0, 10.0], [60.0, 12.0], [40.0, 30.0]])  # on the loop, its end, a track
    off = np.array([[40.0, 12.0], [40.0, 33.0]])  # inside the loop, beside the track
    assert np.all(plain.at(on) == 1.0)
    assert np.all(shade.at(on) < 1.0 - 0.1)
    assert np.all(shade.at(off) > 0.99)


def test_the_plants_worn_bands_follow_its_forklifts_and_aisles(plant) -> None:
    bands = worn_bands(plant)
    assert len(bands) >= 2 * len(plant.people.forklifts) >= 2
    loops = [points for points, _, closed in bands if closed]
    for forklift in plant.people.forklifts:
        assert any(np.array_equal(points, forklift.points) for points in loops)
    tracks = [points for points, width, closed in bands if not closed]
    assert len(tracks) % 2 == 0 and tracks  # two wheel tracks along each painted aisle run


def floor_in_view(renderer: OffscreenRenderer, view: str) -> dict[str, np.ndarray]:
    """The brightness of the floor seen in preset ``view`` by where it lies: ``under`` (within
    1 m of a skylight strip's centre line) and ``between`` (over 9 m from every strip's centre
    line and 2 m from every row of lamps), both over 3 m from anything standing on the
    floor."""
    image = renderer.render(view=view)
    points, value = seen_floor(renderer, image, near=0.0, far=1e6)
    assert len(points) > 5000, f"the {view} view sees little floor"
    parts = renderer.scene.parts.boxes
    strips = parts.roles({"skylight"})
    lines = Boxes(strips.bottom_center, strips.size * [1.0, 0.0, 1.0], strips.yaw, strips.role)
    to_strip = distance_to(points, near(lines, points, 30.0))
    to_light = distance_to(points, near(light_rows(parts), points, 6.0))
    to_anything = distance_to(points, near(standing(parts), points, 6.0))
    open_floor = to_anything > 3.0
    return {
        "under": value[(to_strip < 1.0) & open_floor],
        "between": value[(to_strip > 9.0) & (to_light > 2.0) & open_floor],
    }


@pytest.fixture(scope="module")
def workshops(plant):
    renderer = OffscreenRenderer(plant, size=(960, 540), quality="medium")
    yield renderer
    renderer.close()


@pytest.mark.parametrize("view", ["body", "stamping"])
def test_medium_floor_is_lighter_under_the_skylight_strips(workshops, view) -> None:
    workshops.set_quality("medium")
    floor = floor_in_view(workshops, view)
    for name in ("under", "between"):
        assert len(floor[name]) >= 200, f"{view}: too few {name} pixels ({len(floor[name])})"
    under, between = (float(np.median(floor[n])) for n in ("under", "between"))
    assert under > MARGIN * between, f"{view}: under the strips {under:.0f}, between {between:.0f}"


def test_low_floor_and_paint_stay_plain_after_medium(workshops) -> None:
    scene = workshops.scene
    workshops.set_quality("low")
    before = workshops.render(view="assembly")
    workshops.set_quality("medium")
    aisles = scene.ground_actors["aisles"]
    assert aisles.GetTexture() is not None  # the paint carries the shade and the wear on Medium
    medium = workshops.render(view="assembly")
    workshops.set_quality("low")
    after = workshops.render(view="assembly")
    assert aisles.GetTexture() is None
    assert aisles.GetProperty().GetColor() == pytest.approx(palette.VISITOR_AISLE, abs=1 / 255)
    assert np.array_equal(before, after)
    assert np.mean(np.any(before != medium, axis=2)) > 0.05  # Medium does look different


def test_the_shuttles_wheel_tracks_are_worn_in_the_plants_floor(plant) -> None:
    """In the plant's baked floor, each wheel track along a visitor aisle is darker than the
    aisle's centre line beside it (0.8 m away, the same light overhead)."""
    from viewer.model.geometry import offset_polyline
    from viewer.model.plant.equipment import plant_parts
    from viewer.scene.plant.ground import painted_lanes

    shading = FloorShading(plant, plant_parts(plant).boxes, {})
    shading._build()
    runs = [points for points, _ in painted_lanes(plant)]
    assert runs
    centre = np.vstack([(p[:-1] + p[1:]) / 2 for p in runs])
    track = np.vstack([(p[:-1] + p[1:]) / 2 for p in (offset_polyline(r, 0.8) for r in runs)])
    ratio = shading.shade.at(track) / shading.shade.at(centre)
    assert np.median(ratio) < 0.93, np.median(ratio)
