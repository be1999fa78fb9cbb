"""Rehearsal mode in the window, driven as a guide would: keys, Next, stopwatch, notes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from viewer.model.tour.route import default_route_path, load_route
from viewer.ui.tour import route_saving
from viewer.ui.tour.rehearsal_panel import AHEAD_COLOUR, BEHIND_COLOUR
from viewer.ui.tour.route_saving import backup_path

DIE_CASTING = 3  # the fourth stop, a 60 s dwell


def key(qtbot, window, which: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key in the 3D view (where the guide's focus is)."""
    qtbot.keyClick(window.plotter, which, modifier)


@pytest.fixture
def rehearsing(qtbot, window):
    """The window in rehearsal mode (opened with Ctrl+R, as from View > Rehearsal)."""
    key(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert window.actions["rehearsal"].isChecked()
    return window


def wait(window, seconds: float) -> None:
    """Let the (paused) rehearsal clock run ``seconds``: the driven clock of these tests."""
    window.seek(window.clock_time() + seconds)


def arrive_at(window, stop: int) -> None:
    window.tour.seek(window.tour.motion.stop_times[stop])


def test_ctrl_r_opens_rehearsal_at_the_start_paused_in_the_seat(qtbot, rehearsing):
    window = rehearsing
    panel = window.tour.rehearsal.panel
    assert panel.isVisible() and window.tour.rehearsal.active
    assert not window.playback.playing and window.playback.speed == 1.0
    assert window.tour.time == 0.0 and window.tour.camera == "seat"
    assert panel.title.text() == "Stop 1 of 11: Lobby"
    assert "Welcome to Xiaomi" in panel.prompter.toPlainText()
    assert panel.next_line.text().startswith("Next: Technology showroom — The technology")
    assert "Exhibition hall" in panel.figures.text() and "6,500 m²" in panel.figures.text()
    key(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert not window.tour.rehearsal.active and not panel.isVisible()


def test_the_shuttle_waits_for_next_and_the_stopwatch_says_how_late(qtbot, rehearsing):
    window = rehearsing
    panel = window.tour.rehearsal.panel
    motion = window.tour.motion
    arrive, depart = motion.stop_spans[DIE_CASTING]
    arrive_at(window, DIE_CASTING)
    wait(window, 90.4)  # the guide talks 90 s at a 60 s stop
    state = window.tour.shuttle
    assert state.stop == DIE_CASTING and state.speed == 0.0
    assert window.tour.time == pytest.approx(depart - 3.0)  # facing the cell, waiting
    assert panel.stop_value.text() == "1:30  (plan 1:00)"
    assert panel.hint.text().startswith("The shuttle waits")
    assert panel.pace.text() == "0:33 behind"
    assert panel.pace.property("colour") == BEHIND_COLOUR
    wait(window, 60.0)
    assert window.tour.shuttle.stop == DIE_CASTING  # still waiting
    key(qtbot, window, Qt.Key.Key_Right)  # Next
    wait(window, 3.5)
    state = window.tour.shuttle
    assert state.stop is None and state.next_stop == DIE_CASTING + 1
    assert window.tour.rehearsal.model.actual[DIE_CASTING] == pytest.approx(153.0, abs=0.5)
    assert panel.title.text() == "On the way to: Stamping"
    assert panel.stop_value.text() == "—"


def test_next_early_puts_the_guide_ahead_in_blue(qtbot, rehearsing):
    window = rehearsing
    panel = window.tour.rehearsal.panel
    arrive_at(window, DIE_CASTING)
    wait(window, 20.0)
    qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
    wait(window, 10.0)
    assert window.tour.shuttle.stop is None
    # 40 s early, less the few seconds the drive's first metres take against the plan
    ahead = re.fullmatch(r"0:(\d\d) ahead", panel.pace.text())
    assert ahead is not None and 33 <= int(ahead.group(1)) <= 39, panel.pace.text()
    assert panel.pace.property("colour") == AHEAD_COLOUR


def test_dwell_pacing_leaves_when_the_dwell_ends(qtbot, rehearsing):
    window = rehearsing
    panel = window.tour.rehearsal.panel
    qtbot.mouseClick(panel.paced_box, Qt.MouseButton.LeftButton)
    assert not window.tour.rehearsal.model.guide_paced
    arrive_at(window, DIE_CASTING)
    wait(window, 70.0)
    assert window.tour.shuttle.stop is None
    assert panel.pace.text() == "On time"


def test_the_pacing_choice_is_remembered(qtbot, rehearsing, plant):
    panel = rehearsing.tour.rehearsal.panel
    assert panel.paced_box.isChecked()  # nothing remembered yet: wait for Next
    qtbot.mouseClick(panel.paced_box, Qt.MouseButton.LeftButton)
    from viewer.ui.window.main_window import MainWindow

    again = MainWindow(plant, lang="en", play=False)  # the next run
    qtbot.addWidget(again)
    assert not again.tour.rehearsal.panel.paced_box.isChecked()
    assert not again.tour.rehearsal.model.guide_paced
    qtbot.mouseClick(again.tour.rehearsal.panel.paced_box, Qt.MouseButton.LeftButton)
    again.close()
    third = MainWindow(plant, lang="en", play=False)
    qtbot.addWidget(third)
    assert third.tour.rehearsal.model.guide_paced
    third.close()


def test_keyboard_left_home_and_speed(qtbot, rehearsing):
    window = rehearsing
    motion = window.tour.motion
    arrive_at(window, DIE_CASTING)
    wait(window, 30.0)
    key(qtbot, window, Qt.Key.Key_Left)  # 30 s into a stop: exactly one stop back
    assert window.tour.time == pytest.approx(motion.stop_times[DIE_CASTING - 1])
    key(qtbot, window, Qt.Key.Key_Left)  # and one more
    assert window.tour.time == pytest.approx(motion.stop_times[DIE_CASTING - 2])
    key(qtbot, window, Qt.Key.Key_Plus)
    assert window.playback.speed == 2.0
    key(qtbot, window, Qt.Key.Key_Minus)
    key(qtbot, window, Qt.Key.Key_Minus)
    assert window.playback.speed == 0.5
    key(qtbot, window, Qt.Key.Key_Space)
    assert window.playback.playing
    key(qtbot, window, Qt.Key.Key_Space)
    key(qtbot, window, Qt.Key.Key_Home)
    assert window.tour.time == 0.0
    assert window.tour.rehearsal.model.actual == [None] * len(motion.route.stops)


def test_right_outside_rehearsal_jumps_to_the_next_stop(qtbot, window):
    key(qtbot, window, Qt.Key.Key_Right)
    key(qtbot, window, Qt.Key.Key_Right)  # from the first stop, two on: the third
    assert window.tour.shuttle.stop == 2
    assert window.tour.time == pytest.approx(window.tour.motion.stop_times[2])
    key(qtbot, window, Qt.Key.Key_Home)
    assert window.tour.time == 0.0


def test_help_lists_every_shortcut(qtbot, window):
    window.actions["shortcuts"].trigger()
    text = window.help.shortcuts_box.text()
    for keys in ("Space", "Right", "Left", "Home", "+", "-", "Ctrl+R", "1-9"):
        assert keys in text, keys
    assert "Next stop" in text and "Restart the tour" in text and "Rehearsal" in text
    window.help.shortcuts_box.close()
    window.set_language("zh")
    window.actions["shortcuts"].trigger()
    text = window.help.shortcuts_box.text()
    assert "下一站" in text and "排练模式" in text
    window.help.shortcuts_box.close()


def test_text_size_sets_the_teleprompter_type_and_is_remembered(qtbot, rehearsing, plant):
    panel = rehearsing.tour.rehearsal.panel
    assert panel.size_box.value() == 22  # nothing remembered yet
    panel.size_box.setValue(36)
    assert panel.prompter.font().pointSize() == 36
    from viewer.ui.window.main_window import MainWindow

    again = MainWindow(plant, lang="en", play=False)  # the next run
    qtbot.addWidget(again)
    again_panel = again.tour.rehearsal.panel
    assert again_panel.size_box.value() == 36 and again_panel.prompter.font().pointSize() == 36
    again.close()


def test_summary_at_the_end_lists_planned_and_actual(qtbot, rehearsing):
    window = rehearsing
    panel = window.tour.rehearsal.panel
    stops = window.tour.motion.route.stops
    for _ in stops:  # at each stop, talk 20 s, then Next, and skip the drive with Next
        wait(window, 20.0)
        key(qtbot, window, Qt.Key.Key_Right)
        wait(window, 3.5)
        key(qtbot, window, Qt.Key.Key_Right)
    wait(window, 120.0)
    assert panel.pages.currentIndex() == 1
    table = panel.summary
    assert table.rowCount() == len(stops) + 1
    assert table.item(0, 0).text() == "Lobby" and table.item(0, 1).text() == "4:00"
    assert table.item(0, 2).text() == "0:23" and table.item(0, 3).text() == "-3:37"
    assert table.item(len(stops), 0).text() == "Whole tour"
    assert panel.title.text() == "The tour has ended."
    key(qtbot, window, Qt.Key.Key_Home)
    assert panel.pages.currentIndex() == 0 and panel.title.text() == "Stop 1 of 11: Lobby"


@pytest.fixture
def route_copy(window, tmp_path: Path) -> Path:
    path = tmp_path / "tour.toml"
    shutil.copyfile(default_route_path(), path)
    assert window.tour.open_route(path)
    return path


def test_notes_typed_in_the_panel_are_saved_into_the_route_file(qtbot, rehearsing, route_copy):
    window = rehearsing
    panel = window.tour.rehearsal.panel
    arrive_at(window, DIE_CASTING)
    qtbot.mouseClick(panel.notes.viewport(), Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.notes, "Point at the glowing casting")
    assert panel.save_state.text() == "Not saved yet" and panel.save_button.isEnabled()
    window.set_language("zh")  # notes are per language
    assert panel.notes.toPlainText() == ""
    panel.notes.insertPlainText("指向发光的铸件")  # as an input method commits it
    window.set_language("en")
    assert panel.notes.toPlainText() == "Point at the glowing casting"
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    assert panel.save_state.text() == "Saved in tour.toml" and not panel.save_button.isEnabled()
    saved = load_route(route_copy).stops[DIE_CASTING].notes
    assert (saved.en, saved.zh) == ("Point at the glowing casting", "指向发光的铸件")
    assert backup_path(route_copy).exists()
    assert window.tour.motion.route.stops[DIE_CASTING].notes.en == saved.en  # the script too


def test_a_failed_save_says_why_and_keeps_the_notes_and_the_file(
    qtbot, rehearsing, route_copy, monkeypatch
):
    window = rehearsing
    panel = window.tour.rehearsal.panel
    original = route_copy.read_bytes()

    class DiskFull(route_saving.QSaveFile):
        def write(self, data: bytes) -> int:
            return -1 if self.fileName().endswith("tour.toml") else super().write(data)

    monkeypatch.setattr(route_saving, "QSaveFile", DiskFull)
    arrive_at(window, DIE_CASTING)
    qtbot.keyClicks(panel.notes, "Mind the cart")
    qtbot.mouseClick(panel.save_button, Qt.MouseButton.LeftButton)
    dialog = window.tour.rehearsal.error_dialog
    assert dialog is not None and dialog.isVisible()
    assert "tour.toml is unchanged" in dialog.text() and "cannot write" in dialog.text()
    dialog.close()
    assert route_copy.read_bytes() == original
    assert (
        panel.notes.toPlainText() == "Mind the cart" and panel.save_state.text() == "Not saved yet"
    )
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Discard)


def test_closing_with_unsaved_notes_asks_first(qtbot, rehearsing, route_copy, monkeypatch):
    window = rehearsing
    panel = window.tour.rehearsal.panel
    arrive_at(window, DIE_CASTING)
    qtbot.keyClicks(panel.notes, "Unsaved")
    answers = [QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save]
    monkeypatch.setattr(QMessageBox, "question", lambda *args: answers.pop(0))
    window.close()
    assert window.isVisible()  # Cancel: still open, notes still there
    assert panel.notes.toPlainText() == "Unsaved"
    window.close()  # Save
    assert not window.isVisible()
    assert load_route(route_copy).stops[DIE_CASTING].notes.en == "Unsaved"


def test_window_opens_rehearsing_with_the_option(qtbot, plant):
    from viewer.ui.window.main_window import MainWindow

    window = MainWindow(plant, lang="zh", rehearse=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(100)
    assert window.tour.rehearsal.active and not window.playback.playing
    assert window.tour.rehearsal.panel.title.text() == "第 1/11 站：大堂"
    window.close()


def test_left_on_the_way_goes_back_to_the_stop_just_left(qtbot, window):
    motion = window.tour.motion
    spans = motion.stop_spans
    window.tour.seek((spans[3][1] + motion.stop_times[4]) / 2)  # driving from stop 3 to 4
    key(qtbot, window, Qt.Key.Key_Left)
    assert window.tour.time == pytest.approx(motion.stop_times[3])
    assert window.tour.shuttle.stop == 3
    window.tour.seek(motion.stop_times[5] + 5.0)  # five seconds into stop 5
    key(qtbot, window, Qt.Key.Key_Left)
    assert window.tour.shuttle.stop == 4
