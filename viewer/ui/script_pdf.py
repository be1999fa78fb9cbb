"""The printable guide's script of a route: a PDF with a cover and one page per stop.

The cover has the route's name, its map and the timetable; each stop's page has its name, time
window, narration, the guide's notes and a small plan with the stop marked. Text is laid out by
Qt (``QTextDocument``) in the bundled Noto Sans SC face, which Qt embeds in the PDF, so Chinese
prints too. Needs a Qt GUI application (the offscreen platform is enough).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRectF
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from viewer.model.assets import chinese_font_path
from viewer.model.layout import Plant
from viewer.model.route import Route
from viewer.model.tour import TourMotion
from viewer.ui.plan_painter import paint_plan
from viewer.ui.strings import tr
from viewer.ui.tour_dock import mmss

DPI = 150


def _font_family() -> str:
    """The bundled Chinese-capable face, registered once with Qt."""
    font_id = QFontDatabase.addApplicationFont(str(chinese_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else QFont().family()


def _document(body: str, width: float, family: str, device: QPdfWriter) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)  # lay out at the PDF's resolution
    font = QFont(family)
    font.setPointSizeF(11)
    document.setDefaultFont(font)
    document.setTextWidth(width)
    document.setHtml(body)
    return document


def write_script(
    route: Route,
    plant: Plant,
    out: str | Path,
    lang: str = "en",
    progress: Callable[[int, int], None] | None = None,
) -> Path:
    """Write the script of ``route`` to the PDF ``out`` in ``lang``; returns the path.

    ``progress(done, total)`` is called after each page. Raises OSError if the file cannot be
    written.
    """
    out = Path(out)
    tour = TourMotion(route, plant)
    writer = QPdfWriter(str(out))
    writer.setResolution(DPI)
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    writer.setTitle(f"{route.name.get(lang)} - {tr('script_title', lang)}")
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write {out}")
    family = _font_family()
    page = QRectF(writer.pageLayout().paintRectPixels(DPI))
    page.moveTo(0, 0)
    total = len(route.stops) + 1
    try:
        _cover(painter, page, route, plant, tour, lang, family, writer)
        if progress:
            progress(1, total)
        for k, stop in enumerate(route.stops):
            writer.newPage()
            begin, end = tour.stop_spans[k]
            heading = f"{k + 1}. {html.escape(stop.name.get(lang))}"
            window = tr(
                "time_window", lang, arrive=mmss(begin), leave=mmss(end), dwell=f"{stop.dwell:g}"
            )
            notes = stop.notes.get(lang) or tr("no_notes", lang)
            body = (
                f"<h1>{heading}</h1><p><b>{html.escape(window)}</b></p>"
                f"<h3>{tr('narration', lang)}</h3><p>{html.escape(stop.narration.get(lang))}</p>"
                f"<h3>{tr('notes', lang)}</h3><p>{html.escape(notes)}</p>"
            )
            text = _document(body, page.width(), family, writer)
            painter.save()
            text.drawContents(painter)
            painter.restore()
            plan_height = page.height() * 0.4
            plan = QRectF(page.left(), page.bottom() - plan_height, page.width(), plan_height)
            paint_plan(painter, plan, plant, tour, highlight=k)
            if progress:
                progress(k + 2, total)
    finally:
        painter.end()
    return out


def _cover(
    painter: QPainter,
    page: QRectF,
    route: Route,
    plant: Plant,
    tour: TourMotion,
    lang: str,
    family: str,
    device: QPdfWriter,
) -> None:
    rows = "".join(
        f"<tr><td>{k + 1}</td><td>{html.escape(stop.name.get(lang))}</td>"
        f"<td>{mmss(begin)}</td><td>{mmss(end)}</td></tr>"
        for k, (stop, (begin, end)) in enumerate(zip(route.stops, tour.stop_spans, strict=True))
    )
    summary = tr(
        "drive_summary",
        lang,
        drive=mmss(tour.drive_time),
        plan=mmss(route.plan_drive_s),
        total=mmss(tour.total_time),
    )
    head = (
        f"<h1>{html.escape(route.name.get(lang))}</h1><h2>{tr('script_title', lang)}</h2>"
        f"<p>{html.escape(summary)}</p>"
    )
    text = _document(head, page.width(), family, device)
    text.drawContents(painter)
    top = text.size().height() + 10
    plan = QRectF(page.left(), top, page.width(), page.height() * 0.42)
    paint_plan(painter, plan, plant, tour)
    table = (
        f"<h3>{tr('timetable', lang)}</h3><table cellpadding='4' width='100%'>"
        f"<tr><th>#</th><th align='left'>{tr('stop', lang)}</th><th>{tr('arrive', lang)}</th>"
        f"<th>{tr('leave', lang)}</th></tr>{rows}</table>"
    )
    document = _document(table, page.width(), family, device)
    painter.save()
    painter.translate(0, plan.bottom() + 10)
    document.drawContents(painter, QRectF(0, 0, page.width(), page.height()))
    painter.restore()
