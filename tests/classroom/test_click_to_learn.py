"""Click to learn: picking robots, machines and cars, the info card, the highlight, high DPI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from click_helpers import look_at_robot
from PySide6.QtCore import QPoint, Qt

HERE = Path(__file__).parent.parent  # the tests folder: pick_script.py


def first_robot(window, task: str, workshop: str) -> int:
    robots = window.clock.run.parts.robots
    return int(np.flatnonzero((robots.task == task) & (robots.workshop == workshop))[0])


def view_center(window) -> QPoint:
    return QPoint(window.plotter.width() // 2, window.plotter.height() // 2)


def test_clicking_a_welding_robot_opens_its_card_and_highlights_it(qtbot, window):
    robot = first_robot(window, "spot_weld", "body")
    center = look_at_robot(window, robot)
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=view_center(window))
    learn = window.learn
    assert learn.picked == ("spot_weld", robot)
    card = learn.card
    assert card.isVisible() and card.title.text() == "Spot-welding robot"
    assert "Reach 2.7 m, payload 210 kg" in card.figures.text()
    assert "robots in Body shop (welding)" in card.figures.text()
    assert "Underbody line, station 1 of 30 · Body shop (welding)" in card.figures.text()
    assert "Cars finished so far" in card.live.text()
    assert "squeezes two metal sheets" in card.kid.text()
    assert learn.highlight.visible
    np.testing.assert_allclose(learn.highlight.actor.GetPosition(), center, atol=1e-6)
    window.set_language("zh")
    assert card.title.text() == "点焊机器人" and "臂展 2.7 米" in card.figures.text()
    assert window.actions.menus["view"].title() == "视图(&V)"


def test_the_highlight_follows_the_robot_as_it_works(qtbot, window):
    robot = first_robot(window, "spot_weld", "body")
    look_at_robot(window, robot)
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=view_center(window))
    assert window.state.picked == ("spot_weld", robot)
    before = np.array(window.learn.highlight.actor.GetPosition())
    positions = []
    for dt in np.arange(3.0, 80.0, 6.0):  # a whole takt: at some moment of it the robot works
        window.seek(window.sim_time + dt)
        positions.append(np.array(window.learn.highlight.actor.GetPosition()))
    assert max(np.linalg.norm(p - before) for p in positions) > 0.01  # the arm moved


def test_clicking_the_sky_closes_the_card_and_a_drag_picks_nothing(qtbot, window):
    robot = first_robot(window, "spot_weld", "body")
    look_at_robot(window, robot)
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=view_center(window))
    assert window.learn.card.isVisible()
    from viewer.model.plant.views import CameraPose

    window.scene.apply_pose(CameraPose((500.0, 300.0, 60.0), (500.0, 320.0, 400.0), 40.0))
    window.plotter.render()  # looking up into the sky
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=view_center(window))
    assert window.learn.picked is None and not window.learn.card.isVisible()
    assert not window.learn.highlight.visible
    look_at_robot(window, robot)
    start = view_center(window)
    qtbot.mousePress(window.plotter, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(window.plotter, start + QPoint(60, 0))
    qtbot.mouseRelease(window.plotter, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 0))
    assert window.learn.picked is None


def test_the_press_and_the_die_casting_machine_have_their_figures(qtbot, window):
    learn = window.learn
    for kind, expected in (("press", "strokes a minute"), ("die_cast", "Clamp force 9,100 t")):
        targets_kind = __import__("viewer.model.classroom.picking", fromlist=["x"]).pick_targets(
            window.plant, window.clock.run.parts, window.plant_state
        )
        row = int(np.flatnonzero(targets_kind.kind == kind)[0])
        center = targets_kind.center[row]
        radius = targets_kind.radius[row]
        from viewer.model.plant.views import CameraPose

        eye = center + np.array([0.0, -(radius + 12.0), 6.0])
        window.scene.apply_pose(CameraPose(tuple(eye), tuple(center), 40.0))
        window.plotter.render()
        qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=view_center(window))
        assert learn.picked is not None and learn.picked[0] == kind
        assert expected in learn.card.figures.text()


def test_picking_on_a_device_pixel_ratio_2_window_picks_the_same_robot(window):
    robot = first_robot(window, "spot_weld", "body")
    results = {}
    for scale in ("1", "2"):
        env = {**os.environ, "QT_SCALE_FACTOR": scale}
        out = subprocess.run(
            [sys.executable, str(HERE / "pick_script.py"), str(robot)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        line = [row for row in out.stdout.splitlines() if row.startswith("{")]
        assert line, out.stderr[-2000:]
        results[scale] = json.loads(line[-1])
    assert results["1"]["ratio"] == 1.0 and results["2"]["ratio"] == 2.0
    assert results["1"]["picked"] == results["2"]["picked"] == ["spot_weld", robot]


@pytest.mark.parametrize("kind", ["su7"])
def test_the_su7_in_the_lobby_can_be_picked(qtbot, window, kind):
    from viewer.model.classroom.picking import pick_targets
    from viewer.model.plant.views import CameraPose

    targets = pick_targets(window.plant, window.clock.run.parts, window.plant_state)
    center = targets.center[int(np.flatnonzero(targets.kind == kind)[0])]
    eye = center + np.array([0.0, -9.0, 2.0])
    window.scene.apply_pose(CameraPose(tuple(eye), tuple(center), 40.0))
    window.plotter.render()
    qtbot.mouseClick(window.plotter, Qt.MouseButton.LeftButton, pos=view_center(window))
    assert window.learn.picked == (kind, 0)
    assert "Möbius" in window.learn.card.title.text()
