"""The tour dock: playback, a scrub slider, stops, the narration and the time against the plan."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSlider,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from viewer.model.playback import SPEEDS
from viewer.model.tour.shuttle import ShuttleState, TourMotion
from viewer.model.viewer_state import ViewerState
from viewer.ui.strings import tr
from viewer.ui.window.playback_bar import show_play_state, speed_text

CAMERAS = ("free", "seat", "chase", "overview")


def mmss(seconds: float) -> str:
    """Seconds as m:ss (minutes may exceed 59).

    >>> mmss(909.7)
    '15:09'
    """
    whole = max(int(seconds), 0)
    return f"{whole // 60}:{whole % 60:02d}"


class ScrollingBody(QScrollArea):
    """A scroll area that scrolls only up and down: as narrow as its contents allow, as short
    as a few lines."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """The contents' least width (and the scroll bar's), the scroll area's least height."""
        hint = super().minimumSizeHint()
        body = self.widget()
        if body is None:
            return hint
        width = (
            body.minimumSizeHint().width()
            + self.verticalScrollBar().sizeHint().width()
            + 2 * self.frameWidth()
        )
        return QSize(width, hint.height())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """The contents' own size (and the scroll bar's): where there is room, nothing
        scrolls."""
        body = self.widget()
        if body is None:
            return super().sizeHint()
        hint = body.sizeHint()
        extra = self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(hint.width() + extra, hint.height() + 2 * self.frameWidth())


