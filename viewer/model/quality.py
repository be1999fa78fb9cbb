"""Rendering quality presets (low, medium, high) and how 'auto' chooses and adjusts one.

Pure data and rules, no VTK: :mod:`viewer.scene.quality` applies a preset to a scene. The
costs behind the presets were measured on a software renderer at 1280x720 (about 25 ms a frame
plain for a small scene, PBR with a spotlight +90 ms, the mirrored lobby copy +55 ms; in the
window with the whole plant FXAA took 45 ms of a 135-ms medium frame), so a laptop without a
GPU starts on low, and anti-aliasing belongs to high. Low draws its view at 0.6 of the window's
width and height and medium at 0.8, scaled up; high at full size.

Examples
--------
>>> auto_preset("llvmpipe (LLVM 15.0.6, 256 bits)"), auto_preset("NVIDIA GeForce RTX 3060/PCIe")
('low', 'high')
>>> PRESETS["low"].anti_aliasing, PRESETS["high"].anti_aliasing
(False, True)
>>> watch = FrameTimeWatch(limit_ms=50.0, window_s=2.0)
>>> [watch.add(now=k * 0.1, frame_ms=80.0) for k in range(25)][-1]
True
>>> lower_preset("high"), lower_preset("low")
('medium', None)
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

SOFTWARE_RENDERERS = ("llvmpipe", "softpipe", "swiftshader", "microsoft basic render", "swrast")


@dataclass(frozen=True)
class Preset:
    """What one quality level draws.

    ``detail_pixels``: an instance (robot, car, AGV) smaller than this on screen is drawn with
    its simple far mesh; ``tiny_pixels``: smaller than this, a car or a robot is drawn as one
    block (on a software renderer a far mesh's vertices cost even where it covers a pixel);
    ``cull_pixels``: a small equipment box smaller than this is not drawn at all (0: every box
    is drawn); ``plain_lighting``: the instanced shapes are lit without specular highlights (a
    cheaper shader for every pixel they cover); ``sky_gradient``: the sky shades from pale at
    the horizon to blue (else it is one colour: a gradient is one more full-window layer to
    fill);
    ``blended_glass``: see-through things (glass walls, booths, label panels) are blended in
    any order rather than by VTK's order-independent translucency, whose extra passes cost a
    software renderer about a quarter of a frame (the glass is one pale tint, so order barely
    shows); ``render_scale``: the window draws its 3D view at this fraction of its pixels and
    scales it up (pictures and videos are always drawn full size); ``shadows``: the sun casts
    shadows (a second, depth-only pass over the plant every frame, and a costlier shading);
    ``contact_shading``: the floors darken softly round the foot of every machine, wall and
    rack (a texture baked once: one more texture fetch per floor pixel). Not with ``shadows``:
    VTK's shadow-map pass then reads a floor's texture as its shadow (every floor in shade).
    ``pbr_strip``: with ``pbr``, the sculpture's brushed-metal strip is physically based too;
    else Phong-shaded with a highlight (its face seen whole from the lobby costs a software
    renderer a quarter of a frame that way).
    """

    name: str
    anti_aliasing: bool  # FXAA (multisampling can't change after the first frame)
    pbr: bool  # physically based metallic paint in the lobby, with a spotlight
    reflections: bool  # the lobby's mirrored ceiling (a reflected copy of the sculpture)
    headlight: bool  # a third light from the camera (the sun and a fill light always shine)
    detail_pixels: float
    cull_pixels: float
    sky_gradient: bool = True
    blended_glass: bool = False
    render_scale: float = 1.0  # the window's 3D view drawn at this fraction and scaled up
    shadows: bool = False
    contact_shading: bool = False  # the floors darken round the foot of what stands on them
    tiny_pixels: float = 4.0  # smaller on screen than this: a car or robot is one block
    plain_lighting: bool = False  # instanced shapes lit by diffuse terms only (no highlights)
    pbr_strip: bool = True  # with ``pbr``, the sculpture's strip physically based too
    still_frames: bool = False  # while the camera holds still, only what moves is drawn again


PRESETS: dict[str, Preset] = {
    "low": Preset(
        "low",
        False,
        False,
        False,
        False,
        detail_pixels=48.0,
        cull_pixels=6.0,
        sky_gradient=False,
        blended_glass=True,
        render_scale=0.6,  # 0.36 of the pixels: a software renderer's fill is most of a frame
        tiny_pixels=12.0,
        plain_lighting=True,
        still_frames=True,
    ),
    "medium": Preset(
        "medium",
        False,  # FXAA: a full-window pass, 45 ms a frame at 1280x720 on a software renderer
        True,
        True,
        True,
        detail_pixels=24.0,
        cull_pixels=1.0,
        blended_glass=True,  # sorted glass costs a software renderer a quarter of a frame
        render_scale=0.8,
        contact_shading=True,
        tiny_pixels=8.0,
        pbr_strip=False,  # the car's paint stays physically based
        still_frames=True,
    ),
    "high": Preset(
        "high",
        True,
        True,
        True,
        True,
        detail_pixels=10.0,
        cull_pixels=0.0,
        shadows=True,  # the sun's maps; VTK reads them wrong on a textured floor: no baked shade
    ),
}
ORDER = ("low", "medium", "high")
CHOICES = ("auto", *ORDER)  # what --quality and the View menu offer


def is_software(renderer: str) -> bool:
    """Whether a GL renderer string names a software rasteriser.

    >>> is_software("llvmpipe (LLVM 15.0.6, 256 bits)"), is_software("NVIDIA H100/PCIe/SSE2")
    (True, False)
    >>> is_software("Microsoft Basic Render Driver"), is_software("Google SwiftShader")
    (True, True)
    """
    lowered = renderer.lower()
    return any(word in lowered for word in SOFTWARE_RENDERERS)


def auto_preset(renderer: str) -> str:
    """The preset 'auto' starts on: low on a software renderer (or an unknown one), else high."""
    if not renderer.strip() or is_software(renderer):
        return "low"
    return "high"


def resolve(choice: str, renderer: str) -> str:
    """The preset a ``choice`` ('auto', 'low', 'medium' or 'high') means on ``renderer``.

    >>> resolve("auto", "llvmpipe"), resolve("medium", "llvmpipe")
    ('low', 'medium')
    """
    if choice == "auto":
        return auto_preset(renderer)
    if choice not in PRESETS:
        raise ValueError(f"unknown quality {choice!r}: choose one of {', '.join(CHOICES)}")
    return choice


def lower_preset(name: str) -> str | None:
    """The next preset down, None below low."""
    index = ORDER.index(name)
    return ORDER[index - 1] if index > 0 else None


class FrameTimeWatch:
    """Tells when frames have stayed slow: the median frame time of the last ``window_s``
    seconds above ``limit_ms``, with at least ``min_frames`` frames seen in that time.

    A single slow frame (a file opening, a window resize) never counts; :meth:`reset` forgets
    everything (after a step down, so the new preset gets its own window).
    """

    def __init__(self, limit_ms: float = 50.0, window_s: float = 3.0, min_frames: int = 8) -> None:
        self.limit_ms = limit_ms
        self.window_s = window_s
        self.min_frames = min_frames
        self._frames: deque[tuple[float, float]] = deque()
        self._since: float | None = None

    def reset(self) -> None:
        """Forget the frames seen."""
        self._frames.clear()
        self._since = None

    def add(self, now: float, frame_ms: float) -> bool:
        """Record a frame that took ``frame_ms`` ending at ``now`` (seconds); True when the
        frames of the whole last window were too slow."""
        if self._since is None:
            self._since = now
        self._frames.append((now, frame_ms))
        while self._frames and self._frames[0][0] < now - self.window_s:
            self._frames.popleft()
        if now - self._since < self.window_s or len(self._frames) < self.min_frames:
            return False
        times = sorted(ms for _, ms in self._frames)
        return times[len(times) // 2] > self.limit_ms
