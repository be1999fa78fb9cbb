"""Another plant opened: the window's own parts rebuilt around it, first and last.

When the state's plant changes (File > Open plant), :meth:`PlantChange.rebuild` runs before
every other listener (they use the new scene and the new model): a camera flight stops, the
plant's model (a new :class:`~viewer.model.motion.plant_run.PlantRun`) goes to the clock, the
view draws it in a new scene at the quality chosen, the status bar counts its robots and the
camera's preset view is the overview. The tour and the panels rebuild themselves after it;
then :meth:`PlantChange.shown` shows the clock's time, the texts and a frame.
"""

from __future__ import annotations

from viewer.model.motion.plant_run import PlantRun
from viewer.model.plant.layout import Plant
from viewer.model.viewer_state import ViewerState
from viewer.ui.window.camera_animator import CameraAnimator
from viewer.ui.window.clock import Clock
from viewer.ui.window.plant_view import PlantView
from viewer.ui.window.render_quality import RenderQuality
from viewer.ui.window.status_figures import StatusFigures
from viewer.ui.window.window_texts import WindowTexts

FIRST = 1  # the priority of the rebuild among the state's listeners of the plant


class PlantChange:
    """Rebuilds ``view``, ``clock``, ``quality`` and ``figures`` for the plant of ``state``
    (see the module docstring), stopping ``animator``'s flight, and puts ``texts`` in the
    state's language.

    Made after the panels (its :meth:`shown` listens after theirs) and before the menus.
    """

    def __init__(  # noqa: PLR0913 - the window's parts it rebuilds, each given
        self,
        state: ViewerState,
        view: PlantView,
        clock: Clock,
        quality: RenderQuality,
        figures: StatusFigures,
        animator: CameraAnimator,
        texts: WindowTexts,
    ) -> None:
        self.state, self.view, self.clock = state, view, clock
        self.quality, self.figures = quality, figures
        self.animator, self.texts = animator, texts
        state.events.plant.connect(self.rebuild, priority=FIRST)  # the others use the scene
        state.events.plant.connect(self.shown)

    def rebuild(self, plant: Plant) -> None:
        """The window's view, clock, quality and figures for ``plant``."""
        self.animator.stop()
        run = PlantRun(plant)
        self.view.rebuild(run)
        self.quality.apply()
        self.clock.reset(run)
        self.figures.robots = len(run.parts.robots)
        self.state.view = "overview"

    def shown(self) -> None:
        """Every part has rebuilt: the clock's time shown, the texts, one frame."""
        self.clock.show_time(self.clock.run.state.time)
        self.texts.retranslate()
        self.clock.request_render()
