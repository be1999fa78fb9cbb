"""Kiosk mode: the tour in a loop on an exhibition-hall screen, unattended, for days.

* Full screen on the chosen screen (``--screen N``), frameless, no menus, toolbars, docks or
  status bar, with or without a window manager; the cursor hides when still.
* The tour loops at the chosen speed; the camera follows :func:`kiosk_camera` (chase while
  driving, seat then overview at stops); captions show the stop and its narration.
* A touch, click or key interrupts: the loop pauses, the visitor may orbit and tap a workshop
  to read about it. After ``idle_s`` seconds without input the camera blends back to the
  loop, which goes on from where it stopped.
* Only :data:`EXIT_CHORD` leaves (Escape and the window manager's close are ignored).
* A frame that raises is logged and the next frame comes; no dialog is ever shown.
* Every stop reached is written to the state file, so a restarted kiosk resumes there.

The kiosk takes the window's tour and :class:`~viewer.ui.window.window_links.WindowLinks` (the
window's services as plain functions), not the window: it fills the screen with the links'
top-level widget through Qt's own calls only.
"""

from __future__ import annotations

import logging
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QCursor, QGuiApplication, QKeyEvent, QKeySequence, QScreen
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QToolBar
from vtkmodules.vtkRenderingCore import vtkWorldPointPicker

from viewer.model.kiosk.kiosk_program import (
    caption_at,
    caption_lang,
    kiosk_camera,
    loop_count,
    loop_time,
)
from viewer.model.tour.shuttle import ShuttleState
from viewer.model.tour.stop_figures import place_at_point, place_figures, stop_figures
from viewer.scene.kiosk.tiling import tile_camera
from viewer.scene.tour.captions import Captions
from viewer.ui.classroom.click_to_learn import display_point
from viewer.ui.classroom.figures_text import figures_text
from viewer.ui.kiosk.kiosk_log import kiosk_logger
from viewer.ui.strings import tr
from viewer.ui.user_data import kiosk_state_path, read_kiosk_state, write_kiosk_state
from viewer.ui.window.mode import Mode

if TYPE_CHECKING:
    from viewer.ui.tour.tour_controller import TourController
    from viewer.ui.window.window_links import WindowLinks


class HallHooks(Protocol):
    """What the kiosk calls on the hall attached to it
    (:class:`viewer.ui.kiosk.kiosk_hall.KioskHall`:
    sync, playlist, hours, health), which itself drives the kiosk."""

    def frame(self, state: ShuttleState) -> None:
        """Each frame of the loop."""

    def rejoin(self) -> bool:
        """A visitor's idle time is over; False when the hall is closed."""

    def stop(self) -> None:
        """The kiosk ends."""


EXIT_CHORD = QKeySequence("Ctrl+Alt+Shift+Q")
CURSOR_HIDE_MS = 3000
TAP_PX = 10  # a press and release closer than this is a tap, not a drag
INPUT_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonRelease,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.TouchUpdate,
    QEvent.Type.TouchEnd,
    QEvent.Type.KeyPress,
}


def touch_hint(lang: str) -> tuple[str, str]:
    """The caption while a visitor looks around, in ``lang``: what to touch, and that the tour
    goes on by itself (texts ``kiosk_hint`` and ``kiosk_hint_resume`` of ``viewer/texts``).

    >>> touch_hint("en")[0]
    'Touch a workshop to learn about it'
    """
    return tr("kiosk_hint", lang), tr("kiosk_hint_resume", lang)


