"""What stands still drawn once: while the camera holds still, each frame draws only what moves.

From a parked shuttle or a chosen view the camera stays put for many seconds, while the plant
runs: robots swing, cars and people move. Most of a frame, though, is what does not move
(floors, halls, trusses, fences, machines), and a software renderer pays for every one of
their pixels again each frame. :class:`StillFrame` keeps a copy of the picture and depth of
the still part and, while neither the camera nor any still actor changes, starts each frame
from that copy and draws only the moving actors over it (depth tested against the copy).

How it works:

- The moving actors live in a second renderer on layer 1 of the same render window; it shares
  the camera and the lights and keeps layer 0's picture and depth.
- The renderer's ``StartEvent`` observers (level of detail, labels, halls, showroom) run as
  before; after them, the frame is either *cached* (a culler that passes nothing keeps the
  still actors out of that frame, without touching them; the renderer does not clear and the
  copy is put back) or *drawn* (in full, and copied).
- A frame is cached only when the camera, the window's size and the redraw time of every still
  actor (VTK's ``GetRedrawMTime``: the actor, its property, its mapper and the mapper's data)
  are unchanged since the copy: any change to what stands still redraws it. While the camera
  moves nothing is copied or compared (the frame costs what it did without still frames); the
  second frame of a still camera is copied, the third drawn from the copy.
- An actor found changed in :data:`MOVING_AFTER` frames of a still camera moves to layer 1
  itself (a new animation needs no list to be kept up to date); 2D actors (captions) and
  see-through ones are on layer 1 from the start (drawn after, and over, what moves).

Examples
--------
>>> import pyvista as pv
>>> plotter = pv.Plotter(off_screen=True, window_size=[64, 48])
>>> still = plotter.add_mesh(pv.Plane())
>>> moving = plotter.add_mesh(pv.Sphere(radius=0.1))
>>> frame = StillFrame(plotter.ren_win, plotter.renderer)
>>> frame.enable(moving=[moving])
>>> for height in (0.1, 0.2, 0.3):  # the sphere rises, the camera stays
...     moving.position = (0, 0, height)
...     plotter.ren_win.Render()
>>> frame.cached_frames >= 1, moving in frame.layer_props()
(True, True)
>>> frame.disable()
>>> plotter.close()
"""

from __future__ import annotations

from collections.abc import Iterable

from vtkmodules.vtkRenderingCore import (
    vtkFrustumCoverageCuller,
    vtkProp,
    vtkRenderer,
    vtkRenderWindow,
)
from vtkmodules.vtkRenderingOpenGL2 import vtkOpenGLFramebufferObject

GL_READ_FRAMEBUFFER, GL_DRAW_FRAMEBUFFER, GL_NEAREST = 0x8CA8, 0x8CA9, 0x2600
GL_SCISSOR_TEST = 0x0C11
GL_COLOR_AND_DEPTH = 0x4000 | 0x0100
VTK_UNSIGNED_CHAR = 3
DEPTH_BITS = 32  # the render window's own depth buffer (GL_DEPTH_COMPONENT32): blits need it
MOVING_AFTER = 3  # frames of a still camera in which an actor changed: it moves to layer 1
PRIORITY = 10.0  # after every other StartEvent observer (the level of detail, labels ...)


