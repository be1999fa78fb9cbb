"""The giga-press as people who saw one on television know it (issue 19: "the die-casting
machine is a plain block"): the clamping unit's four tie bars through rear and fixed platens with
their nuts, the moving platen free to slide between them, the injection unit with its
accumulators, the furnace feeding the shot end, robots at the die from both sides; the new
fields of the layout and their clean errors; and the machine as seen from the tour's seat."""

from __future__ import annotations

import numpy as np
import pytest
from qimage_pixels import pixels_like
from world_pixels import projector

from viewer.model.errors import DataFileError
from viewer.model.fields import Fields
from viewer.model.motion.machines import CASTING_CONVEYOR_Z, DieCastMotion
from viewer.model.plant import die_casting as dc
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.equipment import add_equipment
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
from viewer.model.tour.route import load_route
from viewer.scene import palette
from viewer.scene.snapshot import OffscreenRenderer

ENTRY = """
[[equipment]]
id = "press"
type = "die_cast_cell"
workshop = "die-casting"
center = [100, 200]
heading_deg = 30
cell_size_m = [35, 24]
machine_size_m = [22, 8, 6.5]
clamp_force_t = 9100
machine_mass_t = 718
robots = 4
cycle_s = 110
finishing = true
"""
SIZE = (960, 540)


def _read(text: str) -> specs.DieCastCell:
    doc = Fields.from_text(text, "plant.toml")
    return specs.read_equipment(doc.tables("equipment")[0])


class Cell:
    """One expanded cell, its boxes in the cell's own axes: ``a`` along the machine, ``n``
    across (towards the far side), ``z`` up; ``lo``/``hi`` their extents."""

    def __init__(self, spec: specs.DieCastCell) -> None:
        builder = PartsBuilder()
        builder.equipment = spec.id
        add_equipment(spec, builder)
        self.spec, self.parts = spec, builder.build()
        boxes = self.parts.boxes
        yaw = np.radians(spec.heading_deg)
        self.along = np.array([np.cos(yaw), np.sin(yaw)])
        self.normal = np.array([-np.sin(yaw), np.cos(yaw)])
        rel = boxes.bottom_center[:, :2] - spec.center
        self.a, self.n = rel @ self.along, rel @ self.normal
        self.roles = np.array(BOX_ROLES)[boxes.role]
        self.size, self.z = boxes.size, boxes.bottom_center[:, 2]
        turned = np.abs(np.mod(boxes.yaw - yaw + np.pi / 4, np.pi / 2) - np.pi / 4) > 1e-6
        self.turned = turned  # the octagons' second boxes, an eighth of a turn off the heading
        self.lo = np.column_stack(
            [self.a - self.size[:, 0] / 2, self.n - self.size[:, 1] / 2, self.z]
        )
        self.hi = np.column_stack(
            [self.a + self.size[:, 0] / 2, self.n + self.size[:, 1] / 2, self.z + self.size[:, 2]]
        )

    def local(self, xy: np.ndarray) -> np.ndarray:
        """World floor points as (a, n)."""
        rel = np.asarray(xy)[..., :2] - self.spec.center
        return np.stack([rel @ self.along, rel @ self.normal], axis=-1)

    def overlapping(self, lo: np.ndarray, hi: np.ndarray, margin: float = 0.01) -> np.ndarray:
        """The boxes that share more than ``margin`` in every direction with the box lo..hi."""
        return np.all((np.minimum(self.hi, hi) - np.maximum(self.lo, lo)) > margin, axis=1)


@pytest.fixture(scope="module")
def bundled():
    spec = next(e for e in load_plant().equipment if e.id == "giga-press-9100")
    return Cell(spec)


def _platens(cell: Cell) -> tuple[int, int]:
    """Indices of the rear and the fixed platen: the two full-height boxes across the machine."""
    length, width, height = cell.spec.machine_size
    full = np.isclose(cell.size[:, 2], height) & np.isclose(cell.size[:, 1], 0.95 * width)
    rear, fixed = sorted(np.flatnonzero(full), key=lambda k: cell.a[k])
    return rear, fixed


