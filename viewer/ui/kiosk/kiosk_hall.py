"""The kiosk in an exhibition hall: synchronised screens, a playlist, opening hours, health.

:class:`KioskHall` is attached to a :class:`~viewer.ui.kiosk.kiosk_mode.KioskMode` (its ``hall``)
and adds:

* **sync** (``--sync``): the tour shown follows the shared moment of a
  :class:`~viewer.model.kiosk.sync_clock.SyncClock` (every kiosk with the same routes, speed and
  origin
  shows the same moment); each frame the shown time is compared with it and, further than
  :data:`SYNC_TOLERANCE_S`, the kiosk jumps there. A visitor's touch pauses only this screen;
  after the idle time it rejoins the shared moment (not where it stopped); a restarted kiosk
  starts there too.
* **playlist** (several ``--route``): the routes play in turn (:mod:`viewer.model.kiosk.playlist`);
a
  restarted kiosk (``--resume``) goes on with the route it played, at the last stop reached.
* **opening hours** (``--hours``): outside them the screen is black, the clock stops and nothing
  is rendered (the display may sleep); at opening the tour comes back at the right moment.
* **health**: a status document (:meth:`KioskHall.status`) refreshed each second, written to the
  user data folder (``kiosk-status.json``) and served with the current picture by
  :class:`~viewer.ui.kiosk.health_server.HealthServer`.

The wall clock (``wall``, seconds since the epoch) is injected: tests fake it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QBuffer, QIODevice, QObject, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPalette

from viewer.model.kiosk.opening_hours import OpeningHours
from viewer.model.kiosk.playlist import Playlist
from viewer.model.kiosk.sync_clock import SyncClock, offset
from viewer.ui.user_data import data_dir, read_kiosk_state, write_kiosk_state

if TYPE_CHECKING:
    from viewer.model.tour.shuttle import ShuttleState
    from viewer.ui.kiosk.health_server import HealthServer
    from viewer.ui.kiosk.kiosk_mode import KioskMode

SYNC_TOLERANCE_S = 0.25  # tour seconds the screen may be off the shared moment before it jumps
REFRESH_MS = 1000  # the status document, the opening hours
STATUS_FILE_EVERY = 10  # refreshes between writes of the status file


def iso(seconds: float | None) -> str | None:
    """Seconds since the epoch as an ISO 8601 time in UTC (None stays None)."""
    if seconds is None:
        return None
    return datetime.fromtimestamp(seconds, timezone.utc).isoformat(timespec="seconds")


def memory_mb() -> float | None:
    """This process's resident memory in MB (None where /proc is missing)."""
    try:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
    except (OSError, ValueError, IndexError):
        return None
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


class _LastError(logging.Handler):
    """Keeps the kiosk log's last error for the status document."""

    def __init__(self, wall: Callable[[], float]) -> None:
        super().__init__(logging.ERROR)
        self.wall = wall
        self.last: dict | None = None

    def emit(self, record: logging.LogRecord) -> None:
        self.last = {"time": iso(self.wall()), "message": record.getMessage()}


