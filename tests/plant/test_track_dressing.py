"""The test track is dressed as a proving ground: red-and-white kerbs on both edges of every
bend, tyre walls round the bends' outside, a guardrail along the fast straight's outside in line
with the glass bridge's; all as a few boxes of the one instanced box mapper and two flat ground
layers. Its infield holds the low-speed trial track with patches of test road and a skid pad.
Broken entries give the clean DataFileError."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv

from viewer.model.errors import DataFileError
from viewer.model.geometry import inside_polygon
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES
from viewer.model.plant.surroundings import distance_to_polyline
from viewer.model.plant.track_dressing import (
    SURFACES,
    TYRE_ROLE,
    barriers_id,
    bends,
    kerb_blocks,
    pad_outline,
    skid_pad_rings,
    trial_patches,
)
from viewer.scene import palette
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.snapshot import OffscreenRenderer

DRESSING = "dressing = { kerb_width_m = 1.0, kerb_block_m = 1.5, kerb_beyond_m = 10, "


def _assert_named(plant_text, write_plant, prefix, change, field, message):
    """The layout with ``change`` (old, new) made in its line starting with ``prefix`` fails to
    load with a DataFileError naming ``field`` and its line, saying ``message``."""
    old, new = change
    line = next(row for row in plant_text.splitlines() if row.startswith(prefix))
    assert old in line
    path = write_plant(plant_text.replace(line, line.replace(old, new), 1))
    with pytest.raises(DataFileError) as info:
        load_plant(path)
    assert info.value.field == field
    assert message in str(info.value)
    assert info.value.line is not None


def test_the_track_has_four_bends_each_a_rounded_corner(plant):
    track = plant.track
    found = bends(track.centerline)
    assert len(found) == 4
    radius = 50.0  # the layout's corner_radius_m
    for bend in found:
        chord = np.linalg.norm(bend[-1] - bend[0])
        assert chord == pytest.approx(radius * np.sqrt(2), rel=0.01)  # a quarter circle


def test_kerbs_line_both_edges_of_every_bend_in_alternating_blocks(plant):
    track, dressing = plant.track, plant.track.dressing
    red, white = kerb_blocks(track, dressing)
    blocks = np.concatenate([red, white])
    middles = blocks.mean(axis=1)
    off_centre = distance_to_polyline(middles, track.centerline, closed=True)
    half = track.width / 2
    assert np.allclose(off_centre, half + dressing.kerb_width / 2, atol=0.15)  # beside the edge
    for bend in bends(track.centerline):
        near = np.linalg.norm(middles - bend.mean(axis=0), axis=1) < 80
        reach = np.hypot(dressing.kerb_beyond, half + dressing.kerb_width)  # past its ends
        assert (distance_to_polyline(middles[near], bend) < reach).all()
        assert near.sum() > 100  # both edges of the bend, block by block
    # red and white in turn: each red block's nearest other block is white
    reds = red.mean(axis=1)
    whites = white.mean(axis=1)
    gap_white = np.linalg.norm(reds[:, None] - whites[None], axis=2).min(axis=1)
    gap_red = np.linalg.norm(reds[:, None] - reds[None], axis=2)
    np.fill_diagonal(gap_red, np.inf)
    assert (gap_white < gap_red.min(axis=1)).all()
    lengths = np.linalg.norm(red[:, 1] - red[:, 0], axis=1)
    assert np.allclose(lengths, dressing.kerb_block, rtol=0.25)
    # none along the middle of a straight
    straight = np.array([550.0, track.centerline[:, 1].min()])
    assert np.linalg.norm(middles - straight, axis=1).min() > 300


def test_tyre_walls_round_the_bends_and_a_guardrail_along_the_fast_straight(plant):
    track, dressing = plant.track, plant.track.dressing
    parts = plant_parts(plant)
    boxes = parts.boxes
    x0, y0, _, x1, y1, top = parts.extents[barriers_id(track)]
    assert top <= 1.0  # low barriers: the cars on the track stay in view
    centre = boxes.bottom_center[:, :2]
    inside_site = (centre >= plant.boundary.min(axis=0)) & (centre <= plant.boundary.max(axis=0))
    tyres = boxes.role == BOX_ROLES.index(TYRE_ROLE)
    off = distance_to_polyline(centre, track.centerline, closed=True)
    walls = tyres & (np.abs(off - (track.width / 2 + dressing.tyre_wall + 0.5)) < 0.8)
    assert walls.sum() == 4 * 6 and inside_site[walls].all()  # each bend's arc in six pieces
    for bend in bends(track.centerline):
        assert (distance_to_polyline(centre[walls], bend) < 12).sum() == 6
    rails = boxes.role == BOX_ROLES.index("panels")
    rails &= np.abs(off - (track.width / 2 + dressing.guardrail)) < 0.2
    rails &= boxes.size[:, 0] > 100  # one long rail each side of the bridge's stretch
    bridge = track.bridge
    assert rails.sum() == 2
    assert (np.abs(centre[rails, 1] - (bridge.at[1] + bridge.barrier_offset)) < 0.2).all()
    straight = track.centerline[:, 0].max() - track.centerline[:, 0].min() - 2 * 50
    total = boxes.size[rails, 0].sum()
    assert total == pytest.approx(straight - bridge.trackside, abs=1.0)  # the fast straight


def test_the_dressing_adds_no_actor_and_kerbs_show_red_and_white_from_above(
    plant, plant_text, write_plant
):
    """The barriers are boxes of the one instanced box mapper and the kerbs two ground
    layers: the scene has as many actors as without them plus those two. From above the
    bends show the kerbs' red."""
    line = next(row for row in plant_text.splitlines() if row.startswith(DRESSING))
    bare = load_plant(write_plant(plant_text.replace(line + "\n", "", 1)))
    assert bare.track.dressing is None
    counts = []
    for layout in (bare, plant):
        plotter = pv.Plotter(off_screen=True, window_size=(160, 90))
        try:
            counts.append(PlantScene(plotter, layout).actor_count)
        finally:
            plotter.close()
    assert counts[1] == counts[0] + 2  # the kerbs' red and white layers

    renderer = OffscreenRenderer(plant, (960, 540), quality="low")
    try:
        image = renderer.render(view="test-track").astype(int)
    finally:
        renderer.close()
    red = np.array(palette.KERB_RED) * 255
    close = np.abs(image - red).max(axis=2) < 45
    assert close.sum() > 150, f"{close.sum()} kerb-red pixels"


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("kerb_width_m = 1.0,", "kerb_width_m = 9.0,", "track.dressing.kerb_width_m", "at most"),
        ("guardrail_m = 1.9,", "guardrail_m = 0.5,", "track.dressing.guardrail_m", "on the 1 m"),
        ("tyre_size_m = [1.0, 0.9]", "tyre_size_m = [1.0, 9]", "track.dressing.tyre_size_m", "3 m"),
        ("kerb_block_m = 1.5,", "kerb_blocks_m = 1.5,", "track.dressing.kerb_blocks_m", "unknown"),
    ],
)
def test_a_broken_dressing_names_its_field(plant_text, write_plant, old, new, field, message):
    _assert_named(plant_text, write_plant, DRESSING, (old, new), field, message)


