"""Labels declutter: a label that would overlap a more important one waits until there is room."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt

from viewer.model.plant.views import CameraPose
from viewer.scene.plant.labels import overlap


def all_boxes(window) -> dict[str, tuple[float, float, float, float] | None]:
    """Every label's screen rectangle (None: behind the camera), drawn or not, by key."""
    labels = window.scene.labels
    boxes = labels.screen_boxes(window.plotter.renderer)
    return {item.key: box for item, box in zip(labels.items, boxes, strict=True)}


def shown_boxes(window) -> dict[str, tuple[float, float, float, float]]:
    """The screen rectangles of the labels drawn now, by key."""
    boxes = all_boxes(window)
    return {
        item.key: boxes[item.key]
        for item in window.scene.labels.items
        if item.actor.GetVisibility() and boxes[item.key] is not None
    }


def on_screen(window) -> set[str]:
    """The keys of the labels whose whole panel lies on the picture (drawn or not)."""
    width, height = window.plotter.renderer.GetSize()
    return {
        key
        for key, box in all_boxes(window).items()
        if box is not None and box[0] >= 0 and box[1] <= width and box[2] >= 0 and box[3] <= height
    }


def assert_decluttered(window) -> dict[str, tuple[float, float, float, float]]:
    """No two drawn labels overlap; every label left out overlaps a drawn one at least as
    important. Returns the drawn labels' rectangles."""
    shown = shown_boxes(window)
    keys = list(shown)
    for i, a in enumerate(keys):
        for b in keys[i + 1 :]:
            assert not overlap(shown[a], shown[b]), f"{a} and {b} overlap on screen"
    sizes = {item.key: item.size for item in window.scene.labels.items}
    boxes = all_boxes(window)
    for key in on_screen(window) - set(shown):
        blockers = [k for k in shown if overlap(boxes[key], shown[k]) and sizes[k] >= sizes[key]]
        assert blockers, f"{key} is hidden though nothing as important is in its way"
    return shown


def small_overview(qtbot, window) -> None:
    window.resize(760, 480)
    qtbot.waitUntil(lambda: window.plotter.width() < 500, timeout=5000)
    window.go_to_view("overview")
    qtbot.waitUntil(lambda: not window.animator.running, timeout=10000)
    window.plotter.render()


def test_the_overview_in_a_small_window_shows_no_overlapping_labels(qtbot, window, plant):
    small_overview(qtbot, window)
    shown = assert_decluttered(window)
    workshops = {b.id for b in plant.buildings if b.kind == "workshop"}
    assert len(on_screen(window)) > len(shown)  # some were in the way: before, all were drawn
    # the most important ones stay: the workshops, first of all the one in the middle (in a
    # view under 500 px wide, drawn by Low at 0.6 of that, two or three of them fit)
    assert len(workshops & set(shown)) >= 2
    width, height = window.plotter.renderer.GetSize()
    middle = np.array([width / 2, height / 2])
    boxes = all_boxes(window)
    in_view = [k for k in workshops if k in on_screen(window)]
    nearest = min(
        in_view, key=lambda k: np.linalg.norm(np.reshape(boxes[k], (2, 2)).mean(1) - middle)
    )
    assert nearest in shown


def test_zooming_in_makes_room_for_more_labels(qtbot, window):
    small_overview(qtbot, window)
    before = set(shown_boxes(window))
    hidden = on_screen(window) - before
    assert hidden
    pose = window.scene.camera_pose()
    focal, eye = np.array(pose.focal_point), np.array(pose.position)
    window.scene.apply_pose(CameraPose(tuple(focal + 0.55 * (eye - focal)), pose.focal_point))
    window.plotter.render()
    after = assert_decluttered(window)
    assert hidden & set(after), "zooming in showed none of the labels that were waiting"


def test_the_test_track_step_of_explain_the_plant_is_decluttered(qtbot, window):
    window.resize(1100, 640)  # a 3D view about 340 px wide beside the docks
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    learning = window.learning
    assert learning.isVisible()
    step = next(i for i, s in enumerate(learning.steps) if s.view == "test-track")
    while learning.index < step:
        qtbot.mouseClick(learning.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.animator.running, timeout=10000)
    window.plotter.render()
    shown = assert_decluttered(window)
    assert window.plant.track.id in shown
