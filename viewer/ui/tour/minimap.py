"""A 2D plan of the plant with the route, its stops and the moving shuttle; click to jump.

During a test ride the ride's car shows too: an arrow in the SU7's Aqua Blue on the track,
pointing where it drives (the shuttle waits at its last stop meanwhile).
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from viewer.model.cars.car import SU7_COLORS
from viewer.model.plant.layout import Plant
from viewer.model.tour.shuttle import ShuttleState, TourMotion
from viewer.ui.tour.plan_painter import paint_plan, plan_transform

CLICK_PIXELS = 12  # a click this close to the route jumps there
CAR_COLOUR = QColor.fromRgbF(*SU7_COLORS["aqua_blue"])
CAR_PIXELS = 8.0  # the car's arrow: from its middle to its tip


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
        if self.state is not None and self.state.ride is not None:
            self._paint_car(painter, self.state.ride.position, self.state.ride.heading)
        painter.end()

    def car_arrow(self, position: np.ndarray, heading: float) -> np.ndarray:
        """The ride car's arrow in widget pixels (3, 2): its tip, then the back corners."""
        ahead = np.array([np.cos(heading), np.sin(heading)])
        tip, middle = self.to_widget(np.array([position + ahead * 10.0, position]))[[0, 1]]
        forward = (tip - middle) / max(float(np.linalg.norm(tip - middle)), 1e-9)
        side = np.array([-forward[1], forward[0]])
        back = middle - forward * CAR_PIXELS * 0.6
        width = CAR_PIXELS * 0.65
        return np.array([middle + forward * CAR_PIXELS, back + side * width, back - side * width])

    def _paint_car(self, painter: QPainter, position: np.ndarray, heading: float) -> None:
        """The test ride's car: an Aqua Blue arrow on the track."""
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(QColor(20, 30, 60), 1.5))
        painter.setBrush(CAR_COLOUR)
        arrow = self.car_arrow(position, heading)
        painter.drawPolygon(QPolygonF([QPointF(float(x), float(y)) for x, y in arrow]))
        painter.restore()

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
