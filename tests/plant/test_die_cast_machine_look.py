"""The 9,100 t die-casting machine reads as one machine (issue 19, a blind review: "a cluster of
dark grey boxes"): one paint scheme (white-grey body with the maker's blue, silver tie bars, the
dark die), tie bars shaded as polished round bars, and the shot end as on a cold-chamber
machine: the polished shot sleeve leaving the fixed platen with its pour hole, the dosing
furnace's launder reaching over it; the sleeve's size comes from the layout."""

from __future__ import annotations

import numpy as np
import pytest
from test_die_casting import ENTRY, Cell, _platens, _read

from viewer.model.plant import die_casting as dc
from viewer.model.plant.layout import load_plant
from viewer.scene import palette

LUMINANCE = np.array([0.2126, 0.7152, 0.0722])


@pytest.fixture(scope="module")
def bundled():
    return Cell(next(e for e in load_plant().equipment if e.id == "giga-press-9100"))


def _lum(role: str) -> float:
    return float(np.dot(palette.ROLES[role], LUMINANCE))


def test_the_machines_big_parts_wear_one_light_paint(bundled):
    """Rear and fixed platens, the bed, the clamp cylinder, the injection frame and the shot
    cylinder are one role, light and nearly neutral; its bands are the maker's blue."""
    cell = bundled
    length, width, height = cell.spec.machine_size
    rear, fixed = _platens(cell)
    paint = cell.roles[rear]
    assert cell.roles[fixed] == paint
    bed = np.isclose(cell.size[:, 0], length) & np.isclose(cell.z, 0.0)
    bed &= np.isclose(cell.size[:, 1], 0.7 * width)
    assert list(cell.roles[bed]) == [paint]  # one bed end to end, painted
    clamp = (cell.hi[:, 0] <= cell.lo[rear, 0] + 1e-6) & (cell.size[:, 0] > 1.0)
    clamp &= np.abs(cell.n) < 1e-6
    assert paint in set(cell.roles[clamp])  # the clamp cylinder behind the rear platen
    behind = (cell.lo[:, 0] >= cell.hi[fixed, 0] - 1e-6) & (np.abs(cell.n) < 1e-6)
    frame = behind & np.isclose(cell.z, 0.0) & (cell.size[:, 0] > 0.5 * length / 2)
    frame &= cell.size[:, 1] > 1.0  # (not the fence across the cell's end)
    assert list(cell.roles[frame]) == [paint]  # the injection frame
    cylinder = behind & np.isclose(cell.size[:, 1], dc.SHOT_CYLINDER)
    assert list(cell.roles[cylinder]) == [paint]
    color = np.array(palette.ROLES[paint])
    assert _lum(paint) >= 0.85 and np.ptp(color) <= 0.05  # white-grey, not a grey block
    bands = np.isclose(cell.z, 0.84 * height) & (cell.size[:, 1] > width * 0.9)
    assert set(cell.roles[bands]) == {"die_cast"} and bands.sum() == 2
    assert np.ptp(palette.ROLES["die_cast"]) >= 0.3  # the maker's colour, not grey
    # the silver bars stand apart from both the paint and the blue
    assert _lum(paint) - _lum("die_cast_platen") >= 0.15
    assert _lum("die_cast_platen") - _lum("die_cast") >= 0.3


def test_each_tie_bar_shows_a_shine_and_a_dark_band_between_the_platens(bundled):
    """Along each bar between the rear and the fixed platen: a bright band high on both flanks
    (proud of them) and a dark one low, as the hall's light and floor show on a polished round
    bar; the shine is the brightest thing on the machine."""
    cell = bundled
    rear, fixed = _platens(cell)
    bars = np.flatnonzero((cell.roles == "die_cast_platen") & (cell.size[:, 0] > 8.0))
    assert len(bars) == 4
    for k in bars:
        t = cell.size[k, 1]
        along = np.isclose(cell.lo[:, 0], cell.hi[rear, 0]) & np.isclose(
            cell.hi[:, 0], cell.lo[fixed, 0]
        )
        on_bar = along & np.isclose(cell.n, cell.n[k]) & (cell.size[:, 1] > t)
        on_bar &= (cell.z >= cell.z[k]) & (cell.hi[:, 2] <= cell.hi[k, 2])
        shine = np.flatnonzero(on_bar & (cell.roles == "chrome"))
        shade = np.flatnonzero(on_bar & (cell.roles == "die"))
        assert len(shine) == 1 and len(shade) == 1, k
        middle = cell.z[k] + t / 2
        assert cell.z[shine[0]] > middle and cell.hi[shade[0], 2] < middle
    assert _lum("chrome") > max(_lum(r) for r in set(cell.roles) - {"chrome", "furnace"})
    assert _lum("die") < _lum("die_cast_platen") - 0.2


def test_the_shot_sleeve_leaves_the_fixed_platen_and_the_furnace_pours_into_it():
    """The polished sleeve (the layout's length and side) leaves the fixed platen's back on
    the machine's axis; a dark pour hole lies on its top; the furnace's launder, a trough on a
    post with the melt glowing in it, reaches from inside the furnace's hood over the hole."""
    for sleeve in ((1.8, 0.8), (2.6, 1.1)):
        cell = Cell(_read(ENTRY + f"shot_sleeve_m = [{sleeve[0]}, {sleeve[1]}]\n"))
        _, fixed = _platens(cell)
        start = (cell.roles == "die_cast_platen") & np.isclose(cell.lo[:, 0], cell.hi[fixed, 0])
        assert start.sum() == 1
        k = np.flatnonzero(start)[0]
        assert abs(cell.n[k]) < 1e-9
        np.testing.assert_allclose(cell.size[k], [sleeve[0], sleeve[1], sleeve[1]])
        top = cell.hi[k, 2]
        hole = (cell.roles == "die") & np.isclose(cell.z, top)
        hole &= (cell.lo[:, 0] > cell.lo[k, 0]) & (cell.hi[:, 0] < cell.hi[k, 0])
        assert hole.sum() == 1 and abs(cell.n[hole][0]) < 1e-9
        a_hole = cell.a[hole][0]
        glow = np.flatnonzero(cell.roles == "furnace")
        launder = glow[cell.z[glow] >= top]
        assert len(launder) == 1
        m = launder[0]
        assert cell.lo[m, 0] < a_hole < cell.hi[m, 0]  # over the hole, along
        assert cell.hi[m, 1] >= -0.1  # and across (within the hole's reach)
        hood = (cell.roles == "machine") & np.all(np.isclose(cell.size, [3.0, 2.6, 1.8]), axis=1)
        assert cell.lo[m, 1] < cell.hi[hood, 1][0]  # from inside the hood
        trough = (cell.roles == "machine") & np.isclose(cell.z, top)
        trough &= np.isclose(cell.a, a_hole) & (cell.size[:, 1] > 2.0)
        post = (cell.roles == "machine") & np.isclose(cell.z, 0.0) & np.isclose(cell.a, a_hole)
        post &= np.isclose(cell.hi[:, 2], top)
        assert trough.sum() == 1 and post.sum() == 1


def test_the_bundled_machine_marks_its_sleeve_as_an_estimate(plant_text):
    anchor = plant_text.index('id = "giga-press-9100"')
    block = plant_text[anchor : plant_text.index("[[", anchor)]
    assert "shot_sleeve_m = [1.8, 0.8]" in block
    estimated = next(line for line in block.splitlines() if line.startswith("estimated"))
    assert '"shot_sleeve_m"' in estimated
