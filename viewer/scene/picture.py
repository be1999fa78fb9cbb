"""A still picture of what the viewer shows: :func:`render_image` draws a
:class:`~viewer.model.viewer_state.ViewerState` (File > Save picture).

It draws with the snapshot renderer (:func:`viewer.scene.snapshot.render_image`), at the state's
moment, camera, tour time, language, text size and quality, the shuttle hidden in the seat view.
That renderer is the thin path from a viewer state to pixels: it owns the model of the moment
(the plant's :class:`~viewer.model.motion.plant_run.PlantRun`, the route's
:class:`~viewer.model.tour.shuttle.TourMotion`), has it compute the plant's and the shuttle's
states once
and hands them to the scenes, which only draw them, as the window's clock does for the window.
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
