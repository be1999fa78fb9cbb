"""Every sign of a plant with what it says (:mod:`viewer.model.plant.signs`), in the order the
scene draws them: each building's (a workshop's name signs, then the layout's), the boarding
bay's, and the tray returns' (the other sign boxes among their serving lines' parts).

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.plant.equipment import plant_parts
>>> plant = load_plant()
>>> signs = plant_signs(plant, plant_parts(plant))
>>> [sign.text.en for sign in signs if sign.text.zh == "冲压车间"]
['Stamping', 'Stamping']
"""

from __future__ import annotations

import numpy as np

from viewer.model.plant.boarding_bay import signs_of
from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import BOX_ROLES, PlantParts
from viewer.model.plant.signs import TRAY_RETURN, Sign
from viewer.model.plant.structure import building_signs


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
    return signs
