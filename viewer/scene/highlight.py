"""The mark of a picked thing: a thin yellow ring around it on screen, following it.

The ring is an outline, never a surface: it is drawn round the picked thing's bounding sphere
(as seen from the camera), so the thing itself stays in full view inside it, and four short ticks
point in at it. It is drawn over the 3D picture (a 2D overlay anchored at a world point), so a
wall in front does not hide where the thing is, and it keeps at least :data:`MIN_RADIUS_PX`
pixels of radius so a robot seen from far away is ringed, not covered.

Examples
--------
>>> import pyvista as pv
>>> plotter = pv.Plotter(off_screen=True)
>>> mark = Highlight(plotter.renderer)
>>> mark.show((1.0, 2.0, 3.0), 2.0)
>>> mark.visible, mark.actor.GetPosition()
(True, (1.0, 2.0, 3.0))
>>> plotter.close()
"""

from __future__ import annotations

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkActor2D, vtkPolyDataMapper2D, vtkRenderer

COLOR = (1.0, 0.78, 0.05)
SEGMENTS = 64  # of the ring
MARGIN = 1.15  # the ring's radius, times the thing's bounding radius
MIN_RADIUS_PX = 14.0  # render-window pixels
TICK = 0.28  # the ticks' length, times the ring's radius
LINE_WIDTH = 2.0


def ring_outline(radius: float) -> pv.PolyData:
    """A ring of ``radius`` (pixels) round the origin with four ticks pointing in: lines only."""
    angles = np.linspace(0.0, 2.0 * np.pi, SEGMENTS, endpoint=False)
    ring = np.column_stack([np.cos(angles), np.sin(angles), np.zeros(SEGMENTS)]) * radius
    ticks = []
    for angle in (0.0, 0.5 * np.pi, np.pi, 1.5 * np.pi):
        direction = np.array([np.cos(angle), np.sin(angle), 0.0])
        ticks += [direction * radius, direction * radius * (1.0 - TICK)]
    points = np.vstack([ring, np.array(ticks)])
    loop = [SEGMENTS + 1, *range(SEGMENTS), 0]
    tick_lines = [[2, SEGMENTS + 2 * k, SEGMENTS + 2 * k + 1] for k in range(4)]
    return pv.PolyData(points, lines=np.array(loop + sum(tick_lines, []), dtype=np.int64))


class RingActor(vtkActor2D):
    """The ring's 2D actor, anchored at a world point: its position is that point (x, y, z)."""

    def GetPosition(self) -> tuple[float, float, float]:  # noqa: N802 - VTK's name
        """The world point the ring is centred on."""
        return self.GetPositionCoordinate().GetValue()


class Highlight:
    """One 2D actor: the ring, anchored at the picked thing's centre and sized each frame."""

    def __init__(self, renderer: vtkRenderer) -> None:
        self.renderer = renderer
        self.center = np.zeros(3)
        self.radius = 1.0
        self.radius_px = 0.0  # the ring's radius in render-window pixels, as last drawn
        self.mapper = vtkPolyDataMapper2D()
        self.mapper.SetInputData(ring_outline(MIN_RADIUS_PX))
        self.actor = RingActor()
        self.actor.SetMapper(self.mapper)
        self.actor.GetPositionCoordinate().SetCoordinateSystemToWorld()
        prop = self.actor.GetProperty()
        prop.SetColor(*COLOR)
        prop.SetLineWidth(LINE_WIDTH)
        self.actor.SetPickable(False)
        self.actor.SetVisibility(False)
        renderer.AddViewProp(self.actor)
        self._observer = renderer.AddObserver("StartEvent", self._before_render)

    @property
    def visible(self) -> bool:
        """Whether something is highlighted."""
        return bool(self.actor.GetVisibility())

    def show(self, center: tuple[float, float, float], radius: float) -> None:
        """Ring the sphere of ``radius`` (m) round ``center``."""
        self.center = np.array([float(v) for v in center])
        self.radius = float(radius)
        self.actor.GetPositionCoordinate().SetValue(*self.center)
        self.actor.SetVisibility(True)

    def hide(self) -> None:
        """Highlight nothing."""
        self.actor.SetVisibility(False)

    def release(self) -> None:
        """Take the mark off its renderer (a new scene gets a new one)."""
        self.renderer.RemoveObserver(self._observer)
        self.renderer.RemoveViewProp(self.actor)

    def screen_radius(self) -> float:
        """The ring's radius in render-window pixels for the camera now: the bounding sphere's
        on-screen radius with a margin, at least :data:`MIN_RADIUS_PX`."""
        camera = self.renderer.GetActiveCamera()
        height = max(self.renderer.GetSize()[1], 1)
        if camera.GetParallelProjection():
            per_metre = height / (2.0 * camera.GetParallelScale())
        else:
            distance = float(np.linalg.norm(self.center - np.array(camera.GetPosition())))
            half = np.tan(np.radians(camera.GetViewAngle()) / 2.0)
            per_metre = height / (2.0 * max(distance, 1e-3) * half)
        return max(MIN_RADIUS_PX, self.radius * MARGIN * per_metre)

    def _before_render(self, *_: object) -> None:
        if not self.visible:
            return
        radius = round(self.screen_radius(), 1)
        if radius != self.radius_px:
            self.radius_px = radius
            self.mapper.SetInputData(ring_outline(radius))
