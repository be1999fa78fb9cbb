"""The main window: the 3D view of the plant in motion, playback controls, views, language.

The window's :class:`~viewer.model.viewer_state.ViewerState` (:attr:`MainWindow.state`) holds
what it shows; the parts of the window listen to it. One
:class:`~viewer.ui.window.frame_loop.FrameLoop` timer animates the window: each tick reads the
playback clock and writes the time into the state (the scene, the tour, the status bar and the
picked thing's card follow), steps any camera flight and renders once. Nothing else renders on
a timer; when the clock is paused and the camera still, the timer stops.

The first window is 1280x800 where the screen's free area allows, else as large as that area
(at any ``QT_SCALE_FACTOR``), centred on it. When the tour has played to its end the clock
stops and Play plays the tour again from its start.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from viewer.model.motion.plant_run import PlantRun
from viewer.model.motion.simulation import PlantState
from viewer.model.plant.layout import Plant
from viewer.model.tour.route import Route, load_route
from viewer.model.viewer_state import ViewerState
from viewer.scene.plant.plant_scene import PlantScene
from viewer.ui.qt_translations import use_qt_language
from viewer.ui.settings import remembered_language, remembered_quality, remembered_text_scale
from viewer.ui.window.actions import resolve
from viewer.ui.window.camera_animator import CameraAnimator
from viewer.ui.window.clock import Clock
from viewer.ui.window.first_frame import FirstFrame
from viewer.ui.window.mode import ModeSlot
from viewer.ui.window.plant_change import PlantChange
from viewer.ui.window.plant_view import PlantView
from viewer.ui.window.playback_bar import add_playback_bar
from viewer.ui.window.problems import show_problem
from viewer.ui.window.render_quality import RenderQuality
from viewer.ui.window.transport import Transport
from viewer.ui.window.window_links import window_links
from viewer.ui.window.window_menus import WindowMenus
from viewer.ui.window.window_panels import window_panels
from viewer.ui.window.window_size import fit_to_screen
from viewer.ui.window.window_status import WindowStatus
from viewer.ui.window.window_texts import WindowTexts


class MainWindow(QMainWindow):
    """The application window around a VTK view of the plant."""

    first_frame = Signal()

    def __init__(
        self,
        plant: Plant,
        lang: str | None = None,
        parent: QWidget | None = None,
        play: bool = True,
        route: Route | None = None,
        rehearse: bool = False,
        quality: str | None = None,
    ) -> None:
        super().__init__(parent)
        lang = lang if lang is not None else remembered_language()  # None: as last time
        route = route if route is not None else load_route()
        self.state = ViewerState(plant, route, lang=lang, text_scale=remembered_text_scale())
        self.error_dialog: QMessageBox | None = None
        self.modes = ModeSlot(self.state, lambda picks: setattr(self.learn, "picking", picks))
        self.set_mode = self.modes.set_mode  # attach a mode (a kiosk, a rehearsal, ...)
        fit_to_screen(self)
        use_qt_language(lang)  # Qt's own texts (dialog buttons) in the window's language
        run = PlantRun(plant)  # the plant's model: the clock drives it, the scene draws its states
        self.view = PlantView(self.state, self, run)  # the 3D view and the plant's scene in it
        self.plotter = self.view.plotter
        self.quality = RenderQuality(
            self.state,
            self.view,
            lambda: (self.texts.scale_labels(), self.request_render()),  # the render scale
            self.statusBar().showMessage,
            lambda text: self.figures.show_rate(text),
            quality if quality is not None else remembered_quality(),
            quality is None,
        )
        self.state.time = run.state.time
        self.clock = Clock(
            self.state,
            run,  # the clock computes each time's state and has the scene draw it, first
            self.view,
            lambda now: self.animator.step(now),
            lambda now: self.tour.camera_pose(now),
            lambda: self.animator.running or self.tour.blending,
            lambda: self.tour.ended,
            lambda: self.set_playing(False),
            lambda: (self.quality.frame_started(time.monotonic()), self.plotter.update()),
            self,
        )
        self.playback, self.frame_loop = self.clock.playback, self.clock.frame_loop
        self.transport = Transport(
            self.state, self.clock, lambda: self.tour.ended, lambda: self.tour.restart()
        )
        go = self.transport  # its functions are the window's too
        self.play, self.pause, self.seek, self.set_speed = go.play, go.pause, go.seek, go.set_speed
        self.set_playing, self.clock_time = go.set_playing, go.clock_time
        self.plotter.frameSwapped.connect(self.quality.frame_shown)
        self.plotter.frameSwapped.connect(self.clock.frame_shown)
        self.animator = CameraAnimator(
            lambda: self.scene.camera_pose(), on_start=self.frame_loop.wake
        )
        self.playback_bar = add_playback_bar(self, self.state, self.transport)
        self.status = WindowStatus(
            self.state, self.statusBar(), len(run.parts.robots), lambda: self.plant_state
        )
        self.figures = self.status.figures
        self.links = window_links(  # what the tour and the modes may ask of this window
            self,
            self.view,
            self.clock,
            self.transport,
            self.status,
            lambda: self.animator.stop(),
            self.modes,
            # looked up when called, as the window's own callers do (a test or a mode may
            # replace how the window reports)
            lambda *problem: self.report_problem(*problem),
        )
        self.panels = window_panels(self.state, self.links, route, self.go_to_view)
        self.tour, self.learn = self.panels.tour, self.panels.learn
        self.learning = self.panels.learning
        self.texts = WindowTexts(
            self.state,
            self,
            self.view,
            self.request_render,
            [
                lambda lang: self.actions.retranslate(lang),
                self.quality.retranslate,
                self.status.retranslate,
                self.playback_bar.retranslate,
                self.panels.retranslate,
            ],
        )
        self.plant_change = PlantChange(  # first and last to hear of another plant
            self.state, self.view, self.clock, self.quality, self.figures, self.animator, self.texts
        )
        m = WindowMenus(
            self.state,
            self,
            lambda path: resolve(self, path),
            self.tell,
            self.view,
            self.quality,
            self.tour,
        )
        self.files, self.help, self.video, self.actions = m.files, m.help, m.video, m.actions
        self.export_video, self.open_plant = self.video.export_video, self.files.open_plant
        self.texts.retranslate()
        self.first = FirstFrame(
            self, self.plotter, self.quality, self._first_pose, self.first_frame.emit
        )
        if rehearse:
            self.actions["rehearsal"].setChecked(True)  # starts paused, waiting for the guide
        elif play:
            QTimer.singleShot(0, self.play)

    # -- the state ------------------------------------------------------------------------------
    @property
    def plant(self) -> Plant:
        """The plant shown."""
        return self.state.plant

    @property
    def lang(self) -> str:
        """The language of the texts: 'en' or 'zh'."""
        return self.state.lang

    @property
    def current_view(self) -> str:
        """The preset view last chosen."""
        return self.state.view

    @property
    def scene(self) -> PlantScene:
        """The plant's scene drawn in the view (another plant: another scene)."""
        return self.view.scene

    @property
    def renderer_name(self) -> str:
        """The GL renderer's name, read at the first frame ('' before it)."""
        return self.first.renderer_name

    @property
    def plant_state(self) -> PlantState:
        """The plant's state shown (the model's, from the clock's run)."""
        return self.clock.run.state

    @property
    def sim_time(self) -> float:
        """The simulation time shown."""
        return self.plant_state.time

    # -- actions ----------------------------------------------------------------------------------
    def go_to_view(self, name: str) -> None:
        """Fly the camera smoothly to preset view ``name`` (leaving any tour camera)."""
        self.tour.set_camera("free")
        self.state.view = name
        # framed for the view's size when the flight lands (a dock opening with it narrows it)
        self.animator.fly_to(lambda: self.scene.view_pose(name))
        self.status.show_preset(name)

    def set_language(self, lang: str) -> None:
        """Switch labels, menus and texts to ``lang`` ('en' or 'zh'), live."""
        self.state.lang = lang

    def tell(self, title: str, message: str) -> None:
        """Tell the user of a problem (see :meth:`report_problem`)."""
        self.error_dialog = self.report_problem(title, message)

    def report_problem(
        self, title: str, message: str, icon: QMessageBox.Icon = QMessageBox.Icon.Critical
    ) -> QMessageBox | None:
        """Every problem the user is told of goes through here: a window-modal dialog (the
        application keeps running), or in a kiosk a line in its log and no dialog (None)."""
        return show_problem(self.modes.mode, self, title, message, icon)

    # -- rendering --------------------------------------------------------------------------------
    def request_render(self) -> None:
        """Have the view repaint (one VTK render, at the next paint; requests coalesce).

        The widget's paint renders the scene; calling the plotter's ``render()`` as well would
        render every frame twice.
        """
        self.clock.request_render()

    def _first_pose(self) -> None:
        if self.tour.camera == "free" and not self.animator.running:
            self.scene.show_view(self.current_view)

    def closeEvent(self, event: object) -> None:  # noqa: N802 - Qt's name
        """Close the VTK widget with the window (avoids teardown crashes); unsaved notes are
        offered for saving first. A kiosk closes only through its exit chord."""
        if not (self.modes.mode.allow_close() and self.tour.rehearsal.confirm_discard()):
            event.ignore()  # type: ignore[attr-defined]
            return
        self.clock.stop()
        self.quality.rate_timer.stop()
        self.animator.stop()
        use_qt_language("en")  # Qt's texts as they were before the window
        self.view.close()
        super().closeEvent(event)  # type: ignore[arg-type]
