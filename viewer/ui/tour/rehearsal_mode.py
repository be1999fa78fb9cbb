"""Rehearsal mode: the guide paces the tour, a stopwatch runs against the plan, notes are kept.

While the mode is on, tour time is no longer simply the window's clock minus the tour's start:
the :class:`~viewer.model.tour.rehearsal.Rehearsal` maps rehearsal time (the window's clock since
the
rehearsal began) onto the timetable, holding the shuttle at a stop until the guide presses Next
when the guide paces the stops. The plant keeps running meanwhile.

The mode takes what it uses of the window's tour as a :class:`RehearsedTour` (the
:class:`~viewer.ui.tour.tour_controller.TourController`, which makes the mode, is one) and the
window's :class:`~viewer.ui.window.window_links.WindowLinks`: it names neither's module type.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QObject, Qt, SignalInstance
from PySide6.QtWidgets import QMessageBox

from viewer.model.errors import DataFileError
from viewer.model.tour.rehearsal import Rehearsal
from viewer.model.tour.shuttle import ShuttleState
from viewer.model.tour.stop_figures import StopFigures, stop_figures
from viewer.model.tour.tour_camera import TURN_S
from viewer.ui.settings import remember, remembered_flag
from viewer.ui.strings import tr
from viewer.ui.tour.rehearsal_panel import RehearsalPanel
from viewer.ui.tour.route_saving import save_route_notes
from viewer.ui.window.mode import PLAIN, Mode

if TYPE_CHECKING:
    from viewer.model.tour.route import Route
    from viewer.model.tour.shuttle import TourMotion
    from viewer.model.viewer_state import ViewerState
    from viewer.ui.window.window_links import WindowLinks

LEAVING_S = 0.1  # Next on a stopped clock: the shuttle shown this long after it left the stop


class RehearsedTour(Protocol):
    """What the rehearsal uses of the window's tour."""

    state: ViewerState
    shuttle_moved: SignalInstance  # each frame, the ShuttleState shown
    motion: TourMotion  # the shuttle's timetable
    shuttle: ShuttleState  # the shuttle as shown

    @property
    def start(self) -> float:
        """The simulation time at which the tour starts."""

    @property
    def time(self) -> float:
        """The tour time shown."""

    def set_camera(self, mode: str) -> None:
        """Follow the shuttle from 'seat', 'chase' or 'overview', or leave it ('free')."""

    def next_stop(self) -> None:
        """What Next does."""

    def set_route_texts(self, route: Route) -> None:
        """The same route with new texts (the guide's notes were saved)."""


