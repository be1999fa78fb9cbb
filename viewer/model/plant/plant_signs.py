"""Every sign of a plant with what it says (:mod:`viewer.model.plant.signs`), in the order the
scene draws them: each building's (a workshop's name signs, then the layout's), the boarding
bay's, the tray returns' (the other sign boxes among their serving lines' parts), then the lit
screens' (:func:`screen_boards`: every box of role ``screen``, an andon board or a station's
screen, titled with its hall's name).

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.plant.equipment import plant_parts
>>> plant = load_plant()
>>> signs = plant_signs(plant, plant_parts(plant))
>>> [sign.text.en for sign in signs if sign.text.zh == "冲压车间" and sign.board is None]
['Stamping', 'Stamping', 'Stamping']
>>> [sign.text.en for sign in signs if sign.board and sign.board.kind == "andon"][0]
'Body shop (welding)  ST 1-6'
"""

from __future__ import annotations

import numpy as np

from viewer.model.fields import Text
from viewer.model.plant.boarding_bay import signs_of
from viewer.model.plant.enclosures import ANDON
from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import BOX_ROLES, PlantParts
from viewer.model.plant.signs import TRAY_RETURN, Sign, andon_board, station_screen
from viewer.model.plant.structure import building_signs
from viewer.texts import both, tr


def plant_signs(plant: Plant, parts: PlantParts) -> list[Sign]:
    """Every sign of ``plant`` (built into ``parts``) with its text."""
    signs: list[Sign] = []
    for building in plant.buildings:
        signs += building_signs(building)
    if plant.boarding is not None:
        signs += signs_of(plant.boarding)
    boxes = parts.boxes
    sign = boxes.role == BOX_ROLES.index("sign")
    for known in signs:  # the boxes of the signs above are theirs, whatever stands round them
        sign &= np.abs(boxes.bottom_center - known.bottom_center).max(axis=1) > 1e-6
    xy = boxes.bottom_center[:, :2]
    for spec in plant.equipment:
        if not getattr(spec, "tray_return", False) or spec.id not in parts.extents:
            continue
        x0, y0, _, x1, y1, _ = parts.extents[spec.id]
        inside = sign & (xy[:, 0] >= x0) & (xy[:, 0] <= x1) & (xy[:, 1] >= y0) & (xy[:, 1] <= y1)
        for index in np.flatnonzero(inside):
            signs.append(
                Sign(
                    boxes.bottom_center[index].copy(),
                    boxes.size[index].copy(),
                    float(boxes.yaw[index]),
                    TRAY_RETURN,
                )
            )
    return signs + screen_boards(plant, parts)


def _hall_name(plant: Plant, point: np.ndarray) -> Text:
    """The name of the building ``point`` (x, y, z) is in; the plant's name outside."""
    for building in plant.buildings:
        x0, y0, x1, y1 = building.bounds
        if x0 < point[0] < x1 and y0 < point[1] < y1 and point[2] < building.height:
            return building.name
    return Text(*both("sign_line"))


def _stations(plant: Plant, parts: PlantParts, point: np.ndarray) -> tuple[int, int]:
    """The stations (first, last, from 1) under the andon board at ``point`` (x, y): those of
    the line it hangs over within half a board pitch along the line; (1, 1) over none."""
    for spec in plant.equipment:
        pitch = getattr(spec, "andon_pitch", 0.0)
        if pitch <= 0 or spec.id not in parts.extents:
            continue
        x0, y0, _, x1, y1, _ = parts.extents[spec.id]
        if not (x0 <= point[0] <= x1 and y0 <= point[1] <= y1):
            continue
        heading = np.radians(spec.heading_deg)
        s = float(np.dot(point[:2] - spec.start, (np.cos(heading), np.sin(heading))))
        first = int(np.clip((s - pitch / 2) // spec.pitch + 1, 1, spec.stations))
        last = int(np.clip((s + pitch / 2) // spec.pitch, first, spec.stations))
        return first, last
    return 1, 1


def screen_boards(plant: Plant, parts: PlantParts) -> list[Sign]:
    """The lit screens' signs: each andon board (a box of role ``screen`` of the
    :data:`~viewer.model.plant.enclosures.ANDON` size) titled with its hall's name and the
    stations under it, each other screen (a station's) with its hall's name."""
    boxes = parts.boxes
    screen = boxes.role == BOX_ROLES.index("screen")
    signs: list[Sign] = []
    andons = screens = 0
    for index in np.flatnonzero(screen):
        at, size = boxes.bottom_center[index], boxes.size[index]
        name = _hall_name(plant, at)
        if np.allclose(size, ANDON):
            first, last = _stations(plant, parts, at)
            title = Text(
                tr("sign_stations", "en", name=name.en, first=first, last=last),
                tr("sign_stations", "zh", name=name.zh, first=first, last=last),
            )
            board = andon_board(andons, plant.takt, (first, last))
            andons += 1
        else:  # a station's screen (on a post, a cabinet's face)
            title, board = name, station_screen(screens, plant.takt)
            screens += 1
        signs.append(Sign(at.copy(), size.copy(), float(boxes.yaw[index]), title, board=board))
    return signs
