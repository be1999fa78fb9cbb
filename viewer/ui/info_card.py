"""The info card: what the clicked thing is, for a 12-year-old and for an adult, and its figures."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QPushButton, QVBoxLayout, QWidget

from viewer.model.explain import Explanation
from viewer.model.fields import Text
from viewer.ui.strings import tr


class InfoCard(QDockWidget):
    """Shows one thing; :meth:`show_thing` fills it, :meth:`show_live` refreshes the clock's
    figures."""

    closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("info")
        self.lang = "en"
        self._thing: tuple[Explanation, list[Text]] | None = None
        self._live: list[Text] = []
        body = QWidget(self)
        layout = QVBoxLayout(body)
        self.title = QLabel(body)
        self.title.setStyleSheet("font-size: 15pt; font-weight: bold")
        self.title.setWordWrap(True)
        self.kid_label, self.kid = QLabel(body), QLabel(body)
        self.adult_label, self.adult = QLabel(body), QLabel(body)
        self.figures_label, self.figures = QLabel(body), QLabel(body)
        self.live_label, self.live = QLabel(body), QLabel(body)
        layout.addWidget(self.title)
        for caption, text in (
            (self.kid_label, self.kid),
            (self.adult_label, self.adult),
            (self.figures_label, self.figures),
            (self.live_label, self.live),
        ):
            caption.setStyleSheet("font-weight: bold; color: palette(mid)")
            text.setWordWrap(True)
            text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
            layout.addWidget(caption)
            layout.addWidget(text)
        self.close_button = QPushButton(body)
        self.close_button.clicked.connect(self.closed)
        layout.addWidget(self.close_button)
        layout.addStretch(1)
        self.setWidget(body)

    def show_thing(self, explanation: Explanation, figures: list[Text]) -> None:
        """Describe a thing (and show the card)."""
        self._thing = (explanation, figures)
        self._fill()
        self.show()

    def show_live(self, live: list[Text]) -> None:
        """The figures that change with the clock."""
        self._live = live
        text = "\n".join(line.get(self.lang) for line in live)
        if self.live.text() != text:
            self.live.setText(text)

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

    def retranslate(self, lang: str) -> None:
        """Texts in ``lang``."""
        self.lang = lang
        self.setWindowTitle(tr("info_card", lang))
        self.kid_label.setText(tr("for_kids", lang))
        self.adult_label.setText(tr("for_adults", lang))
        self.figures_label.setText(tr("figures", lang))
        self.live_label.setText(tr("live_figures", lang))
        self.close_button.setText(tr("close", lang))
        self._fill()
