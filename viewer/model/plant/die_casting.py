"""The giant die-casting cell ("giga-press") as boxes with roles.

:func:`add_die_cast_cell` expands a :class:`~viewer.model.plant.equipment_specs.DieCastCell`:
the machine, as people who saw one on television know it, and the cell round it.

Seen from the side the machine reads, from its back to its front (along the cell's heading)::

    clamp cylinder | rear platen | toggle links ... moving platen | die | fixed platen | injection
                   |<----------- four tie bars with their nuts ------------>|  unit with its
                                                                                accumulators

The machine is one paint scheme, as the makers paint theirs: a white-grey body (role
``die_cast_body``: platens, bed, cylinders, the injection frame) with the maker's blue
(``die_cast``: bands, collars, caps and the moving platen), polished silver steel
(``die_cast_platen``: tie bars, nuts, ram, shot sleeve) and the dark die.

* Clamping unit: the tall rear and fixed platens with a blue band near their tops, joined by
  four tie bars that stand out past both, each end held by a steel nut; between the platens
  each bar shows a bright shine (``chrome``) along its upper flanks and a dark band low on them,
  so that it reads as a polished round bar. Between them the toggle block (grey links and the
  crosshead with its ram) pushes the blue moving platen (drawn by
  :class:`~viewer.model.motion.machines.DieCastMotion`, which moves it between the fractions
  :data:`PLATEN_OPEN` and :data:`PLATEN_CLOSED` of the length) against the dark die on the
  fixed platen. A yellow railing runs along the fixed platen's top, where the die setters stand.
* Injection unit behind the fixed platen: a long frame carrying the polished shot sleeve
  (``shot_sleeve_m``) with its dark pour hole, the plunger rod, the shot cylinder and its head,
  with the accumulator bottles standing on it (octagonal: two boxes an eighth of a turn apart)
  with blue collars, held in the machine's own frame: a top beam either side of them at the
  platens' height, carrying the platens' blue band, from the fixed platen's back to posts on
  the injection frame at its end. So the machine's top line and band run unbroken from the
  rear platen to the shot end, and from the seat it reads as one 22 m machine rather than a
  clamp block beside a stand of bottles. A walkway with a railing and stairs along its far
  side.
* The whole stands on one bed, end to end, with a blue band along it and a dark plinth.
* Round it, inside one fence: the dosing furnace beside the shot end (grey hood, glowing door and
  hatch, its launder on a post up to the sleeve's pour hole with the melt glowing in it),
  extraction and spray robots on pedestals at the die from both sides, the hydraulic power unit
  (tank with blue motor-pump sets) and control cabinets with a lit screen on the far side, the
  cooling conveyor, and (``finishing``) the quench tank with its steam, the four-column trim
  press and the X-ray cell.

Sizes are fractions of ``machine_size_m`` where they belong to the machine, metres otherwise;
the figures a layout may change (tie bars, accumulators, furnace, shot sleeve) are fields of the
entry.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
>>> from viewer.model.plant import equipment_specs as specs
>>> cell = next(e for e in load_plant().equipment if isinstance(e, specs.DieCastCell))
>>> builder = PartsBuilder()
>>> add_die_cast_cell(cell, builder)
>>> boxes = builder.build().boxes
>>> bars = (boxes.role == BOX_ROLES.index("die_cast_platen")) & (boxes.size[:, 0] > 8)
>>> int(bars.sum())  # the four tie bars
4
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.geometry import heading_frame
from viewer.model.motion.machines import CASTING_CONVEYOR_Z, conveyor_center
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.enclosures import fenced_rectangle, stairs
from viewer.model.plant.parts import PartsBuilder

# Where DieCastMotion moves the moving platen (its centre, as fractions of the machine's length
# from the machine's centre, open and closed) and its thickness (m): the static parts leave it
# room to slide.
PLATEN_OPEN, PLATEN_CLOSED, PLATEN_THICK = -0.14, -0.04, 1.6
FIXED_PLATEN = (0.05, 0.08)  # centre and thickness, fractions of the length
REAR_PLATEN = (-0.34, 0.10)
PLATEN_WIDTH = 0.95  # of the machine's width (all three platens)
BAR_ACROSS = 0.38  # tie bars' axes from the machine's axis, fraction of the width
BAR_HEIGHTS = (0.25, 0.76)  # tie bars' axes above the floor, fractions of the height
NUT = 0.7  # m: a tie-bar nut's length (its side is 1.5 bars)
BED_HEIGHT = 0.12  # of the height: the machine's bed
INJECTION = (0.5, 0.30)  # the injection frame's width (of the width) and height (of the height)
SHOT_CYLINDER = 1.4  # m: the shot cylinder's side; its piston rod is a third of it
ACCUMULATOR = 0.9  # m: an accumulator bottle's diameter
ACCUMULATOR_TOP = 0.97  # of the height: the bottles' tops
BAND = 0.84  # of the height: the blue band round the platens and along the accumulator frame
# The accumulators' frame (m): its top beams' side, their axes' distance outboard of the bottles'
# axes, and the collars' drop under the beams.
FRAME_BEAM, FRAME_OUT, COLLAR_DROP = 0.4, 0.65, 0.15
STEP_RISE, STEP_GOING = 0.6, 0.6 * 1.4  # m: one block of enclosures.stairs
ROBOT_ACROSS = 2.2  # m: robot bases beside the machine's side
ROBOT_ALONG = (0.02, -0.20)  # robot bases along the machine (fractions): both sides of the die
TOGGLE = (1.1, 0.8)  # m: a toggle link's cross-section (across, height)
PLINTH = 0.12  # m: the dark plinth along the bed's foot
POUR_HOLE = 0.65  # the pour hole on the shot sleeve, a fraction of its length from the platen
# A tie bar's shine and the floor's dark reflection under it, on its flanks: bottom and height
# (fractions of the bar's side), as on a polished round bar lit from above.
SHINE, SHADE = (0.62, 0.18), (0.06, 0.24)
# The machine's colours (roles): one paint scheme, the makers' white-grey body (platens, bed,
# cylinders, injection frame) with the blue accent (bands, caps, the moving platen), silver
# polished steel (tie bars, ram, shot sleeve: darker than the paint, brighter than the blue)
# with its shine, grey toggle links and the dark die, nuts and plinth.
BODY, PLATEN, ACCENT, STEEL, DARK = "die_cast_body", "machine", "die_cast", "die_cast_platen", "die"
SHINE_ROLE = "chrome"


@dataclass(frozen=True)
class _Frame:
    """The cell's own axes: ``a`` along the machine (towards the injection end), ``n`` across
    (towards the far side, away from the conveyor and the visitors), from the cell's centre."""

    builder: PartsBuilder
    center: np.ndarray
    along: np.ndarray
    normal: np.ndarray
    yaw: float

    def point(self, a: float, n: float) -> np.ndarray:
        """The floor point ``a`` along and ``n`` across."""
        return self.center + self.along * a + self.normal * n

    def box(
        self,
        a: float,
        n: float,
        size: tuple[float, float, float],
        role: str,
        z: float = 0.0,
        turn: float = 0.0,
    ) -> None:
        """A box centred ``a`` along and ``n`` across, bottom at ``z``, turned ``turn`` rad."""
        self.builder.box(self.point(a, n), size, self.yaw + turn, role, z)

    def span(
        self, a0: float, a1: float, n: float, cross: tuple[float, float], role: str, z: float
    ) -> None:
        """A box along the machine from ``a0`` to ``a1`` with cross-section (across, height)."""
        if a1 - a0 > 0.05:
            self.box((a0 + a1) / 2, n, (a1 - a0, cross[0], cross[1]), role, z)

    def rail(
        self, start: tuple[float, float], end: tuple[float, float], z: float, pitch: float = 0.0
    ) -> None:
        """A light safety railing from ``start`` to ``end`` (a, n) at deck height ``z``: top and
        knee rails, posts at the ends and about ``pitch`` m apart (0: at the ends only). Fewer
        boxes than enclosures.railing, which adds a toe board and posts every 5 m."""
        p0, p1 = self.point(*start), self.point(*end)
        length = float(np.hypot(*(p1 - p0)))
        yaw = float(np.arctan2(*(p1 - p0)[::-1]))
        for rise, side in ((1.05, 0.06), (0.55, 0.05)):
            self.builder.box((p0 + p1) / 2, (length, side, side), yaw, "railing", z + rise)
        bays = max(1, int(np.ceil(length / pitch))) if pitch > 0 else 1
        for k in range(bays + 1):
            self.builder.box(p0 + (p1 - p0) * k / bays, (0.06, 0.06, 1.1), yaw, "railing", z)

    def round(
        self, a: float, n: float, diameter: float, height: float, role: str, z: float
    ) -> None:
        """An upright cylinder as an octagonal prism: two square boxes an eighth of a turn
        apart."""
        side = diameter * 0.92
        for turn in (0.0, np.pi / 4):
            self.box(a, n, (side, side, height), role, z, turn)


