"""Sun shadows (the high quality preset): every robot, column and car casts one on the floor.

VTK's shadow-map passes (``vtkShadowMapBakerPass`` + ``vtkShadowMapPass``) draw the opaque
geometry; three things make them work at the scale of a plant 1 km across:

* **The shadows come from a far spotlight.** A directional light's map is fitted to every
  prop, the 7 km land ring included (about 2 m a texel). A spotlight 20 km away along the
  sun's direction whose cone just covers the site gives about 0.3 m a texel at 4096², with
  rays parallel within a degree. It has no brightness of its own (a label or a part beyond its
  cone would go dark): the sun, as a point light far away, still lights everything, weighed in
  every shader by the caster's shadow factor. The fill light also becomes a far point light
  and the lobby's spotlight a lamp that fades with distance: VTK bakes a map (a whole extra
  pass) for every directional light and spotlight, and only the sun's shadows are wanted.
* **A hard depth test.** VTK's receiving shader uses exponential shadow maps with the constant
  fixed at 11 over the light's depth range: at this scale a 3 m robot hardly darkens the floor.
  The shader here darkens whatever lies more than :data:`BIAS` behind the nearest occluder,
  fading in over :data:`SOFTNESS` (which hides the map's stair steps).
* **The map's aspect.** VTK bakes the map with the window's aspect ratio but reads it back as
  if it were square, so in a 16:9 window shadows slide off their objects. The shader undoes
  the stretch with a ``sunAspect`` uniform set before every render.

The ground is drawn unlit (one flat colour), and VTK's shadow code only runs in lit shaders: its
layers (and every unlit surface, such as the tour's route) are drawn lit with ambient 1 and
diffuse 0 (the same colour) and darkened by hand by :data:`GROUND_DARKNESS` where the sun's
factor says shadow. Only the opaque step of the renderer's passes is swapped, so the glass, the
anti-aliasing and the labels are drawn as before.

The map is baked again before every frame: VTK cannot tell that instanced parts moved (their
arrays change, not their actors), and the camera's headlight moves with every frame anyway. On a
GPU that is a depth-only pass; on a software renderer shadows cost about three times the frame
(the low preset has none).

Examples
--------
>>> import pyvista as pv
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.scene.plant.plant_scene import PlantScene
>>> plotter = pv.Plotter(off_screen=True, window_size=[160, 90])
>>> scene = PlantScene(plotter, load_plant())
>>> shadows = SunShadows(scene)
>>> shadows.enable()
>>> shadows.enabled, bool(scene.sun.GetPositional())
(True, True)
>>> shadows.disable()
>>> shadows.enabled, bool(scene.sun.GetPositional())
(False, False)
>>> plotter.close()
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pyvista as pv
from vtkmodules.vtkRenderingCore import (
    VTK_SURFACE,
    vtkActor,
    vtkLight,
    vtkProp,
    vtkRenderPass,
)
from vtkmodules.vtkRenderingOpenGL2 import (
    vtkOpenGLFXAAPass,
    vtkOrderIndependentTranslucentPass,
    vtkRenderPassCollection,
    vtkRenderStepsPass,
    vtkSequencePass,
    vtkShadowMapBakerPass,
    vtkShadowMapPass,
    vtkTranslucentPass,
)

from viewer.model.plant.layout import Plant


class SunLit(Protocol):
    """What the shadows need of the scene they fall in
    (:class:`~viewer.scene.plant.plant_scene.PlantScene`): its plant, its plotter and its sun."""

    plant: Plant
    plotter: pv.BasePlotter
    sun: pv.Light


RESOLUTION = 4096  # texels a side of the sun's map
BIAS = 0.25  # metres behind the nearest occluder before a point is in shadow (no acne)
TAP_BIAS = 0.5  # metres more per texel a sample lies from the point (a floor slopes in the map)
SOFTNESS = 0.35  # metres over which the shadow fades in
GROUND_DARKNESS = 0.4  # the fraction of its colour the flat ground loses in shadow
SUN_DISTANCE = 20000.0  # metres: rays over the site parallel within about 1.5 degrees
SITE_MARGIN = 40.0  # metres the sun's cone reaches beyond the site's corners

# (original, replacement) edits of VTK's fragment shader
_HARD = (
    "if (expFactor > 1.0) { expFactor = 1.0; }",
    # percentage-closer filtering: the depth test on 4x4 texels around the point, weighted as
    # a 3-texel box, so shadow edges are smooth ramps (about a metre) instead of stair steps
    "vec2 texel = 1.0 / vec2(textureSize(shadowMap, 0));\n"
    "      vec2 grid = projected / texel - 0.5;\n"
    "      vec2 f = fract(grid);\n"
    "      vec2 origin = (floor(grid) + 0.5) * texel;\n"
    "      expFactor = 0.0;\n"
    "      for (int i = -1; i <= 2; i++) { for (int j = -1; j <= 2; j++) {\n"
    "        float near = log(texture2D(shadowMap, origin + vec2(i, j) * texel).r) / depthC;\n"
    "        float behind = clamp(ldepth - near, 0.0, 1.0) * (sFarZ - sNearZ);\n"
    f"        float bias = {BIAS} + {TAP_BIAS} * length(vec2(i, j) - f);\n"
    f"        float lit = 1.0 - smoothstep(bias, bias + {SOFTNESS}, behind);\n"
    "        float wx = i == -1 ? 1.0 - f.x : (i == 2 ? f.x : 1.0);\n"
    "        float wy = j == -1 ? 1.0 - f.y : (j == 2 ? f.y : 1.0);\n"
    "        expFactor += wx * wy * lit;\n"
    "      } }\n"
    "      expFactor /= 9.0;",
)
_ASPECT = (
    "vec2 projected = shadowCoord.xy/shadowCoord.w;",
    "vec2 projected = shadowCoord.xy/shadowCoord.w;\n"
    "    projected.x = 0.5 + (projected.x - 0.5) / sunAspect;",
)
# Unlit actors get a marker after the lighting code; the darkening there only compiles where
# VTK's shadow code is (not in the baking pass's shader), which the #define tells.
_MARK = "//FACTORY_TOUR_SUN_SHADOW"
_DEFINE = ("vec2 calcShadow(", "\n#define FACTORY_TOUR_SUN_SHADOWS 1\nvec2 calcShadow(")
# VTK's shadow pass reads the fragment's view-space position, which the shader of lines drawn
# without lighting (no normals, or flat) never declares: a global one, zero (outside the shadow
# map: in the sun), which a lit shader's own local vertexVC hides
_LINE_POSITION = ("//VTK::PositionVC::Dec", "//VTK::PositionVC::Dec\nvec4 vertexVC = vec4(0.0);")


@dataclass
class _Saved:
    """A light's settings before shadows changed them."""

    light: vtkLight
    position: tuple[float, float, float]
    focal_point: tuple[float, float, float]
    positional: bool
    cone_angle: float
    attenuation: tuple[float, float, float]
    intensity: float

    @classmethod
    def of(cls, light: vtkLight) -> _Saved:
        return cls(
            light,
            light.GetPosition(),
            light.GetFocalPoint(),
            bool(light.GetPositional()),
            light.GetConeAngle(),
            light.GetAttenuationValues(),
            light.GetIntensity(),
        )

    def restore(self) -> None:
        light = self.light
        light.SetPosition(self.position)
        light.SetFocalPoint(self.focal_point)
        light.SetPositional(self.positional)
        light.SetConeAngle(self.cone_angle)
        light.SetAttenuationValues(self.attenuation)
        light.SetIntensity(self.intensity)


