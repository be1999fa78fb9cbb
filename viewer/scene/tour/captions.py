"""On-screen captions: a title and a wrapped body at the bottom of the view, large and legible.

Captions are drawn by VTK (two ``vtkTextActor`` overlays with the bundled Chinese font), so
they appear in the window, in snapshots and in rendered video alike. The type scales with
the window's height; the body is wrapped to fit its width.

On a video wall's tile (:mod:`viewer.scene.kiosk.tiling`) a caption is laid out for the whole wall
and each tile draws its part (:attr:`Captions.here` False: this tile shows none, for a caption
that sits on another tile).

VTK leaves out a character its font has no glyph for; a caption shows □ in its place instead and
logs a warning naming the character (once per character and caption), so nothing is dropped
silently.

Examples
--------
>>> import pyvista as pv
>>> plotter = pv.Plotter(off_screen=True, window_size=(640, 360))
>>> captions = Captions(plotter.renderer)
>>> captions.show("Die casting", "The giant die-casting cell: a 9,100-tonne machine.")
>>> captions.title_text(), captions.visible
('Die casting', True)
>>> plotter.close()
"""

from __future__ import annotations

import logging

from vtkmodules.vtkCommonCore import VTK_FONT_FILE
from vtkmodules.vtkRenderingCore import vtkRenderer, vtkTextActor

from viewer.model.assets import chinese_font_path
from viewer.model.glyph_coverage import describe, missing_characters
from viewer.model.kiosk.kiosk_program import wrap_text
from viewer.scene.kiosk.tiling import tiling_of

TITLE_SHARE = 0.055  # title type height, of the view's height
BODY_SHARE = 0.04
MARGIN_SHARE = 0.03
MAX_BODY_LINES = 7
NO_GLYPH = "□"  # shown for a character the font cannot draw
log = logging.getLogger(__name__)


def drawable(text: str, warned: set[str] | None = None) -> str:
    """``text`` as the caption font can draw it: a character it has no glyph for becomes □,
    with a warning in the log naming it (once: the characters named go into ``warned``).

    >>> drawable("Möbius"), drawable("Ꙩ")
    ('Möbius', '□')
    """
    missing = missing_characters(text)
    if not missing:
        return text
    warned = set() if warned is None else warned
    new = [char for char in missing if char not in warned]
    if new:
        warned.update(new)
        log.warning(
            "the caption font has no glyph for %s (in %r); shown as %s",
            ", ".join(describe(char) for char in new),
            text if len(text) <= 60 else text[:57] + "...",
            NO_GLYPH,
        )
    return "".join(NO_GLYPH if char in missing else char for char in text)


class Captions:
    """A caption (title and body) overlaid on a renderer's view."""

    def __init__(self, renderer: vtkRenderer) -> None:
        self.renderer = renderer
        self.title = self._actor(bold=True)
        self.body = self._actor(bold=False)
        self._texts = ("", "")
        self._warned: set[str] = set()  # characters the log has named already
        self._size: tuple[int, ...] | None = None
        self.here = True  # False: captions are shown on another screen of a video wall
        renderer.AddActor(self.title)
        renderer.AddActor(self.body)
        self.hide()
        # fitted before every render: a resized view (or a wall's tile) is laid out even paused
        self._observer = renderer.AddObserver("StartEvent", self._before_render)

    def _before_render(self, *_: object) -> None:
        if self.visible:
            self.layout()

    @staticmethod
    def _actor(bold: bool) -> vtkTextActor:
        actor = vtkTextActor()
        prop = actor.GetTextProperty()
        prop.SetFontFamily(VTK_FONT_FILE)
        prop.SetFontFile(str(chinese_font_path()))
        prop.SetBold(bold)
        prop.SetColor(1.0, 1.0, 1.0)
        prop.SetBackgroundColor(0.05, 0.07, 0.10)
        prop.SetBackgroundOpacity(0.72)
        prop.SetJustificationToLeft()
        prop.SetVerticalJustificationToBottom()
        return actor

    @property
    def visible(self) -> bool:
        """Whether a caption is shown (on this screen)."""
        return bool(self.title.GetVisibility())

    def title_text(self) -> str:
        """The title shown."""
        return self.title.GetInput() or ""

    def body_text(self) -> str:
        """The body shown (with its line breaks)."""
        return self.body.GetInput() or ""

    def show(self, title: str, body: str = "") -> None:
        """Show a caption (laid out for the view's current size); a character the font has no
        glyph for shows as □ and is named in the log."""
        self._texts = (drawable(title, self._warned), drawable(body, self._warned))
        self._size = None
        self.title.SetVisibility(self.here)
        self.body.SetVisibility(self.here and bool(body))
        self.layout()

    def set_here(self, here: bool) -> None:
        """Show captions on this screen (True) or leave them to another screen of a video wall
        (False); the caption shown now follows."""
        self.here = here
        if self.visible or not here:
            self.show(*self._texts)

    def hide(self) -> None:
        """Show no caption."""
        self.title.SetVisibility(False)
        self.body.SetVisibility(False)

    def layout(self) -> None:
        """Fit the caption to the view's size (cheap when the size has not changed)."""
        window = self.renderer.GetRenderWindow()
        width, height = window.GetSize() if window is not None else (1280, 720)
        left = bottom = 0
        wall = tiling_of(self.renderer)
        if wall is not None and self.here:  # laid out on the wall, each tile drawing its part
            view = wall.view
            (width, height), (left, bottom) = view.wall_size, view.bottom_left
        width, height = max(int(width), 64), max(int(height), 64)
        if self._size == (width, height, left, bottom):
            return
        self._size = (width, height, left, bottom)
        title, body = self._texts
        margin = round(height * MARGIN_SHARE)
        body_px = max(round(height * BODY_SHARE), 10)
        title_px = max(round(height * TITLE_SHARE), 12)
        columns = max(int((width - 2 * margin) / (body_px * 0.55)), 16)  # ~0.5 em a column
        lines = wrap_text(body, columns)
        if len(lines) > MAX_BODY_LINES:
            lines = lines[:MAX_BODY_LINES]
            lines[-1] = lines[-1].rstrip(" .。") + " …"
        self.body.SetInput("\n".join(lines))
        self.body.GetTextProperty().SetFontSize(body_px)
        self.body.SetPosition(margin - left, margin - bottom)
        self.title.SetInput(title)
        self.title.GetTextProperty().SetFontSize(title_px)
        body_height = round(len(lines) * body_px * 1.25) if body else 0
        self.title.SetPosition(margin - left, margin + body_height + round(body_px * 0.5) - bottom)

    def remove(self) -> None:
        """Take the caption off the renderer."""
        self.renderer.RemoveObserver(self._observer)
        self.renderer.RemoveActor(self.title)
        self.renderer.RemoveActor(self.body)
