"""The window's one clock: the playback clock, the frame loop that animates, and each frame.

The clock drives time, so it owns the plant's model: a
:class:`~viewer.model.motion.plant_run.PlantRun`
(:attr:`Clock.run`, the simulation and the state shown). Each tick of the
:class:`~viewer.ui.window.frame_loop.FrameLoop` reads the playback clock and writes the time into
the
:class:`~viewer.model.viewer_state.ViewerState`; the clock hears it first, has the model compute
the plant's state at that time once and hands it to the view's scene to draw; the tour, the
status bar and the picked thing's card listen after it and read :attr:`Clock.run`'s state. Then
it steps any camera flight or following camera and asks for one render. While the last frame
is still being drawn, the tick waits for it (a slow renderer gets fewer frames, not a queue of
them); when the clock is paused and the camera still, the loop stops. The clock follows the
state's ``playing`` and ``speed``.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QObject

from viewer.model.motion.plant_run import PlantRun
from viewer.model.plant.views import CameraPose
from viewer.model.playback import Playback
from viewer.model.viewer_state import ViewerState
from viewer.ui.window.frame_loop import FrameLoop
from viewer.ui.window.plant_view import PlantView


class Clock:
    """The playback clock and the frames, for one window's state.

    ``run``: the plant's model, at its start; ``view``: the 3D view, whose plant's scene draws
    each plant state and takes the camera's poses. It is handed plain functions: ``fly(now)``
    (where a camera flight puts the camera at wall-clock ``now``; None when none flies),
    ``follow(now)`` (where the tour's following camera is then; None in free orbit), ``moving()``
    (whether the camera will still move without the clock), ``ended()`` (whether the tour has
    played to its end), ``on_end`` (called then) and ``repaint`` (have the view paint once).
    """

    def __init__(  # noqa: PLR0913 - the window's parts it is handed, each a plain function
        self,
        state: ViewerState,
        run: PlantRun,
        view: PlantView,
        fly: Callable[[float], CameraPose | None],
        follow: Callable[[float], CameraPose | None],
        moving: Callable[[], bool],
        ended: Callable[[], bool],
        on_end: Callable[[], None],
        repaint: Callable[[], None],
        parent: QObject,
    ) -> None:
        self.state = state
        self.run = run
        self.view = view
        self.playback = Playback(time=run.start_time)
        self.frame_loop = FrameLoop(self._tick, parent=parent)
        self._fly = fly
        self._follow = follow
        self._moving = moving
        self._ended = ended
        self._on_end = on_end
        self._repaint = repaint
        self.paint_pending = False  # a frame asked for and not drawn yet
        state.events.time.connect(self._draw_time)  # before the window's others: they read it
        state.events.playing.connect(self._run)
        state.events.speed.connect(lambda s: self.playback.set_speed(s, time.monotonic()))

    def now(self) -> float:
        """The simulation time on the clock now (ahead of the one shown by up to a frame)."""
        return self.playback.time_at(time.monotonic())

    def reset(self, run: PlantRun) -> None:
        """A new plant's model: the clock at its start, without showing it (another plant was
        opened)."""
        self.run = run
        self.playback.seek(run.start_time, time.monotonic())

    def seek(self, t: float) -> None:
        """Show simulation time ``t``, the following camera there, and render."""
        self.playback.seek(t, time.monotonic())
        self.show_time(self.playback.time_at(time.monotonic()))
        pose = self._follow(time.monotonic())
        if pose is not None:
            self.view.scene.apply_pose(pose)
        self.request_render()
        if self._moving():
            self.frame_loop.wake()

    def show_time(self, t: float) -> None:
        """The clock's time ``t`` into the state (everything shown follows; also when ``t`` is
        the time shown already: what it shows may have changed, a rehearsal began)."""
        if t == self.state.time:
            self.state.events.time.emit(t)
        else:
            self.state.time = t

    def _draw_time(self, t: float) -> None:
        """The plant's state at time ``t``, computed once by the model, drawn by the scene."""
        self.view.scene.draw(self.run.at(t))

    def request_render(self) -> None:
        """Have the view repaint once (requests coalesce until the frame is shown)."""
        self.paint_pending = True
        self._repaint()

    def frame_shown(self) -> None:
        """The frame asked for has been drawn."""
        self.paint_pending = False
        self.frame_loop.frame_done()

    def stop(self) -> None:
        """Stop the frames (the window closes)."""
        self.frame_loop.stop()

    def _run(self, playing: bool) -> None:
        now = time.monotonic()
        if playing:
            self.playback.play(now)
            self.frame_loop.wake()
        else:
            self.playback.pause(now)
            self.show_time(self.playback.time_at(now))
            self.request_render()

    def _tick(self, now: float) -> bool:
        """One frame: advance the clock and the camera, render once; False when idle."""
        if self.paint_pending:
            return True
        changed = False
        if self.playback.playing:
            self.show_time(self.playback.time_at(now))
            changed = True
            if self._ended():  # played to its end: the clock stops, Play plays it again
                self._on_end()
        pose = self._fly(now)
        if pose is None:
            pose = self._follow(now)
        if pose is not None:
            self.view.scene.apply_pose(pose)
            changed = True
        if changed:
            self.request_render()
        return self.playback.playing or self._moving()
