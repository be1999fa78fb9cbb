"""Diffuse-only lighting for the instanced shapes: the low preset's cheaper fragment shader.

VTK's fragment shader lights every pixel with each light's diffuse and specular terms; the
specular term (a reflection, a normalisation and a power per light) is most of its arithmetic.
On a software renderer the interior of a hall is bound by the pixels it fills, so the low
preset replaces the lighting of the instanced shapes (robots, cars, equipment, walls) by the
diffuse terms alone: about 15 % of such a frame, for highlights a few pixels wide that the
low preset's smaller picture blurs anyway. The shader code is VTK's own replacement hook
(``//VTK::Light::Impl`` of the actor's shader property), written for the number of lights
switched on, which all shine from a direction (the sun, the fill light, the headlight).

Examples
--------
>>> print(diffuse_code(2))  # doctest: +NORMALIZE_WHITESPACE
vec3 diffuse = vec3(0.0);
diffuse += max(0.0, dot(normalVCVSOutput, -lightDirectionVC0)) * lightColor0;
diffuse += max(0.0, dot(normalVCVSOutput, -lightDirectionVC1)) * lightColor1;
fragOutput0 = vec4(ambientColor + diffuse * diffuseColor, opacity);
"""

from __future__ import annotations

from collections.abc import Iterable

from vtkmodules.vtkRenderingCore import vtkActor, vtkRenderer

LIGHT_TAG = "//VTK::Light::Impl"


def diffuse_code(lights: int) -> str:
    """The fragment shader's lighting for ``lights`` directional lights, diffuse terms only."""
    terms = "".join(
        f"diffuse += max(0.0, dot(normalVCVSOutput, -lightDirectionVC{i})) * lightColor{i};\n"
        for i in range(lights)
    )
    return (
        "vec3 diffuse = vec3(0.0);\n"
        + terms
        + "fragOutput0 = vec4(ambientColor + diffuse * diffuseColor, opacity);\n"
    )


def directional_lights_on(renderer: vtkRenderer) -> int | None:
    """How many lights are on, None if one of them is positional (a spotlight: the diffuse code
    would light it as a direction)."""
    lights = renderer.GetLights()
    count = 0
    for index in range(lights.GetNumberOfItems()):
        light = lights.GetItemAsObject(index)
        if not light.GetSwitch():
            continue
        if light.GetPositional():
            return None
        count += 1
    return count


def set_plain_lighting(actors: Iterable[vtkActor], lights: int | None) -> None:
    """Light ``actors`` by the diffuse terms of ``lights`` directional lights, or by VTK's own
    shader again (``lights`` None). Unlit actors are left alone."""
    for actor in actors:
        shader = actor.GetShaderProperty()
        shader.ClearFragmentShaderReplacement(LIGHT_TAG, True)
        if lights and actor.GetProperty().GetLighting():
            shader.AddFragmentShaderReplacement(LIGHT_TAG, True, diffuse_code(lights), False)
