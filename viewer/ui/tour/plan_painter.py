"""The 2D plan of the plant with a route: drawn by the minimap and in the printed script.

The plan shows the site, the test track round its south part, the buildings, the route and its
stops; asked for a language it also names the buildings and the track, the larger first, each
label left out where it would cover one already placed. Labels are drawn as text (in a PDF they
can be searched and copied).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)

from viewer.model.plant.layout import Plant
from viewer.model.tour.shuttle import TourMotion

TRACK_COLOUR = QColor(112, 116, 124)  # the track's asphalt
LABEL_COLOUR = QColor(30, 34, 42)
LABEL_BACKGROUND = QColor(255, 255, 255, 190)
LABEL_PAD = 2.0  # pixels of background round a label's text


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
    lang: str | None = None,
    font: QFont | None = None,
) -> list[tuple[str, QRectF]]:
    """The site, test track, buildings, route and stops in ``rect``; the shuttle and one stop
    marked; with ``lang``, the buildings and the track named in ``font`` (default: the
    painter's). Returns the labels drawn: (text, box in pixels)."""
    to_pixels = plan_transform(plant, rect)
    scale = float(np.linalg.norm(to_pixels([[1.0, 0.0]]) - to_pixels([[0.0, 0.0]])))

    def polygon(points: np.ndarray) -> QPolygonF:
        return QPolygonF([QPointF(float(x), float(y)) for x, y in to_pixels(points)])

    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.fillRect(rect, QColor(236, 240, 232))
    painter.setPen(QPen(QColor(120, 140, 110), 1))
    painter.setBrush(QColor(196, 214, 180))
    painter.drawPolygon(polygon(plant.boundary))
    track = plant.track
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.setPen(QPen(TRACK_COLOUR, max(track.width * scale, 2.0)))
    painter.drawPolygon(polygon(track.centerline))  # a closed loop
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
    route_pen = painter.pen()
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
    labels: list[tuple[str, QRectF]] = []
    if lang is not None:
        if font is not None:
            painter.setFont(font)
        stroker = QPainterPathStroker(route_pen)
        avoid = stroker.createStroke(path)
        for x, y in to_pixels(stops):
            avoid.addEllipse(QPointF(float(x), float(y)), radius * 1.8, radius * 1.8)
        labels = _paint_labels(painter, rect, _label_places(plant, lang, to_pixels), avoid)
    painter.restore()
    return labels


Place = tuple[str, list[QPointF], QPointF]  # text, candidate points, push (see _label_places)


def _label_places(plant: Plant, lang: str, to_pixels: Callable) -> list[Place]:
    """What to name, the places to try (pixels) and how far to push the label off a place
    (a vector in pixels, to which half the label's height is added), the largest first: a
    building in its middle, else at the middles of its sides (just inside, then just outside);
    the track beside its longest straight, on the infield side."""
    places = []
    for building in plant.buildings:
        corners = to_pixels(building.footprint)
        (x0, y0), (x1, y1) = corners.min(0), corners.max(0)
        middle = QPointF((x0 + x1) / 2, (y0 + y1) / 2)
        sides = [QPointF(middle.x(), y0), QPointF(middle.x(), y1)]
        sides += [QPointF(x0, middle.y()), QPointF(x1, middle.y())]
        area = float(np.ptp(building.footprint[:, 0]) * np.ptp(building.footprint[:, 1]))
        places.append((area, building.name.get(lang), [middle, *sides, *sides], QPointF()))
    track = plant.track
    line = track.centerline
    longest = int(np.argmax(np.linalg.norm(np.diff(line, axis=0), axis=1)))
    a, b = to_pixels(line[longest : longest + 2])
    normal = np.array([a[1] - b[1], b[0] - a[0]]) / max(float(np.linalg.norm(b - a)), 1e-9)
    if normal @ (to_pixels(line).mean(0) - (a + b) / 2) < 0:
        normal = -normal  # towards the infield
    half = float(np.linalg.norm(to_pixels([[track.width / 2, 0.0]]) - to_pixels([[0.0, 0.0]])))
    along = [QPointF(*(a + (b - a) * f)) for f in (0.5, 0.3, 0.7)]
    length = float(np.linalg.norm(line[longest + 1] - line[longest]))
    push = QPointF(*(normal * (half + 1)))
    places.append((length * track.width, track.name.get(lang), along, push))
    places.sort(key=lambda place: -place[0])
    return [(text, points, push) for _, text, points, push in places]


def _paint_labels(
    painter: QPainter, rect: QRectF, places: list[Place], avoid: QPainterPath
) -> list[tuple[str, QRectF]]:
    """Each text on a light ground at the first of its places where it covers neither
    ``avoid`` (the route and its stops) nor a label already drawn (else the first place where
    it covers no label), inside ``rect``; a label with no such place is left out."""
    metrics = painter.fontMetrics()
    drawn: list[tuple[str, QRectF]] = []
    for text, points, push in places:
        size = metrics.size(0, text)
        boxes = []
        for index, point in enumerate(points):
            box = QRectF(0, 0, size.width() + 2 * LABEL_PAD, size.height() + 2 * LABEL_PAD)
            length = (push.x() ** 2 + push.y() ** 2) ** 0.5
            if length > 0:
                point = point + push * (1 + box.height() / 2 / length)
            elif index > 0:  # a side's middle: just inside that side, then just outside
                towards = points[0] - point
                side = 1 if index <= (len(points) - 1) / 2 else -1
                point = point + QPointF(
                    side * np.sign(towards.x()) * (box.width() / 2 + LABEL_PAD),
                    side * np.sign(towards.y()) * (box.height() / 2 + LABEL_PAD),
                )
            box.moveCenter(point)
            if rect.contains(box) and not any(box.intersects(other) for _, other in drawn):
                boxes.append(box)
        if not boxes:
            continue
        clear = [box for box in boxes if not avoid.intersects(box)]
        box = clear[0] if clear else boxes[0]
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(LABEL_BACKGROUND)
        painter.drawRoundedRect(box, LABEL_PAD, LABEL_PAD)
        painter.setPen(LABEL_COLOUR)
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), text)
        drawn.append((text, box))
    return drawn
