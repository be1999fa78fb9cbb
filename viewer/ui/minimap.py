"""A 2D plan of the plant with the route, its stops and the moving shuttle; click to jump."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QWidget

from viewer.model.layout import Plant
from viewer.model.tour import ShuttleState, TourMotion

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

    # -- plan <-> widget ----------------------------------------------------------------------
    def _transform(self) -> tuple[float, float, float]:
        """(scale, x offset, y offset) mapping plan metres to widget pixels, north up."""
        (x0, y0), (x1, y1) = self.plant.boundary.min(0), self.plant.boundary.max(0)
        margin = 6.0
        scale = min(
            (self.width() - 2 * margin) / (x1 - x0), (self.height() - 2 * margin) / (y1 - y0)
        )
        ox = margin + (self.width() - 2 * margin - scale * (x1 - x0)) / 2 - scale * x0
        oy = margin + (self.height() - 2 * margin - scale * (y1 - y0)) / 2 + scale * y1
        return scale, ox, oy

    def to_widget(self, points: np.ndarray) -> np.ndarray:
        """Plan points (N, 2) in widget pixels."""
        scale, ox, oy = self._transform()
        points = np.asarray(points, dtype=float).reshape(-1, 2)
        return np.column_stack([ox + scale * points[:, 0], oy - scale * points[:, 1]])

    def _polygon(self, points: np.ndarray) -> QPolygonF:
        return QPolygonF([QPointF(float(x), float(y)) for x, y in self.to_widget(points)])

    # -- Qt -----------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        """Draw the plan, the route, the stops and the shuttle."""
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(236, 240, 232))
        painter.setPen(QPen(QColor(120, 140, 110), 1))
        painter.setBrush(QColor(196, 214, 180))
        painter.drawPolygon(self._polygon(self.plant.boundary))
        painter.setPen(QPen(QColor(110, 115, 125), 1))
        painter.setBrush(QColor(222, 226, 232))
        for building in self.plant.buildings:
            painter.drawPolygon(self._polygon(building.footprint))
        route = self.to_widget(self.tour.path)
        path = QPainterPath(QPointF(*route[0]))
        for x, y in route[1:]:
            path.lineTo(QPointF(float(x), float(y)))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(QColor(240, 108, 26), 2.5))
        painter.drawPath(path)
        stops, _ = self.tour.point_at(self.tour.stop_arc)
        painter.setPen(QPen(QColor(255, 255, 255), 1))
        painter.setBrush(QColor(210, 40, 50))
        for x, y in self.to_widget(stops):
            painter.drawEllipse(QRectF(x - 4, y - 4, 8, 8))
        if self.state is not None:
            x, y = self.to_widget(self.state.position)[0]
            painter.setPen(QPen(QColor(20, 30, 60), 1.5))
            painter.setBrush(QColor(40, 110, 230))
            painter.drawEllipse(QRectF(x - 6, y - 6, 12, 12))
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
