"""Outside the buildings: the layout's [outside] section, where trees and car parks go, the
instanced actors, the overview's look and the subdued ground palette."""

from __future__ import annotations

import colorsys
import dataclasses

import numpy as np
import pytest
import pyvista as pv

from viewer.model.errors import DataFileError
from viewer.model.geometry import polygon_area
from viewer.model.plant.layout import Lane, load_plant
from viewer.model.plant.surroundings import outside_layout, parking_bays
from viewer.model.plant.views import CameraPose
from viewer.scene import palette
from viewer.scene.plant.ground import BASE_Z, ground_layers
from viewer.scene.plant.plant_scene import PlantScene

OLD_VISITOR_AISLE = (0.16, 0.60, 0.42)  # the saturated green slab the palette had before


@pytest.fixture
def plotter():
    plotter = pv.Plotter(off_screen=True, window_size=(480, 270))
    yield plotter
    plotter.close()


def _broken(plant_text: str, old: str, new: str) -> str:
    """The layout with ``old`` replaced by ``new`` once, inside the [outside] section."""
    head, tail = plant_text.split("\n[outside]\n", 1)
    assert old in tail, old
    return head + "\n[outside]\n" + tail.replace(old, new, 1)


# -- reading ----------------------------------------------------------------------------------


def test_the_bundled_outside_loads_with_phase_two_as_published(plant):
    outside = plant.outside
    assert outside is not None
    assert {s.id for s in outside.streets} >= {"north-street", "east-street"}
    assert len(outside.parking) >= 3 and {p.kind for p in outside.parking} == {"staff", "visitor"}
    assert len(outside.neighbours) >= 10
    phase2 = outside.phase2
    assert phase2 is not None and phase2.land_area_stated == 531130
    assert abs(abs(polygon_area(phase2.boundary)) - 531130) < 0.02 * 531130
    assert all(b.height <= 15.95 for b in phase2.buildings)
    assert {b.progress < 1 for b in phase2.buildings} == {True, False}  # some being built
    # east of Phase I, across one road
    assert phase2.boundary[:, 0].min() > plant.boundary[:, 0].max()
    between = [  # the streets running the length of both sites between them
        s
        for s in outside.streets
        if plant.boundary[:, 0].max() < s.points[:, 0].mean() < phase2.boundary[:, 0].min()
        and np.ptp(s.points[:, 1]) > np.ptp(plant.boundary[:, 1])
    ]
    assert len(between) == 1


@pytest.mark.parametrize(
    ("old", "new", "field", "problem"),
    [
        ("cars = 180", "cars = 9000", "outside.parking[0].cars", "at most"),
        ("cars = 180", "cars = 600", "outside.parking[0].cars", "bays"),
        ("cars = 180", 'cars = "many"', "outside.parking[0].cars", "number"),
        ('kind = "visitor"', 'kind = "valet"', "outside.parking[0].kind", "unknown value"),
        ("bay_m = [2.5, 5.3]", "bay_m = [0.5, 5.3]", "outside.parking[0].bay_m", "wide"),
        (
            "footprint = [[250, 596], [455, 596], [455, 648], [250, 648]]",
            "footprint = [[100, 450], [300, 450], [300, 500], [100, 500]]",
            "outside.parking[0].footprint",
            "overlaps the building",
        ),
        (
            "footprint = [[250, 596], [455, 596], [455, 648], [250, 648]]",
            "footprint = [[250, 200], [455, 200], [455, 250], [250, 250]]",
            "outside.parking[0].footprint",
            "test track",
        ),
        (
            "[[-450, 684], [2300, 684]]",
            "[[-450, 684], [9e6, 684]]",
            "outside.streets[0].points",
            "too far",
        ),
        ("lanes = 4", "lanes = 0", "outside.streets[0].lanes", "at least"),
        ("spacing_m = 14", "spacing_m = 0.1", "outside.trees.spacing_m", "at least"),
        (
            "\nheight_m = 15.9\n",
            "\nheight_m = 30\n",
            "outside.phase2.buildings[0].height_m",
            "15.95",
        ),
        ("land_area_m2 = 531130", "land_area_m2 = 900000", "outside.phase2.boundary", "5 %"),
        (
            'status = "construction"',
            'status = "ruin"',
            "outside.phase2.buildings[2].status",
            "unknown value",
        ),
        (
            'kind = "office"\nfootprint = [[10, 720]',
            'kind = "castle"\nfootprint = [[10, 720]',
            "outside.neighbours[1].kind",
            "unknown value",
        ),
        (
            "fence_height_m = 2.2",
            "fence_height_m = 2.2\nfence_colour = 1",
            "outside.fence_colour",
            "unknown field",
        ),
    ],
)
def test_broken_outside_entries_name_the_field(plant_text, write_plant, old, new, field, problem):
    path = write_plant(_broken(plant_text, old, new))
    with pytest.raises(DataFileError) as caught:
        load_plant(path)
    assert caught.value.field == field
    assert problem in caught.value.problem
    assert caught.value.line is not None


