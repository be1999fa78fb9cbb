"""What the tour and its modes use of the window, handed to them as plain functions.

The :class:`~viewer.ui.tour.tour_controller.TourController`, the
:class:`~viewer.ui.tour.rehearsal_mode.RehearsalMode` and the
:class:`~viewer.ui.kiosk.kiosk_mode.KioskMode`
take the window's
:class:`~viewer.model.viewer_state.ViewerState` and these links instead of the window itself:
each is one thing they may ask of it (seek the clock, place a dock, tell of a problem), so what
they depend on is written down here and nothing reaches into the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox

from viewer.model.motion.plant_run import PlantRun
from viewer.scene.plant.plant_scene import PlantScene
from viewer.ui.window.clock import Clock
from viewer.ui.window.mode import Mode, ModeSlot
from viewer.ui.window.plant_view import PlantView
from viewer.ui.window.transport import Transport
from viewer.ui.window.window_status import WindowStatus


@dataclass(frozen=True)
class WindowLinks:
    """The window's services for the tour (see the module docstring)."""

    # the top-level widget, for Qt's own calls: the parent of docks and dialogs, the screen a
    # kiosk fills
    parent: QMainWindow
    plotter: Any  # the 3D view the tour's scene draws into
    # docks on one side, the first one made that wide
    add_docks: Callable[[list[QDockWidget], Qt.DockWidgetArea, int], None]
    plant_scene: Callable[[], PlantScene]  # the plant's scene now (another plant: another one)
    plant_run: Callable[[], PlantRun]  # the plant's model now: its parts, the state shown
    mode: Callable[[], Mode]  # the mode attached
    set_mode: Callable[[Mode], None]
    play: Callable[[bool], None]  # what Play/Pause does (at the end, Play plays it again)
    seek: Callable[[float], None]  # show a simulation time
    clock_time: Callable[[], float]  # the simulation time on the clock now
    clock_running: Callable[[], bool]
    show_view: Callable[[str], None]  # what the camera looks at, in the status bar
    show_message: Callable[[str], None]  # a passing message in the status bar
    clear_message: Callable[[], None]
    stop_flight: Callable[[], None]  # stop a camera flight to a preset view
    wake: Callable[[], None]  # have the frames run (a camera blends)
    request_render: Callable[[], None]  # have the view repaint once
    on_frame_error: Callable[[Callable[[BaseException], None]], None]  # a frame that raises
    report_problem: Callable[..., QMessageBox | None]  # title, message[, icon]: a dialog or None


def add_docks(
    window: QMainWindow, docks: list[QDockWidget], area: Qt.DockWidgetArea, width: int
) -> None:
    """Put ``docks`` on one side of ``window``, the first one made ``width`` wide."""
    for dock in docks:
        window.addDockWidget(area, dock)
    window.resizeDocks(docks[:1], [width], Qt.Orientation.Horizontal)


def window_links(  # noqa: PLR0913 - the window's parts the links reach, each given
    window: QMainWindow,
    view: PlantView,
    clock: Clock,
    transport: Transport,
    status: WindowStatus,
    stop_flight: Callable[[], None],
    modes: ModeSlot,
    report_problem: Callable[..., QMessageBox | None],
) -> WindowLinks:
    """The links of ``window`` made from its parts: its 3D view (the plant's scene drawn in it
    now), its clock, its transport (Play, seek), its status bar, ``stop_flight()`` (a camera
    flight), the mode attached in ``modes`` and ``report_problem``."""
    bar = window.statusBar()
    return WindowLinks(
        parent=window,
        plotter=view.plotter,
        add_docks=lambda docks, area, width: add_docks(window, docks, area, width),
        plant_scene=lambda: view.scene,
        plant_run=lambda: clock.run,
        mode=lambda: modes.mode,
        set_mode=modes.set_mode,
        play=transport.set_playing,
        seek=transport.seek,
        clock_time=transport.clock_time,
        clock_running=lambda: clock.playback.playing,
        show_view=status.show_view,
        show_message=bar.showMessage,
        clear_message=bar.clearMessage,
        stop_flight=stop_flight,
        wake=clock.frame_loop.wake,
        request_render=clock.request_render,
        on_frame_error=lambda hook: setattr(clock.frame_loop, "on_error", hook),
        report_problem=report_problem,
    )