def test_four_tie_bars_run_through_both_platens_and_end_in_nuts(bundled):
    cell = bundled
    length, width, height = cell.spec.machine_size
    bars = np.flatnonzero((cell.roles == "die_cast_platen") & (cell.size[:, 0] > 8.0))
    assert len(bars) == 4
    np.testing.assert_allclose(sorted(np.abs(cell.n[bars])), [0.38 * width] * 4)
    assert len({round(z, 3) for z in cell.z[bars]}) == 2  # an upper and a lower pair
    rear, fixed = _platens(cell)
    for k in bars:  # through both platens, standing out past them
        assert cell.lo[k, 0] < cell.lo[rear, 0] - 0.3 and cell.hi[k, 0] > cell.hi[fixed, 0] + 0.3
        for end in (cell.lo[k, 0] + 0.01, cell.hi[k, 0] - 0.01):
            point = np.array([end, cell.n[k], cell.z[k] + cell.size[k, 2] / 2])
            inside = np.all(cell.lo < point, 1) & np.all(cell.hi > point, 1)
            nut = (cell.roles == "die_cast_platen") & (cell.size[:, 0] < 2.0) & inside
            assert nut.sum() == 1, (k, end)  # each end inside one steel nut, thicker than the bar
            assert cell.size[nut, 1][0] > cell.size[k, 1]
    # Silver bars against the white-grey platens: plainly darker, yet brighter than the blue.
    lum = np.array([0.2126, 0.7152, 0.0722])
    bar = np.dot(palette.ROLES["die_cast_platen"], lum)
    assert np.dot(palette.ROLES[cell.roles[rear]], lum) - bar >= 0.15
    assert bar - np.dot(palette.ROLES["die_cast"], lum) >= 0.3


def test_the_moving_platen_slides_between_the_platens_touching_only_bars_bed_and_die(bundled):
    """Where DieCastMotion moves the blue moving platen, open to closed, nothing of the machine
    stands but the tie bars through it (with their shine and dark bands), the low bed under it,
    the crosshead's ram (inside it while open) and the die it closes on."""
    cell = bundled
    spec = cell.spec
    length, width, height = spec.machine_size
    motion = DieCastMotion(spec, np.zeros((0, 3)), np.zeros(0))
    cycle = motion.cycle
    opened = motion.boxes(0.0, None, np.zeros(0, int))
    closed = motion.boxes(20.0 * cycle / 110.0, None, np.zeros(0, int))
    (a_open, _), (a_closed, _) = (
        cell.local(opened.bottom_center[:1])[0],
        cell.local(closed.bottom_center[:1])[0],
    )
    thick, across, tall = opened.size[0]
    assert thick == dc.PLATEN_THICK and a_open < a_closed - 1.5
    assert a_open == pytest.approx(dc.PLATEN_OPEN * length)
    assert a_closed == pytest.approx(dc.PLATEN_CLOSED * length)
    lo = np.array([a_open - thick / 2, -across / 2, 0.0])
    hi = np.array([a_closed + thick / 2, across / 2, tall])
    rear, fixed = _platens(cell)
    assert cell.hi[rear, 0] < lo[0] and hi[0] < cell.lo[fixed, 0]  # room between the platens
    meets = np.flatnonzero(cell.overlapping(lo, hi))
    bars = (cell.roles == "die_cast_platen") & (cell.size[:, 0] > 8.0)
    bed = cell.hi[:, 2] <= 0.12 * height + 1e-6  # the bed and its band
    bands = np.isin(cell.roles, ["chrome", "die"]) & np.isclose(cell.lo[:, 0], cell.hi[rear, 0])
    bands &= np.isclose(cell.hi[:, 0], cell.lo[fixed, 0])  # along the bars between the platens
    die = (cell.roles == "die") & np.isclose(cell.hi[:, 0], cell.lo[fixed, 0]) & ~bands
    ram = (cell.roles == "die_cast_platen") & ~bars & (cell.lo[:, 0] >= cell.hi[rear, 0])
    ram &= cell.hi[:, 0] <= a_open + thick / 2  # ends inside the open platen
    allowed = bars | bands | bed | die | ram
    assert bars[meets].sum() == 4 and die[meets].sum() == 1 and ram[meets].sum() == 1
    assert bands[meets].sum() == 8  # a shine and a dark band on each bar
    assert allowed[meets].all(), list(zip(cell.roles[meets], cell.a[meets].round(2), strict=True))


