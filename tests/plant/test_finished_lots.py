"""The finished-car lots are car parks full of new SU7s: rows of painted bays facing drive
lanes, 70-90 % of them taken, the cars in the SU7's colours; the infield lot fills the middle of
the test track's infield. Broken lot entries give the clean DataFileError."""

from __future__ import annotations

import numpy as np
import pytest
from scene_pictures import picture_without

from viewer.model.cars.car import SU7_COLORS
from viewer.model.errors import DataFileError
from viewer.model.geometry import inside_polygon
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import FINISHED_CAR
from viewer.model.plant.surroundings import distance_to_polyline, lot_cars, parking_bays
from viewer.scene.snapshot import OffscreenRenderer

INFIELD = "finished-cars-infield"


def lot(plant, lot_id: str = INFIELD):
    return next(item for item in plant.lots if item.id == lot_id)


@pytest.mark.parametrize("lot_id", ["finished-cars-infield", "finished-cars-east"])
def test_a_lot_is_70_to_90_percent_full_with_a_car_in_each_taken_bay(plant, lot_id):
    spec = lot(plant, lot_id)
    bays = parking_bays(spec)
    placed = lot_cars(spec, spec.id, spec.cars)
    assert 0.7 <= len(placed.centres) / len(bays) <= 0.9
    middles = bays.mean(axis=1)
    nearest = np.linalg.norm(placed.centres[:, None] - middles[None], axis=2)
    assert np.allclose(nearest.min(axis=1), 0.0)  # each car in the middle of a bay
    assert len(set(nearest.argmin(axis=1).tolist())) == len(placed.centres)  # one per bay
    assert inside_polygon(bays.reshape(-1, 2), spec.footprint).all()
    # nose to the drive lane: the point 3 m ahead of each car is in no bay
    ahead = placed.centres + 3.0 * np.column_stack([np.cos(placed.yaw), np.sin(placed.yaw)])
    in_bay = np.zeros(len(ahead), dtype=bool)
    for corners in bays:
        in_bay |= inside_polygon(ahead, corners)
    assert not in_bay.any()


def test_the_lots_cars_are_finished_su7s_in_its_colours(plant):
    parts = plant_parts(plant)
    cars = parts.cars
    spec = lot(plant)
    in_lot = inside_polygon(cars.position[:, :2], spec.footprint)
    assert in_lot.sum() == spec.cars
    assert (cars.variant[in_lot] == FINISHED_CAR).all()
    palette = np.array(list(SU7_COLORS.values()))
    colours = cars.color[in_lot]
    match = np.abs(colours[:, None] - palette[None]).max(axis=2).min(axis=1)
    assert (match < 1e-6).all()
    used = np.abs(colours[:, None] - palette[None]).max(axis=2).argmin(axis=1)
    assert len(set(used.tolist())) == len(palette)  # every colour, none of them most


def test_the_infield_lot_fills_the_middle_of_the_infield_clear_of_the_track(plant):
    track, spec = plant.track, lot(plant)
    corners = spec.footprint
    clear = distance_to_polyline(corners, track.centerline, closed=True)
    assert (clear > track.width / 2 + 20).all()  # clear of the kerbs and the run-off
    assert inside_polygon(corners, track.centerline).all()  # inside the loop
    x0, x1 = track.centerline[:, 0].min(), track.centerline[:, 0].max()
    lx0, lx1 = corners[:, 0].min(), corners[:, 0].max()
    assert (lx1 - lx0) > 0.3 * (x1 - x0)  # a third of the infield's length
    assert abs((lx0 + lx1) / 2 - (x0 + x1) / 2) < 0.1 * (x1 - x0)  # about its middle


def test_the_lots_bays_are_painted_on_the_ground(plant):
    """The test-track view with the cars hidden: white bay lines cross the infield lot's
    asphalt (the lot was a plain grey slab under a grid of cars)."""
    spec = lot(plant)
    renderer = OffscreenRenderer(plant, (960, 540), quality="low")
    try:
        renderer.render(view="test-track")
        image = picture_without(
            renderer, ("car-body", "car-glass", "car-wheels", "car-lights", "car-rims")
        ).astype(int)
        ren = renderer.plotter.renderer
        inside = []
        for x, y in spec.footprint:
            ren.SetWorldPoint(x, y, 0.0, 1.0)
            ren.WorldToDisplay()
            inside.append(ren.GetDisplayPoint()[:2])
    finally:
        renderer.close()
    height, width = image.shape[:2]
    polygon = np.array(inside)
    rows, cols = np.mgrid[0:height, 0:width]
    pixels = np.column_stack([cols.ravel(), (height - 1 - rows).ravel()]).astype(float)
    mask = inside_polygon(pixels, polygon).reshape(height, width)
    assert mask.sum() > 2000  # the lot is well in view
    lot_pixels = image[mask]
    white = (lot_pixels.min(axis=1) > 170) & (np.ptp(lot_pixels, axis=1) < 30)
    assert white.mean() > 0.02, f"only {white.mean():.3f} of the lot is painted line"


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("cars = 760\n", "cars = 5000\n", "lots[1].cars", "bays, fewer than 5000 cars"),
        (
            'bay_m = [2.7, 5.6]\ndrive_m = 7\nestimated = ["footprint", "cars", "bay_m", '
            '"drive_m"]\n\n# ---',
            'bay_m = [1.0, 5.6]\ndrive_m = 7\nestimated = ["footprint", '
            '"cars", "bay_m", "drive_m"]\n\n# ---',
            "lots[1].bay_m",
            "2.2-6 m wide",
        ),
        (
            'drive_m = 7\nestimated = ["footprint", "cars", "bay_m", "drive_m"]\n\n# ---',
            'drive_m = 70\nestimated = ["footprint", "cars", "bay_m", "drive_m"]\n\n# ---',
            "lots[1].drive_m",
            "at most 20",
        ),
        ("cars = 760\n", "cars = 760\nbays = 900\n", "lots[1].bays", "unknown"),
    ],
)
def test_a_broken_lot_entry_names_its_field(plant_text, write_plant, old, new, field, message):
    assert old in plant_text
    path = write_plant(plant_text.replace(old, new, 1))
    with pytest.raises(DataFileError) as info:
        load_plant(path)
    assert info.value.field == field
    assert message in str(info.value)
    assert info.value.line is not None