class RehearsalMode(QObject, Mode):
    """The rehearsal of one window's tour (see the module docstring); attached to the window
    as its mode while on (:meth:`start` to :meth:`stop`)."""

    name = "rehearsal"
    ends = False  # paced by the guide: the summary ends it

    def __init__(self, tour: RehearsedTour, links: WindowLinks) -> None:
        super().__init__(links.parent)
        self.tour = tour
        self.state = tour.state
        self.links = links
        self.panel = RehearsalPanel(links.parent)
        links.add_docks([self.panel], Qt.DockWidgetArea.LeftDockWidgetArea, 420)
        self.panel.hide()
        self.panel.setAllowedAreas(
            Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.error_dialog: QMessageBox | None = None
        paced = remembered_flag("guide_paced", True)  # the guide's pacing, last time too
        self.model = self._new_model(guide_paced=paced)
        self.panel.paced_box.setChecked(paced)
        self.panel.set_route(tour.motion.route)
        self._figures: dict[int, StopFigures] = {}
        self._shown: tuple | None = None
        self.panel.next_requested.connect(tour.next_stop)
        self.panel.guide_paced_changed.connect(self.set_guide_paced)
        self.panel.save_requested.connect(self.save_notes)
        self.state.events.playing.connect(self._on_playing)

    @property
    def active(self) -> bool:
        """Whether the window is rehearsing."""
        return self.links.mode() is self

    def attached(self) -> None:
        """Follow the shuttle with the panel."""
        self.tour.shuttle_moved.connect(self._moved)

    def detached(self) -> None:
        """The panel no longer follows."""
        self.tour.shuttle_moved.disconnect(self._moved)

    def _moved(self, _shuttle: ShuttleState) -> None:
        self.show_time(self.state.time)

    def _on_playing(self, playing: bool) -> None:
        if playing and self.active:
            self.links.clear_message()  # "press Space to start" is done

    def _new_model(self, guide_paced: bool) -> Rehearsal:
        motion = self.tour.motion
        return Rehearsal(
            motion.stop_spans, motion.total_time, guide_paced=guide_paced, turn_s=TURN_S
        )

    # -- on and off -------------------------------------------------------------------------------
    def start(self) -> None:
        """Rehearse from the tour's start: the guide's panel, the seat camera, the clock paused."""
        self.links.set_mode(self)
        self.model = self._new_model(self.panel.paced_box.isChecked())
        self.panel.show()
        self.panel.show_prompter()
        self.links.play(False)
        self.state.speed = 1.0
        self.tour.set_camera("seat")
        self.links.seek(self.tour.start)
        self.links.show_message(tr("press_space", self.state.lang))

    def switch(self, on: bool) -> None:
        """View > Rehearsal checked (start) or unchecked (stop)."""
        if on:
            self.start()
        else:
            self.stop()

    def stop(self) -> None:
        """Back to the timetable, the shuttle where it is."""
        if not self.active:
            return
        t = self.tour.time
        self.links.set_mode(PLAIN)
        self.panel.hide()
        self.links.seek(self.tour.start + t)

    def set_tour(self) -> None:
        """Another route was opened: rehearse it from its start."""
        self.model = self._new_model(self.model.guide_paced)
        self.panel.set_route(self.tour.motion.route)
        self._figures.clear()
        self._shown = None

    # -- time -------------------------------------------------------------------------------------
    def rehearsal_time(self, sim_time: float) -> float:
        """Rehearsal time at a simulation time."""
        return max(sim_time - self.tour.start, 0.0)

    def tour_time(self, start: float, sim_time: float, total: float) -> float:
        """Where on the timetable the shuttle is at simulation time ``sim_time``."""
        return self.model.tour_time(max(sim_time - start, 0.0))

    def sim_time(self, start: float, tour_time: float) -> float:
        """The simulation time that shows ``tour_time`` (stops from there on to rehearse again)."""
        r = self.model.seek(tour_time, self.rehearsal_time(self.links.clock_time()))
        return start + r

    def next_stop(self) -> bool:
        """Next: the shuttle leaves the stop the guide has talked at (see :meth:`release`);
        False when Next is to take it on to the next stop's arrival instead."""
        if not self.release():
            return False
        self.links.seek(self.links.clock_time())
        return True

    def release(self) -> bool:
        """Next at a stop the guide has talked at: the shuttle leaves it; False when Next is to
        take it on to the next stop's arrival instead (see
        :meth:`~viewer.model.tour.rehearsal.Rehearsal.next_pressed`).

        While the clock runs the seat view turns back to the road, then the shuttle drives; on
        a stopped clock it is on its way at once, so that Next is always seen to move on.
        """
        departure = self.model.next_pressed(self.rehearsal_time(self.links.clock_time()))
        if departure is None:
            return False
        if not self.links.clock_running():
            self.links.seek(self.tour.start + departure + LEAVING_S)
        return True

    def restart(self) -> bool:
        """Home: forget the times and start again."""
        self.model.restart()
        self.panel.show_prompter()
        self.links.seek(self.tour.start)
        return True

    def set_guide_paced(self, guide_paced: bool) -> None:
        """Whether a stop waits for Next (True) or ends with its dwell."""
        if guide_paced != self.panel.paced_box.isChecked():
            self.panel.paced_box.setChecked(guide_paced)  # emits back here
            return
        self.model.set_guide_paced(guide_paced, self.rehearsal_time(self.links.clock_time()))
        remember("guide_paced", guide_paced)
        self.links.seek(self.links.clock_time())

    # -- the panel --------------------------------------------------------------------------------
    def show_time(self, sim_time: float) -> None:
        """Update the panel for simulation time ``sim_time``."""
        if not self.active:
            return
        r = self.rehearsal_time(sim_time)
        watch = self.model.stopwatch(r)
        self.panel.show_watch(watch)
        state = self.tour.shuttle
        at_stop = state.stop is not None
        stop = state.stop if at_stop else state.next_stop
        waiting = (
            at_stop
            and self.model.guide_paced
            and watch.stop_elapsed >= watch.stop_planned
            and self.model.actual[state.stop] is None
        )
        if watch.finished:
            if self.panel.pages.currentIndex() == 0:
                self.panel.show_summary(self.model.summary(r), watch)
                self._shown = None
            return
        if self.panel.pages.currentIndex() == 1:
            self.panel.show_prompter()
        key = (stop, at_stop, waiting, self.state.lang, self.tour.motion)
        if key != self._shown:
            self._shown = key
            self.panel.show_stop(stop, at_stop, self._figures_of(stop), waiting)

    def _figures_of(self, stop: int | None) -> StopFigures | None:
        if stop is None:
            return None
        if stop not in self._figures:
            route = self.tour.motion.route
            self._figures[stop] = stop_figures(
                route.stops[stop], self.state.plant, self.links.plant_run().parts
            )
        return self._figures[stop]

    def retranslate(self, lang: str) -> None:
        """Texts in ``lang``."""
        self.panel.retranslate(lang)
        self._shown = None
        if self.active:
            self.show_time(self.links.plant_run().state.time)

    # -- notes ------------------------------------------------------------------------------------
    def save_notes(self) -> bool:
        """Write the notes edited into the route file; on failure say why and keep them."""
        pending = self.panel.pending_notes()
        if not pending:
            return True
        route = self.tour.motion.route
        try:
            saved = save_route_notes(route, pending)
        except (OSError, DataFileError) as exc:
            self._show_error(str(route.source), str(exc))
            return False
        self.tour.set_route_texts(saved)
        self.panel.notes_saved(saved)
        return True

    def _show_error(self, file: str, why: str) -> None:
        lang = self.state.lang
        self.error_dialog = self.links.report_problem(
            tr("notes_error_title", lang), tr("notes_error", lang, file=file, why=why)
        )

    def confirm_discard(self) -> bool:
        """Before the notes could be lost: ask to save them; False if the guide cancels."""
        if not self.panel.drafts:
            return True
        buttons = (
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel
        )
        answer = QMessageBox.question(
            self.links.parent,
            "factory-tour",
            tr("unsaved_question", self.state.lang),
            buttons,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.save_notes()
        return answer == QMessageBox.StandardButton.Discard