def test_the_injection_unit_carries_its_accumulators_behind_the_fixed_platen():
    """Each accumulator bottle is an upright octagon (two boxes an eighth of a turn apart)
    standing on the injection unit's frame behind the fixed platen, nearly as tall as the
    machine, with a blue collar; the layout's count is drawn."""
    for count in (4, 7):
        cell = Cell(_read(ENTRY + f"accumulators = {count}\n"))
        length, width, height = cell.spec.machine_size
        _, fixed = _platens(cell)
        frame_top = dc.INJECTION[1] * height
        bottles = (cell.roles == "cabinet") & np.isclose(cell.z, frame_top)
        assert bottles.sum() == 2 * count
        assert cell.turned[bottles].sum() == count
        assert (cell.lo[bottles, 0] > cell.hi[fixed, 0]).all() and (
            cell.hi[bottles, 0] < length / 2
        ).all()
        assert (cell.hi[bottles, 2] >= 0.9 * height).all()
        caps = (cell.roles == "die_cast") & (cell.z > 0.6 * height) & (cell.a > cell.hi[fixed, 0])
        caps &= cell.size[:, 0] < 2.0  # (not the frame's bands along the bottles)
        assert caps.sum() == count
        # the shot cylinder's piston rod leaves the fixed platen's back on the machine's axis
        rod = (cell.roles == "die_cast_platen") & np.isclose(cell.lo[:, 0], cell.hi[fixed, 0])
        assert rod.sum() == 1 and abs(cell.n[rod][0]) < 1e-9


def test_tie_bar_thickness_comes_from_the_layout():
    cell = Cell(_read(ENTRY + "tie_bar_m = 1.2\n"))
    bars = (cell.roles == "die_cast_platen") & (cell.size[:, 0] > 8.0)
    np.testing.assert_allclose(cell.size[bars, 1:], 1.2)
    default = Cell(_read(ENTRY))
    bars = (default.roles == "die_cast_platen") & (default.size[:, 0] > 8.0)
    np.testing.assert_allclose(default.size[bars, 1:], 0.9)


def test_the_dosing_furnace_feeds_the_shot_end():
    """The furnace's hood, of the layout's size, stands beside the injection unit on the
    conveyor's (the visitors') side, just behind the fixed platen; it glows at its door on the
    visitors' side and through its hatch, and a glowing launder reaches the shot sleeve."""
    cell = Cell(_read(ENTRY + "furnace_size_m = [4.0, 3.0, 2.2]\n"))
    _, fixed = _platens(cell)
    hood = np.flatnonzero(
        (cell.roles == "machine") & np.all(np.isclose(cell.size, [4.0, 3.0, 2.2]), axis=1)
    )
    assert len(hood) == 1
    h = hood[0]
    assert cell.n[h] < 0 and 0 < cell.lo[h, 0] - cell.hi[fixed, 0] < 1.0
    glow = np.flatnonzero(cell.roles == "furnace")
    door = glow[np.isclose(cell.hi[glow, 1], cell.lo[h, 1]) | (cell.hi[glow, 1] <= cell.lo[h, 1])]
    assert len(door) == 1 and cell.hi[door[0], 2] < 2.2  # on the hood's visitors' face
    launder = glow[cell.hi[glow, 1] > cell.hi[h, 1]]
    assert len(launder) == 1 and cell.hi[launder[0], 1] > -1.0  # to within 1 m of the axis
    assert cell.lo[launder[0], 1] < cell.hi[h, 1]  # from inside the hood


def test_robots_flank_the_die_from_both_sides_clear_of_everything(bundled):
    """The extraction robot first, on the conveyor's side; the others spray from both sides;
    every robot within 5 m along of the die and standing free (no box but its pedestal and
    the cell's floor plate where it stands)."""
    cell = bundled
    length, width, height = cell.spec.machine_size
    robots = cell.parts.robots
    base = cell.local(robots.base)
    assert base[0, 1] < 0  # the extraction robot on the conveyor's side
    assert (base[:, 1] > 0).any() and (base[:, 1] < 0).sum() >= 2
    gap = -0.09 * length  # where DieCastMotion opens the die
    assert (np.abs(base[:, 0] - gap) < 5.0).all()
    for a, n in base:
        room = cell.overlapping(
            np.array([a - 0.7, n - 0.7, 0.1]), np.array([a + 0.7, n + 0.7, 2.5])
        )
        assert set(cell.roles[room]) == {"pedestal"}, (a, n, cell.roles[room])


