"""The printable guide's script of a route: a PDF with a cover and one page per stop.

The cover has the route's name, its map and the timetable; each stop's page has its name, time
window, narration, the guide's notes, a picture of the seat view in the middle of the stop ("What
visitors see here") and a small plan with the stop marked and the buildings and the test track
named. A note the guide wrote in one language only is printed in the other language's script
too, marked with its language. Text is laid out by Qt (``QTextDocument``) in the bundled Noto
Sans SC face, which Qt embeds in the PDF, so Chinese prints too; every text in the PDF can be
searched and copied (see :func:`pdf_font`). The pictures are drawn by the off-screen renderer
of ``factory-tour snapshot``, one scene for every stop, at :data:`PICTURE_SIZE` on the low
preset. Needs a Qt GUI application (the offscreen platform is enough).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QMarginsF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

from viewer.model.assets import chinese_font_path
from viewer.model.fields import Text
from viewer.model.plant.layout import Plant
from viewer.model.tour.route import Route
from viewer.model.tour.shuttle import TourMotion
from viewer.model.tour.video_plan import clock_text as mmss  # m:ss, no widgets needed
from viewer.scene.snapshot import OffscreenRenderer
from viewer.ui.strings import LANGUAGES, tr
from viewer.ui.tour.plan_painter import paint_plan

DPI = 150
PICTURE_SIZE = (640, 360)  # pixels of each stop's seat view
PICTURE_QUALITY = "low"  # the cheapest preset: ten pictures in a few seconds on a CPU
PLAN_SHARE = 0.3  # of the page's height, at the bottom of a stop's page
PICTURE_SHARE = 0.3  # of the page's height kept for the picture and its caption
PLAN_LABEL_PT = 7.0  # the names on the plans


def ride_text(tour: TourMotion, lang: str) -> str | None:
    """The test ride's line of the script: its lap against the plan (None: no ride)."""
    if tour.ride is None:
        return None
    return tr(  # the test ride's plan, on the cover and on the ride stop's page
        "script_ride_line",
        lang,
        length=f"{tour.ride.length / 1000:.1f}",
        lap=mmss(tour.ride.lap_time),
        plan=mmss(tour.ride.ride.plan_lap_s),
        launch=mmss(tour.launch_time),
        top=f"{tour.ride.speed.max() * 3.6:.0f}",
    )


