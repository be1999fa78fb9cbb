"""Off-screen rendering of the plant to an image: needs no display (VTK falls back to EGL/OSMesa).

This is the one way a picture is rendered: ``factory-tour snapshot`` and the tests use it.

Examples
--------
>>> from viewer.model.layout import load_plant
>>> image = render_image(load_plant(), view="body", size=(320, 180))
>>> image.shape
(180, 320, 3)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyvista as pv

from viewer.model.layout import Plant
from viewer.scene.plant_scene import PlantScene


def render_image(
    plant: Plant,
    view: str = "overview",
    size: tuple[int, int] = (1280, 720),
    lang: str = "en",
    time: float | None = None,
) -> np.ndarray:
    """Render preset ``view`` of ``plant`` at simulation ``time`` off-screen.

    ``time`` is in seconds since the lines started empty; None is the moment the car line is
    first full. Returns an (H, W, 3) uint8 array. Raises KeyError for an unknown view name.
    """
    plant.view(view)  # fail early, before a render window is made
    plotter = pv.Plotter(off_screen=True, window_size=list(size), lighting="none")
    try:
        scene = PlantScene(plotter, plant, lang=lang, time=time)
        scene.show_view(view)
        return np.asarray(plotter.screenshot(return_img=True))
    finally:
        plotter.close()


def save_snapshot(
    plant: Plant,
    out: str | Path,
    view: str = "overview",
    size: tuple[int, int] = (1280, 720),
    lang: str = "en",
    time: float | None = None,
) -> Path:
    """Render ``view`` at ``time`` and write it as a PNG to ``out``; returns the path."""
    image = render_image(plant, view, size, lang, time)
    out = Path(out)

    from vtkmodules.vtkIOImage import vtkPNGWriter

    from viewer.scene.images import numpy_to_vtk_image

    writer = vtkPNGWriter()
    writer.SetFileName(str(out))
    writer.SetInputData(numpy_to_vtk_image(image))
    writer.Write()
    if writer.GetErrorCode():
        raise OSError(f"cannot write {out}")
    return out
