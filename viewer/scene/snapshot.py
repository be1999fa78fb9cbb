"""Off-screen rendering of the plant to images: needs no display (VTK falls back to EGL/OSMesa).

This is the one way a picture is rendered: ``factory-tour snapshot``, File > Save picture, the
guide's script and the tests use it. :class:`OffscreenRenderer` keeps one scene to render many
moments (a video's frames, every stop's seat view); :func:`render_image` renders one.

The renderer drives time for its pictures, as the window's clock does for the window: it owns
the model (:attr:`OffscreenRenderer.run`, the plant's simulation, and
:attr:`OffscreenRenderer.tour_motion`, the tour's timetable), asks it for each moment's state
and hands that to the scenes, which only draw.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> image = render_image(load_plant(), view="body", size=(320, 180))
>>> image.shape
(180, 320, 3)
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyvista as pv

from viewer.model.kiosk.wall_tiles import DEFAULT_SCREEN_WIDTH_MM, WallTile
from viewer.model.motion.plant_run import PlantRun
from viewer.model.plant.layout import Plant
from viewer.model.plant.views import CameraPose
from viewer.model.quality import PRESETS, resolve
from viewer.model.tour.route import Route, load_route
from viewer.model.tour.shuttle import TourMotion
from viewer.model.tour.tour_camera import tour_pose
from viewer.scene.kiosk.tiling import WallTiling
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.quality import apply_quality
from viewer.scene.renderer_info import renderer_name
from viewer.scene.tour.tour_scene import TourScene


def stop_index(route: Route, stop: str | int) -> int:
    """The index of stop ``stop`` (its id, or already an index) in ``route``.

    Raises KeyError naming the known ids for an unknown one.
    """
    if isinstance(stop, int):
        if not 0 <= stop < len(route.stops):
            raise KeyError(f"no stop {stop}: the route has {len(route.stops)}")
        return stop
    ids = [item.id for item in route.stops]
    if stop not in ids:
        raise KeyError(f"unknown stop {stop!r}; expected one of {', '.join(ids)}")
    return ids.index(stop)


def middle_of_stop(tour: TourMotion, stop: str | int) -> float:
    """The tour time in the middle of stop ``stop`` (id or index): its arrival plus half its
    dwell, when the seat view has turned to the stop's subject. KeyError for an unknown stop."""
    index = stop_index(tour.route, stop)
    return float(tour.stop_times[index]) + tour.route.stops[index].dwell / 2


class OffscreenRenderer:
    """One plant scene on an off-screen render window of ``size`` (width, height).

    ``route``: the tour drawn (its path and shuttle), or None for none. ``quality``: a preset
    name ('low', 'medium', 'high', 'auto'), or None for the plain scene. ``tile``: draw only
    that tile of a video wall of screens ``size`` each, ``bezel_mm`` apart on screens whose
    pictures are ``screen_width_mm`` wide (see :mod:`viewer.scene.kiosk.tiling`). ``time``: the
    simulation time drawn first (None: :attr:`~viewer.model.motion.plant_run.PlantRun.start_time`).
    Close it when done.

    It owns the model of what it draws: :attr:`run` (the plant's simulation and the state
    drawn) and :attr:`tour_motion` (the route's timetable; None without a route).
    """

    def __init__(
        self,
        plant: Plant,
        size: tuple[int, int] = (1280, 720),
        lang: str = "en",
        route: Route | None = None,
        quality: str | None = None,
        text_scale: float = 1.0,
        time: float | None = None,
        tile: WallTile | None = None,
        bezel_mm: float = 0.0,
        screen_width_mm: float = DEFAULT_SCREEN_WIDTH_MM,
    ) -> None:
        self.plant = plant
        self.plotter = pv.Plotter(off_screen=True, window_size=list(size), lighting="none")
        self.tiling = None
        if tile is not None:
            self.tiling = WallTiling(self.plotter.renderer, tile, bezel_mm, screen_width_mm)
        self.run = PlantRun(plant, time=time)
        self.scene = PlantScene(
            self.plotter,
            plant,
            lang=lang,
            parts=self.run.parts,
            state=self.run.state,
            text_scale=text_scale,
        )
        self.tour_motion = TourMotion(route, plant) if route is not None else None
        self.tour = None
        if self.tour_motion is not None:
            self.tour = TourScene(self.plotter, self.tour_motion, plant)
        self.quality = quality
        if quality is not None:
            self.set_quality(quality)

    def set_quality(self, quality: str) -> str:
        """Draw with preset ``quality`` ('low', 'medium', 'high', or 'auto': low on a software
        renderer); returns the preset used."""
        if quality == "auto":
            self.plotter.render()  # the GL context exists once something is drawn
            quality = resolve(quality, renderer_name(self.plotter.ren_win))
        apply_quality(self.plotter, self.scene, PRESETS[quality])
        self.quality = quality
        return quality

    def render(
        self,
        time: float | None = None,
        view: str = "overview",
        pose: CameraPose | None = None,
        tour_time: float | None = None,
        camera: str | None = None,
        shuttle: bool | None = None,
    ) -> np.ndarray:
        """The picture (H, W, 3) uint8 of simulation ``time`` (None: as built).

        The camera: tour ``camera`` ('seat', 'chase' or 'overview') at ``tour_time``, else
        ``pose``, else preset ``view``. The tour's shuttle is drawn at ``tour_time``, unless
        ``shuttle`` is False (by default hidden in the seat view, which is from inside it).
        """
        if time is not None:
            self.scene.draw(self.run.at(time))
        motion = self.tour_motion
        if self.tour is not None and motion is not None and tour_time is not None:
            self.tour.draw(motion.at(tour_time))
            self.tour.show_shuttle(camera != "seat" if shuttle is None else shuttle)
        if camera is not None and motion is not None and tour_time is not None:
            self.scene.apply_pose(tour_pose(motion, self.plant, camera, tour_time))
        elif pose is not None:
            self.scene.apply_pose(pose)
        else:
            self.scene.show_view(view)
        self.plotter.render()  # PyVista's screenshot renders only the first time by itself
        return np.asarray(self.plotter.screenshot(return_img=True))

    def render_stop(self, stop: str | int, camera: str = "seat") -> np.ndarray:
        """The picture from tour ``camera`` in the middle of stop ``stop`` (id or index) of the
        route drawn, the plant at the same moment as in :func:`render_image`. KeyError for an
        unknown stop; ValueError when no route is drawn."""
        if self.tour_motion is None:
            raise ValueError("no route drawn: give the renderer a route")
        tour_time = middle_of_stop(self.tour_motion, stop)
        time = self.run.start_time + tour_time
        return self.render(time, tour_time=tour_time, camera=camera)

    def close(self) -> None:
        """Release the render window."""
        self.scene.release()
        self.plotter.close()