def test_a_plant_without_an_outside_section_loads_and_draws(plant_text, write_plant, plotter):
    head = plant_text.split("\n[outside]\n", 1)[0]
    rest = plant_text.split("\n[outside]\n", 1)[1]
    # what other sections follow [outside] stays; [outside] and its sub-tables go
    kept = [
        block
        for block in ("\n" + rest).split("\n[")
        if block and not block.startswith(("outside", "[outside"))
    ]
    text = head + "".join("\n[" + block for block in kept[1:])
    plant = load_plant(write_plant(text))
    assert plant.outside is None
    layout = outside_layout(plant)
    assert len(layout.trees) == len(layout.cars) == 0
    PlantScene(plotter, plant)
    plotter.render()


# -- placing ----------------------------------------------------------------------------------


def _min_distance(points: np.ndarray, line: np.ndarray, closed: bool = False) -> np.ndarray:
    """Each point's exact distance to the polyline, segment by segment (an independent check of
    the model's)."""
    line = np.vstack([line, line[:1]]) if closed else line
    out = np.full(len(points), np.inf)
    for a, b in zip(line[:-1], line[1:], strict=True):
        ab = b - a
        t = np.clip((points - a) @ ab / max(float(ab @ ab), 1e-12), 0.0, 1.0)
        out = np.minimum(out, np.linalg.norm(points - (a + t[:, None] * ab), axis=1))
    return out


def _winding_inside(points: np.ndarray, polygon: np.ndarray) -> np.ndarray:
    """Winding-number test: the summed angle seen from a point inside is 2 pi."""
    rel = polygon[None, :, :] - points[:, None, :]
    nxt = np.roll(rel, -1, axis=1)
    angle = np.arctan2(
        rel[..., 0] * nxt[..., 1] - rel[..., 1] * nxt[..., 0],
        (rel * nxt).sum(axis=2),
    ).sum(axis=1)
    return np.abs(angle) > np.pi


def _assert_clear(plant, points: np.ndarray, what: str) -> None:
    assert len(points) > 0
    strips = [(r.points, r.width) for r in plant.roads]
    strips += [(s.points, s.width) for s in plant.outside.streets]
    strips += [(a.points, a.width) for a in plant.aisles]
    for line, width in strips:
        assert (_min_distance(points, line) > width / 2).all(), f"{what} on a road or aisle"
    track = plant.track
    assert (_min_distance(points, track.centerline, True) > track.width / 2).all(), what
    polygons = [b.footprint for b in plant.buildings] + [lot.footprint for lot in plant.lots]
    polygons += [n.footprint for n in plant.outside.neighbours]
    polygons += [b.footprint for b in plant.outside.phase2.buildings]
    for polygon in polygons:
        assert not _winding_inside(points, polygon).any(), f"{what} in a building or lot"


def test_trees_stay_off_roads_buildings_the_track_and_the_aisles(plant):
    layout = outside_layout(plant)
    assert len(layout.trees) > 500
    _assert_clear(plant, layout.trees, "a tree")
    track = plant.track  # a run-off beside the test track; the glass bridge stays in view
    assert (_min_distance(layout.trees, track.centerline, True) >= track.width / 2 + 9.5).all()
    if getattr(track, "bridge", None) is not None:
        gaps = np.linalg.norm(layout.trees - track.bridge.at, axis=1)
        assert (gaps > track.bridge.span / 2 + 10).all()
    # and they line the roads: most streets have trees along them
    for street in plant.outside.streets[:5]:
        near = _min_distance(layout.trees, street.points) < street.width / 2 + 12
        assert near.sum() > 20, street.id


