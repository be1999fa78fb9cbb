"""Click to learn: a click (not a drag) on the view picks a robot, press, car or machine and opens
its info card; the picked thing is highlighted and followed while the plant runs.

Opening the card's dock narrows the 3D view. The view keeps its centre and its scale (the
camera's focal point stays in the middle, the vertical view angle stays), and when the picked
thing would fall off the narrower picture the camera slides sideways just enough to keep it on
(:meth:`ClickToLearn.keep_picked_in_view`), before the first frame at the new size.

Clicks are in Qt's logical pixels; VTK's display is in device pixels, so positions are scaled by
the widget's device-pixel ratio (2 on most high-DPI screens) before the ray is cast.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, Qt
from PySide6.QtWidgets import QMainWindow, QWidget

from viewer.model.classroom.explain import plant_explanations
from viewer.model.classroom.picking import Targets, pick, pick_targets
from viewer.model.classroom.thing_facts import live_figures, real_figures
from viewer.model.motion.plant_run import PlantRun
from viewer.model.plant.views import CameraPose
from viewer.model.viewer_state import ViewerState
from viewer.scene.highlight import Highlight
from viewer.scene.plant.plant_scene import PlantScene
from viewer.ui.classroom.info_card import InfoCard

CLICK_PX = 4  # a press and release closer than this (logical pixels) is a click
EDGE = 0.9  # the picked thing is kept within this fraction of the picture's half-width


def display_point(widget: QWidget, position: QPointF | QPoint) -> tuple[float, float]:
    """VTK display coordinates (render-window pixels, y up) of a widget position (logical,
    y down): device pixels, times the view's render scale when it draws smaller."""
    render_ratio = getattr(widget, "render_ratio", None)
    ratio = render_ratio() if render_ratio is not None else widget.devicePixelRatioF()
    return float(position.x()) * ratio, (widget.height() - float(position.y())) * ratio