def add_die_cast_cell(spec: specs.DieCastCell, builder: PartsBuilder) -> None:
    """The cell of ``spec``: floor plate, machine, furnace, robots, units, conveyor, fence,
    finishing (quench, trim press and the X-ray cell) and the visitors' platform."""
    along, normal, yaw = heading_frame(spec.heading_deg)
    f = _Frame(builder, spec.center, along, normal, yaw)
    cx, cy = spec.cell_size
    builder.box(spec.center, (cx, cy, 0.03), yaw, "platform")  # the cell's floor plate
    add_die_cast_machine(f, spec)
    _furnace(f, spec)
    fenced_rectangle(builder, spec.center, along, normal, (cx, cy), gate=4.0)
    _robots(f, spec)
    _conveyor(builder, spec, yaw)
    _units(f, spec)
    if spec.finishing:
        _quench_and_trim(f, spec)
        _xray(f, spec)
    if spec.platform_height > 0:
        _visitor_platform(f, spec)


def add_die_cast_machine(f: _Frame, spec: specs.DieCastCell) -> None:
    """The machine itself: bed, clamping unit and injection unit (see the module's sketch), in
    one paint scheme: white-grey body, blue bands, silver tie bars, the dark die."""
    length, width, height = (float(v) for v in spec.machine_size)
    t = spec.tie_bar
    fixed_a, fixed_t = FIXED_PLATEN[0] * length, FIXED_PLATEN[1] * length
    rear_a, rear_t = REAR_PLATEN[0] * length, REAR_PLATEN[1] * length
    front, back = fixed_a - fixed_t / 2, fixed_a + fixed_t / 2  # the fixed platen's faces
    rear_back, rear_front = rear_a - rear_t / 2, rear_a + rear_t / 2
    platen_w = PLATEN_WIDTH * width
    # The bed under it all, end to end in the body's paint, with a blue band along its top edge
    # and a dark plinth where it meets the floor.
    bed = BED_HEIGHT * height
    f.span(-length / 2, length / 2, 0.0, (0.7 * width, bed), BODY, 0.0)
    f.span(-length / 2 + 0.05, length / 2 - 0.05, 0.0, (0.7 * width + 0.04, PLINTH), DARK, 0.0)
    f.span(
        -length / 2 - 0.03,
        length / 2 + 0.03,
        0.0,
        (0.7 * width + 0.06, 0.22),
        ACCENT,
        bed - 0.3,
    )
    # Rear and fixed platens: tall white-grey plates with a blue band near the top.
    for at, thick in ((rear_a, rear_t), (fixed_a, fixed_t)):
        f.box(at, 0.0, (thick, platen_w, height), BODY)
        f.box(at, 0.0, (thick + 0.06, platen_w + 0.06, 0.4), ACCENT, BAND * height)
    # The fixed half of the die on the fixed platen's face (the moving half rides the platen).
    f.span(front - 0.6, front, 0.0, (0.55 * width, 0.5 * height), DARK, 0.2 * height)
    # The toggle block: upper and lower pairs of links from the rear platen to the open moving
    # platen's back, the crosshead on the rear platen and its polished ram (which ends inside
    # the open platen, so it shows only while the die is closed).
    open_back = PLATEN_OPEN * length - PLATEN_THICK / 2
    for z in (0.2 * height, 0.62 * height):
        f.span(rear_front, open_back - 0.07, 0.0, TOGGLE, PLATEN, z)
    middle = 0.42 * height
    head = min(0.9, 0.4 * (open_back - rear_front))
    f.span(
        rear_front,
        rear_front + head,
        0.0,
        (0.45 * width, 0.28 * height),
        BODY,
        middle - 0.14 * height,
    )
    ram = 0.3 * t + 0.4
    f.span(
        rear_front + head,
        open_back + PLATEN_THICK - 0.02,
        0.0,
        (ram, ram),
        STEEL,
        middle - ram / 2,
    )
    # Clamp cylinder on the rear platen's back, with its blue cap.
    cylinder = 0.3 * width
    f.span(
        -length / 2 + 0.3,
        rear_back,
        0.0,
        (cylinder, cylinder),
        BODY,
        0.42 * height - cylinder / 2,
    )
    f.span(
        -length / 2,
        -length / 2 + 0.3,
        0.0,
        (cylinder + 0.2, cylinder + 0.2),
        ACCENT,
        0.42 * height - cylinder / 2 - 0.1,
    )
    # Four tie bars through the platens, standing out past both, a steel nut on each end; between
    # the platens a bright line along each bar's upper flanks and a dark one low on them: a
    # polished round bar's shine and the floor's reflection.
    bar0, bar1 = rear_back - NUT + 0.05, back + NUT - 0.05
    for side in (1, -1):
        for level in BAR_HEIGHTS:
            n, z = side * BAR_ACROSS * width, level * height - t / 2
            f.span(bar0, bar1, n, (t, t), STEEL, z)
            for (bottom, tall), role in ((SHINE, SHINE_ROLE), (SHADE, DARK)):
                f.span(rear_front, front, n, (t + 0.04, tall * t), role, z + bottom * t)
            for a0 in (rear_back - NUT + 0.02, back - 0.02):  # just into the platens
                f.span(a0, a0 + NUT, n, (1.5 * t, 1.5 * t), STEEL, z - 0.25 * t)
    # A yellow railing along the top of the fixed platen, where the die setters work.
    f.rail((front + 0.1, -platen_w / 2), (front + 0.1, platen_w / 2), height)
    _injection_unit(f, spec, back)


