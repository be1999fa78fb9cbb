"""Helpers of the click-to-learn tests: point the camera straight at one robot, and where a
world point is on the view."""

from __future__ import annotations

import numpy as np

from viewer.model.classroom.picking import pick_targets
from viewer.model.plant.views import CameraPose


def robot_center(window, robot: int) -> np.ndarray:
    """Where the pickable sphere of robot ``robot`` is now."""
    run = window.clock.run  # the plant's model: its parts and the state shown
    targets = pick_targets(window.plant, run.parts, run.state)
    row = int(np.flatnonzero((targets.index == robot) & (targets.kind != "press"))[0])
    return targets.center[row]


def look_at_robot(window, robot: int) -> np.ndarray:
    """Put the camera 7 m from a robot, on the far side from its car, looking at the robot's
    centre; returns that centre."""
    center = robot_center(window, robot)
    away = center[:2] - window.clock.run.parts.robots.target[robot, :2]  # from the car it works on
    away = away / max(float(np.linalg.norm(away)), 1e-9)
    eye = center + np.array([away[0] * 6.0, away[1] * 6.0, 3.5])
    window.scene.apply_pose(CameraPose(tuple(eye), tuple(center), 40.0))
    window.plotter.render()
    return center


def widget_point(window, world) -> np.ndarray:
    """Where a world point is on the view, in the widget's logical pixels (y down)."""
    renderer = window.plotter.renderer
    renderer.SetWorldPoint(*world, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    ratio = window.plotter.render_ratio()
    return np.array([x / ratio, window.plotter.height() - y / ratio])
