"""The rehearsal panel's notes: showing a stop's or a language's notes is no edit, typing is one,
and no widget of the ui blocks its own signals to tell the two apart."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import viewer
from viewer.model.fields import Text
from viewer.model.tour.route import load_route
from viewer.ui.tour.rehearsal_panel import RehearsalPanel


def test_no_ui_module_blocks_its_own_signals():
    ui = Path(viewer.__file__).parent / "ui"
    blocking = [
        path.name
        for path in sorted(ui.rglob("*.py"))
        if "blockSignals" in (text := path.read_text(encoding="utf-8")) or "QSignalBlocker" in text
    ]
    assert blocking == []


def test_showing_notes_is_no_edit_and_typing_is(qtbot):
    route = load_route()
    saved = Text("Point at the press", "指向压机")
    stops = list(route.stops)
    stops[1] = replace(stops[1], notes=saved)
    route = replace(route, stops=tuple(stops))
    panel = RehearsalPanel()
    qtbot.addWidget(panel)
    panel.retranslate("en")
    panel.set_route(route)
    edits = []
    panel.notes_edited.connect(lambda: edits.append(panel.notes.toPlainText()))
    first, second = route.stops[0].id, route.stops[1].id
    panel.show_stop(0, True, None, False)
    panel.notes.insertPlainText("Wave")  # the guide types
    assert edits == ["Wave"] and panel.pending_notes() == {first: {"en": "Wave"}}
    panel.show_stop(1, True, None, False)  # another stop: its saved notes, no edit
    assert panel.notes.toPlainText() == saved.en
    panel.retranslate("zh")  # the same stop's notes in Chinese, no edit
    assert panel.notes.toPlainText() == saved.zh
    panel.retranslate("en")
    panel.show_stop(0, True, None, False)  # back at the first stop: the draft, no edit
    assert panel.notes.toPlainText() == "Wave"
    assert edits == ["Wave"] and panel.pending_notes() == {first: {"en": "Wave"}}
    assert panel.save_button.isEnabled()
    panel.show_stop(1, True, None, False)
    panel.notes.selectAll()
    panel.notes.insertPlainText(saved.en + "!")  # an edit of saved notes
    panel.notes.textCursor().deletePreviousChar()  # and back to them: no draft left
    assert edits[-2:] == [saved.en + "!", saved.en]
    assert panel.pending_notes() == {first: {"en": "Wave"}}
    assert second not in panel.pending_notes()