def _injection_unit(f: _Frame, spec: specs.DieCastCell, start: float) -> None:
    """Behind the fixed platen (from ``start`` to the machine's end): frame, the polished shot
    sleeve with its pour hole, the plunger rod, shot cylinder and head, accumulators; a walkway
    with railing and stairs on the far side."""
    length, width, height = (float(v) for v in spec.machine_size)
    end = length / 2
    frame_w, frame_h = INJECTION[0] * width, INJECTION[1] * height
    f.span(start, end - 0.2, 0.0, (frame_w, frame_h), BODY, 0.0)
    shot = SHOT_CYLINDER
    rod_end = start + 0.25 * (end - start)
    z = frame_h + 0.06
    axis = z + shot / 2  # the shot's axis height, through the fixed platen into the die
    sleeve, side = spec.shot_sleeve
    sleeve_end = min(start + sleeve, end - 1.5)
    f.span(start, sleeve_end, 0.0, (side, side), STEEL, axis - side / 2)
    hole = start + POUR_HOLE * (sleeve_end - start)
    f.box(hole, 0.0, (0.6 * side, 0.6 * side, 0.05), DARK, axis + side / 2)  # the pour hole
    rod_end = max(rod_end, sleeve_end)
    f.span(sleeve_end, rod_end, 0.0, (shot / 3, shot / 3), STEEL, axis - shot / 6)
    f.span(rod_end, end - 1.4, 0.0, (shot, shot), BODY, z)
    f.span(end - 1.4, end, 0.0, (shot + 0.3, shot + 0.3), BODY, z - 0.15)  # its head
    f.span(end - 1.45, end - 1.1, 0.0, (shot + 0.36, shot + 0.36), ACCENT, z - 0.18)
    # Accumulator bottles in two rows either side of the cylinder, with blue collars, held in
    # the machine's own frame (below).
    per_side = (spec.accumulators + 1) // 2
    bottle_top = max(ACCUMULATOR_TOP * height, frame_h + 1.0)
    across = shot / 2 + ACCUMULATOR / 2 + 0.05
    first, last = rod_end + ACCUMULATOR, end - 1.4 - ACCUMULATOR / 2
    beam_z = BAND * height - 0.2  # the frame's top beams: from under the band to the top
    for k in range(spec.accumulators):
        side = -1 if k % 2 == 0 else 1
        slot = k // 2
        a = first + (last - first) * ((slot + 0.5) / per_side if per_side else 0.5)
        f.round(a, side * across, ACCUMULATOR, bottle_top - frame_h, "cabinet", frame_h)
        cap = ACCUMULATOR + 0.3  # a square collar round the octagon, under the frame's beams
        collar = min(bottle_top, beam_z) - COLLAR_DROP - 0.35
        f.box(a, side * across, (cap, cap, 0.35), ACCENT, max(collar, frame_h + 0.5))
    _accumulator_frame(f, spec, start, across, frame_h)
    # The walkway along its far side, its railing and the stairs up to it at the end.
    deck_n = frame_w / 2 + 0.6
    f.span(start, end - 0.2, deck_n, (1.2, 0.12), "platform", frame_h - 0.12)
    f.rail((start, deck_n + 0.6), (end - 0.2, deck_n + 0.6), frame_h)
    flight = max(2, int(np.ceil(frame_h / STEP_RISE))) * STEP_GOING
    stairs(f.builder, f.point(end - 0.2 + flight, deck_n), -f.along, frame_h)


