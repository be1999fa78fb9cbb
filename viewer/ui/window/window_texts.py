"""The window's texts follow the state: its language and its text size, both remembered.

When the state's language changes, Qt's own texts (dialog buttons), the 3D labels and every
menu, panel and line of the window change with it; when its text size changes, the 3D labels
and every dock. Each part that has texts is handed in as the function that retranslates it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QWidget

from viewer.model.viewer_state import ViewerState
from viewer.ui.qt_translations import use_qt_language
from viewer.ui.settings import remember, remember_language
from viewer.ui.strings import tr
from viewer.ui.text_scale import scale_panels
from viewer.ui.window.plant_view import PlantView


class WindowTexts:
    """Keeps ``window``'s texts in ``state``'s language and size (see the module docstring).

    ``view``: the 3D view (its plant's scene now; how much smaller than the widget it is
    drawn); ``render()``: have the view repaint; ``parts``: each part's
    ``retranslate(lang)``, in order.
    """

    def __init__(
        self,
        state: ViewerState,
        window: QWidget,
        view: PlantView,
        render: Callable[[], None],
        parts: Sequence[Callable[[str], None]],
    ) -> None:
        self.state = state
        self.widget = window  # the top-level widget: its title, its docks' texts (Qt's calls)
        self.view, self._render = view, render
        self.parts = list(parts)
        state.events.lang.connect(self._show_language)
        state.events.text_scale.connect(self._show_text_scale)
        scale_panels(window, state.text_scale)

    def retranslate(self) -> None:
        """The window's title and every part in the state's language."""
        lang = self.state.lang
        self.widget.setWindowTitle(tr("title", lang))
        for part in self.parts:
            part(lang)

    def scale_labels(self) -> None:
        """Size the 3D labels for the text size and the view's render scale (a view drawn
        smaller and scaled up would enlarge them)."""
        self.view.scene.labels.set_scale(self.state.text_scale * self.view.plotter.render_scale)

    def _show_language(self, lang: str) -> None:
        use_qt_language(lang)
        self.view.scene.set_language(lang)
        remember_language(lang)
        self.retranslate()
        self._render()

    def _show_text_scale(self, scale: float) -> None:
        self.scale_labels()
        scale_panels(self.widget, scale)
        remember("text_scale", scale)
        self._render()
