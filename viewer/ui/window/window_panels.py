"""The window's panels beside the 3D view: the tour's docks, the card of the thing picked, and
Explain the plant.

They are made from the viewer's state and the window's links
(:class:`~viewer.ui.window.window_links.WindowLinks`), never from the window itself: each panel
places its docks on the links' parent, draws into the links' view and asks for frames through
them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from viewer.model.tour.route import Route
from viewer.model.viewer_state import ViewerState
from viewer.ui.classroom.click_to_learn import ClickToLearn
from viewer.ui.classroom.learning_panel import LearningPanel
from viewer.ui.tour.tour_controller import TourController
from viewer.ui.window.window_links import WindowLinks


@dataclass(frozen=True)
class WindowPanels:
    """The tour (its docks, the shuttle in the scene), click-to-learn (the picked thing's card
    and highlight) and Explain the plant's panel of one window."""

    tour: TourController
    learn: ClickToLearn
    learning: LearningPanel

    def retranslate(self, lang: str) -> None:
        """Their texts in ``lang``: the tour's, the card's, then Explain the plant's."""
        self.tour.retranslate(lang)
        self.learn.card.retranslate(lang)
        self.learning.retranslate(lang)


def window_panels(
    state: ViewerState, links: WindowLinks, route: Route, go_to_view: Callable[[str], None]
) -> WindowPanels:
    """The panels of the window that ``links`` reach, showing ``state`` and touring ``route``;
    ``go_to_view(name)`` flies the camera to a preset view (Explain the plant's steps)."""
    tour = TourController(state, links, route)
    learn = ClickToLearn(
        state, links.plotter, links.plant_scene, links.plant_run, links.request_render, links.parent
    )
    learning = LearningPanel(
        state, lambda: links.plant_run().parts, go_to_view, links.set_mode, links.parent
    )
    return WindowPanels(tour, learn, learning)
