"""The window's status bar: what the camera looks at, the plant's live figures, passing lines.

The standing line ("View: Body shop", :class:`~viewer.ui.window.view_status.ViewStatus`) comes back
whenever another message ends; the figures (:class:`~viewer.ui.window.status_figures.StatusFigures`)
follow the state's time and language.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QStatusBar

from viewer.model.motion.simulation import PlantState
from viewer.model.viewer_state import ViewerState
from viewer.ui.strings import tr, view_name
from viewer.ui.window.status_figures import StatusFigures
from viewer.ui.window.view_status import ViewStatus


class WindowStatus:
    """The status bar ``bar`` of one window showing ``state``; ``plant_state()`` is the plant's
    state shown, whose figures are shown for a plant of ``robots`` robots."""

    def __init__(
        self,
        state: ViewerState,
        bar: QStatusBar,
        robots: int,
        plant_state: Callable[[], PlantState],
    ) -> None:
        self.state, self.bar = state, bar
        self._plant_state = plant_state
        self.view = ViewStatus(bar)  # "View: ..." when no other message is
        self.figures = StatusFigures(bar, robots)
        state.events.time.connect(self.show_figures)

    def show_view(self, text: str) -> None:
        """Show what the camera looks at ("View: Body shop"); it comes back whenever another
        message ends (a menu's tip, a dialog, "Picture saved")."""
        self.view.show(text)

    def show_preset(self, name: str) -> None:
        """The standing line for preset view ``name``, in the state's language."""
        lang = self.state.lang
        self.show_view(tr("status_view", lang, view=view_name(name, lang)))

    def show_figures(self) -> None:
        """The figures of the plant's state shown, in the state's language."""
        self.figures.show(self._plant_state(), self.state.lang)

    def retranslate(self, lang: str) -> None:
        """The view's line (for the state's preset view) and the figures in ``lang``."""
        self.show_view(tr("status_view", lang, view=view_name(self.state.view, lang)))
        self.figures.show(self._plant_state(), lang)
