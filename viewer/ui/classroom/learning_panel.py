"""View > Explain the plant: the learning path, step by step at the teacher's pace.

Each step flies the camera to its workshop's preset view and shows its card (words for a
12-year-old and for an adult, the workshop's figures) in a dock with Previous and Next. The
steps come from :func:`viewer.model.classroom.learning_path.learning_path`. The card scrolls when
its
text does not fit (large text on a projector); Previous, Next and Close stay in one place at
the bottom of the dock, whatever the length of the card, so repeated clicks land on them.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from viewer.model.classroom.learning_path import LearningStep, learning_path
from viewer.model.fields import Text
from viewer.model.plant.parts import PlantParts
from viewer.model.viewer_state import ViewerState
from viewer.ui.classroom.figures_text import figures_text
from viewer.ui.classroom.info_card import CardBody
from viewer.ui.strings import tr
from viewer.ui.text_scale import ScrollingPanel, scale_text
from viewer.ui.window.mode import PLAIN, Mode


class LearningPanel(QDockWidget, Mode):
    """The learning path's dock: which step, its card, and the buttons that step. Open on the
    plain window, it is the window's mode (Explain the plant) until closed; opened during a
    rehearsal, the rehearsal stays the mode.

    ``parts()``: the plant's parts as built; ``fly_to(view)`` flies the camera to a preset view;
    ``set_mode(mode)`` attaches a mode to the window; the dock goes in ``docks``.
    """

    name = "explain"

    def __init__(
        self,
        state: ViewerState,
        parts: Callable[[], PlantParts],
        fly_to: Callable[[str], None],
        set_mode: Callable[[Mode], None],
        docks: QMainWindow,
    ) -> None:
        super().__init__(docks)
        self.setObjectName("learning")
        self.state = state
        self._parts, self._fly_to, self._set_mode = parts, fly_to, set_mode
        self.steps: list[LearningStep] = learning_path(state.plant, parts())
        self.index = 0
        holder = QWidget(self)
        layout = QVBoxLayout(holder)
        self.step_label = QLabel(holder)
        self.step_label.setWordWrap(True)
        self.step_label.setStyleSheet("color: palette(mid)")
        self.body = CardBody()
        self.scroll = ScrollingPanel(self.body, holder)
        buttons = QHBoxLayout()
        self.previous_button = QPushButton(holder)
        self.next_button = QPushButton(holder)
        self.close_button = QPushButton(holder)
        self.previous_button.clicked.connect(self.previous)
        self.next_button.clicked.connect(self.next)
        self.close_button.clicked.connect(self.stop)
        for button in (self.previous_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        layout.addWidget(self.step_label)
        layout.addWidget(self.scroll, 1)
        layout.addLayout(buttons)
        self.setWidget(holder)
        docks.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self)
        docks.resizeDocks([self], [360], Qt.Orientation.Horizontal)
        self.hide()
        state.events.plant.connect(self.rebuild)

    @property
    def step(self) -> LearningStep:
        """The step shown."""
        return self.steps[self.index]

    def rebuild(self) -> None:
        """A new plant: its own steps (the path closes)."""
        self.steps = learning_path(self.state.plant, self._parts())
        self.stop()

    def start(self) -> None:
        """Open the path at its first step."""
        if not self.steps:
            return
        self.show()
        self.raise_()
        if self.state.mode == PLAIN.name:
            self._set_mode(self)
        self.go(0)

    def stop(self) -> None:
        """Close the path (the camera stays where it is)."""
        self.hide()
        if self.state.mode == self.name:
            self._set_mode(PLAIN)

    def next(self) -> None:
        """The next workshop (the last step stays)."""
        self.go(min(self.index + 1, len(self.steps) - 1))

    def previous(self) -> None:
        """The workshop before (the first step stays)."""
        self.go(max(self.index - 1, 0))

    def go(self, index: int) -> None:
        """Show step ``index`` and fly to its workshop."""
        self.index = index
        step = self.step
        if step.view is not None:
            self._fly_to(step.view)
        self._fill()
        self.scroll.verticalScrollBar().setValue(0)  # each card from its title

    def _fill(self) -> None:
        lang = self.body.lang
        step = self.step
        self.step_label.setText(
            tr("learning_step", lang, number=self.index + 1, count=len(self.steps))
        )
        line = Text(figures_text(step.figures, "en"), figures_text(step.figures, "zh"))
        self.body.show_thing(step.explanation, [line])
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < len(self.steps) - 1)

    def set_text_scale(self, scale: float) -> None:
        """Text ``scale`` times its normal size: the card, the step and the buttons."""
        scale_text(self, scale)

    def retranslate(self, lang: str) -> None:
        """Texts in ``lang``."""
        self.setWindowTitle(tr("learning_title", lang))
        self.previous_button.setText(tr("learning_previous", lang))
        self.next_button.setText(tr("learning_next", lang))
        self.close_button.setText(tr("learning_done", lang))
        self.body.retranslate(lang)
        if self.steps:
            self._fill()
