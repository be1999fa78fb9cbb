"""View > Text size: every panel and card scales all its text, headings too, and scrolls when it
does not fit; Explain the plant keeps Previous and Next in one place."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QLabel, QScrollArea, QWidget

from viewer.model.classroom.explain import plant_explanations
from viewer.ui.settings import TEXT_SCALES
from viewer.ui.text_scale import OWN_SIZE, TITLE, normal_points, text_factor


def settle(qtbot) -> None:
    """Let the layouts and scroll areas follow a change."""
    for _ in range(3):
        QApplication.processEvents()
        qtbot.wait(20)


def choose_text_size(window, scale: float, qtbot) -> None:
    """View > Text size > ``scale``, as the user picks it."""
    window.actions.text_sizes[scale].trigger()
    settle(qtbot)


def own_size(widget: QWidget, dock: QDockWidget) -> bool:
    """Whether ``widget`` (or a parent in ``dock``) keeps a text size of its own."""
    while widget is not None and widget is not dock:
        if text_factor(widget) == OWN_SIZE:
            return True
        widget = widget.parentWidget()
    return False


def shown_labels(dock: QDockWidget) -> list[QLabel]:
    """The labels of ``dock`` that show some text."""
    return [
        label
        for label in dock.findChildren(QLabel)
        if label.isVisibleTo(dock) and label.text() and not own_size(label, dock)
    ]


def scroll_area_of(widget: QWidget, dock: QDockWidget) -> QScrollArea | None:
    """The scroll area of ``dock`` that holds ``widget`` (None: it sits in the dock itself)."""
    parent = widget.parentWidget()
    while parent is not None and parent is not dock:
        if isinstance(parent, QScrollArea) and parent.widget().isAncestorOf(widget):
            return parent
        parent = parent.parentWidget()
    return None


def clipped(dock: QDockWidget) -> list[str]:
    """What of ``dock``'s text cannot be read: a label smaller than its text needs, a label
    outside the dock, a scroll area's content taller than its view without a scroll bar or
    wider than its view."""
    problems = []
    for label in shown_labels(dock):
        name = f"{label.text()[:30]!r}"
        if label.wordWrap():
            if label.height() < label.heightForWidth(label.width()):
                problems.append(f"{name} is {label.height()} px high, needs more")
        elif label.width() < label.sizeHint().width() or label.height() < label.sizeHint().height():
            problems.append(f"{name} is {label.size().toTuple()}, needs {label.sizeHint()}")
        area = scroll_area_of(label, dock)
        if area is None:
            top_left = label.mapTo(dock, QPoint(0, 0))
            inside = dock.rect().contains(top_left) and dock.rect().contains(
                top_left + QPoint(label.width() - 1, label.height() - 1)
            )
            if not inside:
                problems.append(f"{name} lies outside the dock and cannot be scrolled to")
    for area in dock.findChildren(QScrollArea):
        body, view = area.widget(), area.viewport()
        if not area.isVisibleTo(dock) or body is None:
            continue
        if body.height() > view.height() + 1 and not area.verticalScrollBar().isVisible():
            problems.append(f"content {body.height()} px high in {view.height()} px, no scroll bar")
        if body.width() > view.width() + 1:
            problems.append(f"content {body.width()} px wide in a {view.width()} px view")
    return problems


def check_scaled(dock: QDockWidget, scale: float) -> None:
    """Every shown text of ``dock`` at its size for ``scale``; nothing clipped."""
    points = normal_points() * scale
    for label in shown_labels(dock):
        want = points * text_factor(label)
        assert label.font().pointSizeF() == pytest.approx(want), (label.text(), scale)
    assert dock.font().pointSizeF() == pytest.approx(points)  # the dock's own title too
    assert not clipped(dock), (dock.objectName(), scale, clipped(dock))


def fully_visible(label: QLabel) -> bool:
    """Whether the whole of ``label`` is on screen (not cut off by its scroll area or dock)."""
    return label.visibleRegion().boundingRect() == label.rect()


def test_explain_the_plant_scales_and_scrolls_at_every_text_size(qtbot, window):
    panel = window.learning
    window.tour.dock.show()
    panel.start()
    titles = []
    for scale in TEXT_SCALES:
        choose_text_size(window, scale, qtbot)
        for index in range(len(panel.steps)):
            panel.go(index)
            settle(qtbot)
            check_scaled(panel, scale)
            check_scaled(window.tour.dock, scale)
            assert fully_visible(panel.body.title), (scale, index)
            assert fully_visible(panel.step_label)
        title = panel.body.title.font().pointSizeF()
        assert title == pytest.approx(normal_points() * scale * TITLE)
        titles.append(title)
        captions = panel.body.kid_label.font().pointSizeF()
        assert captions == pytest.approx(normal_points() * scale)
    assert titles == sorted(titles) and titles[-1] > 2.5 * titles[0]
    # At 220 % the die-casting card does not fit the dock: it scrolls, the title still shows.
    panel.go(1)
    settle(qtbot)
    assert panel.scroll.verticalScrollBar().isVisible()
    assert panel.scroll.verticalScrollBar().value() == 0


def test_the_info_card_scales_and_scrolls_at_every_text_size(qtbot, window):
    card = window.learn.card
    machine = plant_explanations(window.plant)["die_cast"]
    card.show_thing(machine, [])
    for scale in TEXT_SCALES:
        choose_text_size(window, scale, qtbot)
        check_scaled(card, scale)
        assert fully_visible(card.title)
        assert card.title.font().pointSizeF() == pytest.approx(normal_points() * scale * TITLE)
        assert card.close_button.font().pointSizeF() == pytest.approx(normal_points() * scale)
    assert card.scroll.verticalScrollBar().isVisible()  # 220 %: the card scrolls


def test_the_rehearsal_panel_scales_and_scrolls_at_every_text_size(qtbot, window):
    window.actions["rehearsal"].setChecked(True)
    panel = window.tour.rehearsal.panel
    qtbot.waitUntil(panel.isVisible, timeout=3000)
    prompter = panel.prompter.font().pointSizeF()
    titles = []
    for scale in TEXT_SCALES:
        choose_text_size(window, scale, qtbot)
        check_scaled(panel, scale)
        check_scaled(window.tour.dock, scale)
        titles.append(panel.title.font().pointSizeF())
        assert panel.pace.font().pointSizeF() > panel.tour_value.font().pointSizeF()
        assert panel.prompter.font().pointSizeF() == prompter  # the guide's own size
    assert titles == sorted(titles) and titles[-1] > 2.5 * titles[0]


def test_previous_and_next_stay_in_one_place_on_every_card(qtbot, window):
    panel = window.learning
    panel.start()
    for scale in (1.0, 2.2):
        choose_text_size(window, scale, qtbot)
        places = set()
        for index in range(len(panel.steps)):
            panel.go(index)
            settle(qtbot)
            buttons = (panel.previous_button, panel.next_button, panel.close_button)
            places.add(tuple(b.mapToGlobal(QPoint(0, 0)).toTuple() for b in buttons))
        assert len(places) == 1, (scale, places)
    # A teacher clicking repeatedly at the same spot of the screen walks the whole path.
    panel.go(0)
    settle(qtbot)
    for button, last in ((panel.next_button, len(panel.steps) - 1), (panel.previous_button, 0)):
        spot = button.mapToGlobal(button.rect().center())
        for _ in range(len(panel.steps) - 1):
            under = QApplication.widgetAt(spot)
            assert under is button, (panel.index, under)
            qtbot.mouseClick(under, Qt.MouseButton.LeftButton, pos=under.mapFromGlobal(spot))
            settle(qtbot)
        assert panel.index == last


def test_the_tour_docks_stop_names_wrap_instead_of_being_cut_off(qtbot, window):
    window.tour.dock.show()
    choose_text_size(window, 2.2, qtbot)
    stops = window.tour.dock.stop_list
    settle(qtbot)
    width = stops.viewport().width()
    for row in range(stops.count()):
        item = stops.item(row)
        rect = stops.visualItemRect(item)
        needed = stops.fontMetrics().horizontalAdvance(item.text())
        # a name wider than the list takes more than one line of the list's height
        assert rect.width() <= width
        if needed > width:
            assert rect.height() >= 2 * stops.fontMetrics().height() - 2, item.text()
    choose_text_size(window, 1.0, qtbot)