def test_the_cell_round_the_machine(bundled):
    """What stands round the machine in one fence: the conveyor's dark belt at the castings'
    height, the quench tank with steam above its water, the trim press on four polished
    columns, the hydraulic unit's blue motors, the stairs up to the injection walkway and a
    railing on the fixed platen's top."""
    cell = bundled
    length, width, height = cell.spec.machine_size
    belt = (cell.roles == "die") & np.isclose(cell.hi[:, 2], CASTING_CONVEYOR_Z)
    assert belt.sum() == 1 and cell.size[belt, 0][0] >= 10
    tank = np.flatnonzero(cell.roles == "tank")[0]
    steam = np.flatnonzero(cell.roles == "booth")
    assert len(steam) == 1 and cell.z[steam[0]] >= cell.hi[tank, 2] - 0.1
    assert abs(cell.a[steam[0]] - cell.a[tank]) < 0.5
    trim = np.flatnonzero(cell.roles == "press")[0]
    columns = (cell.roles == "die_cast_platen") & (cell.size[:, 2] > 3.0)
    columns &= np.abs(cell.a - cell.a[trim]) < 2.5
    assert columns.sum() == 4
    motors = (cell.roles == "die_cast") & (cell.n > width / 2 + 1) & (cell.z > 1.0)
    assert motors.sum() == 2
    _, fixed = _platens(cell)
    on_top = (cell.roles == "railing") & (cell.z >= height - 1e-6)
    on_top &= np.abs(cell.a - cell.a[fixed]) < 1.0
    assert on_top.sum() == 4  # two posts, the top and the knee rail across the whole platen
    assert cell.size[on_top, 0].max() >= 0.9 * cell.size[fixed, 1]
    frame_top = dc.INJECTION[1] * height
    walkway = dc.INJECTION[0] * width / 2 + 0.6  # across: its deck's middle
    steps = (cell.roles == "platform") & (cell.a > length / 2 - 0.5) & (cell.z == 0)
    steps &= np.abs(cell.n - walkway) < 0.7
    assert np.isclose(cell.hi[steps, 2].max(), frame_top)


@pytest.mark.parametrize(
    ("line", "field", "problem"),
    [
        ("tie_bar_m = 0\n", "tie_bar_m", "must be positive"),
        ("tie_bar_m = 3\n", "tie_bar_m", "at most 2"),
        ('tie_bar_m = "thick"\n', "tie_bar_m", "must be a number"),
        ("accumulators = 2.5\n", "accumulators", "whole number"),
        ("accumulators = -1\n", "accumulators", "at least 0"),
        ("accumulators = 13\n", "accumulators", "at most 12"),
        ("furnace_size_m = [3, 2]\n", "furnace_size_m", "list of 3 numbers"),
        ("furnace_size_m = [3, 2, -1]\n", "furnace_size_m", "must be positive"),
        ("furnace_size_m = [30, 2, 2]\n", "furnace_size_m", "at most 10 m"),
        ("shot_sleeve_m = [1.8]\n", "shot_sleeve_m", "list of 2 numbers"),
        ("shot_sleeve_m = [1.8, 0]\n", "shot_sleeve_m", "must be positive"),
        ("shot_sleeve_m = [7, 0.8]\n", "shot_sleeve_m", "at most 6 m long"),
        ("shot_sleeve_m = [1.8, 2.5]\n", "shot_sleeve_m", "2 m across"),
    ],
)
def test_a_broken_machine_field_names_file_field_and_line(
    plant_text, write_plant, line, field, problem
):
    anchor = 'id = "giga-press-9100"\n'
    start = plant_text.index(anchor)
    end = plant_text.index("[[", start)
    block = "\n".join(r for r in plant_text[start:end].split("\n") if not r.startswith(field))
    broken = plant_text[:start] + block.replace(anchor, anchor + line, 1) + plant_text[end:]
    with pytest.raises(DataFileError) as info:
        load_plant(write_plant(broken))
    assert info.value.field.endswith(f".{field}") and problem in info.value.problem
    assert info.value.line == broken[: broken.index(line)].count("\n") + 1
    assert str(info.value.file).endswith("plant.toml")


