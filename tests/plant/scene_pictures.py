"""Pictures of a plant scene with some of its shapes left out, shared by the plant tests that
find what a shape draws by drawing the same moment without it."""

from __future__ import annotations

import numpy as np

from viewer.scene.snapshot import OffscreenRenderer


def picture_without(renderer: OffscreenRenderer, hide: tuple[str, ...]) -> np.ndarray:
    """The picture just drawn, again with the instanced shapes ``hide`` left out."""
    actors = [a for name in hide for a in renderer.scene.instanced[name].actors]
    shown = [a.GetVisibility() for a in actors]
    for actor in actors:
        actor.SetVisibility(False)
    renderer.plotter.render()
    image = np.asarray(renderer.plotter.screenshot(return_img=True))
    for actor, visible in zip(actors, shown, strict=True):
        actor.SetVisibility(visible)
    return image