class KioskHall(QObject):
    """Sync, playlist, opening hours and health for ``kiosk`` (see the module docstring).

    ``routes``: the playlist's route files (empty or one: the route the kiosk plays); ``sync``:
    the shared clock, or None; ``hours``: the opening hours, or None (always open)."""

    def __init__(
        self,
        kiosk: KioskMode,
        routes: Sequence[Path] = (),
        sync: SyncClock | None = None,
        hours: OpeningHours | None = None,
        wall: Callable[[], float] = time.time,
        status_path: Path | None = None,
    ) -> None:
        super().__init__(kiosk)
        self.kiosk = kiosk
        self.links = kiosk.links  # the window's services (see viewer.ui.window.window_links)
        self.widget = kiosk.widget  # the top-level widget filling the screen
        self.tour = kiosk.tour
        self.log = kiosk.log
        self.sync = sync
        self.hours = hours
        self.wall = wall
        self.status_path = status_path
        self.routes = [Path(path) for path in routes]
        self.index = 0
        self.lengths = self._lengths()
        self.playlist = Playlist(self.lengths)
        self.is_open = True
        self.since = wall()
        self.frames = 0
        self._frames_at = (time.monotonic(), 0)
        self.fps: float | None = None
        self.sync_offset: float | None = None
        self._seen_loops = 0
        self._switching = False
        self._refreshes = 0
        self.server: HealthServer | None = None
        self.errors = _LastError(wall)
        self.log.addHandler(self.errors)
        self.document: dict = {}
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)
        kiosk.hall = self

    def _lengths(self) -> tuple[float, ...]:
        """Each route's tour length (the first is the one the kiosk opened)."""
        from viewer.model.tour.route import load_route
        from viewer.model.tour.shuttle import TourMotion

        lengths = [self.tour.motion.total_time]
        for path in self.routes[1:]:
            lengths.append(TourMotion(load_route(path), self.tour.state.plant).total_time)
        return tuple(lengths)

    # -- start, frames --------------------------------------------------------------------------
    def start(self, resume: bool = False) -> None:
        """Start the kiosk's loop (a synced kiosk at the shared moment, whatever ``resume``;
        with ``resume``, a playlist at the route and the stop the state file names), then follow
        the hours and refresh the status each second."""
        resume = resume and self.sync is None
        if resume and len(self.routes) > 1:
            index = self._saved_index()
            if index is not None and index != self.index:
                self._open(index)
        self.kiosk.start(resume=resume)
        if self.sync is not None:
            self.follow()
            self.log.info(
                "kiosk: synchronised, origin %s, loop %.1f s; at tour time %.1f s of route %d",
                iso(self.sync.origin),
                self.playlist.total,
                self.tour.time,
                self.index,
            )
        self.refresh()
        self.timer.start()

    def _saved_index(self) -> int | None:
        """The playlist's route the state file names (the route played when the kiosk
        stopped), or None."""
        saved = read_kiosk_state(self.kiosk.state_path).get("route")
        if saved is None:
            return None
        for index, path in enumerate(self.routes):
            if str(path) == saved or path.resolve() == Path(saved).resolve():
                return index
        return None

    def frame(self, state: ShuttleState) -> None:
        """Each frame of the loop (called by the kiosk)."""
        self.frames += 1
        if self._switching or not self.is_open:
            return
        if self.sync is not None:
            if not self.kiosk.interrupted:
                self._follow_later_if_off()
            return
        loops = self.kiosk.loops
        if loops > self._seen_loops and len(self.lengths) > 1:  # this route ended: the next
            self._switching = True
            QTimer.singleShot(0, lambda: self._open(self.playlist.next_index(self.index)))
        self._seen_loops = loops

    def _follow_later_if_off(self) -> None:
        position = self.playlist.at(self.sync.elapsed())  # type: ignore[union-attr]
        length = self.lengths[self.index]
        self.sync_offset = offset(self.tour.time, position.time, length)
        if position.index != self.index or abs(self.sync_offset) > SYNC_TOLERANCE_S:
            self._switching = True
            QTimer.singleShot(0, self.follow)  # not inside the frame's own signal

    def follow(self) -> None:
        """Show the shared moment now (the route and the time the sync clock says)."""
        self._switching = False
        if self.sync is None:
            return
        position = self.playlist.at(self.sync.elapsed())
        if position.index != self.index:
            self._open(position.index, seek=False)
        self.tour.seek(position.time)
        self.sync_offset = offset(self.tour.time, position.time, self.lengths[self.index])

    def _open(self, index: int, seek: bool = True) -> None:
        """Play route ``index`` of the playlist (from its start unless ``seek`` is False)."""
        self._switching = False
        path = self.routes[index]
        if not self.tour.open_route(path):
            self.log.error("kiosk: the playlist's route %s cannot be opened; it is skipped", path)
            return
        self.index = index
        self._seen_loops = 0
        self.log.info("kiosk: playlist: route %d, %s", index, path)
        if seek:
            self.tour.seek(0.0)

    def rejoin(self) -> bool:
        """A visitor's idle time is over: a synced kiosk jumps to the shared moment. False when
        the hall is closed (the kiosk stays dark)."""
        if not self.is_open:
            return False
        self.follow()
        return True

    # -- opening hours ----------------------------------------------------------------------------
    def refresh(self) -> None:
        """Each second: open or close with the hours, the status document, now and then the
        status file."""
        if self.hours is not None:
            is_open = self.hours.is_open(datetime.fromtimestamp(self.wall()))
            if is_open != self.is_open:
                self.open_hall() if is_open else self.close_hall()
        now = time.monotonic()
        then, frames = self._frames_at
        if now > then:
            self.fps = round((self.frames - frames) / (now - then), 1)
        self._frames_at = (now, self.frames)
        self.document = self.status()
        self._refreshes += 1
        if self._refreshes % STATUS_FILE_EVERY == 1:
            self.write_status()

    def close_hall(self) -> None:
        """Closing time: a black screen, the clock stopped, nothing rendered."""
        self.is_open = False
        self.links.play(False)
        self.kiosk.idle_timer.stop()
        self.kiosk.interrupted = False
        palette = self.widget.palette()
        palette.setColor(QPalette.ColorRole.Window, QColor(Qt.GlobalColor.black))
        self.widget.setPalette(palette)
        self.widget.setAutoFillBackground(True)
        self.links.plotter.hide()
        self.log.info("kiosk: closed (%s): black screen", self.hours.text if self.hours else "")

    def open_hall(self) -> None:
        """Opening time: the picture comes back, at the right moment of the tour."""
        self.is_open = True
        self.links.plotter.show()
        if self.sync is not None:
            self.follow()
        self.kiosk.resume_loop() if self.kiosk.interrupted else self.links.play(True)
        self.links.request_render()
        self.log.info("kiosk: open: the tour plays at tour time %.1f s", self.tour.time)

    # -- health -----------------------------------------------------------------------------------
    def status(self) -> dict:
        """The status document (JSON-ready)."""
        state = self.tour.shuttle
        route = self.tour.motion.route
        stop = state.stop
        next_change = None
        if self.hours is not None:
            change = self.hours.next_change(datetime.fromtimestamp(self.wall()))
            next_change = change.astimezone(timezone.utc).isoformat() if change else None
        return {
            "running_since": iso(self.since),
            "uptime_s": round(self.wall() - self.since, 1),
            "frames_per_second": self.fps if self.is_open else 0.0,
            "route": str(route.source),
            "playlist": [str(path) for path in self.routes] or [str(route.source)],
            "playlist_index": self.index,
            "stop": stop,
            "stop_id": route.stops[stop].id if stop is not None else None,
            "next_stop_id": (
                route.stops[state.next_stop].id if state.next_stop is not None else None
            ),
            "tour_time_s": round(self.tour.time, 2),
            "loops": self.kiosk.loops,
            "interrupted": self.kiosk.interrupted,
            "open": self.is_open,
            "hours": self.hours.text if self.hours else None,
            "next_change": next_change,
            "memory_mb": memory_mb(),
            "frame_errors": self.kiosk.frame_errors,
            "last_error": self.errors.last,
            "sync": self.sync is not None,
            "sync_origin": iso(self.sync.origin) if self.sync else None,
            "sync_offset_s": (
                round(self.sync_offset, 3) if self.sync and self.sync_offset is not None else None
            ),
            "pid": os.getpid(),
        }

    def write_status(self) -> None:
        """Write the status document to the user data folder (``kiosk-status.json``)."""
        try:
            path = self.status_path or data_dir() / "kiosk-status.json"
            write_kiosk_state(self.document or self.status(), path)
        except Exception as exc:  # noqa: BLE001 - an OSError or a DataFileError: logged
            self.log.error("kiosk: cannot write the status file: %s", exc)

    def picture_png(self) -> bytes:
        """What the screen shows now, as PNG (black when closed)."""
        widget = self.widget
        if self.is_open:
            qimage = self.links.plotter.grabFramebuffer()
        else:
            qimage = QImage(
                max(widget.width(), 1), max(widget.height(), 1), QImage.Format.Format_RGB888
            )
            qimage.fill(Qt.GlobalColor.black)
        buffer = QBuffer()
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        qimage.save(buffer, "PNG")
        return bytes(buffer.data())

    def serve(self, address: str, port: int) -> HealthServer | None:
        """Serve the status and the picture over HTTP; None (and a logged error) when the
        address cannot be used."""
        from viewer.ui.kiosk.health_server import HealthServer

        try:
            self.server = HealthServer(lambda: self.document, self.picture_png, address, port)
        except OSError as exc:
            self.log.error("kiosk: cannot serve the status on %s port %d: %s", address, port, exc)
            return None
        self.log.info("kiosk: status on http://%s:%d/status", address, self.server.port)
        return self.server

    def stop(self) -> None:
        """Stop the timer and the server (the kiosk ends)."""
        self.timer.stop()
        self.log.removeHandler(self.errors)
        if self.server is not None:
            self.server.close()
            self.server = None