def _accumulator_frame(
    f: _Frame, spec: specs.DieCastCell, start: float, across: float, frame_h: float
) -> None:
    """The accumulators' frame, part of the machine: from the fixed platen's back (``start``) to
    the shot cylinder's head, a top beam either side of the bottles (``across`` their axes) at
    the platens' height with the platens' blue band along it, posts at its end down to the
    injection frame and a cross beam over them. So the machine's top line and band run on
    unbroken from the rear platen to the injection end: one machine, not a clamp block beside a
    stand of bottles."""
    length, width, height = (float(v) for v in spec.machine_size)
    end = length / 2
    beam_z = BAND * height - 0.2
    beam_n = across + FRAME_OUT
    post_a = end - 1.4 + FRAME_BEAM / 2  # just behind the shot cylinder's head
    for side in (1, -1):
        n = side * beam_n
        f.span(start, post_a + FRAME_BEAM / 2, n, (FRAME_BEAM, height - beam_z), BODY, beam_z)
        band = (FRAME_BEAM + 0.06, 0.4)
        f.span(start, post_a + FRAME_BEAM / 2 + 0.03, n, band, ACCENT, BAND * height)
        f.box(post_a, n, (FRAME_BEAM, FRAME_BEAM, beam_z - frame_h), BODY, frame_h)
    cross = (FRAME_BEAM, 2 * beam_n + FRAME_BEAM, height - beam_z)
    f.box(post_a, 0.0, cross, BODY, beam_z)


