"""A renderer drawing one tile of a video wall (see :mod:`viewer.model.kiosk.wall_tiles`).

Between renders the renderer's camera stays the camera of the *whole* wall: the tour, the
camera animator and the preset views set and read it as on one screen. Just before each render
(a ``StartEvent`` observer of high priority, so before the scene's own observers) the camera
takes the tile's view angle and window centre and the sky's gradient the tile's share of it;
after the render (``EndEvent``) both are put back. The scene's observers see the tile's camera:
:func:`tiling_of` tells them the wall (the level of detail and the labels' declutter decide for
the whole wall, so every tile decides alike and a label is placed once, in wall pixels).

Examples
--------
>>> import pyvista as pv
>>> from viewer.model.kiosk.wall_tiles import parse_tile
>>> plotter = pv.Plotter(off_screen=True, window_size=(160, 90))
>>> tiling = WallTiling(plotter.renderer, parse_tile("2x1:1"))
>>> tiling.view.wall_size, tiling_of(plotter.renderer) is tiling
((320, 90), True)
>>> tiling.detach(); tiling_of(plotter.renderer) is None
True
>>> plotter.close()
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from vtkmodules.vtkRenderingCore import vtkRenderer

from viewer.model.kiosk.wall_tiles import (
    DEFAULT_SCREEN_WIDTH_MM,
    TileView,
    WallTile,
    bezel_pixels,
    tile_view,
)

PRIORITY = 100.0  # before the scene's StartEvent observers (priority 0)
_ATTRIBUTE = "_wall_tiling"  # PyVista allows new private attributes


class WallTiling:
    """Makes ``renderer`` draw tile ``tile`` of a wall of screens the renderer's size each,
    their pictures ``bezel_mm`` apart (both frames together) on screens whose pictures are
    ``screen_width_mm`` wide (the gap in pixels follows the renderer's width); :meth:`detach`
    to stop."""

    def __init__(
        self,
        renderer: vtkRenderer,
        tile: WallTile,
        bezel_mm: float = 0.0,
        screen_width_mm: float = DEFAULT_SCREEN_WIDTH_MM,
    ) -> None:
        self.renderer = renderer
        self.tile = tile
        self.bezel_mm = float(bezel_mm)
        self.screen_width_mm = float(screen_width_mm)
        bezel_pixels(self.bezel_mm, 1920, self.screen_width_mm)  # ValueError now, not mid-render
        self.wall_angle = 30.0  # the wall camera's view angle during a render
        self._saved: tuple | None = None
        # put back when the whole window is drawn: a layer drawn after the renderer (what moves,
        # over a still frame: viewer.scene.still_frame) shares its camera and its tile
        window = renderer.GetRenderWindow()
        end = window if window is not None else renderer
        self._observers = [
            (renderer, renderer.AddObserver("StartEvent", self.apply_tile, PRIORITY)),
            (end, end.AddObserver("EndEvent", self.restore, -PRIORITY)),
        ]
        setattr(renderer, _ATTRIBUTE, self)

    @property
    def view(self) -> TileView:
        """Where the tile lies on the wall, for the renderer's size now."""
        width, height = (max(int(side), 1) for side in self.renderer.GetSize())
        gap = bezel_pixels(self.bezel_mm, width, self.screen_width_mm)
        return tile_view(self.tile, (width, height), gap)

    @property
    def wall_aspect(self) -> float:
        """The whole wall's width over its height (for the preset views' poses)."""
        width, height = self.view.wall_size
        return width / max(height, 1)

    def detach(self) -> None:
        """Draw the whole picture again."""
        for subject, observer in self._observers:
            subject.RemoveObserver(observer)
        self._observers = []
        if getattr(self.renderer, _ATTRIBUTE, None) is self:
            setattr(self.renderer, _ATTRIBUTE, None)

    def apply_tile(self, *_: object) -> None:
        """Give the camera the tile's view angle and window centre, the sky the tile's share
        of its shading (before each render)."""
        camera = self.renderer.GetActiveCamera()
        view = self.view
        self.wall_angle = camera.GetViewAngle()
        bottom, top = self.renderer.GetBackground(), self.renderer.GetBackground2()
        self._saved = (self.wall_angle, camera.GetWindowCenter(), bottom, top)
        camera.SetViewAngle(view.view_angle(self.wall_angle))
        camera.SetWindowCenter(*view.window_center())
        if self.renderer.GetGradientBackground():  # the tile's share of the sky's shading
            wall_h = view.wall_size[1]
            low = view.bottom_left[1] / wall_h
            high = (view.bottom_left[1] + view.size[1]) / wall_h
            self.renderer.SetBackground(*_mix(bottom, top, low))
            self.renderer.SetBackground2(*_mix(bottom, top, high))

    def restore(self, *_: object) -> None:
        """Give the camera and the sky back the whole wall's (after each render)."""
        if self._saved is None:
            return
        angle, centre, bottom, top = self._saved
        self._saved = None
        camera = self.renderer.GetActiveCamera()
        camera.SetViewAngle(angle)
        camera.SetWindowCenter(*centre)
        self.renderer.SetBackground(*bottom)
        self.renderer.SetBackground2(*top)


def _mix(a: tuple, b: tuple, share: float) -> tuple[float, float, float]:
    return tuple(x + (y - x) * share for x, y in zip(a, b, strict=True))  # type: ignore[return-value]


@contextmanager
def tile_camera(renderer: vtkRenderer) -> Iterator[None]:
    """Within the block, ``renderer``'s camera is its tile's as during a render (nothing
    changes for a whole picture): for picking a point of the tile's picture."""
    tiling = tiling_of(renderer)
    if tiling is None:
        yield
        return
    tiling.apply_tile()  # the same change as before a render
    try:
        yield
    finally:
        tiling.restore()


def tiling_of(renderer: vtkRenderer) -> WallTiling | None:
    """The wall tiling of ``renderer``, or None when it draws a whole picture."""
    return getattr(renderer, _ATTRIBUTE, None)