def test_parking_bays_and_cars_stay_off_roads_buildings_the_track_and_the_aisles(plant):
    layout = outside_layout(plant)
    assert len(layout.cars) == sum(p.cars for p in plant.outside.parking)
    _assert_clear(plant, layout.bays.reshape(-1, 2), "a parking bay's corner")
    _assert_clear(plant, layout.cars, "a parked car")
    # each car stands in a bay, nose along the bay's depth
    centres = layout.bays.mean(axis=1)
    gaps = np.linalg.norm(layout.cars[:, None] - centres[None], axis=2).min(axis=1)
    assert gaps.max() < 1e-6
    assert len(np.unique(layout.car_color)) >= 5  # ordinary colours, not one


def test_an_aisle_moved_through_a_car_park_pushes_bays_and_trees_aside(plant):
    lot = plant.outside.parking[0]
    (x0, y0), (x1, y1) = lot.footprint.min(axis=0), lot.footprint.max(axis=0)
    x = (x0 + x1) / 2
    lane = Lane("through-the-car-park", np.array([[x, y0 - 30], [x, y1 + 30]]), 4.0, False)
    moved = dataclasses.replace(plant, aisles=(*plant.aisles, lane))
    before, after = outside_layout(plant), outside_layout(moved)
    assert len(after.bays) < len(before.bays)
    _assert_clear(moved, after.bays.reshape(-1, 2), "a parking bay's corner")
    _assert_clear(moved, after.trees, "a tree")
    assert len(parking_bays(lot)) >= lot.cars


def test_gates_get_zebra_crossings_and_roads_their_lines(plant):
    layout = outside_layout(plant)
    for gate in plant.gates:
        distance = np.linalg.norm(layout.zebras.mean(axis=1) - gate.position, axis=1)
        assert (distance < gate.width + 40).sum() >= 6, gate.id
    assert len(layout.center_lines) > 100 and len(layout.lines) > 1000
    layers = {name: mesh for name, mesh, _ in ground_layers(plant, layout)}
    for name in ("road-lines", "road-center-lines", "pavements"):
        assert layers[name].n_cells > 0
    # paint lies just above the roads and the base layer, which it does not join
    assert layers["road-lines"].bounds[4] > layers["roads"].bounds[5]
    assert layers["pavements"].bounds[4] > BASE_Z


# -- drawing ----------------------------------------------------------------------------------


