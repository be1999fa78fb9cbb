"""Start-up: the window draws its scene once before the first frame, in its first pose and
quality (drawing Qt's first paints and a frame just to read the GL renderer cost a software
renderer about a third of a second of the first frame)."""

import pytest


def test_the_scene_is_drawn_once_before_the_first_frame(qtbot, plant):
    from viewer.ui.window.main_window import MainWindow

    window = MainWindow(plant, lang="en", play=False)
    qtbot.addWidget(window)
    renderer = window.plotter.renderer
    poses = []

    def drawn(*_: object) -> None:
        camera = renderer.GetActiveCamera()
        poses.append((camera.GetPosition(), camera.GetFocalPoint()))

    renderer.AddObserver("StartEvent", drawn)
    at_first_frame = []  # (times drawn, the camera's pose) when the first frame is shown
    window.first_frame.connect(
        lambda: at_first_frame.append((len(poses), window.scene.camera_pose()))
    )
    with qtbot.waitSignal(window.first_frame, timeout=30000):
        window.show()
    try:
        [(count, shown)] = at_first_frame
        assert count == 1, f"the scene was drawn {count} times for the first frame"
        position, focal = poses[0]  # drawn in the pose shown (the overview), nothing before
        assert position == pytest.approx(shown.position, abs=1e-6)
        assert focal == pytest.approx(shown.focal_point, abs=1e-6)
        drawn_before = len(poses)
        window.plotter.render()  # and it draws every frame after it
        assert len(poses) == drawn_before + 1
    finally:
        window.close()


def test_opening_a_plant_draws_it_a_few_times_not_once_per_actor(qtbot, plant):
    """File > Open plant builds the new scene on a plotter that has drawn: PyVista then draws
    the whole scene after every actor added (about 90 frames, tens of seconds on a software
    renderer) unless the scene holds its drawing while it builds."""
    from viewer.model.plant.layout import default_plant_path
    from viewer.ui.window.main_window import MainWindow

    window = MainWindow(plant, lang="en", play=False)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.first_frame, timeout=30000):
        window.show()
    try:
        draws = []
        window.plotter.renderer.AddObserver("StartEvent", lambda *_: draws.append(1))
        assert window.open_plant(default_plant_path())
        assert 1 <= len(draws) <= 5, f"opening the plant drew it {len(draws)} times"
    finally:
        window.close()
