"""A 2D plan of the plant with the route, its stops and the moving shuttle; click to jump."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from viewer.model.layout import Plant
from viewer.model.tour import ShuttleState, TourMotion
from viewer.ui.plan_painter import paint_plan, plan_transform

CLICK_PIXELS = 12  # a click this close to the route jumps there


class Minimap(QWidget):
    """The plan, north up; emits :attr:`arc_clicked` with the distance along the route."""

    arc_clicked = Signal(float)

    def __init__(self, plant: Plant, tour: TourMotion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plant = plant
        self.tour = tour
        self.state: ShuttleState | None = None
        self.setMinimumSize(220, 140)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def set_tour(self, tour: TourMotion) -> None:
        """Show another route."""
        self.tour = tour
        self.update()

    def show_state(self, state: ShuttleState) -> None:
        """Move the shuttle marker."""
        self.state = state
        self.update()

    def to_widget(self, points: np.ndarray) -> np.ndarray:
        """Plan points (N, 2) in widget pixels."""
        return plan_transform(self.plant, QRectF(self.rect()))(points)

    # -- Qt -----------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Draw the plan, the route, the stops and the shuttle."""
        painter = QPainter(self)
        position = None if self.state is None else self.state.position
        paint_plan(painter, QRectF(self.rect()), self.plant, self.tour, shuttle=position)
        painter.end()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 - Qt's name
        """A click near the route asks to jump to that place."""
        click = np.array([event.position().x(), event.position().y()])
        samples = np.linspace(0.0, self.tour.length, max(int(self.tour.length), 2))
        points = self.to_widget(self.tour.point_at(samples)[0])
        distance = np.linalg.norm(points - click, axis=1)
        nearest = int(np.argmin(distance))
        if distance[nearest] <= CLICK_PIXELS:
            self.arc_clicked.emit(float(samples[nearest]))
            event.accept()
            return
        super().mousePressEvent(event)
