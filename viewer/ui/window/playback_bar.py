"""The playback toolbar: play/pause, slower/faster and the speed list (0.25x to 16x).

The bar shows the viewer's state (:meth:`PlaybackBar.watch`: playing, speed, at the tour's end)
and emits what the user asks for; only a user's click or key reaches :attr:`play_toggled` and
:attr:`speed_chosen` (``triggered``/``activated``), so showing the state never echoes back.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QMainWindow,
    QStyle,
    QToolBar,
    QWidget,
)

from viewer.model.playback import SPEEDS
from viewer.model.viewer_state import ViewerState
from viewer.ui.strings import tr
from viewer.ui.window.transport import Transport


def speed_text(speed: float) -> str:
    """A speed as shown in the list: '0.25×', '1×', '16×'."""
    return f"{speed:g}×"


def show_play_state(
    control: QAction | QAbstractButton,
    playing: bool,
    lang: str,
    style: QStyle,
    at_end: bool = False,
) -> None:
    """Give a play/pause action or button the icon and text of what clicking it does: Pause
    while playing, Play when paused, Play again when paused at the tour's end."""
    icon = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
    control.setIcon(style.standardIcon(icon))
    if playing:
        text = tr("pause", lang)
    else:
        text = tr("play_again" if at_end else "play", lang)
    control.setText(text)


class PlaybackBar(QToolBar):
    """Controls of the simulation clock; emits what the user asks for, shows the state."""

    play_toggled = Signal(bool)  # True: play
    speed_chosen = Signal(float)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playback")
        self.setMovable(False)
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.play_action = QAction(self)
        self.play_action.setCheckable(True)
        self.play_action.setShortcut(QKeySequence(Qt.Key.Key_Space))
        self.play_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.play_action.triggered.connect(self._on_triggered)
        self.addAction(self.play_action)
        self.slower_action = QAction(self)
        self.slower_action.setShortcuts([QKeySequence("-"), QKeySequence("[")])
        self.slower_action.triggered.connect(lambda: self._step_speed(-1))
        self.faster_action = QAction(self)
        self.faster_action.setShortcuts([QKeySequence("+"), QKeySequence("="), QKeySequence("]")])
        self.faster_action.triggered.connect(lambda: self._step_speed(+1))
        style = self.style()
        self.slower_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekBackward))
        self.faster_action.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSeekForward))
        self.addAction(self.slower_action)
        self.speed_label = QLabel(self)
        self.addWidget(self.speed_label)
        self.speed_box = QComboBox(self)
        for speed in SPEEDS:
            self.speed_box.addItem(speed_text(speed), speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        self.speed_box.activated.connect(lambda index: self.speed_chosen.emit(float(SPEEDS[index])))
        self.speed_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keep Space for play/pause
        self.addWidget(self.speed_box)
        self.addAction(self.faster_action)
        self.lang = "en"
        self.at_end = False  # the tour has played to its end: Play plays it again
        self.retranslate("en")

    @property
    def speed(self) -> float:
        """The chosen speed."""
        return float(SPEEDS[self.speed_box.currentIndex()])

    def watch(self, state: ViewerState) -> None:
        """Show ``state``'s clock from now on: playing, speed, at the tour's end."""
        state.events.playing.connect(self.show_playing)
        state.events.speed.connect(self.show_speed)
        state.events.at_end.connect(self.set_at_end)
        self.show_playing(state.playing)
        self.show_speed(state.speed)
        self.set_at_end(state.at_end)

    def show_playing(self, playing: bool) -> None:
        """Show whether the clock runs (emits nothing)."""
        self.play_action.setChecked(playing)
        self._show_play_state()

    def set_at_end(self, at_end: bool) -> None:
        """Show whether the tour is at its end (Play then offers to play it again)."""
        if at_end != self.at_end:
            self.at_end = at_end
            self._show_play_state()

    def show_speed(self, speed: float) -> None:
        """Show ``speed`` in the list (emits nothing)."""
        self.speed_box.setCurrentIndex(SPEEDS.index(speed))

    def _step_speed(self, step: int) -> None:
        index = min(max(self.speed_box.currentIndex() + step, 0), len(SPEEDS) - 1)
        self.speed_chosen.emit(float(SPEEDS[index]))

    def _on_triggered(self, playing: bool) -> None:
        self.play_action.setChecked(not playing)  # the state says, once it has changed
        self.play_toggled.emit(playing)

    def _show_play_state(self) -> None:
        show_play_state(
            self.play_action, self.play_action.isChecked(), self.lang, self.style(), self.at_end
        )

    def retranslate(self, lang: str) -> None:
        """Texts in ``lang``."""
        self.lang = lang
        self.setWindowTitle(tr("playback", lang))
        self.slower_action.setText(tr("slower", lang))
        self.faster_action.setText(tr("faster", lang))
        self.speed_label.setText(" " + tr("speed", lang) + " ")
        self._show_play_state()


def add_playback_bar(window: QMainWindow, state: ViewerState, transport: Transport) -> PlaybackBar:
    """A playback bar among ``window``'s tool bars, showing ``state``; what the user asks of it
    (play or pause, a speed) goes to ``transport``."""
    bar = PlaybackBar(window)
    bar.watch(state)
    window.addToolBar(bar)
    bar.play_toggled.connect(transport.set_playing)
    bar.speed_chosen.connect(transport.set_speed)
    return bar