def _font_family() -> str:
    """The bundled Chinese-capable face, registered once with Qt."""
    font_id = QFontDatabase.addApplicationFont(str(chinese_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    return families[0] if families else QFont().family()


def pdf_font(family: str, points: float, bold: bool = False) -> QFont:
    """The script's face at ``points``, drawn without OpenType shaping.

    Qt's PDF writer tells a reader which characters a glyph stands for through the font's
    character map only. Shaping puts glyphs that no character maps to in place of characters:
    the "fi" and "ffi" ligatures (``liga``), and the Latin-text figures of the Chinese face
    (``locl``), which left "Drive 15:17" as "Drive :" for copying and searching. Latin and
    Chinese need no shaping to read well, so the script asks for none.
    """
    font = QFont(family)
    font.setPointSizeF(points)
    font.setBold(bold)
    font.setStyleStrategy(QFont.StyleStrategy.PreferNoShaping)
    return font


def stop_notes(notes: Text, lang: str) -> str | None:
    """The guide's notes of a stop for the script in ``lang``: the notes in ``lang``, else
    those in the other language marked with it; None when there are none.

    >>> stop_notes(Text("Mind the step", ""), "zh")
    'Mind the step (English)'
    >>> stop_notes(Text("Mind the step", "注意台阶"), "zh"), stop_notes(Text("", ""), "en")
    ('注意台阶', None)
    """
    own = notes.get(lang).strip()
    if own:
        return own
    other = "en" if lang == "zh" else "zh"
    text = notes.get(other).strip()
    return f"{text} ({LANGUAGES[other]})" if text else None  # named in that language


def _document(body: str, width: float, family: str, device: QPdfWriter) -> QTextDocument:
    document = QTextDocument()
    document.documentLayout().setPaintDevice(device)  # lay out at the PDF's resolution
    document.setDefaultFont(pdf_font(family, 11))
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
    labels = pdf_font(family, PLAN_LABEL_PT)
    page = QRectF(writer.pageLayout().paintRectPixels(DPI))
    page.moveTo(0, 0)
    total = len(route.stops) + 1
    renderer: OffscreenRenderer | None = None
    try:
        _cover(painter, page, route, plant, tour, lang, family, writer)
        if progress:
            progress(1, total)
        renderer = OffscreenRenderer(plant, PICTURE_SIZE, lang, route, PICTURE_QUALITY)
        for k, stop in enumerate(route.stops):
            writer.newPage()
            begin, end = tour.stop_spans[k]
            heading = f"{k + 1}. {html.escape(stop.name.get(lang))}"
            window = html.escape(
                tr(
                    "time_window",
                    lang,
                    arrive=mmss(begin),
                    leave=mmss(end),
                    dwell=f"{stop.dwell:g}",
                )
            )
            notes = stop_notes(stop.notes, lang) or tr("no_notes", lang)
            ride = ride_text(tour, lang) if stop.ride is not None else None
            if ride is not None:
                window = f"{window}<br>{html.escape(ride)}"
            body = (
                f"<h1>{heading}</h1><p><b>{window}</b></p>"
                f"<h3>{tr('narration', lang)}</h3><p>{html.escape(stop.narration.get(lang))}</p>"
                f"<h3>{tr('notes', lang)}</h3><p>{html.escape(notes)}</p>"
            )
            text = _document(body, page.width(), family, writer)
            painter.save()
            text.drawContents(painter)
            painter.restore()
            top = text.size().height()
            # a long text shrinks the plan (down to half) before the picture
            plan_height = min(
                max(page.height() - top - page.height() * PICTURE_SHARE, page.height() * 0.15),
                page.height() * PLAN_SHARE,
            )
            plan = QRectF(page.left(), page.bottom() - plan_height, page.width(), plan_height)
            between = QRectF(page.left(), top, page.width(), plan.top() - top)
            picture = renderer.render_stop(k)
            _seat_view(painter, between, picture, tr("seat_view_caption", lang), family)
            paint_plan(painter, plan, plant, tour, highlight=k, lang=lang, font=labels)
            if progress:
                progress(k + 2, total)
    finally:
        painter.end()
        if renderer is not None:
            renderer.close()
    return out


def _image(picture: np.ndarray) -> QImage:
    """An (H, W, 3) uint8 picture as a QImage that owns its pixels."""
    pixels = np.ascontiguousarray(picture[:, :, :3], dtype=np.uint8)
    height, width = pixels.shape[:2]
    return QImage(pixels.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


def _seat_view(
    painter: QPainter, area: QRectF, picture: np.ndarray, caption: str, family: str
) -> None:
    """The caption, then the picture as large as fits in ``area`` (its shape kept), centred."""
    painter.save()
    painter.setFont(pdf_font(family, 10, bold=True))
    line = painter.fontMetrics().height() * 1.4
    height, width = picture.shape[:2]
    room = QRectF(area.left(), area.top() + line, area.width(), area.height() - line - line / 2)
    scale = min(room.width() / width, room.height() / height)
    if scale <= 0:  # a very long narration: no room left above the plan
        painter.restore()
        return
    target = QRectF(0, 0, width * scale, height * scale)
    target.moveCenter(room.center())
    target.moveTop(room.top())
    painter.drawText(
        QRectF(target.left(), area.top(), target.width(), line),
        int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
        caption,
    )
    painter.drawImage(target, _image(picture))
    painter.restore()


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
    ride = ride_text(tour, lang)
    if ride is not None:
        summary = f"{summary} {ride}"
    head = (
        f"<h1>{html.escape(route.name.get(lang))}</h1><h2>{tr('script_title', lang)}</h2>"
        f"<p>{html.escape(summary)}</p>"
    )
    text = _document(head, page.width(), family, device)
    text.drawContents(painter)
    top = text.size().height() + 10
    plan = QRectF(page.left(), top, page.width(), page.height() * 0.42)
    paint_plan(painter, plan, plant, tour, lang=lang, font=pdf_font(family, PLAN_LABEL_PT + 1))
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
