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
from viewer.model.route import Route, load_route
from viewer.model.tour_camera import tour_pose
from viewer.scene.plant_scene import PlantScene
from viewer.scene.tour_scene import TourScene


def render_image(
    plant: Plant,
    view: str = "overview",
    size: tuple[int, int] = (1280, 720),
    lang: str = "en",
    time: float | None = None,
    route: Route | None = None,
    camera: str | None = None,
) -> np.ndarray:
    """Render ``plant`` off-screen; returns an (H, W, 3) uint8 array.

    Without a ``camera``: preset ``view`` at simulation ``time`` (seconds since the lines
    started empty; None: when the car line is first full). With a tour ``camera`` ('seat',
    'chase' or 'overview'): ``route`` (default: the standard tour) at tour time ``time`` (0 if
    None), the plant running from its start time. Raises KeyError for an unknown view name.
    """
    plant.view(view)  # fail early, before a render window is made
    plotter = pv.Plotter(off_screen=True, window_size=list(size), lighting="none")
    try:
        if camera is None:
            scene = PlantScene(plotter, plant, lang=lang, time=time)
            scene.show_view(view)
            return np.asarray(plotter.screenshot(return_img=True))
        route = route if route is not None else load_route()
        scene = PlantScene(plotter, plant, lang=lang)
        tour = TourScene(plotter, route, plant)
        tour_time = 0.0 if time is None else time
        scene.set_time(scene.simulation.start_time + tour_time)
        tour.set_time(tour_time)
        tour.show_shuttle(camera != "seat")
        scene.apply_pose(tour_pose(tour.motion, plant, camera, tour_time))
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
    route: Route | None = None,
    camera: str | None = None,
) -> Path:
    """Render (see :func:`render_image`) and write it as a PNG to ``out``; returns the path."""
    image = render_image(plant, view, size, lang, time, route, camera)
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
