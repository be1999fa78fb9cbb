"""The 3D view widget, able to draw the scene at a fraction of its size and scale it up.

A software renderer's cost grows with the pixels it fills; the low quality preset draws the
view at :attr:`ScaledInteractor.render_scale` (0.6) of the widget's device pixels, and the copy
to the window (pyvistaqt's framebuffer blit, linear filtering) scales it to the full size. Mouse
positions are scaled the same way, so VTK's camera interaction and picking stay right.

:attr:`ScaledInteractor.resized` tells when the render window took a new size (a dock opened,
the window was resized), before the next frame is drawn: the place to keep what the user was
looking at in view.

The copy also leaves out pyvistaqt's "clear alpha" pass (a masked clear of the whole view, there
in case VTK drew alpha below 1): the plant is drawn over an opaque sky, so the alpha is already
1 everywhere, and on a software renderer that pass costs 2-3 ms a frame.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, Signal
from pyvistaqt import QtInteractor

# pyvistaqt's QOpenGLWidget interactor (0.12 on) blits VTK's framebuffer scaled to the widget
# and routes every mouse position through _setEventInformation; older ones can't scale.
SCALABLE = hasattr(QtInteractor, "resizeGL") and hasattr(QtInteractor, "_setEventInformation")
GL_DRAW_FRAMEBUFFER, GL_SCISSOR_TEST = 0x8CA9, 0x0C11
GL_COLOR_BUFFER_BIT, GL_LINEAR = 0x00004000, 0x2601


class ScaledInteractor(QtInteractor):
    """A :class:`pyvistaqt.QtInteractor` with a render scale (1: every device pixel)."""

    render_scale = 1.0
    resized = Signal()  # the render window has its new size; nothing drawn at it yet

    def set_render_scale(self, scale: float) -> None:
        """Draw at ``scale`` (0 < scale <= 1) of the widget's device pixels (where pyvistaqt
        allows it; else always at 1)."""
        if scale == self.render_scale or not SCALABLE:
            return
        self.render_scale = scale
        self.resizeGL(self.width(), self.height())
        self.update()

    def device_size(self) -> tuple[int, int]:
        """The widget's size in device pixels (what a full-size picture of it has)."""
        ratio = self.devicePixelRatioF()
        return round(self.width() * ratio), round(self.height() * ratio)

    def render_ratio(self) -> float:
        """Render-window pixels per logical Qt pixel: the device-pixel ratio times the scale."""
        return self.devicePixelRatioF() * self.render_scale

    def resizeGL(self, w: int, h: int) -> None:  # noqa: N802 - Qt's name
        """Size the render window in scaled device pixels (pyvistaqt sizes it in device pixels),
        then say so (:attr:`resized`)."""
        super().resizeGL(w, h)
        render_window = getattr(self, "_RenderWindow", None)
        if render_window is None:
            return
        if self.render_scale != 1.0:
            width = max(1, round(w * self.render_ratio()))
            height = max(1, round(h * self.render_ratio()))
            interactor = render_window.GetInteractor()
            if interactor is not None:
                interactor.UpdateSize(width, height)
                interactor.InvokeEvent("ConfigureEvent")
            else:
                render_window.SetSize(width, height)
        self.resized.emit()

    def _setEventInformation(self, x, y, ctrl, shift, key, repeat=0, keysum=None) -> None:  # noqa: N802, ANN001, PLR0913 - pyvistaqt's
        """Mouse positions in the render window's (scaled) pixels, y up."""
        scale = self.render_ratio()
        self._Iren.SetEventInformation(
            round(x * scale),
            round((self.height() - y - 1) * scale),
            ctrl,
            shift,
            key,
            repeat,
            keysum,
        )

    def _blit(self, target_id: int, rect: QRect) -> None:
        """Copy VTK's frame into the widget's framebuffer, scaled to ``rect`` (pyvistaqt's copy
        without its alpha clear; pyvistaqt versions without this hook keep their own)."""
        render_window, gl = getattr(self, "_RenderWindow", None), getattr(self, "_gl", None)
        if render_window is None or gl is None or not hasattr(gl, "draw_buffer_attachment0"):
            super()._blit(target_id, rect)
            return
        gl.glBindFramebuffer(GL_DRAW_FRAMEBUFFER, target_id)
        gl.draw_buffer_attachment0()
        scissor = bool(gl.glIsEnabled(GL_SCISSOR_TEST))
        if scissor:  # the scissor test clips a framebuffer blit
            render_window.GetState().vtkglDisable(GL_SCISSOR_TEST)
            gl.glDisable(GL_SCISSOR_TEST)
        width, height = render_window.GetSize()
        render_window.BlitDisplayFramebuffer(
            0, 0, 0, width, height, rect.x(), rect.y(), rect.width(), rect.height(),
            GL_COLOR_BUFFER_BIT, GL_LINEAR,
        )  # fmt: skip
        if scissor:
            render_window.GetState().vtkglEnable(GL_SCISSOR_TEST)
