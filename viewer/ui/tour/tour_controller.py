"""The tour in the window: its scene, dock and plan, the following cameras, opening routes.

The controller drives the tour's time, so it owns the tour's model: the route's
:class:`~viewer.model.tour.shuttle.TourMotion` (:attr:`TourController.motion`) and the
:class:`~viewer.model.tour.shuttle.ShuttleState` shown (:attr:`TourController.shuttle`), computed
once
per time and handed to the :class:`~viewer.scene.tour.tour_scene.TourScene`, which only draws it.
The tour runs on the window's one clock: tour time = simulation time - the time the window
started at (the line full), clipped to the tour. Switching camera blends from the camera's
pose to the moving target over :data:`BLEND_S` seconds, so there is never a jump.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QMessageBox

from viewer.model.errors import DataFileError
from viewer.model.plant.views import CameraPose, interpolate_pose
from viewer.model.tour.route import Route, load_route
from viewer.model.tour.route_check import check_route
from viewer.model.tour.shuttle import ShuttleState, TourMotion
from viewer.model.tour.tour_camera import tour_pose
from viewer.scene.tour.tour_scene import TourScene
from viewer.ui.strings import tr
from viewer.ui.tour.minimap import Minimap
from viewer.ui.tour.rehearsal_mode import RehearsalMode
from viewer.ui.tour.tour_dock import TourDock

if TYPE_CHECKING:
    from viewer.model.viewer_state import ViewerState
    from viewer.ui.window.window_links import WindowLinks

BLEND_S = 1.2


class TourController(QObject):
    """Owns the tour's scene and widgets in one main window.

    It takes the window's state and :class:`~viewer.ui.window.window_links.WindowLinks` (no window).
    It follows the state: each new time moves the shuttle (the dock, the plan and any
    mode listen to :attr:`shuttle_moved`), and writes the tour's time and whether it has
    ended back into the state; the dock shows the state's clock and camera.
    """

    shuttle_moved = Signal(object)  # the ShuttleState shown

    def __init__(self, state: ViewerState, links: WindowLinks, route: Route) -> None:
        super().__init__(links.parent)
        self.links = links
        self.state = state
        self.motion = TourMotion(route, state.plant)  # the shuttle's timetable
        self.shuttle: ShuttleState = self.motion.at(0.0)  # the shuttle as shown
        self.scene = TourScene(links.plotter, self.motion, state.plant, self.shuttle)
        self.dock = TourDock(self.motion, state, links.parent)
        self.minimap = Minimap(state.plant, self.motion)
        self.plan_dock = QDockWidget(links.parent)
        self.plan_dock.setObjectName("plan")
        self.plan_dock.setWidget(self.minimap)
        # the view stays big, also in a window made small for a small screen
        width = min(340, max(links.parent.width() // 3, 240))
        links.add_docks([self.dock, self.plan_dock], Qt.DockWidgetArea.RightDockWidgetArea, width)
        self._blend_from: CameraPose | None = None
        self._blend_start: float | None = None
        self.error_dialog: QMessageBox | None = None
        self.dock.seek_requested.connect(self.seek)
        self.dock.next_requested.connect(self.next_stop)
        self.dock.previous_requested.connect(self.previous_stop)
        self.dock.play_toggled.connect(links.play)
        self.dock.speed_chosen.connect(lambda speed: setattr(state, "speed", speed))
        self.dock.camera_chosen.connect(self.set_camera)
        self.minimap.arc_clicked.connect(lambda arc: self.seek(self.motion.time_at_arc(arc)))
        self.shuttle_moved.connect(self.dock.show_state)
        self.shuttle_moved.connect(self.minimap.show_state)
        state.events.time.connect(self.show_time)
        state.events.plant.connect(self.rebuild)
        state.events.tour_camera.connect(lambda mode: self.scene.show_shuttle(mode != "seat"))
        self.rehearsal = RehearsalMode(self, links)

    # -- time -------------------------------------------------------------------------------------
    @property
    def camera(self) -> str:
        """The camera: 'free', or following the shuttle from 'seat', 'chase' or 'overview'."""
        return self.state.tour_camera

    @property
    def start(self) -> float:
        """The simulation time at which the tour starts."""
        return self.links.plant_run().start_time

    @property
    def time(self) -> float:
        """The tour time shown."""
        return self.shuttle.time

    @property
    def riding(self) -> bool:
        """Whether the tour time shown is in the test ride."""
        return self.shuttle.ride is not None

    def tour_time(self, sim_time: float) -> float:
        """Tour time at a simulation time, as the window's mode runs it (clipped to the tour;
        paced by the guide when rehearsing; looping in a kiosk)."""
        return self.links.mode().tour_time(self.start, sim_time, self.motion.total_time)

    @property
    def ended(self) -> bool:
        """Whether the tour shown has played to its end (never while looping in a kiosk or
        paced by a rehearsing guide)."""
        if not self.links.mode().ends:
            return False
        return self.time >= self.motion.total_time

    def show_time(self, sim_time: float) -> None:
        """Show the tour at simulation time ``sim_time``: the model's shuttle state there,
        computed once, drawn by the scene and shown by the dock and the plan."""
        self.shuttle = self.motion.at(self.tour_time(sim_time))
        self.scene.draw(self.shuttle)
        self.state.tour_time = self.shuttle.time
        self.state.at_end = self.ended
        self.shuttle_moved.emit(self.shuttle)

    def seek(self, tour_time: float) -> None:
        """Jump to tour time ``tour_time``."""
        self.links.seek(self.links.mode().sim_time(self.start, tour_time))

    def next_stop(self) -> None:
        """Next: leave the stop when rehearsing (the shuttle drives on), else jump to the next
        stop."""
        if self.links.mode().next_stop():
            return
        self.seek(self._next_stop_time())

    def previous_stop(self) -> None:
        """One stop back: from a stop to the one before it; on the way, to the stop just left
        (always exactly one, whatever the time spent there; the first stop is the start)."""
        times = list(self.motion.stop_times)
        ahead = self.motion.at(self.time).next_stop
        current = len(times) if ahead is None else ahead  # the stop at, or the one ahead
        self.seek(times[max(current - 1, 0)])

    def restart(self) -> None:
        """Back to the tour's start (a rehearsal forgets its times)."""
        if not self.links.mode().restart():
            self.seek(0.0)

    def _next_stop_time(self) -> float:
        """Arrival time of the first stop after the current tour time (the end if none)."""
        later = [t for t in self.motion.stop_times if t > self.time + 0.5]
        return later[0] if later else self.motion.total_time

    # -- cameras ----------------------------------------------------------------------------------
    def set_camera(self, mode: str) -> None:
        """Follow the shuttle from 'seat', 'chase' or 'overview', or leave it ('free')."""
        if mode == self.camera:
            return
        self.state.tour_camera = mode  # the dock and the shuttle follow
        if mode != "free":
            lang = self.state.lang
            self.links.show_view(tr("status_view", lang, view=tr(f"camera_{mode}", lang)))
        if mode == "free":
            self._blend_from = None
            return
        self._blend_from = self.links.plant_scene().camera_pose()
        self._blend_start = None  # the next frame starts the blend
        self.links.stop_flight()
        self.links.wake()

    def blend_camera(self) -> None:
        """Blend the following camera from where it is now (after a jump of the shuttle)."""
        if self.camera == "free":
            return
        self._blend_from = self.links.plant_scene().camera_pose()
        self._blend_start = None
        self.links.wake()

    @property
    def blending(self) -> bool:
        """Whether a camera change is still blending."""
        return self._blend_from is not None

    def camera_pose(self, now: float) -> CameraPose | None:
        """Where the following camera is at wall-clock ``now``; None in free orbit."""
        if self.camera == "free":
            return None
        live = tour_pose(self.motion, self.state.plant, self.camera, self.time)
        if self._blend_from is None:
            return live
        if self._blend_start is None:
            self._blend_start = now
        s = (now - self._blend_start) / BLEND_S
        if s >= 1.0:
            self._blend_from = None
            return live
        return interpolate_pose(self._blend_from, live, s)

    # -- routes -----------------------------------------------------------------------------------
    def open_route(self, path: str | Path) -> bool:
        """Load and check a route; on a problem show why and keep the current route."""
        lang = self.state.lang
        if not self.rehearsal.confirm_discard():
            return False
        try:
            route = load_route(path)
        except DataFileError as exc:
            self._show_error(str(exc))
            return False
        report = check_route(route, self.state.plant, self.links.plant_run().parts)
        if not report.ok:
            lines = [tr("route_problems", lang, file=path)]
            lines += [f"• {problem.kind}: {problem.message}" for problem in report.problems[:12]]
            self._show_error("\n".join(lines))
            return False
        self.scene.remove()
        self.state.route = route
        self._new_tour(route)
        self.rehearsal.set_tour()
        if not self.links.mode().restart():
            self.links.seek(self.start)
        return True

    def set_route_texts(self, route: Route) -> None:
        """The same route with new texts (the guide's notes were saved)."""
        self.state.route = route
        self.motion.route = route

    def _show_error(self, message: str) -> None:
        self.error_dialog = self.links.report_problem(
            tr("route_error_title", self.state.lang), message, QMessageBox.Icon.Warning
        )

    def retranslate(self, lang: str) -> None:
        """Texts in ``lang``."""
        self.dock.retranslate(lang)
        self.plan_dock.setWindowTitle(tr("minimap", lang))
        self.rehearsal.retranslate(lang)

    def rebuild(self) -> None:
        """Put the tour back on a new plant scene (another plant was opened)."""
        self.minimap.plant = self.state.plant
        self._new_tour(self.motion.route)
        self.rehearsal.set_tour()

    def _new_tour(self, route: Route) -> None:
        """The model of ``route`` on the plant shown, at its start, its scene and widgets."""
        self.motion = TourMotion(route, self.state.plant)
        self.shuttle = self.motion.at(0.0)
        self.scene = TourScene(self.links.plotter, self.motion, self.state.plant, self.shuttle)
        self.scene.show_shuttle(self.camera != "seat")  # from the seat: no shuttle, the cabin
        self.dock.set_tour(self.motion)
        self.minimap.set_tour(self.motion)