@pytest.fixture(scope="module")
def seat(plant):
    """The seat picture in the middle of the die-casting stop and a projection to its pixels."""
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    try:
        image = renderer.render_stop("die-casting")
        project = projector(renderer, SIZE[1])

        yield image, project
    finally:
        renderer.close()


def _world(cell: Cell, a: float, n: float, z: float) -> np.ndarray:
    return np.array([*(cell.spec.center + cell.along * a + cell.normal * n), z])


def test_from_the_seat_the_machine_shows_its_bars_bottles_and_railings(bundled, seat):
    """In the visitor's picture at the die-casting stop: the blue collars of the accumulator
    bottles, the yellow railing on the machine's top, the upper near tie bar shaded as a
    polished round bar (a bright shine over bare steel over a dark band), and the rear platen's
    white-grey paint light even on its face in the shade (the grey platens were dark there)."""
    cell = bundled
    image, project = seat
    length, width, height = cell.spec.machine_size

    def patch(point: np.ndarray, r: int = 4) -> np.ndarray:
        x, y = project(point)
        assert 0 <= x < SIZE[0] and 0 <= y < SIZE[1], point
        return image[max(y - r, 0) : y + r + 1, max(x - r, 0) : x + r + 1]

    caps = (cell.roles == "die_cast") & (cell.z > 0.6 * height) & ~cell.turned
    caps = np.flatnonzero(caps & (cell.size[:, 0] < 2.0))  # (not the frame's bands)
    _, fixed = _platens(cell)
    caps = caps[cell.a[caps] > cell.hi[fixed, 0]]  # on the bottles, behind the fixed platen
    blue = [
        pixels_like(
            patch(_world(cell, cell.a[k], cell.n[k], cell.z[k] + 0.17)), palette.ROLES["die_cast"]
        ).mean()
        for k in caps
    ]
    assert len(blue) == 4 and sum(share > 0.3 for share in blue) >= 2, blue
    x0, y0 = project(_world(cell, cell.lo[fixed, 0], -width / 2, height + 1.1))
    x1, y1 = project(_world(cell, cell.hi[fixed, 0], width / 2, height))
    top = image[min(y0, y1) - 3 : max(y0, y1) + 4, min(x0, x1) - 3 : max(x0, x1) + 4]
    assert pixels_like(top, palette.ROLES["railing"]).sum() >= 15
    rear, _ = _platens(cell)
    bars = np.flatnonzero((cell.roles == "die_cast_platen") & (cell.size[:, 0] > 8.0))
    upper_near = bars[np.argmax(cell.z[bars] - 10 * (cell.n[bars] > 0))]
    gap = (cell.hi[rear, 0] + dc.PLATEN_OPEN * length - dc.PLATEN_THICK / 2) / 2
    t = cell.size[upper_near, 2]
    near_flank = cell.n[upper_near] - t / 2 - 0.02

    # up the bar's near flank from its bottom to its top: a polished round bar shows its shine
    # over the bare steel over the floor's dark reflection
    x0, y0 = project(_world(cell, gap, near_flank, cell.z[upper_near]))
    x1, y1 = project(_world(cell, gap, near_flank, cell.z[upper_near] + t))
    column = [
        image[round(y0 + (y1 - y0) * f), round(x0 + (x1 - x0) * f)] for f in np.linspace(0, 1, 25)
    ]
    grey = np.array(column, dtype=float).mean(axis=1)
    shine, steel, shade = grey.max(), np.median(grey), grey.min()
    assert shine > steel + 12 > shade + 24, grey
    # and the machine's paint reads light even on its faces in the shade
    face = patch(_world(cell, cell.a[rear], -0.95 * width / 2 - 0.02, 0.9 * height), 1)
    assert face.mean() >= 80, face.mean()
