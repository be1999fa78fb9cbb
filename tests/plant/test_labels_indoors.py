"""From inside a building only the labels of areas in that building are placed: the names of
gates and other halls no longer float over the seat view through the hall's walls."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.geometry import inside_polygon
from viewer.model.plant.views import CameraPose
from viewer.model.tour.route import load_route
from viewer.scene.plant.labels import label_anchors
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (960, 540)


@pytest.fixture(scope="module")
def renderer(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    yield renderer
    renderer.close()


def keys_in(plant, building_id: str) -> set[str]:
    """The keys of the labels anchored over ``building_id``'s footprint."""
    footprint = plant.building(building_id).footprint
    return {
        key
        for key, _, anchor, _ in label_anchors(plant)
        if inside_polygon(np.array([anchor[:2]]), footprint)[0]
    }


@pytest.mark.parametrize(
    ("stop", "building", "intruder"),
    [("showroom", "exhibition-hall", "north-gate-1"), ("cafeteria", "cafeteria", "north-gate-1")],
)
def test_a_seat_view_inside_a_hall_shows_only_that_halls_labels(
    renderer, plant, stop, building, intruder
):
    renderer.render_stop(stop)
    eye = renderer.plotter.renderer.GetActiveCamera().GetPosition()
    hall = plant.building(building)
    x0, y0, x1, y1 = hall.bounds
    assert x0 < eye[0] < x1 and y0 < eye[1] < y1 and eye[2] < hall.height  # the seat is inside
    shown = set(renderer.scene.labels.shown())
    assert shown <= keys_in(plant, building), f"labels from outside the hall: {shown}"
    assert intruder not in shown  # the gate's name sat on the subject before
    # the gate is in front of the camera and on the picture: only the rule keeps it off
    boxes = dict(
        zip(
            [item.key for item in renderer.scene.labels.items],
            renderer.scene.labels.screen_boxes(renderer.plotter.renderer),
            strict=True,
        )
    )
    box = boxes[intruder]
    assert box is not None and box[0] >= 0 and box[1] <= SIZE[0] and box[3] <= SIZE[1]


def test_above_the_roof_and_outside_every_label_takes_part_again(renderer, plant):
    hall = plant.building("exhibition-hall")
    x, y = hall.center
    inside = keys_in(plant, "exhibition-hall")
    # high above the hall, looking north over the gate: the gate's label is back
    renderer.render(pose=CameraPose((x, y - 120.0, hall.height + 60.0), (x + 40.0, y + 60.0, 0.0)))
    assert set(renderer.scene.labels.shown()) - inside
    # on the lawn outside the hall, at a visitor's eye height
    renderer.render(pose=CameraPose((x, y - 40.0, 1.6), (x + 60.0, y + 60.0, 4.0)))
    assert set(renderer.scene.labels.shown()) - inside
    # the overview still names the workshops, the gates and the lots
    renderer.render(view="overview")
    shown = set(renderer.scene.labels.shown())
    workshops = {b.id for b in plant.buildings if b.kind == "workshop"}
    assert len(shown & workshops) >= 3
    assert shown - {b.id for b in plant.buildings}  # the track, a lot or a gate too