class StillFrame:
    """Draws the still actors of ``renderer`` once while its camera holds still (see the
    module's text); off until :meth:`enable`."""

    def __init__(self, render_window: vtkRenderWindow, renderer: vtkRenderer) -> None:
        self.render_window = render_window
        self.renderer = renderer
        self.layer: vtkRenderer | None = None  # what moves (layer 1), while enabled
        self.cached_frames = 0  # frames started from the copy (for tests and the benchmark)
        self.drawn_frames = 0  # frames that drew the still actors
        self._copy: vtkOpenGLFramebufferObject | None = None
        self._copy_size: tuple[int, int] | None = None
        self._key: tuple | None = None  # camera and size of the copy; None: no copy
        self._times: dict[int, int] = {}  # redraw time of each still actor after the last frame
        self._changes: dict[int, int] = {}  # frames of a still camera in which each changed
        self._none = vtkFrustumCoverageCuller()  # culls every prop that has bounds
        self._none.SetMinimumCoverage(2.0)  # more than the whole picture: nothing passes
        self._none.SetMaximumCoverage(3.0)
        self._from_copy = False  # this frame starts from the copy
        self._last_key: tuple | None = None  # the camera of the frame before
        self._store_now = False  # copy this frame when drawn (the camera held still)
        self._observers: list[tuple[object, int]] = []
        self._layers = 1  # the render window's layers before

    # -- switching ----------------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        """Whether still frames are drawn from the copy."""
        return self.layer is not None

    def enable(self, moving: Iterable[vtkProp] = ()) -> None:
        """Start: ``moving`` (and every 2D or see-through actor) is drawn each frame, the rest
        from the copy while the camera holds still."""
        if self.layer is not None:
            return
        renderer, layer = self.renderer, vtkRenderer()
        layer.SetLayer(1)
        layer.SetActiveCamera(renderer.GetActiveCamera())
        layer.PreserveColorBufferOn()
        layer.PreserveDepthBufferOn()
        layer.InteractiveOff()
        layer.AutomaticLightCreationOff()
        layer.SetUseOIT(False)
        layer.GetCullers().RemoveAllItems()
        lights = renderer.GetLights()
        for index in range(lights.GetNumberOfItems()):
            layer.AddLight(lights.GetItemAsObject(index))
        self._layers = self.render_window.GetNumberOfLayers()
        self.render_window.SetNumberOfLayers(max(2, self._layers))
        self.render_window.AddRenderer(layer)
        self.layer = layer
        for prop in [*moving, *self._see_through()]:
            self._move(prop)
        self._observers = [
            (renderer, renderer.AddObserver("StartEvent", self._start, -PRIORITY)),
            (renderer, renderer.AddObserver("EndEvent", self._end, PRIORITY)),
        ]
        self._key = self._last_key = None

    def disable(self) -> None:
        """Stop: every actor back in the renderer, every frame drawn in full."""
        if self.layer is None:
            return
        for subject, tag in self._observers:
            subject.RemoveObserver(tag)
        self._observers = []
        self._end_copied_frame()
        for prop in self.layer_props():
            self.layer.RemoveViewProp(prop)
            self.renderer.AddViewProp(prop)
        self.render_window.RemoveRenderer(self.layer)
        self.render_window.SetNumberOfLayers(self._layers)
        self.layer = None
        if self._copy is not None:
            self._copy.ReleaseGraphicsResources(self.render_window)
        self._copy, self._copy_size, self._key, self._last_key = None, None, None, None
        self._times, self._changes = {}, {}

    def layer_props(self) -> list[vtkProp]:
        """The props drawn each frame (layer 1)."""
        return _props(self.layer) if self.layer is not None else []

    # -- each frame ---------------------------------------------------------------------------
    def _start(self, *_: object) -> None:
        key = self._camera_key()
        still, self._last_key = key == self._last_key, key
        if not still:  # the camera moves: drawn in full, nothing copied or compared
            self._times, self._key, self._store_now = {}, None, False
            self.drawn_frames += 1
            return
        times = self._redraw_times()
        changed = [prop for prop, stamp in times if self._times.get(id(prop), stamp) != stamp]
        self._times = {id(prop): stamp for prop, stamp in times}
        if key == self._key and not changed:
            self._draw_from_copy()
            return
        if key == self._key:  # the camera held still, yet these changed: they may be moving
            for prop in changed:
                count = self._changes.get(id(prop), 0) + 1
                self._changes[id(prop)] = count
                if count >= MOVING_AFTER:
                    self._move(prop)
        for prop in self._see_through():
            self._move(prop)
        self._key, self._store_now = None, True  # drawn in full now; copied at the end
        self.drawn_frames += 1

    def _end(self, *_: object) -> None:
        if self._from_copy:
            self._end_copied_frame()
        elif self._store_now:
            self._store()
            self._key = self._last_key  # this frame's camera

    def _draw_from_copy(self) -> None:
        """Keep the still actors out of this frame and the renderer from clearing, and put the
        copy's picture and depth back."""
        self.renderer.AddCuller(self._none)
        self.renderer.EraseOff()
        self._blit(self._copy, self.render_window.GetRenderFramebuffer())
        self._from_copy = True
        self.cached_frames += 1

    def _store(self) -> None:
        """Copy the picture and depth of the still actors, just drawn."""
        size = tuple(self.render_window.GetSize())
        if self._copy is None or self._copy_size != size:
            if self._copy is not None:
                self._copy.ReleaseGraphicsResources(self.render_window)
            self._copy = vtkOpenGLFramebufferObject()
            self._copy.SetContext(self.render_window)
            self._copy.PopulateFramebuffer(
                size[0], size[1], True, 1, VTK_UNSIGNED_CHAR, True, DEPTH_BITS, 0, False
            )
            self._copy_size = size
        self._blit(self.render_window.GetRenderFramebuffer(), self._copy)

    def _blit(self, source: vtkOpenGLFramebufferObject, target: vtkOpenGLFramebufferObject) -> None:
        width, height = self._copy_size
        state = self.render_window.GetState()
        scissor = state.GetEnumState(GL_SCISSOR_TEST)  # a scissor box clips a blit
        state.vtkglDisable(GL_SCISSOR_TEST)
        source.Bind(GL_READ_FRAMEBUFFER)
        source.ActivateReadBuffer(0)
        target.Bind(GL_DRAW_FRAMEBUFFER)
        target.ActivateDrawBuffer(0)
        extent = [0, width, 0, height]  # x from, x to, y from, y to (as glBlitFramebuffer)
        vtkOpenGLFramebufferObject.Blit(extent, extent, GL_COLOR_AND_DEPTH, GL_NEAREST)
        self.render_window.GetRenderFramebuffer().Bind()
        if scissor:
            state.vtkglEnable(GL_SCISSOR_TEST)

    def _end_copied_frame(self) -> None:
        if self._from_copy:
            self._from_copy = False
            self.renderer.RemoveCuller(self._none)
            self.renderer.EraseOn()

    # -- what is still ------------------------------------------------------------------------
    def _move(self, prop: vtkProp) -> None:
        """Draw ``prop`` each frame (layer 1) from now on."""
        if self.layer is None or not self.renderer.HasViewProp(prop):
            return
        self.renderer.RemoveViewProp(prop)
        self.layer.AddViewProp(prop)
        self._key = None

    def _see_through(self) -> list[vtkProp]:
        """Still-layer props that must be drawn after what moves: 2D overlays and see-through
        actors."""
        return [
            prop
            for prop in _props(self.renderer)
            if prop.IsA("vtkActor2D") or (prop.GetVisibility() and _translucent(prop))
        ]

    def _camera_key(self) -> tuple:
        camera = self.renderer.GetActiveCamera()
        return (
            camera.GetPosition(),
            camera.GetFocalPoint(),
            camera.GetViewUp(),
            camera.GetViewAngle(),
            camera.GetClippingRange(),
            camera.GetWindowCenter(),
            camera.GetParallelProjection(),
            camera.GetParallelScale(),
            tuple(self.render_window.GetSize()),
            tuple(self.renderer.GetViewport()),
            self.renderer.GetBackground(),
        )

    def _redraw_times(self) -> list[tuple[vtkProp, int]]:
        """Each still prop's VTK redraw time, or -1 while it is hidden: what changes in a hidden
        prop cannot show, and its showing again is a change (of a third of the props, asking
        costs a little time each frame)."""
        return [
            (prop, prop.GetRedrawMTime() if prop.GetVisibility() else -1)
            for prop in _props(self.renderer)
        ]


def _props(renderer: vtkRenderer) -> list[vtkProp]:
    props = renderer.GetViewProps()
    props.InitTraversal()
    return [props.GetNextProp() for _ in range(props.GetNumberOfItems())]


def _translucent(prop: vtkProp) -> bool:
    """Whether ``prop`` draws see-through geometry (its opacity or its texture's alpha)."""
    if not prop.IsA("vtkActor"):
        return False
    return prop.GetProperty().GetOpacity() < 1.0 or bool(prop.HasTranslucentPolygonalGeometry())
