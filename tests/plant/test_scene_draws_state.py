"""The scene draws a state: it owns no simulation (issue 21).

The model's state at a time is computed once by the model (a PlantRun, a TourMotion) held by
whatever drives time (the window's clock and tour controller, the off-screen renderer) and
handed to the scenes, which only draw it.
"""

from __future__ import annotations

import numpy as np
import pyvista as pv

from viewer.model.motion.plant_run import PlantRun
from viewer.model.tour.shuttle import TourMotion
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.snapshot import OffscreenRenderer, middle_of_stop, render_image
from viewer.scene.tour.tour_scene import TourScene

SIZE = (192, 108)


def _picture(plotter: pv.Plotter) -> np.ndarray:
    plotter.render()
    return np.asarray(plotter.screenshot(return_img=True)).copy()


def _scene(plant, state, parts) -> tuple[pv.Plotter, PlantScene]:
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE), lighting="none")
    scene = PlantScene(plotter, plant, parts=parts, state=state)
    scene.show_view("body")
    return plotter, scene


def test_the_plant_scene_keeps_no_simulation_and_draws_the_state_it_is_given(plant):
    run = PlantRun(plant)
    plotter, scene = _scene(plant, run.state, run.parts)
    try:
        assert not hasattr(scene, "simulation") and not hasattr(scene, "state")
        assert not hasattr(scene, "set_time")
        later = PlantRun(plant, run.parts).at(run.start_time + 45.0)  # another model object
        scene.draw(later)
        turret = scene.instanced["robot-turret"]
        np.testing.assert_allclose(turret.positions, later.poses.positions["turret"])
        cars = scene.instanced["line-car-body"]
        np.testing.assert_allclose(cars.positions, later.cars.products.position)
    finally:
        plotter.close()


def test_two_scenes_drawing_the_same_state_give_the_same_picture(plant):
    """One scene played on from the start, one built straight at the state: the picture
    depends on the state drawn alone, not on what the scene drew before."""
    run = PlantRun(plant)
    state = run.at(run.start_time + 130.0)
    first, played = _scene(plant, PlantRun(plant, run.parts).state, run.parts)
    second, _ = _scene(plant, state, run.parts)
    try:
        played.draw(run.at(run.start_time + 60.0))
        played.draw(state)
        a, b = _picture(first), _picture(second)
        assert np.array_equal(a, b)
        played.draw(run.at(run.start_time + 20.0))  # another state: another picture
        assert not np.array_equal(_picture(first), b)
    finally:
        first.close()
        second.close()


def test_the_tour_scene_draws_the_shuttle_state_it_is_given(plant, tour):
    plotter = pv.Plotter(off_screen=True, window_size=list(SIZE))
    try:
        scene = TourScene(plotter, tour, plant)
        assert not any(hasattr(scene, name) for name in ("motion", "route", "state", "set_time"))
        state = tour.at(tour.stop_times[3] + 5.0)
        scene.draw(state)
        np.testing.assert_allclose(scene.shuttle.positions[0, :2], state.position)
    finally:
        plotter.close()


def test_the_off_screen_renderer_owns_the_model_of_what_it_draws(plant, route):
    renderer = OffscreenRenderer(plant, SIZE, route=route)
    try:
        assert isinstance(renderer.run, PlantRun) and isinstance(renderer.tour_motion, TourMotion)
        assert renderer.run.parts is renderer.scene.parts  # the scene draws the model's parts
        image = renderer.render_stop("body-shop", camera="chase")
        middle = middle_of_stop(renderer.tour_motion, "body-shop")
        assert renderer.run.state.time == renderer.run.start_time + middle
    finally:
        renderer.close()
    again = render_image(plant, size=SIZE, route=route, stop="body-shop", camera="chase")
    assert np.array_equal(image, again)


def test_the_window_computes_each_time_once_in_the_clocks_model(qtbot, window):
    """The clock owns the plant's model: a seek computes the plant's state once, the scene
    draws it and the status bar and the tour read it from the model, not from the scene."""
    run = window.clock.run
    assert isinstance(run, PlantRun) and not hasattr(window.scene, "simulation")
    calls = []
    real = run.simulation.state

    def counted(t: float):
        calls.append(t)
        return real(t)

    run.simulation.state = counted  # type: ignore[method-assign]
    window.seek(run.start_time + 300.0)
    assert calls == [run.start_time + 300.0]
    assert window.plant_state is run.state and run.state.time == run.start_time + 300.0
    turret = window.scene.instanced["robot-turret"]
    np.testing.assert_allclose(turret.positions, run.state.poses.positions["turret"])
    tour = window.tour
    assert tour.shuttle.time == 300.0 and not hasattr(tour.scene, "motion")
    np.testing.assert_allclose(tour.shuttle.position, tour.motion.at(300.0).position)
    np.testing.assert_allclose(tour.scene.shuttle.positions[0, :2], tour.shuttle.position)
