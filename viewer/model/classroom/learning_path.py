"""The "Explain the plant" learning path: the workshops in the order a car is made.

Stamping and die casting make the parts, the body shop joins them, the paint shop colours the
body, the battery shop builds the pack, final assembly makes the car, and the test track drives
it. Each step has its words (``[workshops]`` in ``assets/explain.toml``, their figures filled
from the layout), its figures from the layout, and the preset view of the same name to fly
to. A step whose place is not in the plant (a user's layout) is left out.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> [step.place for step in learning_path(load_plant())]
['stamping', 'die-casting', 'body', 'paint', 'battery', 'assembly', 'test-track']
>>> learning_path(load_plant())[1].figures.area_m2 > 0
True
"""

from __future__ import annotations

from dataclasses import dataclass

from viewer.model.classroom.explain import Explanation, plant_explanations
from viewer.model.plant.equipment import PlantParts
from viewer.model.plant.layout import Plant
from viewer.model.tour.stop_figures import StopFigures, place_figures

PRODUCTION_ORDER = ("stamping", "die-casting", "body", "paint", "battery", "assembly", "test-track")


@dataclass(frozen=True)
class LearningStep:
    """One workshop of the path."""

    place: str  # building id, or the test track's
    view: str | None  # the preset view that frames it (None: the plant has none)
    explanation: Explanation
    figures: StopFigures


def learning_path(plant: Plant, parts: PlantParts | None = None) -> list[LearningStep]:
    """The steps of the path for ``plant``, in production order."""
    words = plant_explanations(plant, "workshops")
    places = {building.id for building in plant.buildings} | {plant.track.id}
    views = {view.name for view in plant.views}
    steps = []
    for place in PRODUCTION_ORDER:
        if place not in places or place not in words:
            continue
        view = place if place in views else None
        steps.append(LearningStep(place, view, words[place], place_figures(place, plant, parts)))
    return steps
