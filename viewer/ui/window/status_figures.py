"""Live figures in the status bar: simulation time, cars completed, takt, robots in motion,
and (View > Show frame rate) the frames drawn a second."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar

from viewer.model.motion.simulation import PlantState
from viewer.model.playback import format_clock
from viewer.ui.strings import tr


class StatusFigures:
    """Four labels kept at the right of a status bar, and a frame-rate label after them
    (hidden until View > Show frame rate)."""

    def __init__(self, bar: QStatusBar, robots: int) -> None:
        self.robots = robots
        self.labels = {name: QLabel(bar) for name in ("time", "cars", "takt", "robots")}
        for label in self.labels.values():
            label.setMinimumWidth(60)
            bar.addPermanentWidget(label)
        self.rate_label = QLabel(bar)
        self.rate_label.setObjectName("frame_rate")
        bar.addPermanentWidget(self.rate_label)
        self.rate_label.hide()

    def show_rate(self, text: str | None) -> None:
        """Show the frame-rate readout ``text``; None hides it."""
        if text is None:
            self.rate_label.hide()
            return
        if self.rate_label.text() != text:
            self.rate_label.setText(text)
        self.rate_label.show()

    def show(self, state: PlantState, lang: str) -> None:
        """Show the figures of ``state`` in ``lang``."""
        texts = {
            "time": tr("status_time", lang, time=format_clock(state.time)),
            "cars": tr("status_cars", lang, count=state.finished_cars),
            "takt": (
                tr("status_takt", lang, seconds=f"{state.takt:g}")
                if state.takt is not None
                else tr("status_filling", lang, percent=int(state.fill_fraction * 100))
            ),
            "robots": tr("status_robots", lang, count=state.robots_in_motion, total=self.robots),
        }
        for name, text in texts.items():
            if self.labels[name].text() != text:
                self.labels[name].setText(text)

    def text(self, name: str) -> str:
        """The text of figure ``name`` ('time', 'cars', 'takt' or 'robots')."""
        return self.labels[name].text()
