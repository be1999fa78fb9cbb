"""The window's first frame: drawn once, in its first pose and quality.

Qt paints the view before the window is laid out; those paints draw nothing (the renderer's
drawing is off until here). The first frame places the camera (a preset view's pose depends on
the picture's shape, known only once the window is laid out: before, the overview framed a
sliver and looked at a green plane), reads the name of the GL renderer (known once a paint
has run) to choose the starting quality, and draws: a third of a second sooner on a software
renderer than drawing Qt's first paints and a frame to read the GL.

:class:`FirstFrame` draws it at Qt's first turn of the event loop (the window laid out), keeps
the window on its screen and tells once that it is shown.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from viewer.scene.renderer_info import renderer_name
from viewer.ui.scaled_view import ScaledInteractor
from viewer.ui.window.render_quality import RenderQuality
from viewer.ui.window.window_size import keep_on_screen


def draw_first_frame(
    plotter: ScaledInteractor, quality: RenderQuality, place_camera: Callable[[], None]
) -> str:
    """Place the camera, start ``quality`` for the GL renderer and draw; the renderer's name."""
    place_camera()
    plotter.renderer.SetDraw(True)
    if plotter.ren_win.GetNeverRendered():  # the GL is known once a paint has run
        plotter.render()
    name = renderer_name(plotter.ren_win)
    quality.start(name)
    plotter.render()
    return name


class FirstFrame:
    """The first frame of the view ``plotter`` at ``quality``, drawn at Qt's next turn of the
    event loop: the camera placed by ``place_camera()``, the top-level ``widget`` kept on its
    screen, then ``shown()`` called once."""

    def __init__(
        self,
        widget: QWidget,
        plotter: ScaledInteractor,
        quality: RenderQuality,
        place_camera: Callable[[], None],
        shown: Callable[[], None],
    ) -> None:
        self.widget, self.plotter, self.quality = widget, plotter, quality
        self._place_camera, self._shown = place_camera, shown
        self.renderer_name = ""  # the GL renderer's name, read at the first frame
        self.sent = False  # shown() has been called
        QTimer.singleShot(0, widget, self.draw)  # not once the widget is gone

    def draw(self) -> None:
        """Draw the first frame (nothing once the view has closed)."""
        if self.plotter.ren_win is None:  # closed before its first frame
            return
        self.renderer_name = draw_first_frame(self.plotter, self.quality, self._place_camera)
        keep_on_screen(self.widget)
        if not self.sent:
            self.sent = True
            self._shown()
