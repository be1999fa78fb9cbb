"""Opening a side dock (the info card, Explain the plant) keeps the 3D view's framing."""

from __future__ import annotations

import numpy as np
from click_helpers import widget_point
from PySide6.QtCore import QPoint, Qt

from viewer.model.classroom.picking import pick_targets


def middle(window) -> np.ndarray:
    return np.array([window.plotter.width() / 2, window.plotter.height() / 2])


def ground_at_middle(window) -> np.ndarray:
    """The point of the ground (z = 0) seen at the middle of the view."""
    origin, direction = window.learn.ray(QPoint(*(middle(window).astype(int))))
    return origin + direction * (-origin[2] / direction[2])


def scale(window) -> float:
    """Pixels per metre at the middle of the view (a step across the picture there)."""
    point = ground_at_middle(window)
    camera = window.plotter.renderer.GetActiveCamera()
    across = np.cross(camera.GetDirectionOfProjection(), camera.GetViewUp())
    step = 10.0 * across / np.linalg.norm(across)
    return float(np.linalg.norm(widget_point(window, point + step) - widget_point(window, point)))


def body_view(qtbot, window) -> None:
    window.go_to_view("body")
    qtbot.waitUntil(lambda: not window.animator.running, timeout=10000)
    window.plotter.render()


def robot_seen_at(window, fraction: float) -> tuple[int, np.ndarray, np.ndarray]:
    """The spot-welding robot drawn nearest (``fraction`` of the width, half the height)."""
    targets = pick_targets(window.plant, window.clock.run.parts, window.plant_state)
    rows = np.flatnonzero(targets.kind == "spot_weld")
    screen = np.array([widget_point(window, targets.center[row]) for row in rows])
    aim = np.array([fraction * window.plotter.width(), window.plotter.height() / 2])
    best = int(np.argmin(np.abs(screen - aim).sum(axis=1)))
    return int(targets.index[rows[best]]), targets.center[rows[best]], screen[best]


def click_and_open_the_card(qtbot, window, at: np.ndarray) -> None:
    width = window.plotter.width()
    qtbot.mouseClick(
        window.plotter, Qt.MouseButton.LeftButton, pos=QPoint(round(at[0]), round(at[1]))
    )
    assert window.learn.card.isVisible()
    qtbot.waitUntil(lambda: window.plotter.width() < width - 100, timeout=5000)
    window.plotter.render()


def test_clicking_a_thing_keeps_the_middle_and_the_scale(qtbot, window):
    body_view(qtbot, window)
    seen = ground_at_middle(window)
    before = scale(window)
    robot, _, at = robot_seen_at(window, 0.5)
    click_and_open_the_card(qtbot, window, at)
    assert window.learn.picked == ("spot_weld", robot)
    # the same ground point is still in the middle, drawn at the same scale
    assert np.linalg.norm(widget_point(window, seen) - middle(window)) < 3.0
    assert abs(scale(window) / before - 1.0) < 0.01


def test_a_thing_clicked_near_the_edge_stays_on_the_narrower_view(qtbot, window):
    body_view(qtbot, window)
    robot, center, at = robot_seen_at(window, 0.12)
    before = scale(window)
    assert at[0] < 0.2 * window.plotter.width()
    click_and_open_the_card(qtbot, window, at)
    assert window.learn.picked == ("spot_weld", robot)
    x, y = widget_point(window, center)
    assert 0 < x < window.plotter.width() and 0 < y < window.plotter.height()
    assert abs(scale(window) / before - 1.0) < 0.01  # slid, not zoomed
    # ... and a click near the middle after it moves nothing
    pose = window.scene.camera_pose()
    _, _, at = robot_seen_at(window, 0.5)
    qtbot.mouseClick(
        window.plotter, Qt.MouseButton.LeftButton, pos=QPoint(round(at[0]), round(at[1]))
    )
    assert window.scene.camera_pose() == pose


def test_explain_the_plant_lands_framed_for_the_view_beside_its_dock(qtbot, window, plant):
    window.animator.duration = 3.0  # long enough to widen the dock during the flight
    qtbot.keyClick(window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    learning = window.learning
    assert learning.isVisible() and window.animator.running
    width = window.plotter.width()
    # the teacher widens the dock (or a larger text size does) while the camera flies
    window.resizeDocks([learning], [learning.width() + 160], Qt.Orientation.Horizontal)
    qtbot.waitUntil(lambda: window.plotter.width() < width - 100, timeout=5000)
    assert window.animator.running
    qtbot.waitUntil(lambda: not window.animator.running, timeout=10000)
    window.plotter.render()
    step = learning.step
    fitted = window.scene.view_pose(step.view)  # for the view as it is, beside the dock
    np.testing.assert_allclose(window.scene.camera_pose().position, fitted.position, atol=0.5)
    building = next(b for b in plant.buildings if b.id == step.place)
    for x, y in building.footprint:
        for z in (0.0, building.height):
            px, py = widget_point(window, (x, y, z))
            assert -2 <= px <= window.plotter.width() + 2, f"{step.place} cut off at the side"
            assert -2 <= py <= window.plotter.height() + 2, f"{step.place} cut off"