def _furnace(f: _Frame, spec: specs.DieCastCell) -> None:
    """The dosing furnace beside the shot end, on the conveyor's side: its grey hood, the glow
    behind its door and hatch, and its launder up to the shot sleeve's pour hole (a grey trough
    on a post, the melt glowing in it)."""
    length, width, height = (float(v) for v in spec.machine_size)
    fa, fn, fh = spec.furnace_size
    back = (FIXED_PLATEN[0] + FIXED_PLATEN[1] / 2) * length
    a = back + 0.3 + fa / 2
    n = -(INJECTION[0] * width / 2 + 0.6 + fn / 2)
    f.box(a, n, (fa, fn, fh), "machine")
    f.box(a, n - fn / 2 - 0.06, (0.6 * fa, 0.12, 0.55 * fh), "furnace", 0.22 * fh)  # the door
    f.box(a, n, (0.4 * fa, 0.4 * fn, 0.08), "furnace", fh)  # the open hatch over the melt
    sleeve, side = spec.shot_sleeve
    hole = back + POUR_HOLE * min(sleeve, length / 2 - 1.5 - back)
    top = INJECTION[1] * height + 0.06 + SHOT_CYLINDER / 2 + side / 2  # the sleeve's top
    launder = (n + fn / 2) - 0.3, 0.0  # across: from inside the hood to over the pour hole
    middle, reach = sum(launder) / 2, launder[1] - launder[0]
    f.box(hole, middle, (0.6, reach, 0.3), "machine", top)  # the trough
    f.box(hole, middle, (0.4, reach - 0.1, 0.06), "furnace", top + 0.26)  # the melt in it
    post = (n + fn / 2 + 0.3, 0.2)  # a post under the trough, between hood and sleeve
    f.box(hole, post[0], (post[1], post[1], top), "machine")


