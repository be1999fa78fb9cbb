"""The highlight of a picked thing: a bright wireframe sphere around it, following it.

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

import pyvista as pv
from vtkmodules.vtkRenderingCore import vtkActor, vtkPolyDataMapper, vtkRenderer

COLOR = (1.0, 0.78, 0.05)


class Highlight:
    """One actor: a unit wireframe sphere moved and scaled onto the picked thing."""

    def __init__(self, renderer: vtkRenderer) -> None:
        self.renderer = renderer
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(pv.Sphere(radius=1.0, theta_resolution=24, phi_resolution=12))
        self.actor = vtkActor()
        self.actor.SetMapper(mapper)
        prop = self.actor.GetProperty()
        prop.SetRepresentationToWireframe()
        prop.SetColor(*COLOR)
        prop.SetLineWidth(2.0)
        prop.LightingOff()
        self.actor.SetPickable(False)
        self.actor.SetVisibility(False)
        renderer.AddActor(self.actor)

    @property
    def visible(self) -> bool:
        """Whether something is highlighted."""
        return bool(self.actor.GetVisibility())

    def show(self, center: tuple[float, float, float], radius: float) -> None:
        """Highlight a sphere."""
        self.actor.SetPosition(*(float(v) for v in center))
        self.actor.SetScale(float(radius))
        self.actor.SetVisibility(True)

    def hide(self) -> None:
        """Highlight nothing."""
        self.actor.SetVisibility(False)
