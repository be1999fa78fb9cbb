"""Applies a quality preset (:mod:`viewer.model.quality`) to a plant scene on its plotter.

Anti-aliasing and the order-independent translucency are render passes of the plotter, the
sky gradient its background, the sun's shadows (:mod:`viewer.scene.shadows`) a pass and a
light; PBR paint and the mirrored ceiling belong to the lobby; the far-mesh and culling sizes
to the scene's level of detail. Every setting can be switched both ways while the window runs.

Examples
--------
>>> import pyvista as pv
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.quality import PRESETS
>>> from viewer.scene.plant.plant_scene import PlantScene
>>> plotter = pv.Plotter(off_screen=True, window_size=[160, 90], lighting="none")
>>> scene = PlantScene(plotter, load_plant())
>>> apply_quality(plotter, scene, PRESETS["low"])
>>> scene.detail.pixels, scene.showroom.reflections, scene.shadows.enabled
(48.0, False, False)
>>> plotter.close()
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING

import pyvista as pv

from viewer.model.quality import Preset
from viewer.scene.plain_lighting import directional_lights_on, set_plain_lighting

if TYPE_CHECKING:
    from viewer.scene.plant.plant_scene import PlantScene


def apply_quality(plotter: pv.BasePlotter, scene: PlantScene, preset: Preset) -> None:
    """Draw ``scene`` on ``plotter`` as ``preset`` says (anti-aliasing, translucency, sky,
    lobby, detail, lights, shadows)."""
    scene.shadows.disable()  # they hold the passes and lights changed below
    if preset.anti_aliasing:
        with warnings.catch_warnings():  # off-screen EGL/OSMesa builds use SSAA instead
            warnings.filterwarnings("ignore", message=".*does not properly support FXAA")
            plotter.enable_anti_aliasing("fxaa")
    else:
        plotter.disable_anti_aliasing()
    if scene.showroom is not None:
        scene.showroom.set_quality(
            high=preset.pbr, reflections=preset.reflections, metal=preset.pbr_strip
        )
    scene.detail.set_pixels(preset.detail_pixels, preset.cull_pixels, preset.tiny_pixels)
    scene.floor_shading.set_enabled(preset.contact_shading, plotter.renderer)
    scene.detail.set_frustum(not preset.shadows)  # the sun's map sees past the picture
    scene.headlight.SetSwitch(preset.headlight)
    lights = directional_lights_on(plotter.renderer) if preset.plain_lighting else None
    shapes = [*scene.instanced.values(), *scene.outside.instanced.values()]
    set_plain_lighting([actor for shape in shapes for actor in shape.actors], lights)
    plotter.renderer.SetUseOIT(not preset.blended_glass)
    scene.set_sky(gradient=preset.sky_gradient)
    if preset.shadows:
        scene.shadows.enable()