def _robots(f: _Frame, spec: specs.DieCastCell) -> None:
    """Robots on pedestals at the die from both sides; the first, the extraction robot, on the
    conveyor's side (its motion program sets the casting down on the conveyor), the others
    spray the die (:class:`~viewer.model.motion.machines.DieCastMotion`)."""
    length, width, _ = spec.machine_size
    across = width / 2 + ROBOT_ACROSS
    picks = [(ROBOT_ALONG[0], -1), (ROBOT_ALONG[0], 1), (ROBOT_ALONG[1], 1), (ROBOT_ALONG[1], -1)]
    for index in range(spec.robots):
        along, side = picks[index % len(picks)]
        base = f.point(along * length - 4.0 * (index // len(picks)), side * across)
        facing = f.yaw - side * np.pi / 2
        f.builder.box(base, (1.2, 1.2, 0.8), f.yaw, "pedestal")
        f.builder.robot(base, facing, "extraction", spec.workshop, 0.8, station=index)


def _conveyor(builder: PartsBuilder, spec: specs.DieCastCell, yaw: float) -> None:
    """The cooling conveyor beside the machine: its frame and the dark belt (its top at the
    castings' height)."""
    at = conveyor_center(spec)
    frame = CASTING_CONVEYOR_Z - 0.15
    builder.box(at, (12.0, 1.6, frame), yaw, "conveyor")
    builder.box(at, (12.0, 1.5, 0.15), yaw, "die", frame)


def _units(f: _Frame, spec: specs.DieCastCell) -> None:
    """On the far side: the hydraulic power unit and the control cabinets with a lit screen."""
    length, width, _ = (float(v) for v in spec.machine_size)
    far = width / 2
    # Hydraulic power unit behind the robots: oil tank and two blue motor-pump sets.
    hpu_a, hpu_n = -0.35 * length, far + 3.3
    f.box(hpu_a, hpu_n, (4.0, 2.2, 1.4), "machine")
    for k in (-1, 1):
        f.box(hpu_a + k * 0.9, hpu_n, (1.2, 0.7, 0.7), "die_cast", 1.4)
    # Control cabinets alongside the injection unit, a lit screen on their face.
    cab_a, cab_n = 0.27 * length, far + 3.4
    f.box(cab_a, cab_n, (6.0, 0.8, 2.2), "cabinet")
    f.box(cab_a, cab_n - 0.42, (1.0, 0.06, 0.7), "screen", 1.2)


def _quench_and_trim(f: _Frame, spec: specs.DieCastCell) -> None:
    """After the cooling conveyor: the quench tank with its water and steam, and the trim press
    on four polished columns (bolster, slide, crown and its cylinder)."""
    cx, _ = spec.cell_size
    _, width, _ = spec.machine_size
    line_n = -(width / 2 + 5.0)  # the conveyor's line (conveyor_center)
    quench = -9.5
    f.box(quench, line_n, (4.0, 3.0, 1.5), "tank")
    f.box(quench, line_n, (3.6, 2.6, 0.05), "glass", 1.45)  # the water surface
    f.box(quench, line_n, (3.0, 2.2, 2.4), "booth", 1.5)  # its steam (drawn translucent)
    trim = -(cx / 2 - 2.6)
    f.box(trim, line_n, (3.6, 4.2, 1.2), "press")  # the bolster
    for a in (1, -1):
        for n in (1, -1):
            f.box(trim + a * 1.4, line_n + n * 1.7, (0.45, 0.45, 4.0), "die_cast_platen", 1.2)
    f.box(trim, line_n, (3.2, 3.8, 0.7), "press_slide", 3.0)
    f.box(trim, line_n, (3.8, 4.4, 1.4), "press_crown", 5.2)


def _xray(f: _Frame, spec: specs.DieCastCell) -> None:
    """The X-ray cell in the far corner: a closed, lead-lined cabinet (one box: nothing of its
    inside shows), its control cabinet and a lit screen on its face."""
    cx, cy = spec.cell_size
    a, n = -(cx / 2 - 4.5), cy / 2 - 4.0
    f.box(a, n, (6.0, 4.5, 3.6), "enclosure")
    f.box(a + 2.0, n - 2.6, (1.4, 0.6, 1.9), "cabinet")
    f.box(a - 1.0, n - 2.28, (1.2, 0.06, 0.7), "screen", 1.5)


def _visitor_platform(f: _Frame, spec: specs.DieCastCell) -> None:
    """A raised platform along the far fence, looking into the cell: deck, posts, railing on its
    cell side and stairs rising to its end."""
    cx, cy = spec.cell_size
    h = spec.platform_height
    n = cy / 2 - 2.0
    f.box(0.0, n, (cx * 0.6, 3.2, 0.25), "platform", h - 0.25)
    for a in (1, -1):
        for s in (1, -1):
            f.box(a * cx * 0.28, n + s * 1.4, (0.3, 0.3, h), "support")
    f.rail((-cx * 0.3, n - 1.6), (cx * 0.3, n - 1.6), h, pitch=7.0)
    flight = max(2, int(np.ceil(h / STEP_RISE))) * STEP_GOING
    stairs(f.builder, f.point(cx * 0.3 + flight, n), -f.along, h)
