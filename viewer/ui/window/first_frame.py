"""The window's first frame: drawn once, in its first pose and quality.

Qt paints the view before the window is laid out; those paints draw nothing (the renderer's
drawing is off until here). The first frame places the camera (a preset view's pose depends on
the picture's shape, known only once the window is laid out: before, the overview framed a
sliver and looked at a green plane), reads the name of the GL renderer (known once a paint
has run) to choose the starting quality, and draws: a third of a second sooner on a software
renderer than drawing Qt's first paints and a frame to read the GL.
"""

from __future__ import annotations

from collections.abc import Callable

from viewer.scene.renderer_info import renderer_name
from viewer.ui.scaled_view import ScaledInteractor
from viewer.ui.window.render_quality import RenderQuality


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
