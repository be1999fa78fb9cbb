"""Signs and what they say: hall and line names hanging from the trusses, the boarding bay's.

A sign is a flat box of role ``sign`` (:class:`Sign`: where it hangs, its size and heading)
carrying a :class:`~viewer.model.fields.Text`: Chinese above English, white on dark blue, the
same on both faces (the scene draws the letters: :mod:`viewer.scene.plant.signs`). Where the
signs come from:

* every production hall has :data:`HALL_SIGNS` signs hanging along its middle with the hall's
  name from the layout (:func:`hall_signs`);
* a building's ``[[buildings.signs]]`` entries in the layout hang a sign with a line's or an
  area's name where the visitor sees it, or, without a ``text``, the building's own name
  facing a tour stop's seat (:class:`SignSpec`, read by :func:`read_signs`);
* the boarding bay: the canopy's fascia and a sign hanging under it say "Boarding", the sign
  behind the pouch desk "Phone pouches" (:func:`bay_signs`, texts in :data:`BAY_TEXTS`);
* a canteen's serving line with a tray return: the sign over its hatch says
  :data:`TRAY_RETURN`;
* the lit screens (boxes of role ``screen``) carry a :class:`Board`: an andon board over a line
  shows its stations' status cells (green running, yellow a call, red stopped) and the shift's
  figures (plan, actual, JPH, takt: :func:`andon_board`), a test station's screen its passes
  and fails (:func:`station_screen`).

:func:`add_sign` adds a sign's box (and the rods it hangs from) to the parts;
:func:`viewer.model.plant.plant_signs.plant_signs` lists every sign of a plant with its text.
This module imports no other of the plant's (the layout, the structure and the bay use it).

Examples
--------
>>> from viewer.model.plant.parts import PartsBuilder
>>> spec = SignSpec(np.array([10.0, 0.0]), 90.0, (4.0, 1.0), 5.0, Text("Line", "线"))
>>> sign = layout_signs([spec], hang_to=12.0)[0]
>>> builder = PartsBuilder()
>>> add_sign(builder, sign)
>>> boxes = builder.build().boxes  # the sign and the two rods it hangs from
>>> len(boxes), float(boxes.size[1:, 2].max())
(3, 6.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from viewer.model.fields import Fields, Text
from viewer.model.plant.parts import PartsBuilder
from viewer.texts import both

HALL_SIGNS = 2  # signs with the hall's name along a production hall's middle
HALL_SIGN_SIZE = (6.0, 1.4)  # m: width and height of a hall's name sign
SIGN_THICKNESS = 0.2  # m: a hanging sign's box
HANGER = 0.05  # m: the side of a rod a sign hangs from
MAX_SIGNS = 12  # [[buildings.signs]] entries of one building
MAX_TEXT = 32  # characters of one language of a sign's text
ANDON_HOURS = 8.7  # h into the shift when the boards are read: its plan so far
ANDON_SHORT = (14, 9, 21, 6, 17)  # cars an andon board's line is behind its plan, board by board
ANDON_CELLS = (4, 10)  # least and most station cells on an andon board
SCREEN_CELLS = 4  # status cells on a station's screen
SCREEN_FAILS = (2, 0, 1, 3)  # fails on a station's screen, screen by screen
# what the boarding bay's signs say (the bay has no names in the layout)
BAY_TEXTS = {
    "boarding": Text(*both("sign_boarding")),
    "pouches": Text(*both("sign_pouches")),
}
TRAY_RETURN = Text(*both("sign_tray_return"))
BAY_SIGN_HEIGHT = 1.1  # m: the boarding sign hanging under the bay's canopy
BAY_SIGN_AT = 3.7  # m along the kerb past the pouch desk: over the queue, beside the front cart
BAY_SIGN_KERB = 0.8  # m from the kerb to the sign's near end: clear of the carts' roofs


class BayFrame(Protocol):
    """What the bay's signs need of the boarding bay
    (:class:`viewer.model.plant.boarding_bay.BoardingBay`, which builds them)."""

    length: float
    canopy_height: float

    def frame(self) -> tuple[np.ndarray, np.ndarray, float]: ...

    def point(self, u: float, v: float) -> np.ndarray: ...


@dataclass(frozen=True)
class SignSpec:
    """A ``[[buildings.signs]]`` entry: a sign hanging in a building, facing ``heading_deg``
    (the way its front looks, towards the visitors), its bottom edge ``bottom_m`` above the
    floor, hanging on two rods from the trusses (a workshop) or the ceiling (a hall)."""

    at: np.ndarray  # (x, y): the sign's middle
    heading_deg: float
    size: tuple[float, float]  # width, height (m)
    bottom: float  # m above the floor
    text: Text
    estimated: tuple[str, ...] = ()


@dataclass(frozen=True)
class Board:
    """What a lit screen shows: a ``kind`` of layout (``"andon"``: a line's board over it,
    ``"screen"``: a station's screen), the status ``cells`` in a row (``g`` running, ``y`` a
    call, ``r`` stopped) and its ``figures``, one line each (the sign's text is its title)."""

    kind: str
    cells: str
    figures: tuple[str, ...]


@dataclass(frozen=True)
class Sign:
    """A sign box with its text: ``bottom_center`` (x, y, z) and ``size`` (width, thickness,
    height) as the box's; ``yaw`` turns its width's direction, its front faces yaw + 90°."""

    bottom_center: np.ndarray
    size: np.ndarray
    yaw: float
    text: Text
    hang_to: float | None = None  # height of the truss or ceiling it hangs from; None: none
    board: Board | None = None  # a lit screen's content (the text is its title); None: a sign


def read_signs(item: Fields, bounds: tuple[float, float, float, float], height: float) -> tuple:
    """Check a building's ``[[buildings.signs]]`` entries: each within the building's
    ``bounds`` (x0, y0, x1, y1), hanging below its roof (``height`` m)."""
    signs = []
    x0, y0, x1, y1 = bounds
    for entry in item.tables("signs", required=False, most=MAX_SIGNS):
        at = entry.vector("at", 2)
        if not (x0 <= at[0] <= x1 and y0 <= at[1] <= y1):
            raise entry.error("at", f"({at[0]:g}, {at[1]:g}) is outside the building")
        size = entry.vector("size_m", 2)
        if not (0.3 <= size[0] <= 30 and 0.2 <= size[1] <= 6):
            raise entry.error("size_m", "width 0.3-30 m and height 0.2-6 m")
        bottom = entry.number("bottom_m", minimum=0)
        if bottom + size[1] > height - 1.0:
            raise entry.error(
                "bottom_m", f"the sign's top ({bottom + size[1]:g} m) must hang below the roof"
            )
        # no text: the building's own name (a hall's name sign hung where visitors see it)
        text = entry.text_pair("text") if entry.has("text") else item.text_pair("name")
        for lang in ("en", "zh"):
            if len(text.get(lang)) > MAX_TEXT:
                raise entry.error("text", f"{lang}: at most {MAX_TEXT} characters")
        signs.append(
            SignSpec(
                at=at,
                heading_deg=entry.number("heading_deg", minimum=-360, maximum=360),
                size=(float(size[0]), float(size[1])),
                bottom=bottom,
                text=text,
                estimated=entry.estimated(),
            )
        )
    return tuple(signs)


def hall_signs(
    name: Text,
    specs: Sequence[SignSpec],
    center: np.ndarray,
    along: np.ndarray,
    length: float,
    chord: float,
) -> list[Sign]:
    """A production hall's signs: :data:`HALL_SIGNS` with its ``name``, evenly along its
    middle line (through ``center`` along ``along``, ``length`` m long), hanging from the
    trusses (bottom chord ``chord`` m up) and facing along the hall; then its layout signs
    ``specs``."""
    width, height = HALL_SIGN_SIZE
    across_yaw = float(np.arctan2(along[1], along[0])) + np.pi / 2
    signs = []
    for k in range(HALL_SIGNS):
        s = ((k + 0.5) / HALL_SIGNS - 0.5) * length
        signs.append(
            Sign(
                np.array([*(center + along * s), chord - height - 0.2]),
                np.array([width, SIGN_THICKNESS, height]),
                across_yaw,
                name,
                chord,
            )
        )
    return signs + layout_signs(specs, chord)


def layout_signs(specs: Sequence[SignSpec], hang_to: float) -> list[Sign]:
    """A building's ``[[buildings.signs]]`` as signs hanging from ``hang_to`` m."""
    return [
        Sign(
            np.array([*spec.at, spec.bottom]),
            np.array([spec.size[0], SIGN_THICKNESS, spec.size[1]]),
            float(np.radians(spec.heading_deg) - np.pi / 2),
            spec.text,
            hang_to,
        )
        for spec in specs
    ]


def bay_signs(
    bay: BayFrame, fascia: float, desk_u: float, wall_v: float, edge_v: float
) -> list[Sign]:
    """The boarding bay's signs: its fascia (``fascia`` m tall along the canopy's road edge at
    ``edge_v``); one hanging under the canopy across the pavement, over the queue and beside
    the front cart (clear of the carts' roofs), facing the shuttles as they come; and the one
    on posts behind the pouch desk (at ``desk_u`` along the kerb, against the wall at
    ``wall_v``)."""
    _, _, yaw = bay.frame()
    z = bay.canopy_height
    boarding, pouches = BAY_TEXTS["boarding"], BAY_TEXTS["pouches"]
    width, height = wall_v - BAY_SIGN_KERB, BAY_SIGN_HEIGHT
    hanging = bay.point(desk_u + BAY_SIGN_AT, (wall_v + BAY_SIGN_KERB) / 2)
    return [
        Sign(
            np.array([*bay.point(bay.length / 2, edge_v + 0.06), z - 0.1]),
            np.array([bay.length, 0.12, fascia]),
            yaw,
            boarding,
        ),
        Sign(
            np.array([*hanging, z - height - 0.1]),
            np.array([width, 0.1, height]),
            yaw + np.pi / 2,
            boarding,
            z,
        ),
        Sign(
            np.array([*bay.point(desk_u, wall_v - 0.12), 1.95]),
            np.array([1.6, 0.06, 0.8]),
            yaw,
            pouches,
        ),
    ]


def add_sign(builder: PartsBuilder, sign: Sign) -> None:
    """The sign's box, and the two rods it hangs from when it hangs."""
    x, y, z = (float(v) for v in sign.bottom_center)
    builder.box(np.array([x, y]), tuple(sign.size), sign.yaw, "sign", z)
    top = z + float(sign.size[2])
    if sign.hang_to is None or sign.hang_to <= top:
        return
    along = np.array([np.cos(sign.yaw), np.sin(sign.yaw)])
    for side in (-0.4, 0.4):
        rod = np.array([x, y]) + along * side * float(sign.size[0])
        builder.box(rod, (HANGER, HANGER, sign.hang_to - top), 0.0, "support", top)


def andon_board(index: int, takt: float, stations: tuple[int, int]) -> Board:
    """The ``index``-th andon board of the plant over ``stations`` (first, last) of a line
    running at ``takt`` s a car: a cell a station, all running but for a call (every other
    board) and a stop (every fifth), and the shift's figures :data:`ANDON_HOURS` into it.

    >>> board = andon_board(0, 76.0, (1, 6))
    >>> board.cells, board.figures
    ('yggggg', ('计划 Plan 412   实际 Actual 398', 'JPH 47   节拍 Takt 76 s'))
    """
    first, last = stations
    count = int(np.clip(last - first + 1, *ANDON_CELLS))
    cells = ["g"] * count
    if index % 2 == 0:
        cells[(index * 3) % count] = "y"
    if index % 5 == 3:
        cells[(index * 7 + 1) % count] = "r"
    jph = 3600.0 / takt
    plan = int(round(jph * ANDON_HOURS))
    actual = plan - ANDON_SHORT[index % len(ANDON_SHORT)]
    return Board(
        "andon",
        "".join(cells),
        (
            f"{_label('board_plan')} {plan}   {_label('board_actual')} {actual}",
            f"JPH {jph:.0f}   {_label('board_takt')} {takt:.0f} s",
        ),
    )


def station_screen(index: int, takt: float) -> Board:
    """The ``index``-th station screen of the plant: its status cells (one a call now and
    then) and the shift's passes and fails at a line running at ``takt`` s a car.

    >>> station_screen(1, 76.0)
    Board(kind='screen', cells='gggg', figures=('合格 OK 412', '不良 NG 0'))
    """
    cells = ["g"] * SCREEN_CELLS
    if index % 3 == 2:
        cells[index % SCREEN_CELLS] = "y"
    fails = SCREEN_FAILS[index % len(SCREEN_FAILS)]
    passed = int(round(3600.0 / takt * ANDON_HOURS)) - fails
    figures = (f"{_label('board_ok')} {passed}", f"{_label('board_ng')} {fails}")
    return Board("screen", "".join(cells), figures)


def _label(key: str) -> str:
    """A board's label in both languages, Chinese first (a board is read by everyone on the
    floor): '计划 Plan'."""
    english, chinese = both(key)
    return f"{chinese} {english}"