class TourDock(QDockWidget):
    """Controls of the tour; emits what the user asks for, shows the viewer's state.

    It listens to the state (playing, speed, at the tour's end, camera) and shows it; a widget
    set to what the state already holds asks for nothing, so showing the state needs no
    blocked signals. The shuttle's moves come in through :meth:`show_state`.

    Its contents scroll when the dock is short (a small screen, a large scale factor), so the
    window never needs to be taller than the screen to show the dock.
    """

    seek_requested = Signal(float)  # tour time
    next_requested = Signal()
    previous_requested = Signal()
    play_toggled = Signal(bool)
    speed_chosen = Signal(float)
    camera_chosen = Signal(str)

    def __init__(self, tour: TourMotion, state: ViewerState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tour")
        self.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.state = state
        scroll = ScrollingBody(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        self.route_label = QLabel(body)
        self.route_label.setWordWrap(True)
        layout.addWidget(self.route_label)
        controls = QHBoxLayout()
        style = self.style()
        self.previous_button = QPushButton(body)
        self.previous_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipBackward))
        self.play_button = QPushButton(body)
        self.play_button.setCheckable(True)
        self.next_button = QPushButton(body)
        self.next_button.setIcon(style.standardIcon(QStyle.StandardPixmap.SP_MediaSkipForward))
        self.speed_box = QComboBox(body)
        for speed in SPEEDS:
            self.speed_box.addItem(speed_text(speed), speed)
        self.speed_box.setCurrentIndex(SPEEDS.index(1.0))
        for widget in (self.previous_button, self.play_button, self.next_button, self.speed_box):
            widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            controls.addWidget(widget)
        layout.addLayout(controls)
        self.slider = QSlider(Qt.Orientation.Horizontal, body)
        self.slider.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout.addWidget(self.slider)
        self.clock_label = QLabel(body)
        self.drive_label = QLabel(body)
        self.drive_label.setWordWrap(True)
        layout.addWidget(self.clock_label)
        layout.addWidget(self.drive_label)
        camera_row = QHBoxLayout()
        self.camera_label = QLabel(body)
        self.camera_box = QComboBox(body)
        self.camera_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        for name in CAMERAS:
            self.camera_box.addItem("", name)
        camera_row.addWidget(self.camera_label)
        camera_row.addWidget(self.camera_box, 1)
        layout.addLayout(camera_row)
        self.stops_label = QLabel(body)
        layout.addWidget(self.stops_label)
        self.stop_list = QListWidget(body)
        self.stop_list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.stop_list.setWordWrap(True)  # long names wrap at large text sizes, never cut off
        self.stop_list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        layout.addWidget(self.stop_list, 1)
        self.stop_title = QLabel(body)
        self.stop_title.setStyleSheet("font-weight: bold")
        self.narration = QLabel(body)
        self.narration.setWordWrap(True)
        self.narration.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.narration.setMinimumHeight(120)
        layout.addWidget(self.stop_title)
        layout.addWidget(self.narration, 1)
        scroll.setWidget(body)
        self.setWidget(scroll)

        self.slider.valueChanged.connect(self._on_slider)
        self.play_button.toggled.connect(self._on_play)
        self.previous_button.clicked.connect(self.previous_requested)
        self.next_button.clicked.connect(self.next_requested)
        self.speed_box.currentIndexChanged.connect(self._on_speed)
        self.camera_box.currentIndexChanged.connect(self._on_camera)
        self.stop_list.itemClicked.connect(
            lambda item: self.seek_requested.emit(self.tour.stop_times[self.stop_list.row(item)])
        )
        self.set_tour(tour)
        state.events.playing.connect(self.show_playing)
        state.events.speed.connect(self.show_speed)
        state.events.at_end.connect(self.show_at_end)
        state.events.tour_camera.connect(self.show_camera)

    # -- content ----------------------------------------------------------------------------------
    def set_tour(self, tour: TourMotion) -> None:
        """Show another route."""
        self.tour = tour
        self.slider.setRange(0, int(round(tour.total_time)))  # a clamped value seeks nowhere
        self.retranslate(self.state.lang)

    def retranslate(self, lang: str) -> None:
        """Texts in ``lang``."""
        self.setWindowTitle(tr("tour", lang))
        self.route_label.setText(self.tour.route.name.get(lang))
        self.previous_button.setToolTip(tr("previous_stop", lang))
        self.next_button.setToolTip(tr("next_stop", lang))
        self.camera_label.setText(tr("camera", lang))
        for index, name in enumerate(CAMERAS):
            self.camera_box.setItemText(index, tr(f"camera_{name}", lang))
        self.stops_label.setText(tr("stops", lang))
        self.stop_list.clear()
        for stop, arrive in zip(self.tour.route.stops, self.tour.stop_times, strict=True):
            self.stop_list.addItem(f"{mmss(arrive)}  {stop.name.get(lang)}")
        self._show_play_icon()
        self.show_state(self.tour.at(self.state.tour_time))

    # -- the state shown --------------------------------------------------------------------
    def show_state(self, state: ShuttleState) -> None:
        """Show the tour at ``state`` (slider, clocks, current stop and its narration)."""
        tour, lang = self.tour, self.state.lang
        self.slider.setValue(int(state.time))
        self.clock_label.setText(
            tr("tour_clock", lang, elapsed=mmss(state.time), total=mmss(tour.total_time))
        )
        driven = state.time - sum(
            min(max(state.time - begin, 0.0), end - begin) for begin, end in tour.stop_spans
        )
        self.drive_label.setText(
            tr(
                "tour_drive",
                lang,
                driven=mmss(driven),
                drive=mmss(tour.drive_time),
                plan=mmss(tour.route.plan_drive_s),
                left=mmss(tour.total_time - state.time),
            )
        )
        if self.state.at_end:
            title, text, row = tr("tour_end", lang), "", -1
        elif state.stop is not None:
            stop = tour.route.stops[state.stop]
            title, text = stop.name.get(lang), stop.narration.get(lang)
            row = state.stop
        elif state.next_stop is not None:
            title = tr("driving_to", lang, stop=tour.route.stops[state.next_stop].name.get(lang))
            text, row = "", -1
        else:
            title, text, row = tr("tour_over", lang), "", -1
        if self.stop_title.text() != title:
            self.stop_title.setText(title)
        if self.narration.text() != text:
            self.narration.setText(text)
        if self.stop_list.currentRow() != row:
            self.stop_list.setCurrentRow(row)

    def show_playing(self, playing: bool) -> None:
        """Show whether the clock runs (asks for nothing: the state holds it already)."""
        self.play_button.setChecked(playing)
        self._show_play_icon()

    def show_at_end(self, _at_end: bool) -> None:
        """Show that the tour has played to its end (the title says so, Play plays it again)."""
        self._show_play_icon()
        self.show_state(self.tour.at(self.state.tour_time))

    def show_speed(self, speed: float) -> None:
        """Show the clock's speed (asks for nothing: the state holds it already)."""
        self.speed_box.setCurrentIndex(SPEEDS.index(speed))

    def show_camera(self, name: str) -> None:
        """Show the camera mode (asks for nothing: the state holds it already)."""
        self.camera_box.setCurrentIndex(CAMERAS.index(name))

    # -- helpers ----------------------------------------------------------------------------------
    def _show_play_icon(self) -> None:
        show_play_state(
            self.play_button,
            self.play_button.isChecked(),
            self.state.lang,
            self.style(),
            self.state.at_end,
        )

    # -- what the user asks for: only what differs from the state ---------------------------------
    def _on_slider(self, value: int) -> None:
        if value != int(min(self.state.tour_time, self.tour.total_time)):
            self.seek_requested.emit(float(value))

    def _on_play(self, playing: bool) -> None:
        if playing != self.state.playing:
            self.play_toggled.emit(playing)

    def _on_speed(self, index: int) -> None:
        if SPEEDS[index] != self.state.speed:
            self.speed_chosen.emit(float(SPEEDS[index]))

    def _on_camera(self, index: int) -> None:
        if CAMERAS[index] != self.state.tour_camera:
            self.camera_chosen.emit(CAMERAS[index])
