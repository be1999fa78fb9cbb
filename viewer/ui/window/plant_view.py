"""The plant in the window's 3D view: the view widget, the plant's scene drawn in it, the scene
rebuilt when another plant is opened, and the view's end.

The scene draws the states of the model's :class:`~viewer.model.motion.plant_run.PlantRun` (the
window's clock owns the run and computes each time's state). The view draws nothing until its
first frame (:func:`~viewer.ui.window.first_frame.draw_first_frame`): Qt's paints before the window
is laid out would draw the scene in a wrong pose.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from viewer.model.motion.plant_run import PlantRun
from viewer.model.viewer_state import ViewerState
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.still_frame import StillFrame
from viewer.ui.scaled_view import ScaledInteractor


class PlantView:
    """The 3D view of ``state``'s plant, the central widget of ``window``, drawing the states
    of ``run``."""

    def __init__(self, state: ViewerState, window: QMainWindow, run: PlantRun) -> None:
        self.state = state
        # No MSAA: on a software renderer it costs ~3x the frame time and ~80 MB; on a GPU,
        # FXAA is switched on after the first frame (see RenderQuality.start).
        self.plotter = ScaledInteractor(window, auto_update=False, multi_samples=0)
        window.setCentralWidget(self.plotter)
        self.scene = self._new_scene(run)
        self.plotter.renderer.SetDraw(False)  # Qt's paints before the first frame draw nothing
        # while the camera holds still, what stands still is not drawn again (the quality
        # presets that ask for it; see set_still_frames)
        self.still = StillFrame(self.plotter.ren_win, self.plotter.renderer)

    def set_still_frames(self, on: bool) -> None:
        """Draw what stands still once while the camera holds still (``on``), or every frame
        in full (a preset with shadows: the sun's map must see every actor)."""
        if on:
            self.still.enable(self.scene.moving_props())
        else:
            self.still.disable()

    def _new_scene(self, run: PlantRun) -> PlantScene:
        state = self.state
        return PlantScene(
            self.plotter, state.plant, state.lang, run.parts, run.state, text_scale=state.text_scale
        )

    def rebuild(self, run: PlantRun) -> None:
        """Another plant (the state's): its scene, drawing ``run``'s states, replaces the one
        drawn."""
        self.still.disable()  # its layer holds the old scene's moving actors
        self.scene.release()
        self.plotter.renderer.RemoveAllViewProps()
        self.scene = self._new_scene(run)

    def close(self) -> None:
        """The window closes: the scene (its shadow map goes while the GL context is still
        there), then the view."""
        self.still.disable()
        self.scene.release()
        self.plotter.close()