TRIAL = "trial = { corners = "


def test_the_trial_track_loops_in_the_infield_clear_of_the_lot_with_its_test_patches(plant):
    track, trial = plant.track, plant.track.trial
    assert 600 < trial.length < 1200  # a short low-speed loop
    assert inside_polygon(trial.centerline, track.centerline).all()
    clear = distance_to_polyline(trial.centerline, track.centerline, closed=True)
    assert clear.min() > (track.width + trial.width) / 2 + 15
    for lot in plant.lots:
        assert (distance_to_polyline(trial.centerline, lot.footprint, closed=True) > 15).all()
        assert not inside_polygon(trial.centerline, lot.footprint).any()
    patches = trial_patches(trial)
    assert set(patches) == set(SURFACES) and all(len(p) for p in patches.values())
    middles = np.concatenate([p.mean(axis=1) for p in patches.values()])
    assert np.allclose(distance_to_polyline(middles, trial.centerline, closed=True), 0, atol=0.3)

    def area(quads: np.ndarray) -> float:  # half the diagonals' cross product, summed
        d1, d2 = quads[:, 2] - quads[:, 0], quads[:, 3] - quads[:, 1]
        return 0.5 * float(np.abs(d1[:, 0] * d2[:, 1] - d1[:, 1] * d2[:, 0]).sum())

    total = sum(area(p) for p in patches.values())
    assert total == pytest.approx(trial.surfaces * trial.patch * trial.width, rel=0.05)