def resident_memory() -> str:
    """This process's resident memory, for the log ('unknown' where /proc is missing)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return "unknown"
    return f"{pages * os.sysconf('SC_PAGE_SIZE') / 2**20:.0f} MB"


class KioskMode(QObject, Mode):
    """Runs one window as the exhibition-hall kiosk (see the module docstring), attached to it
    as its mode: ``tour`` is the window's tour, ``links`` what the kiosk may ask of the
    window."""

    name = "kiosk"
    ends = False  # the tour loops
    picks = False  # a tap shows a caption instead (see tap)

    def __init__(
        self,
        tour: TourController,
        links: WindowLinks,
        lang_mode: str = "both",
        speed: float = 1.0,
        idle_s: float = 60.0,
        state_path: Path | None = None,
        log: logging.Logger | None = None,
        screen: QScreen | None = None,
    ) -> None:
        super().__init__(links.parent)
        self.links = links
        self.widget: QMainWindow = links.parent  # the top-level widget filling the screen
        self.state = tour.state
        self.screen = screen or QGuiApplication.primaryScreen()
        self._held: list[str] | None = None  # problems held back (see holding_problems)
        self.tour = tour
        self.lang_mode = lang_mode
        self.idle_s = float(idle_s)
        self.state_path = state_path or kiosk_state_path()
        self.log = log or kiosk_logger()
        self.interrupted = False
        self.exiting = False
        self.frame_errors = 0
        self._caption_key: tuple | None = None
        self._last_stop: int | None = None
        self.loops = 0
        self.started = False  # the state file is written once the loop runs
        self.hall: HallHooks | None = None  # sync, playlist, hours, health (kiosk_hall)
        self._press: QPoint | None = None
        self._pointer: QPoint | None = None
        self.cursor_hidden = False
        links.set_mode(self)
        self.captions = Captions(links.plotter.renderer)
        self._hide_chrome()
        self.idle_timer = QTimer(self)
        self.idle_timer.setSingleShot(True)
        self.idle_timer.setInterval(round(self.idle_s * 1000))
        self.idle_timer.timeout.connect(self.resume_loop)
        self.cursor_timer = QTimer(self)
        self.cursor_timer.setSingleShot(True)
        self.cursor_timer.setInterval(CURSOR_HIDE_MS)
        self.cursor_timer.timeout.connect(self._hide_cursor)
        self.cursor_timer.start()
        links.on_frame_error(self._frame_failed)
        self._previous_hook = sys.excepthook
        sys.excepthook = self._uncaught
        QApplication.instance().installEventFilter(self)
        self.state.speed = speed

    def attached(self) -> None:
        """Each frame of the tour: the loop's camera, the caption and the state file."""
        self.tour.shuttle_moved.connect(self.show_state)

    def detached(self) -> None:
        """The window is no longer a kiosk."""
        self.tour.shuttle_moved.disconnect(self.show_state)

    def tour_time(self, start: float, sim_time: float, total: float) -> float:
        """The tour loops: after its end it starts again."""
        return loop_time(self.tour.motion, sim_time - start)

    def start(self, resume: bool = False) -> int:
        """Start the loop: at the tour's start, or at the last stop reached if ``resume``;
        returns the stop it starts at."""
        stop = self._resume_stop() if resume else None
        stop = 0 if stop is None else stop
        self.started = True
        motion = self.tour.motion
        self.links.seek(self.tour.start + (motion.stop_times[stop] if stop else 0.0))
        self.tour.set_camera(kiosk_camera(motion, self.tour.time))
        self.log.info(
            "kiosk started at stop %d (%s), route %s, speed %gx, captions %s",
            stop,
            motion.route.stops[stop].id,
            motion.route.source,
            self.state.speed,
            self.lang_mode,
        )
        self.links.play(True)
        return stop

    # -- the window -----------------------------------------------------------------------------
    def _hide_chrome(self) -> None:
        widget = self.widget
        widget.menuBar().hide()
        widget.statusBar().hide()
        for bar in [*widget.findChildren(QToolBar), *widget.findChildren(QDockWidget)]:
            bar.hide()  # the playback bar, the docks
        widget.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)

    def show(self) -> None:
        """Full screen on :attr:`screen`, with or without a window manager.

        With no window manager (an X server running only this program, as on many signage
        PCs) nothing honours a request for full screen: the window would stay at its normal
        size in a corner. So the frameless window first takes the screen's whole geometry
        itself, then asks for full screen (which a window manager, where there is one, keeps).
        It follows the screen when its resolution changes.
        """
        widget, screen = self.widget, self.screen
        widget.setScreen(screen)
        widget.setGeometry(screen.geometry())
        widget.showFullScreen()
        if widget.geometry() != screen.geometry():
            widget.setGeometry(screen.geometry())
        screen.geometryChanged.connect(self._fit_screen)

    def _fit_screen(self) -> None:
        if not self.exiting:
            self.widget.setGeometry(self.screen.geometry())
            self.log.info("kiosk: the screen is now %s", screen_text(self.screen))

    def exit(self) -> None:
        """Leave the kiosk (the exit chord): close the window, which ends the application."""
        self.log.info("kiosk: exit chord, closing")
        self.exiting = True
        if self.hall is not None:
            self.hall.stop()
        sys.excepthook = self._previous_hook
        QApplication.instance().removeEventFilter(self)
        self._show_cursor()
        self.widget.close()  # the last window: the application's loop ends with status 0

    def allow_close(self) -> bool:
        """Whether the window may close now (only through the exit chord)."""
        return self.exiting

    # -- the loop ---------------------------------------------------------------------------------
    def show_state(self, state: ShuttleState) -> None:
        """Each frame: the loop's camera, the caption and the state file."""
        motion = self.tour.motion
        loops = loop_count(motion, self.state.time - self.tour.start)
        if loops != self.loops:  # the tour started again: the shuttle jumped to the start
            if loops > self.loops:
                self.log.info(
                    "kiosk: loop %d done (%d frame errors so far, memory %s)",
                    loops,
                    self.frame_errors,
                    resident_memory(),
                )
            self.loops = loops
            self.tour.blend_camera()
            self._last_stop = None
        if self.hall is not None:
            self.hall.frame(state)
        if self.started and state.stop is not None and state.stop != self._last_stop:
            self._last_stop = state.stop
            self._save_state(state.stop)
        if self.interrupted:
            return
        mode = kiosk_camera(motion, state.time)
        if mode != self.tour.camera:
            self.tour.set_camera(mode)
        self._show_caption(state.time)

    def _show_caption(self, time_: float) -> None:
        lang = caption_lang(self.lang_mode, time_)
        state = self.tour.shuttle
        key = (state.stop, state.next_stop, lang, self.tour.motion)
        if key == self._caption_key:
            self.captions.layout()
            return
        self._caption_key = key
        caption = caption_at(self.tour.motion, time_, self.lang_mode)
        self.captions.show(caption.title, caption.body)

    def _save_state(self, stop: int) -> None:
        route = self.tour.motion.route
        state = {"route": str(route.source), "stop": stop, "stop_id": route.stops[stop].id}
        try:
            write_kiosk_state(state, self.state_path)
        except OSError as exc:
            self.log.error("kiosk: cannot write the state file %s: %s", self.state_path, exc)

    def _resume_stop(self) -> int | None:
        state = read_kiosk_state(self.state_path)
        route = self.tour.motion.route
        stop = state.get("stop")
        if state.get("route") != str(route.source) or not isinstance(stop, int):
            return None
        if not 0 <= stop < len(route.stops):
            return None
        return stop

    # -- visitors ---------------------------------------------------------------------------------
    def interrupt(self) -> None:
        """A visitor touched the screen: pause the loop, free the camera, wait for idle."""
        self.idle_timer.start()
        if self.interrupted:
            return
        self.interrupted = True
        self.links.play(False)
        self.tour.set_camera("free")
        self.links.stop_flight()
        lang = caption_lang(self.lang_mode, self.tour.time)
        self._caption_key = None
        self.captions.show(*touch_hint(lang))
        self.links.request_render()
        self.log.info("kiosk: interrupted at tour time %.1f s", self.tour.time)

    def resume_loop(self) -> None:
        """No input for ``idle_s`` seconds: blend back to the loop and go on."""
        if not self.interrupted:
            return
        self.interrupted = False
        self.idle_timer.stop()
        if self.hall is not None and not self.hall.rejoin():  # synced: the shared moment
            return  # the hall is closed: the screen stays black
        self.tour.set_camera(kiosk_camera(self.tour.motion, self.tour.time))
        self._caption_key = None
        self._show_caption(self.tour.time)
        self.links.play(True)
        self.log.info("kiosk: back to the loop at tour time %.1f s", self.tour.time)

    def tap(self, position: QPoint) -> str | None:
        """A tap on the view at widget ``position``: show what is there; its id or None."""
        plotter = self.links.plotter
        x, y = display_point(plotter, position)
        picker = vtkWorldPointPicker()
        with tile_camera(plotter.renderer):  # a video wall's tile: its own view
            picker.Pick(x, y, 0.0, plotter.renderer)
        place = place_at_point(self.state.plant, picker.GetPickPosition()[:2])
        lang = caption_lang(self.lang_mode, self.tour.time)
        if place is None:
            self.captions.show(*touch_hint(lang))
        else:
            self.captions.show(*self._place_caption(place, lang))
        self._caption_key = None
        self.links.request_render()
        return place

    def _place_caption(self, place: str, lang: str) -> tuple[str, str]:
        plant, parts = self.state.plant, self.links.plant_run().parts
        figures = place_figures(place, plant, parts)
        if figures.name is None:
            return place, ""
        facts = figures_text(replace(figures, name=None), lang)
        words = ""
        for stop in self.tour.motion.route.stops:  # the tour's words about this place
            if stop_figures(stop, plant, parts).place_id == place:
                words = stop.narration.get(lang)
                break
        return figures.name.get(lang), "\n".join(part for part in (facts, words) if part)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """Every input in the application passes here first."""
        kind = event.type()
        if kind == QEvent.Type.MouseMove:
            where = event.globalPosition().toPoint()  # type: ignore[attr-defined]
            if where == self._pointer:
                return False  # Qt's own moves while the view repaints under a still mouse
            self._pointer = where
            self._show_cursor()
            self.cursor_timer.start()
            if self.interrupted:
                self.idle_timer.start()
            return False
        if kind == QEvent.Type.ShortcutOverride:
            event.accept()  # no window shortcut fires in the kiosk
            return True
        if kind not in INPUT_EVENTS:
            return False
        if kind == QEvent.Type.KeyPress:
            if self._is_exit_chord(event):  # type: ignore[arg-type]
                self.exit()
                return True
            self.interrupt()
            return True  # keys do nothing else (no Escape, no VTK key bindings)
        self.interrupt()
        if watched is not self.links.plotter:
            return False  # the same press also passes here for the window: count it once
        if kind == QEvent.Type.MouseButtonPress:
            self._press = event.position().toPoint()  # type: ignore[attr-defined]
        elif kind == QEvent.Type.MouseButtonRelease and self._press is not None:
            release = event.position().toPoint()  # type: ignore[attr-defined]
            if (release - self._press).manhattanLength() <= TAP_PX:
                self.tap(release)
            self._press = None
        return False

    @staticmethod
    def _is_exit_chord(event: QKeyEvent) -> bool:
        combined = event.keyCombination()
        return QKeySequence(combined) == EXIT_CHORD

    def _hide_cursor(self) -> None:
        if not self.cursor_hidden and not self.exiting:
            QGuiApplication.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
            self.cursor_hidden = True

    def _show_cursor(self) -> None:
        if self.cursor_hidden:
            QGuiApplication.restoreOverrideCursor()
            self.cursor_hidden = False

    # -- problems ---------------------------------------------------------------------------------
    def _frame_failed(self, exc: BaseException) -> None:
        self.frame_errors += 1
        self.log.error("kiosk: a frame failed; going on", exc_info=exc)
        self.links.wake()

    def _uncaught(self, kind: type, value: BaseException, trace: object) -> None:
        self.frame_errors += 1
        self.log.error("kiosk: uncaught error; going on", exc_info=(kind, value, trace))

    def problem(self, message: str) -> bool:
        """A problem that would open a dialog elsewhere: logged instead (or held back, see
        :meth:`holding_problems`); True: told."""
        if self._held is not None:
            self._held.append(message)
            return True
        self.log.error("kiosk: %s", message)
        return True

    @contextmanager
    def holding_problems(self) -> Iterator[list[str]]:
        """Within the block, problems are collected in the list given, not logged (the
        caller tells the log itself, in its own words)."""
        self._held = held = []
        try:
            yield held
        finally:
            self._held = None


def screen_text(screen: QScreen) -> str:
    """A screen as the log and error messages name it: 'HDMI-1, 1920x1080 at (0, 0)'."""
    area = screen.geometry()
    return f"{screen.name()}, {area.width()}x{area.height()} at ({area.x()}, {area.y()})"
