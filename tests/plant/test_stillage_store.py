"""The stamping hall's panel store reads as a press shop's store, not a crate yard (issue 19):
open stillages of silver panels stacked 2-3 high, close together in long rows back to back in
pairs with forklift aisles between, some rows filled only part of their length; the layout's
``stack`` and ``aisle_m`` are checked with clean errors."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.errors import DataFileError
from viewer.model.fields import Fields
from viewer.model.plant import equipment_specs as specs
from viewer.model.plant.equipment import add_equipment
from viewer.model.plant.parts import BOX_ROLES, PartsBuilder, PlantParts
from viewer.model.plant.stores import row_filled, row_offset

STORE = """
[[equipment]]
id = "stillages"
type = "rack_area"
workshop = "stamping"
origin = [0, 0]
rows = 6
cols = 12
pitch_m = [4.3, 2.8]
rack_size_m = [4.0, 2.6, 1.4]
content = "panels"
stack = 3
aisle_m = 6.0
zone = true
"""


def _read(text: str) -> specs.RackArea:
    return specs.read_equipment(Fields.from_text(text, "plant.toml").tables("equipment")[0])


def _expand(spec: object) -> PlantParts:
    builder = PartsBuilder()
    add_equipment(spec, builder)
    return builder.build()


def _columns(parts: PlantParts, point: np.ndarray) -> np.ndarray:
    """Which boxes stand at ``point`` (heading 0), the floor zones left out."""
    boxes = parts.boxes
    inside = np.all(np.abs(boxes.bottom_center[:, :2] - point) <= boxes.size[:, :2] / 2, axis=1)
    return inside & (np.array(BOX_ROLES)[boxes.role] != "platform")


def test_stacks_of_two_or_three_stillages_with_panels_on_top_and_frames_between():
    spec = _read(STORE)
    parts = _expand(spec)
    roles = np.array(BOX_ROLES)[parts.boxes.role]
    tiers = []
    for r in range(spec.rows):
        for c in range(row_filled(spec, r)):
            here = _columns(parts, np.array([c * 4.3, row_offset(spec, r)]))
            content = here & np.isin(roles, ["panels", "steel"])
            bands = here & (roles == "rack")
            assert content.sum() == 1 and here.sum() == content.sum() + bands.sum()
            tops = parts.boxes.bottom_center[here, 2] + parts.boxes.size[here, 2]
            assert roles[here][np.argmax(tops)] in ("panels", "steel")  # seen from above
            # Each stillage's frame a band round the panels, one stillage (1.4 m) apart.
            band_tops = np.sort(tops[roles[here] == "rack"])
            assert np.allclose(band_tops, 1.4 * np.arange(1, len(band_tops) + 1))
            wider = parts.boxes.size[bands, :2] > parts.boxes.size[content, :2]
            assert wider.all()
            tiers.append(bands.sum() + 1)
    assert set(tiers) == {2, 3}
    assert 0.4 < np.mean(np.array(tiers) == 3) < 0.9
    # Beyond each row's filled part its places stand empty, and some rows are part empty.
    filled = [row_filled(spec, r) for r in range(spec.rows)]
    assert len(tiers) == sum(filled) and min(filled) < spec.cols


def test_rows_back_to_back_in_pairs_with_forklift_aisles_and_some_part_empty(plant):
    spec = next(e for e in plant.equipment if e.id == "panel-storage")
    assert isinstance(spec, specs.RackArea) and spec.stack >= 2 and spec.content == "panels"
    width = float(spec.rack_size[1])
    gaps = np.diff([row_offset(spec, r) for r in range(spec.rows)]) - width
    assert np.all(gaps[0::2] < 0.5)  # back to back
    assert np.all(gaps[1::2] >= 4.0)  # a forklift aisle
    assert float(spec.pitch[0] - spec.rack_size[0]) < 0.5  # stacks close along a row
    filled = [row_filled(spec, r) for r in range(spec.rows)]
    assert min(filled) < 0.8 * spec.cols and max(filled) == spec.cols
    # The store's marked zone takes in its aisles: every row and the aisles between.
    parts = _expand(spec)
    zones = np.array(BOX_ROLES)[parts.boxes.role] == "platform"
    assert zones.sum() == 1
    span = row_offset(spec, spec.rows - 1) + width + 2.0
    assert np.isclose(parts.boxes.size[zones][0, 1], span)


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("stack = 3", "stack = 5", "at most 4"),
        ("stack = 3", "stack = 1.5", "whole number"),
        ('content = "panels"', 'content = "castings"', "only stillages of panels"),
        ("rack_size_m = [4.0, 2.6, 1.4]", "rack_size_m = [4.0, 2.6, 2.4]", "at most 6 m"),
        ("aisle_m = 6.0", "aisle_m = 30", "at most 20"),
    ],
)
def test_broken_stacks_and_aisles_name_the_field_and_line(old, new, problem):
    broken = STORE.replace(old, new)
    with pytest.raises(DataFileError) as info:
        _read(broken)
    field = "stack" if problem in ("only stillages of panels", "at most 6 m") else None
    field = field or new.split(" =")[0]
    assert info.value.field == f"equipment[0].{field}"
    assert problem in info.value.problem
    assert info.value.line is not None
