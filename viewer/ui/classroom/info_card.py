"""The info card: what the clicked thing is, for a 12-year-old and for an adult, and its figures.

:class:`CardBody` is the card's content (also the learning path's, see
:mod:`viewer.ui.classroom.learning_panel`); :class:`InfoCard` is the dock that shows it for a
picked thing.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QPushButton, QVBoxLayout, QWidget

from viewer.model.classroom.explain import Explanation
from viewer.model.fields import Text
from viewer.ui.strings import tr
from viewer.ui.text_scale import TITLE, ScrollingPanel, scale_text, set_text_factor


class CardBody(QWidget):
    """A title, the words for a 12-year-old and for an adult, real figures and live figures."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = "en"
        self._thing: tuple[Explanation, list[Text]] | None = None
        self._live: list[Text] = []
        self.layout_ = QVBoxLayout(self)
        self.title = QLabel(self)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold")
        set_text_factor(self.title, TITLE)
        self.kid_label, self.kid = QLabel(self), QLabel(self)
        self.adult_label, self.adult = QLabel(self), QLabel(self)
        self.figures_label, self.figures = QLabel(self), QLabel(self)
        self.live_label, self.live = QLabel(self), QLabel(self)
        self.layout_.addWidget(self.title)
        for caption, text in (
            (self.kid_label, self.kid),
            (self.adult_label, self.adult),
            (self.figures_label, self.figures),
            (self.live_label, self.live),
        ):
            caption.setStyleSheet("font-weight: bold; color: palette(mid)")
            text.setWordWrap(True)
            text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            self.layout_.addWidget(caption)
            self.layout_.addWidget(text)
        self.layout_.addStretch(1)  # the text at the top when there is room to spare
        self.set_text_scale(1.0)

    def show_thing(self, explanation: Explanation, figures: list[Text]) -> None:
        """Describe a thing."""
        self._thing = (explanation, figures)
        self._fill()

    def show_live(self, live: list[Text]) -> None:
        """The figures that change with the clock (none: the heading is hidden too)."""
        self._live = live
        text = "\n".join(line.get(self.lang) for line in live)
        if self.live.text() != text:
            self.live.setText(text)
        self.live_label.setVisible(bool(live))
        self.live.setVisible(bool(live))

    def _fill(self) -> None:
        if self._thing is None:
            return
        explanation, figures = self._thing
        lang = self.lang
        self.title.setText(explanation.name.get(lang))
        self.kid.setText(explanation.kid.get(lang))
        self.adult.setText(explanation.adult.get(lang))
        self.figures.setText("\n".join(line.get(lang) for line in figures))
        self.show_live(self._live)

    def set_text_scale(self, scale: float) -> None:
        """Text ``scale`` times its normal size (for a projector across a classroom), the title
        and the captions too."""
        scale_text(self, scale)

    def retranslate(self, lang: str) -> None:
        """Texts in ``lang``."""
        self.lang = lang
        self.kid_label.setText(tr("for_kids", lang))
        self.adult_label.setText(tr("for_adults", lang))
        self.figures_label.setText(tr("figures", lang))
        self.live_label.setText(tr("live_figures", lang))
        self._fill()


class InfoCard(QDockWidget):
    """Shows one picked thing; :meth:`show_thing` fills it, :meth:`show_live` refreshes the
    clock's figures. The card scrolls when its text does not fit; Close stays at the bottom."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("info")
        holder = QWidget(self)
        layout = QVBoxLayout(holder)
        layout.setContentsMargins(0, 0, 0, 0)
        self.body = CardBody()
        self.scroll = ScrollingPanel(self.body, holder)
        self.close_button = QPushButton(holder)
        self.close_button.clicked.connect(self.closed)
        layout.addWidget(self.scroll, 1)
        layout.addWidget(self.close_button)
        self.setWidget(holder)
        # the labels, as tests and callers know them
        self.title, self.kid, self.adult = self.body.title, self.body.kid, self.body.adult
        self.figures, self.live = self.body.figures, self.body.live

    @property
    def lang(self) -> str:
        """The card's language."""
        return self.body.lang

    def show_thing(self, explanation: Explanation, figures: list[Text]) -> None:
        """Describe a thing (and show the card)."""
        self.body.show_thing(explanation, figures)
        self.show()

    def show_live(self, live: list[Text]) -> None:
        """The figures that change with the clock."""
        self.body.show_live(live)

    def set_text_scale(self, scale: float) -> None:
        """Text ``scale`` times its normal size (the card's and the dock's)."""
        scale_text(self, scale)

    def retranslate(self, lang: str) -> None:
        """Texts in ``lang``."""
        self.setWindowTitle(tr("info_card", lang))
        self.close_button.setText(tr("close", lang))
        self.body.retranslate(lang)
