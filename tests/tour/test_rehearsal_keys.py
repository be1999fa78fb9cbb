"""Right and Left in a rehearsal, pressed as a guide did: each press moves one stop, before and
after Space, with the clock running or stopped, and the panel always agrees with the clock."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt

from viewer.model.tour.rehearsal import JUST_ARRIVED_S
from viewer.model.tour.tour_camera import TURN_S
from viewer.ui.tour.tour_dock import mmss


def key(qtbot, window, which: Qt.Key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press a key in the 3D view (where the guide's focus is)."""
    qtbot.keyClick(window.plotter, which, modifier)


def panel_agrees_with_the_clock(window) -> None:
    """The tour dock's clock, the panel's stopwatch and its title all tell the same moment."""
    tour, panel = window.tour, window.tour.rehearsal.panel
    motion, t = tour.motion, tour.time
    assert tour.dock.clock_label.text() == f"Tour {mmss(t)} of {mmss(motion.total_time)}"
    planned = re.search(r"\(plan (\S+) of", panel.tour_value.text())
    assert planned is not None and planned.group(1) == mmss(t), panel.tour_value.text()
    state = tour.shuttle
    stops = motion.route.stops
    if state.stop is not None:
        expected = f"Stop {state.stop + 1} of {len(stops)}: {stops[state.stop].name.en}"
    else:
        expected = f"On the way to: {stops[state.next_stop].name.en}"
    assert panel.title.text() == expected


def at_stop(window, stop: int) -> None:
    """The shuttle has just arrived at ``stop`` and everything shown says so."""
    motion = window.tour.motion
    name = motion.route.stops[stop].name.en
    assert window.tour.shuttle.stop == stop
    assert window.tour.time == pytest.approx(motion.stop_times[stop], abs=1.0)
    count = len(motion.route.stops)
    assert window.tour.rehearsal.panel.title.text() == f"Stop {stop + 1} of {count}: {name}"
    panel_agrees_with_the_clock(window)


def test_right_right_left_before_space_move_one_stop_each(qtbot, window):
    key(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    panel = window.tour.rehearsal.panel
    at_stop(window, 0)
    key(qtbot, window, Qt.Key.Key_Right)
    at_stop(window, 1)
    assert panel.pace.text() == "On time"  # a stop passed by before the start costs nothing
    key(qtbot, window, Qt.Key.Key_Right)
    at_stop(window, 2)
    key(qtbot, window, Qt.Key.Key_Left)
    at_stop(window, 1)
    assert panel.pace.text() == "On time"
    key(qtbot, window, Qt.Key.Key_Space)
    assert window.playback.playing
    qtbot.wait(1500)  # the guide starts talking at the showroom
    window.tour.show_time(window.clock_time())
    assert window.tour.shuttle.stop == 1
    panel_agrees_with_the_clock(window)
    model = window.tour.rehearsal.model
    talked = window.tour.rehearsal.rehearsal_time(window.clock_time()) - model.arrivals()[1]
    key(qtbot, window, Qt.Key.Key_Right)  # done here: the shuttle turns back and leaves
    assert model.actual[1] == pytest.approx(talked + TURN_S, abs=0.5)
    qtbot.waitUntil(
        lambda: panel.title.text() == "On the way to: Boarding the shuttle",
        timeout=int((TURN_S + 3) * 1000),
    )
    panel_agrees_with_the_clock(window)
    key(qtbot, window, Qt.Key.Key_Right)  # and skip the drive
    at_stop(window, 2)
    qtbot.wait(1000)
    key(qtbot, window, Qt.Key.Key_Space)  # the clock stops
    assert not window.playback.playing
    talked = window.tour.rehearsal.rehearsal_time(window.clock_time()) - model.arrivals()[2]
    assert talked > JUST_ARRIVED_S  # the guide has talked here
    key(qtbot, window, Qt.Key.Key_Right)  # on a stopped clock: on the way at once
    assert panel.title.text() == "On the way to: Die casting"
    assert window.tour.time == pytest.approx(window.tour.motion.stop_spans[2][1], abs=0.5)
    assert model.actual[2] == pytest.approx(talked + TURN_S)  # as when the clock runs
    panel_agrees_with_the_clock(window)
    key(qtbot, window, Qt.Key.Key_Right)
    at_stop(window, 3)
    key(qtbot, window, Qt.Key.Key_Left)
    at_stop(window, 2)
    key(qtbot, window, Qt.Key.Key_Left)
    at_stop(window, 1)


def test_next_at_every_stop_from_the_start_reaches_each_stop_in_turn(qtbot, window):
    key(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    for stop in range(1, len(window.tour.motion.route.stops)):
        key(qtbot, window, Qt.Key.Key_Right)
        at_stop(window, stop)
    for stop in range(len(window.tour.motion.route.stops) - 2, -1, -1):
        key(qtbot, window, Qt.Key.Key_Left)
        at_stop(window, stop)


def test_next_while_the_seat_turns_back_goes_on_to_the_next_stop(qtbot, window):
    key(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    window.tour.rehearsal.panel.paced_box.click()  # stops end with their dwell
    motion = window.tour.motion
    window.tour.seek(motion.stop_spans[3][1] - 1.0)  # the last second of die casting
    assert window.tour.shuttle.stop == 3
    key(qtbot, window, Qt.Key.Key_Right)
    at_stop(window, 4)
    model = window.tour.rehearsal.model
    assert model.actual[3] == pytest.approx(60.0) and 3 not in model.skipped
