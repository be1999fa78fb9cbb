"""What a machining or finishing cell holds round its one robot (a fenced cell's ``contents``).

A cell that machines or trims castings is not an empty fenced square with a robot in it: the
robot stands on a riser in the cell's middle and serves, within its reach, the machines and the
flow of parts round it. :func:`add_cell_contents` places each named content on its own side of
the robot, its near face :data:`REACH` m from the robot's axis, so that they never overlap in a
cell of at least :data:`~viewer.model.plant.equipment_specs.CONTENTS_MIN_CELL` m:

* ``machining_centre`` on the far side (+across): a light enclosure with the maker's blue band,
  the window of its loading door and its control panel's lit screen towards the robot, and the
  chip conveyor out of its end;
* ``trim_press`` behind the robot (-along): bolster, two side frames, slide and dark crown;
* ``conveyor_out`` ahead (+along) and ``conveyor_in`` on the near side (-across), from the robot
  to the cell's wall, each a frame with a dark belt and a casting on it;
* ``fixtures`` in the corner between the press and the incoming conveyor: a turnover table with
  the workpiece on it;
* ``rack`` in the corner between the two conveyors: a pallet rack stacked with finished
  castings.

Examples
--------
>>> import numpy as np
>>> from viewer.model.plant.parts import PartsBuilder
>>> builder = PartsBuilder()
>>> add_cell_contents(builder, np.zeros(2), 0.0, ("machining_centre", "rack"), "underbody")
>>> len(builder.build().boxes)  # the machine's five boxes, the rack and its castings
7
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from viewer.model.geometry import heading_frame
from viewer.model.plant.parts import PartsBuilder

REACH = 2.4  # m: from the robot's axis to the near face of what it serves
CORNER = 1.2  # m: the corners' contents start this far along from the robot's axis
MACHINING = (6.0, 4.0, 3.4)  # m: a machining centre's enclosure (along, across, height)
TRIM = (3.6, 3.8, 4.6)  # m: the trim press (along, across, height to its crown's top)
CONVEYOR = (1.4, 0.75)  # m: a conveyor's width and its belt's height
FIXTURE = (2.4, 2.0, 0.55)  # m: the turnover table (along, across, height)
RACK = (3.0, 2.2, 1.7)  # m: the rack of castings (along, across, height with its load)
CASTING = (1.6, 1.4, 0.4)  # m: a casting on a conveyor or a fixture (along, across, height)


def fixture_place() -> tuple[float, float]:
    """Where the fixtures stand (along, across), from the cell's centre: the robot's work."""
    return -(CORNER + FIXTURE[0] / 2), -(REACH + FIXTURE[1] / 2)


def add_cell_contents(
    builder: PartsBuilder,
    center: np.ndarray,
    heading_deg: float,
    contents: tuple[str, ...],
    product: str,
    half: tuple[float, float] = (9.0, 9.0),
) -> None:
    """The ``contents`` of one cell centred on ``center`` (x, y), its heading ``heading_deg``
    and half sizes ``half`` (along, across); the workpieces are castings unless ``product`` is
    ``"none"``."""
    along, normal, yaw = heading_frame(heading_deg)
    parts = product != "none"

    def box(a: float, n: float, size: tuple[float, float, float], role: str, z: float = 0) -> None:
        builder.box(center + along * a + normal * n, size, yaw, role, z)

    if "machining_centre" in contents:
        la, ln, h = MACHINING
        n = REACH + ln / 2
        box(0.0, n, MACHINING, "enclosure")
        box(0.0, n, (la + 0.04, ln + 0.04, 0.35), "die_cast", h - 0.6)  # the maker's band
        box(0.0, REACH - 0.03, (2.6, 0.06, 1.3), "window", 0.9)  # the loading door's window
        box(la / 2 - 0.5, REACH - 0.03, (0.6, 0.06, 0.45), "screen", 1.3)  # its control panel
        box(la / 2 + 1.0, n + 0.6, (2.0, 1.0, 1.0), "conveyor")  # the chip conveyor
    if "trim_press" in contents:
        la, ln, h = TRIM
        a = -(REACH + la / 2)
        box(a, 0.0, (la, ln, 1.0), "press")  # the bolster
        for side in (1, -1):  # the side frames
            box(a, side * (ln / 2 - 0.3), (la * 0.8, 0.6, h - 2.0), "press", 1.0)
        box(a, 0.0, (la * 0.8, ln - 1.2, 0.6), "press_slide", 2.0)
        box(a, 0.0, (la + 0.2, ln + 0.2, 1.0), "press_crown", h - 1.0)
    if "conveyor_out" in contents:
        _conveyor(box, (1.6, half[0] - 0.1), 0.0, along_run=True, parts=parts)
    if "conveyor_in" in contents:
        _conveyor(box, (-(half[1] - 0.1), -1.6), 0.0, along_run=False, parts=parts)
    if "fixtures" in contents:
        a, n = fixture_place()
        box(a, n, FIXTURE, "fixture")
        if parts:
            box(a, n, CASTING, "aluminium", FIXTURE[2])
    if "rack" in contents:  # a steel pallet rack with its stack of castings
        a, n = CORNER + RACK[0] / 2, -(REACH + RACK[1] / 2)
        box(a, n, (RACK[0], RACK[1], 0.25), "rack")
        if parts:
            box(a, n, (RACK[0] - 0.3, RACK[1] - 0.3, RACK[2] - 0.25), "aluminium", 0.25)


def _conveyor(
    box: Callable[..., None], run: tuple[float, float], at: float, along_run: bool, parts: bool
) -> None:
    """A conveyor from ``run[0]`` to ``run[1]`` (along the cell when ``along_run``, else
    across it) at ``at`` across (or along): its frame, the dark belt and a casting near its
    middle."""
    length, middle = run[1] - run[0], (run[0] + run[1]) / 2
    width, belt = CONVEYOR

    def place(s: float, size: tuple[float, float, float], role: str, z: float = 0.0) -> None:
        if along_run:
            box(s, at, size, role, z)
        else:
            box(at, s, (size[1], size[0], size[2]), role, z)

    place(middle, (length, width, belt - 0.08), "conveyor")
    place(middle, (length, width - 0.1, 0.08), "die", belt - 0.08)  # the belt
    if parts:
        place(middle, (CASTING[1], CASTING[0], CASTING[2]), "aluminium", belt)
