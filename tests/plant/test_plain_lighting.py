"""The low preset lights the instanced shapes by their diffuse terms only (a cheaper shader)."""

import numpy as np
import pyvista as pv

from viewer.model.quality import PRESETS
from viewer.scene.plain_lighting import diffuse_code, directional_lights_on


def _picture(plotter) -> np.ndarray:
    plotter.render()  # PyVista's screenshot renders by itself only the first time
    return plotter.screenshot(return_img=True)


def _replaced(actor) -> bool:
    return actor.GetShaderProperty().GetNumberOfShaderReplacements() > 0


def test_low_lights_the_instanced_shapes_plainly_and_medium_and_high_do_not(plant):
    from viewer.scene.plant.plant_scene import PlantScene
    from viewer.scene.quality import apply_quality

    plotter = pv.Plotter(off_screen=True, window_size=(480, 270), lighting="none")
    try:
        scene = PlantScene(plotter, plant)
        scene.show_view("body")
        apply_quality(plotter, scene, PRESETS["medium"])
        plain = _picture(plotter).astype(int)
        robot = scene.instanced["robot-turret"].actor
        assert not _replaced(robot)
        apply_quality(plotter, scene, PRESETS["low"])
        assert _replaced(robot) and directional_lights_on(plotter.renderer) == 2
        apply_quality(plotter, scene, PRESETS["medium"])
        assert not _replaced(robot)  # switched back: VTK's own shader
        again = _picture(plotter).astype(int)
        np.testing.assert_array_equal(plain, again)
    finally:
        plotter.close()


def test_the_plain_shader_draws_what_vtks_draws_but_the_highlights(plant):
    """Every instanced shape still draws (a shader that failed to compile would leave holes):
    the two pictures differ only in a few highlight pixels."""
    from viewer.scene.plain_lighting import set_plain_lighting
    from viewer.scene.plant.plant_scene import PlantScene
    from viewer.scene.quality import apply_quality

    plotter = pv.Plotter(off_screen=True, window_size=(480, 270), lighting="none")
    try:
        scene = PlantScene(plotter, plant)
        apply_quality(plotter, scene, PRESETS["low"])
        scene.show_view("body")
        plain = _picture(plotter).astype(int)
        actors = [a for shape in scene.instanced.values() for a in shape.actors]
        set_plain_lighting(actors, None)
        full = _picture(plotter).astype(int)
        changed = np.abs(plain - full).max(axis=2) > 8
        assert 0 < changed.mean() < 0.02
    finally:
        plotter.close()


def test_the_code_names_each_light_once():
    code = diffuse_code(3)
    assert code.count("lightDirectionVC") == 3 and "lightColor2" in code
    assert "pow(" not in code  # no specular term
