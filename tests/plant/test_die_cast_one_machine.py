"""The 9,100 t machine reads as ONE machine from the seat (issue 19, a blind review's second
round: "a clamp block and a separate block with four tall columns"): the accumulator bottles
stand in the machine's own frame, whose top beams carry the platens' top line and blue band on
from the fixed platen to the injection end, its posts standing on the injection frame."""

from __future__ import annotations

import numpy as np
import pytest
from qimage_pixels import pixels_like
from test_die_casting import ENTRY, SIZE, Cell, _platens, _read, _world
from world_pixels import projector

from viewer.model.plant import die_casting as dc
from viewer.model.plant.layout import load_plant
from viewer.model.tour.route import load_route
from viewer.scene import palette
from viewer.scene.snapshot import OffscreenRenderer


@pytest.fixture(scope="module")
def bundled():
    return Cell(next(e for e in load_plant().equipment if e.id == "giga-press-9100"))


def _frame_beams(cell: Cell) -> np.ndarray:
    """The long boxes behind the fixed platen whose tops are the platens' tops."""
    length, width, height = cell.spec.machine_size
    _, fixed = _platens(cell)
    behind = cell.lo[:, 0] >= cell.hi[fixed, 0] - 1e-6
    return np.flatnonzero(behind & np.isclose(cell.hi[:, 2], height) & (cell.size[:, 0] > 4.0))


@pytest.mark.parametrize("count", [4, 7])
def test_the_bottles_stand_in_the_machines_frame_under_its_top_line(count):
    cell = Cell(_read(ENTRY + f"accumulators = {count}\n"))
    length, width, height = cell.spec.machine_size
    _, fixed = _platens(cell)
    beams = _frame_beams(cell)
    assert len(beams) == 2 and np.sign(cell.n[beams]).sum() == 0  # one on either side
    paint = cell.roles[fixed]
    assert set(cell.roles[beams]) == {paint}  # the machine's own white-grey paint
    # from the fixed platen's back, where they meet it, to behind the last bottle
    np.testing.assert_allclose(cell.lo[beams, 0], cell.hi[fixed, 0])
    frame_top = dc.INJECTION[1] * height
    bottles = np.flatnonzero((cell.roles == "cabinet") & np.isclose(cell.z, frame_top))
    assert len(bottles) == 2 * count
    assert (cell.hi[beams, 0].min() >= cell.hi[bottles, 0]).all()
    # the bottles between the beams, reaching up between them
    assert (np.abs(cell.n[bottles]) < np.abs(cell.n[beams]).min()).all()
    assert (cell.hi[bottles, 2] > cell.lo[beams, 2].max()).all()
    # the blue band runs on along both beams at the platens' band height
    band = (cell.roles == "die_cast") & np.isclose(cell.z, dc.BAND * height)
    along = band & (cell.size[:, 0] > 4.0)
    assert along.sum() == 2
    np.testing.assert_allclose(sorted(np.abs(cell.n[along])), sorted(np.abs(cell.n[beams])))
    across = band & (cell.size[:, 1] > 0.9 * width)
    assert across.sum() == 2  # the rear and the fixed platen's bands, at the same height
    # posts carry the beams' ends down onto the injection frame
    for k in beams:
        posts = (cell.roles == paint) & np.isclose(cell.z, frame_top)
        posts &= np.isclose(cell.hi[:, 2], cell.lo[k, 2]) & (np.abs(cell.n - cell.n[k]) < 0.05)
        assert posts.sum() == 1 and cell.hi[posts, 0][0] <= cell.hi[k, 0] + 1e-6


def test_from_the_seat_the_band_runs_on_along_the_injection_end(bundled):
    """In the seat's picture at the die-casting stop, along the near beam from the fixed platen
    to the machine's end, the blue band shows almost all the way (the bottles stood there
    alone, their collars a third of it)."""
    cell = bundled
    length, width, height = cell.spec.machine_size
    _, fixed = _platens(cell)
    renderer = OffscreenRenderer(load_plant(), SIZE, route=load_route(), quality="low")
    try:
        image = renderer.render_stop("die-casting")
        project = projector(renderer, SIZE[1])

        near = -(dc.ACCUMULATOR / 2 + 0.05 + dc.SHOT_CYLINDER / 2 + dc.FRAME_OUT)
        face = near - dc.FRAME_BEAM / 2 - 0.05
        z = dc.BAND * height + 0.2
        run = np.linspace(cell.hi[fixed, 0] + 0.3, length / 2 - 1.5, 24)
        blue = palette.ROLES["die_cast"]
        shows = []
        for a in run:
            x, y = project(_world(cell, a, face, z))
            assert 0 <= x < SIZE[0] and 0 <= y < SIZE[1], a
            shows.append(pixels_like(image[y - 1 : y + 2, x - 1 : x + 2], blue).mean() > 0.3)
    finally:
        renderer.close()
    assert np.mean(shows) >= 0.75, shows
