"""A still picture of what the viewer shows: :func:`render_image` draws a
:class:`~viewer.model.viewer_state.ViewerState` (File > Save picture).

It draws with the snapshot renderer (:func:`viewer.scene.snapshot.render_image`), at the state's
moment, camera, tour time, language, text size and quality, the shuttle hidden in the seat view.
"""

from __future__ import annotations

import numpy as np

from viewer.model.viewer_state import ViewerState
from viewer.scene import snapshot


def render_image(state: ViewerState, size: tuple[int, int]) -> np.ndarray:
    """``state`` drawn off-screen at ``size`` (width, height); an (H, W, 3) uint8 array.

    The camera is the state's ``pose`` (None: its preset ``view``)."""
    return snapshot.render_image(
        state.plant,
        view=state.view,
        size=size,
        lang=state.lang,
        time=state.time,
        route=state.route,
        pose=state.pose,
        tour_time=state.tour_time,
        quality=state.quality,
        text_scale=state.text_scale,
        shuttle=state.tour_camera != "seat",
    )
