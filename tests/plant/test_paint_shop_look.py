"""The paint shop reads as a paint shop (issue 19): from above, the booths are cut open and show
their white robots and bodies in a lit white room, each booth has its air supply house on a deck
beside it with ducts down into its ceiling (no grid of identical dark blocks), the ovens are
long insulated tunnels with air-seal hoods, the dip tanks hold their baths with the bodies'
tops out of them; from the gallery's seat the line's sign hangs small over the booth's windows
(viewer.model.plant.equipment, viewer.model.plant.paint_booth, assets/plant.toml)."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.cars.car import SU7
from viewer.model.errors import DataFileError
from viewer.model.geometry import heading_frame
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.equipment import PAINT_PRODUCT_Z, plant_parts
from viewer.model.plant.layout import load_plant
from viewer.model.plant.paint_booth import air_supply_house
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
from viewer.model.plant.views import CameraPose
from viewer.model.tour.route import load_route
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (640, 360)


@pytest.fixture(scope="module")
def boxes(plant):
    return plant_parts(plant).boxes


def _lines(plant: object) -> list[specs.PaintLine]:
    return [s for s in plant.equipment if isinstance(s, specs.PaintLine) and s.enclosed]


def _sections(line: specs.PaintLine, kind: str) -> list[tuple[np.ndarray, float]]:
    """(middle, length) of each section of ``kind`` along the line."""
    along, _, _ = heading_frame(line.heading_deg)
    found, position = [], 0.0
    for section in line.sections:
        if section.kind == kind:
            found.append((line.start + along * (position + section.length / 2), section.length))
        position += section.length + specs.PAINT_SECTION_GAP
    return found


def _near(boxes: object, role: str, middle: np.ndarray, reach: float) -> np.ndarray:
    """Indices of the boxes of ``role`` whose bottom centre lies within ``reach`` m of
    ``middle`` (on the ground)."""
    pick = boxes.role == BOX_ROLES.index(role)
    distance = np.linalg.norm(boxes.bottom_center[:, :2] - middle, axis=1)
    return np.flatnonzero(pick & (distance <= reach))


def _corners_on_screen(
    renderer: OffscreenRenderer, corners: np.ndarray, size: tuple[int, int] = SIZE
) -> np.ndarray:
    """Picture (x, y) of world points, y down from the top."""
    ren = renderer.plotter.renderer
    out = []
    for corner in corners:
        ren.SetWorldPoint(*corner, 1.0)
        ren.WorldToDisplay()
        x, y, _ = ren.GetDisplayPoint()
        out.append((x, size[1] - y))
    return np.array(out)


def test_from_above_the_booths_show_their_robots_and_bodies(plant):
    """Looking down on each line's booths (a camera orbited above them), the robots inside are
    seen: drawn without the robots, the picture within the booths' roofs changes (under the
    glowing filter ceiling, drawn from above as a white slab, almost nothing changed)."""
    renderer = OffscreenRenderer(plant, SIZE, quality="low")
    counts = []
    try:
        for line in _lines(plant):
            along, normal, _ = heading_frame(line.heading_deg)
            booths = _sections(line, "booth")
            middle = np.mean([m for m, _ in booths], axis=0)
            pose = CameraPose((*(middle - normal * 8.0), 70.0), (*middle, 0.0), 40.0)
            shown = renderer.render(pose=pose).astype(int)
            regions = []
            for at, length in booths:
                half_l, half_w = along * (length / 2 - 1.0), normal * (line.width / 2 - 0.5)
                corners = [at + a * half_l + n * half_w for a in (1, -1) for n in (1, -1)]
                screen = _corners_on_screen(renderer, [(*c, 5.5) for c in corners])
                x0, y0 = np.clip(screen.min(axis=0), 0, SIZE).astype(int)
                x1, y1 = np.clip(screen.max(axis=0), 0, SIZE).astype(int)
                regions.append((x0, y0, x1, y1))
            robots = [s for n, s in renderer.scene.instanced.items() if n.startswith("robot-")]
            for shape in robots:
                for actor in shape.actors:
                    actor.SetVisibility(False)
            renderer.plotter.render()
            plain = np.asarray(renderer.plotter.screenshot(return_img=True)).astype(int)
            for shape in robots:
                for actor in shape.actors:
                    actor.SetVisibility(True)
            changed = np.abs(shown[..., :3] - plain[..., :3]).max(axis=-1) > 30
            counts += [changed[y0:y1, x0:x1].mean() for x0, y0, x1, y1 in regions]
    finally:
        renderer.close()
    assert min(counts) > 0.01, counts  # the robots show in every booth (old: 0)


def test_each_booth_has_its_air_supply_house_on_a_deck_beside_it(plant, boxes):
    houses = boxes.role == BOX_ROLES.index("air_house")
    booths = 0
    for line in _lines(plant):
        along, normal, _ = heading_frame(line.heading_deg)
        for middle, length in _sections(line, "booth"):
            booths += 1
            # the housing: beside the booth on the line's air_supply side, above its roof
            at = middle + normal * line.air_supply * (line.width / 2 + 1.8)
            mine = np.flatnonzero(
                houses & (np.linalg.norm(boxes.bottom_center[:, :2] - at, axis=1) < length / 2)
            )
            assert len(mine) == 1, (line.id, middle)
            assert boxes.bottom_center[mine[0], 2] >= 5.5  # on the deck, over the booth's roof
            # ducts come down onto the booth's roof, inside its walls
            ducts = _near(boxes, "supply_duct", middle, length / 2)
            across = np.abs((boxes.bottom_center[ducts, :2] - middle) @ normal)
            risers = ducts[
                (across < line.width / 2) & (np.isclose(boxes.bottom_center[ducts, 2], 5.5))
            ]
            assert len(risers) == 1, (line.id, middle)
    on_decks = houses & (boxes.bottom_center[:, 2] >= 5.5)  # (the ovens' hoods stand low)
    assert booths == 8 and on_decks.sum() == booths  # one a booth, none elsewhere
    # varied: not a grid of one block
    sizes = {tuple(np.round(boxes.size[i], 1)) for i in np.flatnonzero(on_decks)}
    assert len(sizes) >= 4
    paint = [s for s in plant.equipment if s.workshop == "paint"]
    grids = [s for s in paint if isinstance(s, specs.BlockArea) and s.role == "machine"]
    assert not grids, "no grid of identical machine blocks in the paint shop"


def test_an_air_supply_house_varies_with_its_booth():
    along, normal = np.array([1.0, 0.0]), np.array([0.0, 1.0])
    shapes = []
    for index in range(3):
        builder = PartsBuilder()
        air_supply_house(builder, np.zeros(2), along, normal, 0.0, (26.0, 7.0, 5.5), index)
        built = builder.build().boxes
        house = built.role == BOX_ROLES.index("air_house")
        assert house.sum() == 1 and built.bottom_center[house, 1] > 3.5  # beside, on the +y side
        shapes.append(tuple(built.size[house][0]))
    assert len(set(shapes)) == 3


def test_the_dip_tanks_hold_baths_the_bodies_dip_into(plant, boxes):
    line = next(s for s in _lines(plant) if s.id == "paint-line-1")
    middle, length = _sections(line, "pretreatment")[0]
    baths = [_near(boxes, role, middle, length / 2 + 0.1) for role in ("pt_bath", "ed_bath")]
    assert len(baths[0]) >= 3 and len(baths[1]) == 1  # pretreatment stages, then the e-coat
    along, _, _ = heading_frame(line.heading_deg)
    ed = boxes.bottom_center[baths[1][0], :2]
    assert (ed - middle) @ along > 0  # the e-coat tank is the last one
    for index in np.concatenate(baths):
        top = boxes.bottom_center[index, 2] + boxes.size[index, 2]
        # a body on the line's conveyor is in the bath and its top out of it
        assert PAINT_PRODUCT_Z + 0.3 < top < PAINT_PRODUCT_Z + SU7.height - 0.3
    rims = _near(boxes, "tank", middle, length / 2 + 0.5)
    assert len(rims) == 4  # the row's sides and ends
    rim = boxes.bottom_center[rims, 2] + boxes.size[rims, 2]
    assert (rim < PAINT_PRODUCT_Z + SU7.height).all()  # the bodies' roofs show above the rims


def test_the_ovens_are_insulated_tunnels_with_air_seals(plant, boxes):
    line = next(s for s in _lines(plant) if s.id == "paint-line-1")
    middle, length = max(_sections(line, "oven"), key=lambda found: found[1])
    along, _, _ = heading_frame(line.heading_deg)
    body = _near(boxes, "oven", middle, 0.5)
    assert len(body) == 1
    height = boxes.size[body[0], 2]
    seams = _near(boxes, "support", middle, length / 2)
    seams = seams[boxes.size[seams, 2] > height]  # bands round the tunnel
    assert len(seams) >= length / 15
    hoods = _near(boxes, "air_house", middle, length / 2)
    _, normal, _ = heading_frame(line.heading_deg)
    hoods = hoods[np.abs((boxes.bottom_center[hoods, :2] - middle) @ normal) < line.width]
    ends = np.abs((boxes.bottom_center[hoods, :2] - middle) @ along)
    assert len(hoods) == 2 and (ends > length / 2 - 2.0).all()
    assert (boxes.size[hoods, 2] > height).all()  # taller than the tunnel, over its mouths


def test_from_the_seat_the_sign_is_small_and_the_booth_fills_the_middle(plant):
    """The line's sign hangs over the booth's windows, a small band below the picture's top
    sixth (on the gallery's fascia, 3 m from the seat, it filled the top 15 %)."""
    sign = next(s for s in plant.building("paint").signs if s.text.en.startswith("Paint shop"))
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    try:
        renderer.render_stop("paint")
        heading = np.radians(sign.heading_deg)
        along = np.array([np.sin(heading), -np.cos(heading), 0.0]) * sign.size[0] / 2
        base = np.array([*sign.at, sign.bottom])
        top = base + [0.0, 0.0, sign.size[1]]
        screen = _corners_on_screen(renderer, [base - along, base + along, top - along])
    finally:
        renderer.close()
    y0, y1 = screen[:, 1].min(), screen[:, 1].max()
    assert y0 > SIZE[1] / 6 and (y1 - y0) < SIZE[1] * 0.1  # on the fascia: 0.13


@pytest.mark.parametrize(
    ("old", "new"),
    [('air_supply = "right"          # its booths', 'air_supply = "up"          # its booths')],
)
def test_a_broken_air_supply_names_its_field(write_plant, plant_text, old, new):
    assert plant_text.count(old) == 1, old
    with pytest.raises(DataFileError, match="air_supply"):
        load_plant(write_plant(plant_text.replace(old, new)))