class SunShadows:
    """Sun shadows on a :class:`~viewer.scene.plant.plant_scene.PlantScene`, switched on and off.

    Actors added after :meth:`enable` (a tour's route and shuttle, the pick highlight) are
    taken in at the next render. Change the renderer's passes (anti-aliasing, translucency)
    or lights only while shadows are off: :func:`viewer.scene.quality.apply_quality` does.
    """

    def __init__(self, scene: SunLit, resolution: int = RESOLUTION) -> None:
        self.scene = scene
        self.renderer = scene.plotter.renderer
        self.resolution = resolution
        self.enabled = False
        self._saved: list[_Saved] = []
        self._caster: vtkLight | None = None  # the spotlight whose map the shadows come from
        self._edited: dict[vtkActor, int] = {}  # actor -> the sun's light number in its shader
        self._unlit: dict[vtkActor, tuple] = {}  # actor -> its unlit material
        self._hidden_props: list[vtkProp] = []
        self._aspect = 1.0  # the width / height the shaders were given
        self._observer: int | None = None
        self._steps: vtkRenderStepsPass | None = None
        self._old_opaque: vtkRenderPass | None = None
        self._own_steps = False
        self._opaque: vtkSequencePass | None = None

    # -- switching ------------------------------------------------------------------------------
    def enable(self) -> None:
        """Draw the sun's shadows from the next render on."""
        if self.enabled:
            return
        self._aim_lights()
        self._install_passes()
        self._observer = self.renderer.AddObserver("StartEvent", self._before_render)
        self.enabled = True

    def disable(self) -> None:
        """Draw as before :meth:`enable`: lights, passes and materials restored."""
        if not self.enabled:
            return
        self.renderer.RemoveObserver(self._observer)
        window = self.renderer.GetRenderWindow()
        if self._opaque is not None and window is not None:
            self._opaque.ReleaseGraphicsResources(window)  # the 4096² map and its buffer
        assert self._steps is not None
        self._steps.SetOpaquePass(self._old_opaque)
        if self._own_steps:
            self.renderer.SetPass(None)
        self._steps = self._old_opaque = self._opaque = None
        for actor in list(self._edited):
            self._restore_actor(actor)
        self.renderer.RemoveLight(self._caster)
        self._caster = None
        for saved in self._saved:
            saved.restore()
        self._saved.clear()
        for prop in self._hidden_props:
            self.renderer.AddViewProp(prop)
        self._hidden_props.clear()
        self.enabled = False

    # -- lights ---------------------------------------------------------------------------------
    def _aim_lights(self) -> None:
        """The caster is added; every other light is made one VTK bakes no map for."""
        sun = self.scene.sun
        boundary = self.scene.plant.boundary
        low, high = boundary.min(axis=0), boundary.max(axis=0)
        center = np.array([*(low + high) / 2.0, 0.0])
        radius = 0.5 * float(np.hypot(*(high - low))) + SITE_MARGIN
        toward = np.subtract(sun.GetPosition(), sun.GetFocalPoint())
        toward /= np.linalg.norm(toward)
        caster = vtkLight()
        caster.SetLightTypeToSceneLight()
        caster.SetFocalPoint(*center)
        caster.SetPosition(*(center + SUN_DISTANCE * toward))
        caster.SetPositional(True)
        caster.SetConeAngle(float(np.degrees(np.arctan(radius / SUN_DISTANCE))))
        caster.SetIntensity(0.0)  # it only casts: the sun itself still lights
        self._caster = caster
        self._saved = []
        for light in self.renderer.GetLights():
            if light.LightTypeIsHeadlight() or not light.GetSwitch():
                continue
            if not light.GetPositional():  # a directional light: as a point light far away
                self._saved.append(_Saved.of(light))
                toward = np.subtract(light.GetPosition(), light.GetFocalPoint())
                light.SetPosition(*(1e6 * toward / np.linalg.norm(toward)))
                light.SetFocalPoint(0.0, 0.0, 0.0)
                light.SetPositional(True)
                light.SetConeAngle(180.0)
            elif light.GetConeAngle() < 90.0:  # a spotlight (the lobby's): a local lamp
                self._saved.append(_Saved.of(light))
                light.SetConeAngle(180.0)
                # all round, it must fade: 1 / (1 + (d / 10 m)²), brighter to make up for it
                # (on the sculpture 7 m away about as bright as the cone was; nothing by the
                # next building)
                light.SetAttenuationValues(1.0, 0.0, 0.01)
                light.SetIntensity(1.5 * light.GetIntensity())
        self.renderer.AddLight(caster)
        # PyVista draws a positional light as a vtkLightActor, which complains once its cone is
        # 180 degrees (the baker asks every prop for its bounds): off the renderer meanwhile.
        props = self.renderer.GetViewProps()
        for index in range(props.GetNumberOfItems()):
            prop = props.GetItemAsObject(index)
            if prop.IsA("vtkLightActor") and prop.GetLight().GetConeAngle() >= 90.0:
                self._hidden_props.append(prop)
        for prop in self._hidden_props:
            self.renderer.RemoveViewProp(prop)

    # -- passes ---------------------------------------------------------------------------------
    def _install_passes(self) -> None:
        baker = vtkShadowMapBakerPass()
        baker.SetResolution(self.resolution)
        shadowed = vtkShadowMapPass()
        shadowed.SetShadowMapBakerPass(baker)
        sequence = vtkRenderPassCollection()
        sequence.AddItem(baker)
        sequence.AddItem(shadowed)
        self._opaque = vtkSequencePass()
        self._opaque.SetPasses(sequence)
        steps = render_steps(self.renderer.GetPass())
        self._own_steps = steps is None
        if steps is None:  # VTK's own steps, with the renderer's translucency and FXAA
            steps = vtkRenderStepsPass()
            if self.renderer.GetUseOIT():
                oit = vtkOrderIndependentTranslucentPass()
                oit.SetTranslucentPass(vtkTranslucentPass())
                steps.SetTranslucentPass(oit)
            chain: vtkRenderPass = steps
            if self.renderer.GetUseFXAA():  # the renderer applies it only without passes
                chain = vtkOpenGLFXAAPass()
                chain.SetDelegatePass(steps)
            self.renderer.SetPass(chain)
        self._steps, self._old_opaque = steps, steps.GetOpaquePass()
        steps.SetOpaquePass(self._opaque)

    def _before_render(self, *_: object) -> None:
        props = self.renderer.GetViewProps()
        actors = set()
        for index in range(props.GetNumberOfItems()):
            prop = props.GetItemAsObject(index)
            if prop.IsA("vtkActor"):
                actors.add(prop)
                if prop not in self._edited:
                    self._edit_actor(prop)
        if len(self._edited) > len(actors):  # some left the renderer (a tour rebuilt): as new
            for actor in [a for a in self._edited if a not in actors]:
                self._restore_actor(actor)
        width, height = self.renderer.GetSize()
        aspect = width / max(height, 1)
        if aspect != self._aspect:
            self._aspect = aspect
            for actor in self._edited:
                self._set_aspect(actor)
        assert self._caster is not None
        self._caster.Modified()  # bake again: see the module's docstring

    def _set_aspect(self, actor: vtkActor) -> None:
        uniforms = actor.GetShaderProperty().GetFragmentCustomUniforms()
        uniforms.SetUniformf("sunAspect", self._aspect)

    # -- shaders --------------------------------------------------------------------------------
    def _edit_actor(self, actor: vtkActor) -> None:
        shader = actor.GetShaderProperty()
        if _has_lines(actor):
            shader.AddFragmentShaderReplacement(_LINE_POSITION[0], True, _LINE_POSITION[1], False)
        shader.AddFragmentShaderReplacement(_HARD[0], False, _HARD[1], False)
        shader.AddFragmentShaderReplacement(_ASPECT[0], False, _ASPECT[1], False)
        # VTK weighs each light by its own shadow factor: the sun's light by the caster's
        sun, caster = self._light_index(self.scene.sun), self._light_index(self._caster)
        shader.AddFragmentShaderReplacement(
            f"factor{sun}.r * lightColor{sun}",
            False,
            f"min(factor{caster}.r, 1.0) * lightColor{sun}",  # beyond the map VTK says 8
            True,
        )
        self._set_aspect(actor)
        self._edited[actor] = sun
        prop = actor.GetProperty()
        if prop.GetLighting():
            return
        self._unlit[actor] = (
            prop.GetAmbient(),
            prop.GetDiffuse(),
            prop.GetSpecular(),
            prop.GetAmbientColor(),
        )
        # unlit, VTK draws ka*Ca + kd*Cd; lit with ka=1, kd=ks=0 it draws Ca: make that the same
        flat = [
            min(1.0, prop.GetAmbient() * a + prop.GetDiffuse() * d)
            for a, d in zip(prop.GetAmbientColor(), prop.GetDiffuseColor(), strict=True)
        ]
        prop.SetAmbientColor(*flat)
        prop.LightingOn()
        prop.SetAmbient(1.0)
        prop.SetDiffuse(0.0)
        prop.SetSpecular(0.0)
        # flat paint on the ground (its layers, the tour's route) darkens; lines (the pick
        # highlight) keep their colour
        darkness = GROUND_DARKNESS if prop.GetRepresentation() == VTK_SURFACE else 0.0
        darken = (
            "\n#ifdef FACTORY_TOUR_SUN_SHADOWS\n"
            f"gl_FragData[0].rgb *= 1.0 - {darkness} * (1.0 - min(factor{caster}.r, 1.0));\n"
            "#endif\n"
        )
        shader.AddFragmentShaderReplacement(
            "//VTK::Light::Impl", True, "//VTK::Light::Impl\n" + _MARK, False
        )
        shader.AddFragmentShaderReplacement(_DEFINE[0], False, _DEFINE[1], False)
        shader.AddFragmentShaderReplacement(_MARK, False, darken, False)

    def _restore_actor(self, actor: vtkActor) -> None:
        shader = actor.GetShaderProperty()
        shader.ClearFragmentShaderReplacement(_LINE_POSITION[0], True)
        shader.ClearFragmentShaderReplacement(_HARD[0], False)
        shader.ClearFragmentShaderReplacement(_ASPECT[0], False)
        sun = self._edited.pop(actor)
        shader.ClearFragmentShaderReplacement(f"factor{sun}.r * lightColor{sun}", False)
        shader.GetFragmentCustomUniforms().RemoveUniform("sunAspect")
        if actor not in self._unlit:
            return
        shader.ClearFragmentShaderReplacement("//VTK::Light::Impl", True)
        shader.ClearFragmentShaderReplacement(_DEFINE[0], False)
        shader.ClearFragmentShaderReplacement(_MARK, False)
        ambient, diffuse, specular, color = self._unlit.pop(actor)
        prop = actor.GetProperty()
        prop.LightingOff()
        prop.SetAmbient(ambient)
        prop.SetDiffuse(diffuse)
        prop.SetSpecular(specular)
        prop.SetAmbientColor(color)

    def _light_index(self, light: vtkLight | None) -> int:
        """A light's number in VTK's shaders: its place among the lights switched on."""
        return [on for on in self.renderer.GetLights() if on.GetSwitch()].index(light)


def _has_lines(actor: vtkActor) -> bool:
    """Whether ``actor``'s data has lines or points (VTK draws them with a shader of their own,
    unlit unless they have normals and smooth shading)."""
    data = actor.GetMapper().GetInput() if actor.GetMapper() is not None else None
    if data is None or not data.IsA("vtkPolyData"):
        return False
    return bool(data.GetNumberOfLines() or data.GetNumberOfVerts())


def render_steps(render_pass: vtkRenderPass | None) -> vtkRenderStepsPass | None:
    """The ``vtkRenderStepsPass`` in a chain of passes (PyVista's SSAA or FXAA chain), if any."""
    if render_pass is None or render_pass.IsA("vtkRenderStepsPass"):
        return render_pass
    if render_pass.IsA("vtkSequencePass"):
        passes = render_pass.GetPasses()
        for index in range(passes.GetNumberOfItems()):
            found = render_steps(passes.GetItemAsObject(index))
            if found is not None:
                return found
        return None
    if hasattr(render_pass, "GetDelegatePass"):
        return render_steps(render_pass.GetDelegatePass())
    return None