def test_the_trial_tracks_patches_show_from_above(plant):
    """The test-track view (the infield's east end in front) shows the trial track's cobbles,
    gravel and concrete plates."""
    renderer = OffscreenRenderer(plant, (960, 540), quality="low")
    try:
        image = renderer.render(view="test-track").astype(int)
    finally:
        renderer.close()
    for kind in SURFACES:
        colour = np.array(palette.TRIAL_SURFACES[kind]) * 255
        seen = (np.abs(image - colour).max(axis=2) < 12).sum()
        assert seen > 200, f"{kind}: {seen} pixels"


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        ("[[815, 50], [1040, 50],", "[[815, 20], [1040, 20],", "track.trial.corners", "15 m"),
        ("[[815, 50], [1040, 50],", "[[815, -50], [1040, -50],", "track.trial.corners", "infield"),
        ("surfaces = 8,", "surfaces = 80,", "track.trial.surfaces", "do not fit"),
        ("width_m = 7, surfaces", "width_m = 70, surfaces", "track.trial.width_m", "at most 20"),
        ("patch_m = 25,", "patch = 25,", "track.trial.patch", "unknown"),
    ],
)
def test_a_broken_trial_track_names_its_field(plant_text, write_plant, old, new, field, message):
    _assert_named(plant_text, write_plant, TRIAL, (old, new), field, message)


PAD = "skid_pad = { center = "


def test_the_skid_pad_lies_in_the_infield_clear_of_the_trial_track_and_the_lots(plant):
    track, pad = plant.track, plant.track.skid_pad
    rim = pad_outline(pad)
    assert inside_polygon(rim, track.centerline).all()
    assert distance_to_polyline(rim, track.centerline, closed=True).min() > track.width / 2 + 15
    assert distance_to_polyline(track.trial.centerline, rim, closed=True).min() > 20
    for lot in plant.lots:
        assert not inside_polygon(rim, lot.footprint).any()
        assert not inside_polygon(lot.footprint, rim).any()
    rings = skid_pad_rings(pad)
    assert len(rings) == pad.rings == 2
    radii = sorted(float(np.linalg.norm(ring - pad.center, axis=1).mean()) for ring in rings)
    assert radii == pytest.approx([pad.radius / 3, 2 * pad.radius / 3], rel=0.01)


def test_the_skid_pad_shows_as_a_paved_disc_from_above(plant):
    """In the overview the pad's middle is dark paving with its white circles, not lawn."""
    pad = plant.track.skid_pad
    renderer = OffscreenRenderer(plant, (960, 540), quality="low")
    try:
        image = renderer.render(view="overview").astype(int)
        ren = renderer.plotter.renderer
        points = []
        for x, y in [pad.center, pad.center + [pad.radius, 0.0]]:
            ren.SetWorldPoint(x, y, 0.0, 1.0)
            ren.WorldToDisplay()
            points.append(ren.GetDisplayPoint()[:2])
    finally:
        renderer.close()
    (cx, cy), (ex, ey) = points
    radius = np.hypot(ex - cx, ey - cy)
    assert radius > 20  # well in view
    rows, cols = np.mgrid[0 : image.shape[0], 0 : image.shape[1]]
    inside = np.hypot(cols - cx, (image.shape[0] - 1 - rows) - cy) < 0.8 * radius
    disc = image[inside]
    paving = np.abs(disc - np.array(palette.TRACK) * 255).max(axis=1) < 30
    white = disc.min(axis=1) > 170
    assert paving.mean() > 0.7 and white.any()


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("center = [230, 127]", "center = [230, 40]", "infield"),
        ("center = [230, 127]", "center = [815, 127]", "overlaps the trial track"),
        ("radius_m = 60", "radius_m = 5", "at least 10"),
    ],
)
def test_a_broken_skid_pad_names_its_field(plant_text, write_plant, old, new, message):
    line = next(row for row in plant_text.splitlines() if row.startswith(PAD))
    assert old in line
    path = write_plant(plant_text.replace(line, line.replace(old, new), 1))
    with pytest.raises(DataFileError) as info:
        load_plant(path)
    assert info.value.field.startswith("track.skid_pad.")
    assert message in str(info.value)
    assert info.value.line is not None