def render_image(
    plant: Plant,
    view: str = "overview",
    size: tuple[int, int] = (1280, 720),
    lang: str = "en",
    time: float | None = None,
    route: Route | None = None,
    camera: str | None = None,
    pose: CameraPose | None = None,
    tour_time: float | None = None,
    quality: str | None = None,
    text_scale: float = 1.0,
    shuttle: bool | None = None,
    stop: str | None = None,
    tile: WallTile | None = None,
    bezel_mm: float = 0.0,
    screen_width_mm: float = DEFAULT_SCREEN_WIDTH_MM,
) -> np.ndarray:
    """Render ``plant`` off-screen once; returns an (H, W, 3) uint8 array.

    Without a ``camera``: ``pose``, or preset ``view``, at simulation ``time`` (seconds since
    the lines started empty; None: when the car line is first full), with ``route`` drawn at
    ``tour_time`` when both are given. With a tour ``camera`` ('seat', 'chase' or 'overview'):
    ``route`` (default: the standard tour) at tour time ``time`` (0 if None), the plant running
    from its start time. With a ``stop`` id: ``camera`` (default 'seat') in the middle of that
    stop of ``route`` (default: the standard tour); ``time`` must then be None. With a ``tile``:
    only that tile of a video wall of screens ``size`` each, ``bezel_mm`` apart (see
    :class:`OffscreenRenderer`).
    Raises KeyError for an unknown view name or stop.
    """
    plant.view(view)  # fail early, before a render window is made
    if stop is not None:
        if time is not None:
            raise ValueError("give a stop or a time, not both")
        route = route if route is not None else load_route()
        stop_index(route, stop)  # fail early too
        renderer = OffscreenRenderer(
            plant, size, lang, route, quality, text_scale, None, tile, bezel_mm, screen_width_mm
        )
        try:
            return renderer.render_stop(stop, camera if camera is not None else "seat")
        finally:
            renderer.close()
    if camera is not None:
        route = route if route is not None else load_route()
        tour_time = 0.0 if time is None else time
        time = None
    renderer = OffscreenRenderer(
        plant, size, lang, route, quality, text_scale, time, tile, bezel_mm, screen_width_mm
    )
    try:
        if camera is not None:
            time = renderer.run.start_time + tour_time  # type: ignore[operator]
        return renderer.render(time, view, pose, tour_time, camera, shuttle)
    finally:
        renderer.close()


def write_png(image: np.ndarray, out: str | Path) -> Path:
    """Write an (H, W, 3) uint8 image as a PNG; OSError if it cannot be written."""
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


def save_snapshot(plant: Plant, out: str | Path, **options: object) -> Path:
    """Render with ``options`` (those of :func:`render_image`) and write it as a PNG to
    ``out``; returns the path."""
    return write_png(render_image(plant, **options), out)  # type: ignore[arg-type]
