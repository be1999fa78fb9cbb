"""The pick marker rings the picked thing and leaves it in view (it used to be a solid disc)."""

from __future__ import annotations

import numpy as np
from click_helpers import look_at_robot, widget_point
from PySide6.QtCore import QPoint, Qt
from qimage_pixels import rgb_pixels
from vtkmodules.vtkRenderingCore import VTK_SURFACE

from viewer.model.classroom.picking import pick_targets


def grab(window) -> np.ndarray:
    """The view as the user sees it: RGB, one row per device pixel."""
    window.plotter.render()
    return rgb_pixels(window.plotter.grabFramebuffer())


def inside_disc(image: np.ndarray, center: np.ndarray, radius: float) -> np.ndarray:
    """The pixels of ``image`` within ``radius`` of ``center`` (device pixels)."""
    rows, cols = np.mgrid[: image.shape[0], : image.shape[1]]
    mask = (cols - center[0]) ** 2 + (rows - center[1]) ** 2 <= radius**2
    return image[mask]


def projected_radius(window, center: np.ndarray, radius: float) -> float:
    """The on-screen radius (logical pixels) of a sphere round ``center``."""
    camera = window.plotter.renderer.GetActiveCamera()
    right = np.cross(camera.GetDirectionOfProjection(), camera.GetViewUp())
    right /= np.linalg.norm(right)
    edge = widget_point(window, center + right * radius)
    return float(np.linalg.norm(edge - widget_point(window, center)))


def assert_marked_not_hidden(window, robot_center: np.ndarray, robot_radius: float) -> None:
    """The marker is an outline, and the picked robot's pixels are what they are unmarked."""
    mark = window.learn.highlight
    assert mark.visible
    outline = mark.actor.GetMapper().GetInput()
    assert outline.GetNumberOfLines() > 0 and outline.GetNumberOfPolys() == 0
    assert outline.GetNumberOfStrips() == 0
    prop = mark.actor.GetProperty()
    assert not hasattr(prop, "GetRepresentation") or prop.GetRepresentation() != VTK_SURFACE
    marked = grab(window)
    mark.hide()
    bare = grab(window)
    mark.show(tuple(mark.center), mark.radius)
    scale = bare.shape[1] / window.plotter.width()
    center = widget_point(window, robot_center) * scale
    # the robot's own pixels: most of the disc its bounding sphere covers on screen (inside the
    # ring's ticks)
    ring_px = mark.screen_radius() / window.plotter.render_ratio()
    disc_px = min(0.8 * projected_radius(window, robot_center, robot_radius), 0.6 * ring_px)
    disc_px = max(disc_px, 3.0) * scale
    same = np.all(
        inside_disc(marked, center, disc_px) == inside_disc(bare, center, disc_px), axis=1
    )
    assert same.mean() > 0.98, f"the marker covers {1 - same.mean():.0%} of the picked robot"
    # ... and the marker is drawn: yellow pixels round the robot
    ring = np.any(marked != bare, axis=2)
    assert ring.sum() > 40


def nearest_robot_to_centre(window) -> tuple[int, np.ndarray]:
    """The spot-welding robot drawn nearest the middle of the view, and its centre."""
    targets = pick_targets(window.plant, window.clock.run.parts, window.plant_state)
    middle = np.array([window.plotter.width() / 2, window.plotter.height() / 2])
    rows = np.flatnonzero(targets.kind == "spot_weld")
    screen = np.array([widget_point(window, targets.center[row]) for row in rows])
    best = int(np.argmin(np.abs(screen - middle).sum(axis=1)))
    return int(targets.index[rows[best]]), targets.center[rows[best]]


def test_a_robot_picked_from_afar_is_ringed_not_covered(qtbot, window):
    window.scene.show_view("body")  # the whole welding hall: a robot is a few pixels
    window.plotter.render()
    robot, center = nearest_robot_to_centre(window)
    click = widget_point(window, center)
    qtbot.mouseClick(
        window.plotter, Qt.MouseButton.LeftButton, pos=QPoint(round(click[0]), round(click[1]))
    )
    assert window.learn.picked == ("spot_weld", robot)
    qtbot.wait(50)  # the card's dock takes its room
    window.plotter.render()
    assert_marked_not_hidden(window, center, window.learn.highlight.radius)
    assert window.learn.highlight.radius_px >= 14.0  # a ring round a speck, not a speck


def test_a_robot_picked_close_up_stays_in_full_view(qtbot, window):
    robot = int(np.flatnonzero(window.clock.run.parts.robots.task == "spot_weld")[0])
    center = look_at_robot(window, robot)
    middle = QPoint(window.plotter.width() // 2, window.plotter.height() // 2)
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=middle)
    assert window.learn.picked == ("spot_weld", robot)
    qtbot.wait(50)
    window.plotter.render()
    assert_marked_not_hidden(window, center, window.learn.highlight.radius)
