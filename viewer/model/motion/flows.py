"""Product flows of the layout file (``[[flows]]``): which lines a product passes, in order.

A flow lists its stages; a stage is one line (an equipment id) or several parallel lines that
take products in turn (``["paint-line-1", "paint-line-2"]``). Products enter the first stage one
per takt and move through station lines by index moves, through conveyors and paint lines
continuously (:mod:`viewer.model.motion.production`). Between two stages a product moves from
the exit of one line to the entry of the next in a straight line, unless the flow gives the
transfer's ``via`` points (``[[flows.transfers]]``, ``to`` a line: where the product's underside
passes on its way there, x, y and height), so that it goes round fences, machines and walls:
lifted over them, through a gap or through a door.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from viewer.model.fields import Fields
from viewer.model.plant import equipment_specs as specs

FLOW_TYPES = (specs.StationLine, specs.PaintLine, specs.Conveyor)
CAR_PRODUCTS = ("body", "painted_body", "car")


@dataclass(frozen=True)
class FlowSpec:
    """One product flow: its stages (tuples of parallel equipment ids) and its timing."""

    id: str
    stages: tuple[tuple[str, ...], ...]
    takt: float
    index_s: float
    transfer_speed: float
    exit: np.ndarray  # (P, 2) where finished products drive off, possibly empty
    product: str  # "car" or "pack"
    via: dict[str, np.ndarray] = field(default_factory=dict)  # line id -> (P, 3) on the way in
    hanger: dict[str, float] = field(default_factory=dict)  # line id -> hanger on the way in


def stage_product(spec: specs.Equipment) -> str:
    """What a flow line carries: 'body', 'painted_body', 'car', 'pack' or 'none'."""
    if isinstance(spec, specs.PaintLine):
        return "body"
    if isinstance(spec, specs.Conveyor):
        return spec.carries
    return spec.product  # type: ignore[union-attr]


def read_flow(item: Fields, equipment: dict[str, specs.Equipment], takt: float) -> FlowSpec:
    """Check one ``[[flows]]`` entry against the plant's equipment."""
    raw = item.raw("stages")
    if not isinstance(raw, list) or not raw:
        raise item.error("stages", "must be a non-empty list of equipment ids")
    stages = []
    for index, stage in enumerate(raw):
        ids = [stage] if isinstance(stage, str) else stage
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) for i in ids):
            raise item.error(
                "stages", f"stage {index} must be an equipment id or a list of ids, got {stage!r}"
            )
        for name in ids:
            if name not in equipment:
                raise item.error("stages", f"stage {index}: no equipment has the id {name!r}")
            if not isinstance(equipment[name], FLOW_TYPES):
                raise item.error(
                    "stages",
                    f"stage {index}: {name!r} is not a station line, paint line or conveyor",
                )
        stages.append(tuple(ids))
    flat = [name for stage in stages for name in stage]
    repeated = sorted({name for name in flat if flat.count(name) > 1})
    if repeated:
        raise item.error("stages", f"{repeated[0]!r} appears more than once")
    products = {stage_product(equipment[name]) for name in flat}
    if "none" in products:
        name = next(n for n in flat if stage_product(equipment[n]) == "none")
        raise item.error("stages", f"{name!r} carries no product")
    if products <= set(CAR_PRODUCTS):
        product = "car"
    elif products == {"pack"}:
        product = "pack"
    else:
        raise item.error("stages", f"the lines carry different products: {sorted(products)}")
    index_s = item.number("index_s", 12.0, positive=True)
    shortest = takt * min(len(stage) for stage in stages)
    if index_s >= shortest:
        raise item.error("index_s", f"must be shorter than the takt ({takt:g} s), got {index_s:g}")
    exit_points = item.points("exit", min_count=2) if item.has("exit") else np.zeros((0, 2))
    via, hanger = read_transfers(item, stages)
    item.estimated()
    return FlowSpec(
        id=item.string("id"),
        stages=tuple(stages),
        takt=takt,
        index_s=index_s,
        transfer_speed=item.number("transfer_speed_m_s", 0.5, minimum=0.05, maximum=10),
        exit=exit_points,
        product=product,
        via=via,
        hanger=hanger,
    )


def read_transfers(
    item: Fields, stages: list[tuple[str, ...]]
) -> tuple[dict[str, np.ndarray], dict[str, float]]:
    """The flow's ``[[flows.transfers]]``: for a line of any stage but the first, the points
    (x, y, height of the product's underside) its products pass on their way in, and the
    length of the hanger above a body carried there by an overhead rail (``hanger_m``, 0: on
    a lift or a floor conveyor)."""
    later = {name for stage in stages[1:] for name in stage}
    via: dict[str, np.ndarray] = {}
    hanger: dict[str, float] = {}
    for transfer in item.tables("transfers", required=False):
        to = transfer.string("to")
        if to not in later:
            problem = "is the first stage's line" if to in stages[0] else "is no line of the flow"
            raise transfer.error("to", f"{to!r} {problem}: a transfer leads into a later stage")
        if to in via:
            raise transfer.error("to", f"a second transfer into {to!r}")
        points = transfer.points("via", min_count=1, dim=3)
        if np.any(points[:, 2] < 0):
            raise transfer.error("via", "a point's height must not be below the floor (0)")
        hanger[to] = transfer.number("hanger_m", 0.0, minimum=0.0, maximum=20.0)
        transfer.estimated()
        via[to] = points
    return via, hanger
