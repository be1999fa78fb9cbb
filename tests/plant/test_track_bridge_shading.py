"""From the seat at the test-track stop the glass bridge reads as white-painted steel in daylight,
not as a shadeless paper cut-out: its faces are shaded (the deck's fascia towards the seat, its
underside and a stair tower's face differ, the underside darkest), and all of them stay light
on Low (diffuse-only lighting, no headlight) and on Medium.

A blind review read the old bridge (its frame, deck, roof and towers drawn unlit, every face
the same flat white) as paper.
"""

from __future__ import annotations

import numpy as np
import pytest
from world_pixels import colors_at

from viewer.model.geometry import heading_frame
from viewer.model.plant.track_bridge import TOWER_BASE, TOWER_SIDE, tower_centres
from viewer.model.tour.route import load_route
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (960, 540)


def _faces(bridge, eye: np.ndarray) -> dict[str, np.ndarray]:
    """Points on three white faces of the bridge seen from ``eye``: the deck's side facing it,
    the deck's underside and the low part of a stair tower's face towards it."""
    along, normal, _ = heading_frame(bridge.heading_deg, dim=3)
    middle = np.array([*bridge.at, 0.0])
    side = 1.0 if float(np.dot(eye - middle, normal)) > 0 else -1.0
    u = np.linspace(-0.35, 0.35, 15) * bridge.span
    fascia = [
        middle + along * a + normal * side * (bridge.width / 2 + 0.01) + [0, 0, z]
        for a in u
        for z in bridge.deck_height + np.array([0.3, 0.45, 0.6])
    ]
    under = [
        middle + along * a + normal * v + [0, 0, bridge.deck_height - 0.01]
        for a in u
        for v in np.linspace(-0.3, 0.3, 5) * bridge.width
    ]
    # the tower farther from the eye shows its inner face (towards the span) to the seat
    towers = [np.array([*c, 0.0]) for c in tower_centres(bridge)]
    far = max(towers, key=lambda c: float(np.linalg.norm(c - eye)))
    inward = (middle - far) / np.linalg.norm(middle - far)
    tower = [
        far + inward * (TOWER_SIDE / 2 + 0.01) + normal * v + [0, 0, z]
        for v in np.linspace(-0.35, 0.35, 9) * TOWER_SIDE
        for z in TOWER_BASE + np.array([0.6, 1.2, 1.8])
    ]
    return {"fascia": np.array(fascia), "underside": np.array(under), "tower": np.array(tower)}


@pytest.mark.parametrize("quality", ["low", "medium"])
def test_the_bridge_white_steel_is_shaded_and_stays_light_from_the_seat(plant, quality):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality=quality)
    try:
        image = renderer.render_stop("test-track")
        eye = np.array(renderer.plotter.renderer.GetActiveCamera().GetPosition())
        colours = {
            name: colors_at(renderer, image, points)
            for name, points in _faces(plant.track.bridge, eye).items()
        }
    finally:
        renderer.close()
    means = {}
    for name, found in colours.items():
        assert len(found) >= 20, f"{name}: not in the picture"
        means[name] = np.median(found, axis=0)
    light = {name: float(mean.mean()) for name, mean in means.items()}
    for name, level in light.items():  # light-coloured: not dark or grey-black
        assert level >= 150, (quality, name, means[name])
        assert np.ptp(means[name]) < 25, (quality, name, means[name])  # white: no hue
    # shaded: the faces differ, the deck's underside (no sun on it) the darkest
    assert light["fascia"] - light["underside"] >= 10, (quality, light)
    assert light["tower"] - light["underside"] >= 10, (quality, light)
    assert max(light.values()) - min(light.values()) >= 15, (quality, light)
