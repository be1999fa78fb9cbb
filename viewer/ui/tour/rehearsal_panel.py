"""The rehearsal panel: teleprompter, stopwatch against the plan, key figures, notes, summary.

The panel only shows what the rehearsal controller gives it and emits what the guide asks for;
it keeps the notes being edited (a draft per stop and language) until they are saved. Showing
another stop's or language's notes is no edit: the drafts follow the editor's text (the same
text, the same drafts), so nothing is blocked and only a real change is told
(:attr:`RehearsalPanel.notes_edited`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from viewer.model.options import option
from viewer.model.tour.rehearsal import StopResult, Stopwatch
from viewer.model.tour.route import Route
from viewer.model.tour.stop_figures import StopFigures
from viewer.ui.classroom.figures_text import figures_text
from viewer.ui.settings import remember, remembered
from viewer.ui.strings import tr
from viewer.ui.text_scale import (
    LARGE,
    OWN_SIZE,
    SUBTITLE,
    TITLE,
    ScrollingPanel,
    set_text_factor,
)
from viewer.ui.tour.tour_dock import mmss

ON_TIME_S = 10.0  # within this many seconds of the plan counts as on time
BEHIND_COLOUR = "#c62828"
AHEAD_COLOUR = "#1565c0"
ON_TIME_COLOUR = "#2e7d32"
TEXT_PT = option("settings", "prompter_pt")  # its default and range, declared once
DEFAULT_TEXT_PT: int = TEXT_PT.default  # type: ignore[assignment]


def pace_text(behind: float, lang: str) -> tuple[str, str]:
    """How far off the plan, in words, and its colour.

    >>> pace_text(75.0, "en")
    ('1:15 behind', '#c62828')
    >>> pace_text(-30.0, "en")[0], pace_text(4.0, "en")[0]
    ('0:30 ahead', 'On time')
    """
    if behind > ON_TIME_S:
        return tr("behind", lang, time=mmss(behind)), BEHIND_COLOUR
    if behind < -ON_TIME_S:
        return tr("ahead", lang, time=mmss(-behind)), AHEAD_COLOUR
    return tr("on_time", lang), ON_TIME_COLOUR


def signed_mmss(seconds: float) -> str:
    """A difference as +m:ss or -m:ss.

    >>> signed_mmss(-75.2), signed_mmss(30)
    ('-1:15', '+0:30')
    """
    return ("-" if seconds < 0 else "+") + mmss(abs(seconds))


def first_sentence(text: str) -> str:
    """The first sentence (or line) of a narration.

    >>> first_sentence("One. Two.")
    'One.'
    >>> first_sentence("请就座。手机请放好。")
    '请就座。'
    """
    text = text.strip().splitlines()[0] if text.strip() else ""
    cuts = [text.find(mark) for mark in (". ", "。", "! ", "? ", "！", "？")]
    cuts = [cut for cut in cuts if cut >= 0]
    if not cuts:
        return text
    end = min(cuts)
    return text[: end + 1]


class RehearsalPanel(QDockWidget):
    """The guide's panel in rehearsal mode (see the module docstring)."""

    next_requested = Signal()
    guide_paced_changed = Signal(bool)
    save_requested = Signal()
    notes_edited = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("rehearsal")
        self.lang = "en"
        self.stop_id: str | None = None
        self.drafts: dict[tuple[str, str], str] = {}  # (stop id, lang) -> text not yet saved
        self.route: Route | None = None
        self._watch: Stopwatch | None = None
        body = QWidget(self)
        layout = QVBoxLayout(body)

        self.title = QLabel(body)
        self.title.setWordWrap(True)
        self.title.setStyleSheet("font-weight: bold")
        set_text_factor(self.title, TITLE)  # sizes follow View > Text size (text_scale.py)
        layout.addWidget(self.title)

        watch = QGridLayout()
        self.tour_caption, self.tour_value = QLabel(body), QLabel(body)
        self.stop_caption, self.stop_value = QLabel(body), QLabel(body)
        watch.addWidget(self.tour_caption, 0, 0)
        watch.addWidget(self.tour_value, 0, 1)
        watch.addWidget(self.stop_caption, 1, 0)
        watch.addWidget(self.stop_value, 1, 1)
        watch.setColumnStretch(1, 1)
        layout.addLayout(watch)
        self.pace = QLabel(body)
        self.pace.setAlignment(Qt.AlignmentFlag.AlignCenter)
        set_text_factor(self.pace, LARGE)
        layout.addWidget(self.pace)

        row = QHBoxLayout()
        self.next_button = QPushButton(body)
        self.next_button.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_ArrowForward))
        self.next_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.next_button.clicked.connect(self.next_requested)
        row.addWidget(self.next_button)
        self.size_label = QLabel(body)
        self.size_box = QSpinBox(body)
        self.size_box.setRange(int(TEXT_PT.low), int(TEXT_PT.high))  # type: ignore[arg-type]
        self.size_box.setSuffix(" pt")
        self.size_box.setValue(DEFAULT_TEXT_PT)
        self.size_box.valueChanged.connect(self.set_text_size)
        row.addStretch(1)
        row.addWidget(self.size_label)
        row.addWidget(self.size_box)
        layout.addLayout(row)
        self.paced_box = QCheckBox(body)
        self.paced_box.setChecked(True)
        self.paced_box.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.paced_box.toggled.connect(self.guide_paced_changed)
        layout.addWidget(self.paced_box)

        self.pages = QStackedWidget(body)
        self.pages.addWidget(self._prompter_page())
        self.pages.addWidget(self._summary_page())
        layout.addWidget(self.pages, 1)
        self.setWidget(ScrollingPanel(body, self))  # scrolls when large text does not fit
        self.set_text_size(remembered("prompter_pt"))  # type: ignore[arg-type]

    def _prompter_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.prompter = QTextEdit(page)
        self.prompter.setReadOnly(True)
        self.prompter.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.prompter.setStyleSheet("QTextEdit { background: #101418; color: #f4f4f0; }")
        set_text_factor(self.prompter, OWN_SIZE)  # the guide's own size (size_box)
        layout.addWidget(self.prompter, 3)
        self.hint = QLabel(page)
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #b26a00; font-weight: bold")
        layout.addWidget(self.hint)
        self.next_line = QLabel(page)
        self.next_line.setWordWrap(True)
        self.next_line.setStyleSheet("color: palette(mid); font-style: italic")
        layout.addWidget(self.next_line)
        self.figures = QLabel(page)
        self.figures.setWordWrap(True)
        layout.addWidget(self.figures)
        self.notes_label = QLabel(page)
        layout.addWidget(self.notes_label)
        self.notes = QPlainTextEdit(page)
        self.notes.textChanged.connect(self._on_notes_edited)
        layout.addWidget(self.notes, 1)
        row = QHBoxLayout()
        self.save_button = QPushButton(page)
        self.save_button.clicked.connect(self.save_requested)
        self.save_state = QLabel(page)
        self.save_state.setWordWrap(True)
        row.addWidget(self.save_button)
        row.addWidget(self.save_state, 1)
        layout.addLayout(row)
        return page

    def _summary_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        self.summary_title = QLabel(page)
        self.summary_title.setStyleSheet("font-weight: bold")
        set_text_factor(self.summary_title, SUBTITLE)
        layout.addWidget(self.summary_title)
        self.summary = QTableWidget(0, 4, page)
        self.summary.verticalHeader().setVisible(False)
        self.summary.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.summary.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.summary, 1)
        return page

    # -- what the controller shows ----------------------------------------------------------------
    def set_route(self, route: Route) -> None:
        """Show another route's stops (drafts of the previous route are dropped)."""
        self.route = route
        self.drafts.clear()
        self.stop_id = None
        self._show_notes(None)

    def show_stop(
        self, stop: int | None, at_stop: bool, figures: StopFigures | None, waiting: bool
    ) -> None:
        """The teleprompter on ``stop`` (the stop stood at, or driven to when not ``at_stop``)."""
        route, lang = self.route, self.lang
        if route is None:
            return
        if stop is None:
            self.title.setText(tr("tour_over", lang))
            self._set_prompter("")
            self.next_line.setText("")
            self.figures.setText("")
            self.hint.setText("")
            self._show_notes(None)
            return
        current = route.stops[stop]
        name = current.name.get(lang)
        title = tr("at_stop", lang, index=stop + 1, count=len(route.stops), stop=name)
        self.title.setText(title if at_stop else tr("driving_to", lang, stop=name))
        self._set_prompter(current.narration.get(lang))
        self.hint.setText(tr("waiting_next", lang) if waiting else "")
        if stop + 1 < len(route.stops):
            following = route.stops[stop + 1]
            line = first_sentence(following.narration.get(lang))
            self.next_line.setText(
                tr("next_up", lang, stop=following.name.get(lang)) + (f" — {line}" if line else "")
            )
        else:
            self.next_line.setText("")
        self.figures.setText(figures_text(figures, lang) if figures is not None else "")
        self._show_notes(current.id)

    def show_watch(self, watch: Stopwatch) -> None:
        """The stopwatch against the plan."""
        self._watch = watch
        lang = self.lang
        self.tour_value.setText(
            tr(
                "watch_of",
                lang,
                elapsed=mmss(watch.elapsed),
                planned=mmss(watch.planned),
                total=mmss(watch.total_planned),
            )
        )
        if watch.stop is not None:
            stop = tr(
                "watch_value",
                lang,
                elapsed=mmss(watch.stop_elapsed),
                planned=mmss(watch.stop_planned),
            )
            over = watch.stop_elapsed > watch.stop_planned
            self.stop_value.setStyleSheet(f"color: {BEHIND_COLOUR}" if over else "")
        else:
            stop = "—"
            self.stop_value.setStyleSheet("")
        self.stop_value.setText(stop)
        text, colour = pace_text(watch.behind, lang)
        self.pace.setText(text)
        self.pace.setStyleSheet(
            f"background: {colour}; color: white; font-weight: bold;"
            " border-radius: 4px; padding: 4px"
        )
        self.pace.setProperty("colour", colour)

    def show_summary(self, results: list[StopResult], watch: Stopwatch) -> None:
        """The table of planned and actual times per stop (the tour is over)."""
        route, lang = self.route, self.lang
        if route is None:
            return
        self.summary.setRowCount(len(results) + 1)
        for row, result in enumerate(results):
            name = route.stops[result.stop].name.get(lang)
            if result.actual is None or result.skipped:
                actual, difference = (tr("skipped", lang) if result.skipped else "—"), ""
            else:
                actual = mmss(result.actual)
                difference = signed_mmss(result.actual - result.planned)
            self._summary_row(row, name, mmss(result.planned), actual, difference)
        total = len(results)
        self._summary_row(
            total,
            tr("whole_tour", lang),
            mmss(watch.total_planned),
            mmss(watch.elapsed),
            signed_mmss(watch.elapsed - watch.total_planned),
        )
        font = QFont(self.summary.font())
        font.setBold(True)
        for column in range(4):
            self.summary.item(total, column).setFont(font)
        self.title.setText(tr("tour_over", lang))
        self.hint.setText("")
        self.pages.setCurrentIndex(1)

    def _summary_row(self, row: int, *cells: str) -> None:
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column and text.startswith("+") and text != "+0:00":
                item.setForeground(QColor(BEHIND_COLOUR))
            elif column and text.startswith("-"):
                item.setForeground(QColor(AHEAD_COLOUR))
            self.summary.setItem(row, column, item)

    def show_prompter(self) -> None:
        """Back from the summary to the teleprompter."""
        self.pages.setCurrentIndex(0)

    def set_text_size(self, points: int) -> None:
        """The teleprompter's type size in points."""
        if self.size_box.value() != points:
            self.size_box.setValue(points)
            return
        font = QFont(self.prompter.font())
        font.setPointSize(points)
        self.prompter.setFont(font)
        if points != remembered("prompter_pt"):
            remember("prompter_pt", points)  # the guide's size, next time too

    def _set_prompter(self, text: str) -> None:
        if self.prompter.toPlainText() != text:
            self.prompter.setPlainText(text)

    # -- notes ------------------------------------------------------------------------------------
    def _show_notes(self, stop_id: str | None) -> None:
        """Edit the notes of ``stop_id`` in the current language."""
        key = (stop_id, self.lang)
        if stop_id == self.stop_id and self.notes.property("lang") == self.lang:
            return
        self.stop_id = stop_id
        self.notes.setProperty("lang", self.lang)
        self.notes.setEnabled(stop_id is not None)
        self.notes.setPlainText(self.drafts.get(key, self._saved_notes(stop_id)))  # type: ignore[arg-type]
        self._show_save_state()

    def _saved_notes(self, stop_id: str | None) -> str:
        if stop_id is None or self.route is None:
            return ""
        return self.route.stop(stop_id).notes.get(self.lang)

    def _on_notes_edited(self) -> None:
        if self.stop_id is None:
            return
        text = self.notes.toPlainText()
        key = (self.stop_id, self.lang)
        before = self.drafts.get(key)
        if text.strip() == self._saved_notes(self.stop_id):
            self.drafts.pop(key, None)
        else:
            self.drafts[key] = text
        if self.drafts.get(key) == before:  # the notes shown, not edited (another stop)
            return
        self._show_save_state()
        self.notes_edited.emit()

    def pending_notes(self) -> dict[str, dict[str, str]]:
        """The notes edited and not saved: {stop id: {lang: text}}."""
        pending: dict[str, dict[str, str]] = {}
        for (stop_id, lang), text in self.drafts.items():
            pending.setdefault(stop_id, {})[lang] = text
        return pending

    def notes_saved(self, route: Route) -> None:
        """The drafts are in ``route`` now (its file was written)."""
        self.route = route
        self.drafts.clear()
        self._show_save_state(saved=route.source.name)

    def _show_save_state(self, saved: str | None = None) -> None:
        lang = self.lang
        self.save_button.setEnabled(bool(self.drafts))
        if self.drafts:
            self.save_state.setText(tr("notes_unsaved", lang))
        elif saved is not None:
            self.save_state.setText(tr("notes_saved", lang, file=saved))

    def retranslate(self, lang: str) -> None:
        """Texts in ``lang`` (the notes editor switches to that language's notes)."""
        self.lang = lang
        self.setWindowTitle(tr("rehearsal_panel", lang))
        self.tour_caption.setText(tr("watch_tour", lang))
        self.stop_caption.setText(tr("watch_stop", lang))
        self.next_button.setText(tr("next_go", lang) + "  (→)")
        self.size_label.setText(tr("text_size", lang))
        self.paced_box.setText(tr("guide_paced", lang))
        self.notes_label.setText(tr("my_notes", lang))
        self.save_button.setText(tr("save_notes", lang))
        self.summary_title.setText(tr("summary", lang))
        self.summary.setHorizontalHeaderLabels(
            [tr(key, lang) for key in ("stop", "planned", "actual", "difference")]
        )
        self._show_notes(self.stop_id)
        if self._watch is not None:
            self.show_watch(self._watch)
