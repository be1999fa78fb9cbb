"""The lobby's physically based looks and spotlight are drawn only near the sculpture: far
away the car is a few pixels, and a positional light costs every pixel of the plant."""

import pyvista as pv

from viewer.model.quality import PRESETS
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.quality import apply_quality


def _render(plotter, scene, view: str) -> None:
    scene.show_view(view)
    plotter.render()
    plotter.screenshot(return_img=True)


def test_the_spotlight_and_metals_follow_the_camera_to_the_lobby_and_away(plant):
    plotter = pv.Plotter(off_screen=True, window_size=(320, 180), lighting="none")
    try:
        scene = PlantScene(plotter, plant)
        apply_quality(plotter, scene, PRESETS["medium"])
        showroom, renderer = scene.showroom, plotter.renderer
        paint = showroom.paint_actors[0].GetProperty()
        _render(plotter, scene, "body")  # the body shop, 600 m from the sculpture
        assert showroom.light is None and not renderer.GetUseImageBasedLighting()
        assert paint.GetInterpolation() != 3  # plain colours far away
        _render(plotter, scene, "showroom")  # the lobby, 22 m from it
        assert showroom.light is not None and renderer.GetUseImageBasedLighting()
        assert paint.GetInterpolation() == 3  # physically based (PBR) near
        _render(plotter, scene, "overview")
        assert showroom.light is None and paint.GetInterpolation() != 3
        apply_quality(plotter, scene, PRESETS["low"])
        _render(plotter, scene, "showroom")  # low: never, even near
        assert showroom.light is None and paint.GetInterpolation() != 3
    finally:
        plotter.close()


def test_the_sculpture_and_exhibits_are_left_out_while_out_of_the_picture(plant):
    plotter = pv.Plotter(off_screen=True, window_size=(320, 180), lighting="none")
    try:
        scene = PlantScene(plotter, plant)
        showroom = scene.showroom
        strip = showroom.strip_actors[0]
        _render(plotter, scene, "battery")  # looking north-east over the battery shop
        assert not strip.GetVisibility() and not any(a.GetVisibility() for a in showroom.culled)
        _render(plotter, scene, "showroom")
        assert strip.GetVisibility() and showroom.cables.GetVisibility()
        _render(plotter, scene, "overview")  # the whole site: the lobby in it, a few pixels
        assert not strip.GetVisibility() and all(a.GetVisibility() for a in showroom.far_actors)
    finally:
        plotter.close()


def _cells(actors) -> int:
    return sum(a.GetMapper().GetInput().GetNumberOfCells() for a in actors if a.GetVisibility())


def test_far_off_the_sculpture_is_drawn_coarse_and_near_in_detail(plant):
    """From the other halls and the overview the sculpture is a few dozen pixels: a coarse strip
    and car (a twentieth of the triangles) in place of the fine ones; near, the fine ones."""
    plotter = pv.Plotter(off_screen=True, window_size=(1280, 720), lighting="none")
    try:
        scene = PlantScene(plotter, plant)
        showroom = scene.showroom
        fine = [a for a, _ in showroom.turning if a not in showroom.reflected]
        fine = [a for a in fine if a not in showroom.far_actors]
        _render(plotter, scene, "showroom")
        assert all(a.GetVisibility() for a in fine)
        assert not any(a.GetVisibility() for a in showroom.far_actors)
        near_cells = _cells(fine)
        for view in ("overview", "body", "test-track"):
            _render(plotter, scene, view)
            assert not any(a.GetVisibility() for a in fine), view
            assert all(a.GetVisibility() for a in showroom.far_actors), view
            assert _cells(showroom.far_actors) * 10 < near_cells
            assert not any(a.GetVisibility() for a in showroom.exhibits), view  # specks
        _render(plotter, scene, "showroom")  # and back
        assert all(a.GetVisibility() for a in fine)
        assert not any(a.GetVisibility() for a in showroom.far_actors)
    finally:
        plotter.close()
