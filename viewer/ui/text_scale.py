"""Text size of the panels and cards (View > Text size), and scrolling when they do not fit.

:func:`scale_text` makes every text of a panel ``scale`` times the application's normal size:
labels, captions, buttons, lists, the dock's own title. A heading keeps its proportion to the
body text (:func:`set_text_factor`, e.g. :data:`TITLE`); a text with a size of its own (the
teleprompter, sized by the guide) is marked :data:`OWN_SIZE` and keeps it. Every widget gets its
font set, because a widget with a style sheet takes no font from its parent; so style sheets
here never set a font size.

:class:`ScrollingPanel` holds a panel's content and scrolls it up and down when the text no
longer fits (large text, a short window); the buttons that step through a panel stay outside
it, in a fixed place.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QDockWidget, QFrame, QScrollArea, QWidget

FACTOR = "text_factor"  # the widget property: its text size relative to the body text
TITLE = 1.6  # a card's or panel's title
LARGE = 1.7  # a prominent line (the rehearsal's pace)
SUBTITLE = 1.5  # a heading within a panel
OWN_SIZE = 0.0  # a text sized by its own control: left alone


def normal_points() -> float:
    """The application's normal text size in points (10 where Qt gives none)."""
    size = QApplication.font().pointSizeF()
    return size if size > 0 else 10.0


def set_text_factor(widget: QWidget, factor: float) -> None:
    """Draw ``widget``'s text ``factor`` times the body text (:data:`OWN_SIZE`: leave it)."""
    widget.setProperty(FACTOR, float(factor))


def text_factor(widget: QWidget) -> float:
    """``widget``'s text size relative to the body text (1 unless set)."""
    value = widget.property(FACTOR)
    return 1.0 if value is None else float(value)


def scale_text(root: QWidget, scale: float) -> None:
    """Every text of ``root`` and its children ``scale`` times the normal size (headings in
    proportion); a widget of :data:`OWN_SIZE` and its children are left alone."""
    points = normal_points() * scale
    pending = [root]
    while pending:
        widget = pending.pop()
        factor = text_factor(widget)
        if factor == OWN_SIZE:
            continue
        font = QFont(widget.font())
        if abs(font.pointSizeF() - points * factor) > 1e-6:
            font.setPointSizeF(points * factor)
            widget.setFont(font)
        pending += widget.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
    root.updateGeometry()


def scale_panels(window: QWidget, scale: float) -> None:
    """The text of every dock of ``window`` (cards, the tour, rehearsal, the learning path)
    ``scale`` times its normal size."""
    for dock in window.findChildren(QDockWidget):
        scale_text(dock, scale)


class ScrollingPanel(QScrollArea):
    """Holds ``body`` and scrolls it up and down when it is taller than the room there is;
    never sideways (its labels wrap). As narrow as the body allows, as short as a few lines."""

    def __init__(self, body: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(body)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        """The body's least width and the scroll bar's; the scroll area's own least height."""
        hint = super().minimumSizeHint()
        body = self.widget()
        if body is None:
            return hint
        width = body.minimumSizeHint().width() + self.verticalScrollBar().sizeHint().width()
        return QSize(width + 2 * self.frameWidth(), hint.height())
