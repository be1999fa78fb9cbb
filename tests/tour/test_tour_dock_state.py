"""The tour dock shows the viewer's state and asks only for what differs from it."""

from __future__ import annotations

from viewer.model.playback import SPEEDS
from viewer.model.tour.route import load_route
from viewer.model.tour.shuttle import TourMotion
from viewer.model.viewer_state import ViewerState
from viewer.ui.tour.tour_dock import TourDock


def test_the_tour_dock_shows_the_state_and_asks_only_for_changes(qtbot, plant):
    route = load_route()
    state = ViewerState(plant, route)
    dock = TourDock(TourMotion(route, plant), state)
    qtbot.addWidget(dock)
    asked = []
    for signal in (dock.seek_requested, dock.play_toggled, dock.speed_chosen, dock.camera_chosen):
        signal.connect(asked.append)
    state.speed, state.playing, state.tour_camera = 4.0, True, "seat"
    state.tour_time = 700.0
    dock.show_state(dock.tour.at(state.tour_time))  # the shuttle moved
    assert dock.speed_box.currentData() == 4.0 and dock.play_button.isChecked()
    assert dock.camera_box.currentData() == "seat" and dock.slider.value() == 700
    assert dock.clock_label.text().startswith("Tour 11:40 of")
    assert asked == []  # showing the state asks for nothing
    state.at_end = True
    assert dock.stop_title.text() == "End of the tour" and asked == []
    # the user's choices, each asked for once
    dock.speed_box.setCurrentIndex(SPEEDS.index(8.0))
    dock.camera_box.setCurrentIndex(dock.camera_box.findData("chase"))
    dock.slider.setValue(900)
    dock.play_button.click()
    assert asked == [8.0, "chase", 900.0, False]