def _more_trees_and_cars(plant):
    outside = plant.outside
    trees = dataclasses.replace(
        outside.trees,
        spacing=outside.trees.spacing / 2,
        street_spacing=outside.trees.street_spacing / 2,
        edge_spacing=outside.trees.edge_spacing / 2,
    )
    parking = tuple(dataclasses.replace(p, cars=len(parking_bays(p)) // 2) for p in outside.parking)
    return dataclasses.replace(
        plant, outside=dataclasses.replace(outside, trees=trees, parking=parking)
    )


def test_the_actor_count_does_not_grow_with_the_trees_or_the_cars(plant):
    counts = []
    trees = []
    for layout_plant in (plant, _more_trees_and_cars(plant)):
        plotter = pv.Plotter(off_screen=True, window_size=(160, 90))
        scene = PlantScene(plotter, layout_plant)
        counts.append(scene.actor_count)
        trees.append((scene.outside.trees.count, len(scene.outside.layout.cars)))
        plotter.close()
    assert trees[1][0] > 1.7 * trees[0][0] and trees[1][1] > trees[0][1]
    assert counts[0] == counts[1]


def test_far_trees_and_cars_use_their_far_shapes(plant, plotter):
    scene = PlantScene(plotter, plant)
    scene.show_view("overview")
    plotter.screenshot(return_img=True)  # a render: the level of detail chooses before it
    crowns = scene.outside.trees
    near, far = crowns.shown("near"), crowns.shown("far")
    assert far.sum() > max(100, 3 * near.sum()) and not (near & far).any()
    trunks = scene.outside.instanced["tree-trunks"]
    assert (trunks.shown("near") == near).all()  # a far tree has no separate trunk
    body = scene.outside.instanced["parked-car-body"]
    coarse = body.shown("far").sum() + body.shown("tiny").sum()
    assert coarse > max(100, 9 * body.shown("near").sum())
    # from close by, the trees in front of the camera are drawn in detail
    x, y = plant.outside.parking[0].footprint.mean(axis=0)
    eye = np.array([x, y - 40.0])
    scene.apply_pose(CameraPose((*eye, 1.6), (x, y, 1.6), 60.0))
    plotter.render()
    ahead = crowns.positions[:, :2] - eye
    close = (
        (np.linalg.norm(ahead, axis=1) < 60) & (ahead[:, 1] > 5) & (abs(ahead[:, 0]) < ahead[:, 1])
    )
    assert close.any() and crowns.shown("near")[close].all()


def _ground_share(picture: np.ndarray) -> float:
    """Share of the picture's pixels in the plain grass or land colour (the ground is unlit)."""
    rgb = picture[..., :3].astype(int)
    plain = np.zeros(rgb.shape[:2], dtype=bool)
    for color in (palette.GRASS, palette.SURROUNDINGS):
        target = np.round(np.array(color) * 255).astype(int)
        plain |= np.abs(rgb - target).max(axis=2) <= 2
    return float(plain.mean())


def test_the_overview_is_less_bare_grass_than_without_the_outside(plant):
    pictures = []
    for shown in (dataclasses.replace(plant, outside=None), plant):
        # a plotter of its own for each scene: on one that has rendered already, pyvista
        # renders the whole scene again after each actor added (some 90 frames)
        plotter = pv.Plotter(off_screen=True, window_size=(480, 270))
        try:
            scene = PlantScene(plotter, shown)
            scene.show_view("overview")
            plotter.render()
            pictures.append(plotter.screenshot(return_img=True))
            scene.release()
        finally:
            plotter.close()
    bare, dressed = _ground_share(pictures[0]), _ground_share(pictures[1])
    assert bare > 0.3  # the check sees the ground at all
    assert dressed < 0.8 * bare


def test_the_ground_palette_is_subdued_and_real():
    saturation = lambda color: colorsys.rgb_to_hsv(*color)[1]  # noqa: E731
    assert saturation(palette.VISITOR_AISLE) < 0.3 < saturation(OLD_VISITOR_AISLE)
    assert saturation(palette.FLOORS["workshop"]) < 0.03  # light grey epoxy, not green
    assert min(palette.FLOORS["workshop"]) > 0.7
    assert saturation(palette.ASPHALT) < 0.08 and 0.25 < max(palette.ASPHALT) < 0.45
    assert 0.25 < saturation(palette.GRASS) < 0.45 and max(palette.GRASS) < 0.6
    hue = colorsys.rgb_to_hsv(*palette.AISLE_EDGE)[0] * 360
    assert 40 < hue < 60  # yellow, not orange
    for color in palette.PARKED_CARS:
        assert saturation(color) < 0.85  # ordinary paint, no neon


def test_parked_cars_keep_glass_and_wheels_until_they_are_blocks(plant, plotter):
    """A parked car is drawn in full only while big on screen, then as the far body with its
    far glass and wheels, and a few pixels long as one block, without its glass and wheels."""
    scene = PlantScene(plotter, plant)
    cars = scene.outside.instanced
    body, glass, wheels = (cars[f"parked-car-{n}"] for n in ("body", "glass", "wheels"))
    rims = cars["parked-car-rims"]
    x, y = plant.outside.parking[0].footprint.mean(axis=0)
    for back in (40.0, 300.0):
        eye = np.array([x, y - back])
        scene.apply_pose(CameraPose((*eye, 1.6), (x, y, 1.6), 60.0))
        plotter.ren_win.Render()  # the level of detail chooses before each render (a screenshot
        # of an unchanged window would not render again)
        near, far, tiny = (body.shown(level) for level in ("near", "far", "tiny"))
        distance = np.linalg.norm(body.positions[:, :2] - eye, axis=1)
        assert (near.any() and far.any()) if back < 100 else tiny.any()
        assert distance[near].max(initial=0) < distance[far].min(initial=np.inf)
        assert distance[far].max(initial=0) < distance[tiny].min(initial=np.inf)
        for part in (glass, wheels):
            assert (part.shown("near") == near).all() and (part.shown("far") == far).all()
        assert (rims.shown("near") == near).all() and not rims.shown("far").any()
    points = [m.GetSource().GetNumberOfPoints() for m in (glass.mapper, glass.far_mapper)]
    assert points[1] < 0.5 * points[0]
