"""The 2D plan of the plant with a route: drawn by the minimap and in the printed script."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen, QPolygonF

from viewer.model.layout import Plant
from viewer.model.tour import TourMotion


def plan_transform(plant: Plant, rect: QRectF, margin: float = 6.0) -> Callable:
    """A function mapping plan points (N, 2) to pixels in ``rect``, north up, to scale."""
    (x0, y0), (x1, y1) = plant.boundary.min(0), plant.boundary.max(0)
    width, height = rect.width() - 2 * margin, rect.height() - 2 * margin
    scale = min(width / (x1 - x0), height / (y1 - y0))
    ox = rect.left() + margin + (width - scale * (x1 - x0)) / 2 - scale * x0
    oy = rect.top() + margin + (height - scale * (y1 - y0)) / 2 + scale * y1

    def to_pixels(points: np.ndarray) -> np.ndarray:
        points = np.asarray(points, dtype=float).reshape(-1, 2)
        return np.column_stack([ox + scale * points[:, 0], oy - scale * points[:, 1]])

    return to_pixels


def paint_plan(
    painter: QPainter,
    rect: QRectF,
    plant: Plant,
    tour: TourMotion,
    shuttle: np.ndarray | None = None,
    highlight: int | None = None,
) -> None:
    """The site, buildings, route and stops in ``rect``; the shuttle and one stop marked."""
    to_pixels = plan_transform(plant, rect)

    def polygon(points: np.ndarray) -> QPolygonF:
        return QPolygonF([QPointF(float(x), float(y)) for x, y in to_pixels(points)])

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, QColor(236, 240, 232))
    painter.setPen(QPen(QColor(120, 140, 110), 1))
    painter.setBrush(QColor(196, 214, 180))
    painter.drawPolygon(polygon(plant.boundary))
    painter.setPen(QPen(QColor(110, 115, 125), 1))
    painter.setBrush(QColor(222, 226, 232))
    for building in plant.buildings:
        painter.drawPolygon(polygon(building.footprint))
    route = to_pixels(tour.path)
    path = QPainterPath(QPointF(*route[0]))
    for x, y in route[1:]:
        path.lineTo(QPointF(float(x), float(y)))
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(QColor(240, 108, 26), max(rect.width() / 200, 2.0)))
    painter.drawPath(path)
    stops, _ = tour.point_at(tour.stop_arc)
    radius = max(rect.width() / 130, 4.0)
    for k, (x, y) in enumerate(to_pixels(stops)):
        big = k == highlight
        painter.setPen(QPen(QColor(255, 255, 255), 1))
        painter.setBrush(QColor(210, 40, 50) if not big else QColor(20, 60, 200))
        r = radius * (1.8 if big else 1.0)
        painter.drawEllipse(QRectF(x - r, y - r, 2 * r, 2 * r))
    if shuttle is not None:
        x, y = to_pixels(shuttle)[0]
        painter.setPen(QPen(QColor(20, 30, 60), 1.5))
        painter.setBrush(QColor(40, 110, 230))
        painter.drawEllipse(QRectF(x - 6, y - 6, 12, 12))
    painter.restore()
