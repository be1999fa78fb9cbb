"""A paint booth of an enclosed paint line, as a visitor sees it through its windows.

The booth is a long white room over the line's conveyor, on a white floor grating: a glowing
filter ceiling (the bright white light of a real booth) and along each side a wall. Where
visitors may look in, a side is glazed from a low sill up to the ceiling (:data:`WINDOW`), so
that the painting robots on their rails on both sides of the body and the lit ceiling are seen
from a gallery; the side turned away from the visitors (``far``) is a closed white wall lined
with glowing light panels, against which the white robots and the coloured body read. The filter
ceiling is a ceiling (the ``skylight`` role: its lit underside is drawn, seen from the floor and
the gallery, and nothing from above), so from above the booth is cut open and shows its robots
and bodies in the white room. The robots and their rails are added by the paint line itself
(:mod:`viewer.model.plant.equipment`). A booth is a few boxes (eight, or eleven with a lit wall
of :data:`PANEL_PITCH` panels): the plant has many.

Beside each booth (:func:`air_supply_house`) its air supply house stands on a steel deck at the
booth's roof level: a galvanised housing (filters, coils) with a taller fan section at one end,
of a length and height that vary from booth to booth, and its supply duct from the housing's
side onto the booth's roof, into its ceiling.

Examples
--------
>>> import numpy as np
>>> from viewer.model.plant.parts import BOX_ROLES, PartsBuilder
>>> builder = PartsBuilder()
>>> along, normal = np.array([1.0, 0.0]), np.array([0.0, 1.0])
>>> paint_booth(builder, np.zeros(2), along, normal, 0.0, (26.0, 7.0, 5.5), far=1)
>>> roles = [BOX_ROLES[i] for i in builder.build().boxes.role]
>>> roles.count("glass"), roles.count("light_tunnel"), roles.count("skylight")  # 5 lit panels
(1, 5, 1)
>>> builder = PartsBuilder()
>>> air_supply_house(builder, np.zeros(2), along, normal, 0.0, (26.0, 7.0, 5.5), 0)
>>> roles = [BOX_ROLES[i] for i in builder.build().boxes.role]
>>> roles.count("air_house"), roles.count("supply_duct")  # the housing and its duct
(1, 1)
"""

from __future__ import annotations

import numpy as np

from viewer.model.plant.enclosures import glazed_wall
from viewer.model.plant.parts import PartsBuilder

WINDOW = (0.3, 5.0)  # m: a booth's window band, sill to head: bodies whole, to the ceiling
CEILING = 0.5  # m: the glowing filter ceiling's depth, under the booth's top
PANEL_PITCH = 5.2  # m: the far wall's light panels, one per bay
WALL = 0.12  # m: wall thickness
FLOOR = 0.04  # m: the booth's white floor grating
AIR_HOUSE = (3.0, 2.6)  # m: an air supply house's depth (across the line) and least height
DECK_GAP = 0.3  # m between a booth's side and its air supply house's deck
DUCT = 1.4  # m: a supply duct's side


def paint_booth(
    builder: PartsBuilder,
    middle: np.ndarray,
    along: np.ndarray,
    normal: np.ndarray,
    yaw: float,
    size: tuple[float, float, float],
    far: int = 0,
) -> None:
    """A booth of ``size`` (length, width, height) centred on ``middle``, its length along
    ``along``; ``far`` (1 or -1: the side ``normal * far``, 0: none) is the side visitors do
    not look in from: a closed wall with light panels instead of windows."""
    length, width, height = size
    half = along * length / 2
    builder.box(middle, (length, width, CEILING), yaw, "skylight", height - CEILING)
    builder.box(middle, (length, width - 2 * WALL, FLOOR), yaw, "enclosure")  # white grating
    for side in (1, -1):
        edge = middle + normal * side * width / 2
        if side == far:
            _lit_wall(builder, edge, along, normal * side, yaw, length, height)
        else:
            glazed_wall(builder, edge - half, edge + half, height, window=WINDOW)


def _lit_wall(
    builder: PartsBuilder,
    edge: np.ndarray,
    along: np.ndarray,
    outward: np.ndarray,
    yaw: float,
    length: float,
    height: float,
) -> None:
    """A closed white wall along ``edge`` with a glowing light panel in each bay on its inner
    face (``outward`` points away from the booth's middle)."""
    builder.box(edge, (length, WALL, height), yaw, "enclosure")
    bays = max(1, round(length / PANEL_PITCH))
    bay = length / bays
    inner = edge - outward * (WALL / 2 + 0.03)
    for k in range(bays):
        at = inner + along * ((k + 0.5) * bay - length / 2)
        builder.box(at, (bay - 0.35, 0.04, WINDOW[1] - WINDOW[0]), yaw, "light_tunnel", WINDOW[0])


def air_supply_house(
    builder: PartsBuilder,
    middle: np.ndarray,
    along: np.ndarray,
    outward: np.ndarray,
    yaw: float,
    size: tuple[float, float, float],
    index: int,
) -> None:
    """The air supply house of the booth of ``size`` (length, width, height) centred on
    ``middle``, on a deck beside its side ``outward`` at its roof's level: housing and fan
    section (their length, height and ends vary with the booth's ``index``; the deck is carried
    by the booth's frame), and the supply duct from the housing's side down onto the booth's
    roof, into its ceiling."""
    length, width, height = size
    depth, tall = AIR_HOUSE
    tall += 0.5 * (index % 2)
    span = length * (0.62 + 0.12 * (index % 3))
    deck = height + 0.3  # the deck's top
    centre = middle + outward * (width / 2 + DECK_GAP + depth / 2)
    builder.box(centre, (span + 1.2, depth + 0.4, 0.25), yaw, "platform", deck - 0.25)
    end = 1 if index % 2 == 0 else -1  # the fan section's end
    fan = 0.3 * span
    housing = centre - along * end * fan / 2
    builder.box(housing, (span - fan, depth, tall), yaw, "air_house", deck)
    builder.box(
        centre + along * end * (span - fan) / 2, (fan, depth, tall + 0.7), yaw, "machine", deck
    )
    reach = depth / 2 + DECK_GAP + WALL + 1.2  # from the housing's middle to over the booth
    # the supply duct: out of the housing's side and down onto the booth's roof
    duct = housing - outward * (reach + depth / 2) / 2
    builder.box(
        duct, (DUCT, reach - depth / 2 + DUCT, deck + 1.2 - height), yaw, "supply_duct", height
    )