class ClickToLearn(QObject):
    """Picking, the highlight and the info card of one window: the picked thing is the
    ``state``'s; ``view`` is the 3D view clicked on, ``scene()`` the plant scene drawn in it,
    ``run()`` the plant's model (its parts and the state shown), ``render()`` asks for a frame;
    the card docks in ``docks``."""

    def __init__(
        self,
        state: ViewerState,
        view: QWidget,
        scene: Callable[[], PlantScene],
        run: Callable[[], PlantRun],
        render: Callable[[], None],
        docks: QMainWindow,
    ) -> None:
        super().__init__(docks)
        self.state = state
        self.view = view
        self._scene = scene
        self._run = run
        self._render = render
        self.card = InfoCard(docks)
        docks.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.card)
        docks.resizeDocks([self.card], [360], Qt.Orientation.Horizontal)
        self.card.hide()
        self.card.closed.connect(self.clear)
        self.highlight = Highlight(view.renderer)
        self.picking = True  # clicks pick (not in a kiosk: see Mode.picks)
        self._targets: Targets | None = None
        self._press: QPointF | None = None
        view.installEventFilter(self)
        resized = getattr(view, "resized", None)
        if resized is not None:
            resized.connect(self.keep_picked_in_view)
        self.state.events.time.connect(self.show_time)
        self.state.events.plant.connect(self.rebuild)

    @property
    def picked(self) -> tuple[str, int] | None:
        """(kind, index in its own array) of the thing picked, or None."""
        return self.state.picked

    def rebuild(self) -> None:
        """A new plant scene: the highlight goes on its renderer, nothing is picked."""
        self.highlight.release()
        self.highlight = Highlight(self.view.renderer)
        self.clear()

    # -- picking --------------------------------------------------------------------------------
    def ray(self, position: QPointF | QPoint) -> tuple[np.ndarray, np.ndarray]:
        """The world ray (origin, direction) under a widget position in logical pixels."""
        x, y = display_point(self.view, position)
        renderer = self.view.renderer
        points = []
        for depth in (0.0, 1.0):
            renderer.SetDisplayPoint(x, y, depth)
            renderer.DisplayToWorld()
            world = np.array(renderer.GetWorldPoint(), dtype=float)
            points.append(world[:3] / (world[3] if world[3] else 1.0))
        return points[0], points[1] - points[0]

    def pick_at(self, position: QPointF | QPoint) -> tuple[str, int] | None:
        """Pick what is under ``position`` and show it; (kind, index) or None (card closed)."""
        run, plant = self._run(), self.state.plant
        targets = pick_targets(plant, run.parts, run.state)
        origin, direction = self.ray(position)
        row = pick(targets, origin, direction)
        if row is None:
            self.clear()
            return None
        self._targets = targets
        kind, index = str(targets.kind[row]), int(targets.index[row])
        self.state.picked = (kind, index)
        explanation = plant_explanations(plant).get(kind)
        if explanation is None:
            self.clear()
            return None
        self.card.show_thing(explanation, real_figures(kind, index, plant, run.parts))
        self.card.raise_()
        self.show_time()
        self.keep_picked_in_view()  # the card's dock may have narrowed the view already
        self._render()
        return self.picked

    def clear(self) -> None:
        """Nothing picked: no highlight, no card."""
        self.state.picked = None
        self.highlight.hide()
        self.card.hide()
        self._render()

    def show_time(self) -> None:
        """Follow the picked thing at the scene's time: the highlight and the live figures."""
        if self.picked is None:
            return
        kind, index = self.picked
        run, plant = self._run(), self.state.plant
        targets = pick_targets(plant, run.parts, run.state)
        rows = np.flatnonzero((targets.kind == kind) & (targets.index == index))
        if not len(rows):  # a car that has left the line
            self.highlight.hide()
        else:
            row = int(rows[0])
            self.highlight.show(tuple(targets.center[row]), float(targets.radius[row]))
        self.card.show_live(live_figures(kind, index, plant, run.parts, run.state))

    def keep_picked_in_view(self) -> None:
        """After the view changed size: slide the camera (focal point and eye together, the
        scale unchanged) just enough that the picked thing's ring is whole on the picture; a
        thing already on it leaves the camera as it is."""
        if self.picked is None or not self.highlight.visible:
            return
        renderer = self.view.renderer
        width, height = renderer.GetSize()
        camera = renderer.GetActiveCamera()
        eye, focal = np.array(camera.GetPosition()), np.array(camera.GetFocalPoint())
        look = focal - eye
        look /= max(float(np.linalg.norm(look)), 1e-9)
        right = np.cross(look, camera.GetViewUp())
        right /= max(float(np.linalg.norm(right)), 1e-9)
        up = np.cross(right, look)
        offset = self.highlight.center - eye
        depth = float(np.dot(offset, look))
        if depth <= 0.0:
            return
        half_v = depth * np.tan(np.radians(camera.GetViewAngle()) / 2.0)
        half_h = half_v * width / max(height, 1)
        ring = self.highlight.radius * 1.15
        shift = np.zeros(3)
        for axis, half in ((right, half_h), (up, half_v)):
            along = float(np.dot(offset, axis))
            limit = max(EDGE * half - ring, 0.0)
            shift += axis * (along - float(np.clip(along, -limit, limit)))
        if not shift.any():
            return
        self._scene().apply_pose(
            CameraPose(tuple(eye + shift), tuple(focal + shift), camera.GetViewAngle())
        )

    # -- Qt -------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        """A left press and release in (nearly) the same place on the view is a click."""
        if not self.picking:
            return False
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and event.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
            self._press = event.position()  # type: ignore[attr-defined]
        elif kind == QEvent.Type.MouseButtonRelease and self._press is not None:
            release = event.position()  # type: ignore[attr-defined]
            if (release - self._press).manhattanLength() <= CLICK_PX:
                self.pick_at(release)
            self._press = None
        return False
