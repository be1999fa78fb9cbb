"""Level of detail for instanced shapes, chosen per instance before every render.

An instance is drawn with its detailed mesh while it would look bigger than
:data:`DETAIL_PIXELS` on screen, with its shape's far mesh (a few boxes) beyond that, and not at
all while hidden (a car body not on the line yet). On a software renderer this divides the cost
of a frame of the whole plant several times; on a GPU it is what lets thousands of robots stay
cheap.

Examples
--------
>>> import numpy as np, pyvista as pv
>>> from viewer.scene.instancing import InstancedShape
>>> shape = InstancedShape(pv.Cube().triangulate(), 2, far=pv.Cube().triangulate())
>>> shape.update(positions=np.array([[0.0, 0, 0], [5000.0, 0, 0]]))
>>> detail = LevelOfDetail()
>>> detail.add(shape, size=3.0)
>>> detail.update((0.0, 0.0, 10.0), view_angle=30.0, height=720)
>>> shape.shown("near").tolist(), shape.shown("far").tolist()
([True, False], [False, True])
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.scene.instancing import InstancedShape

DETAIL_PIXELS = 24  # an instance smaller than this on screen is drawn with its far mesh


@dataclass
class _Entry:
    shape: InstancedShape
    size: float | np.ndarray | None  # metres (one, or per instance); None: always in detail
    cull: bool  # smaller than cull_pixels on screen: not drawn at all (no far mesh)
    anchor: InstancedShape  # whose positions decide (the robot base for every arm link)
    visible: np.ndarray


class LevelOfDetail:
    """Keeps the near/far/hidden masks of registered shapes up to date."""

    def __init__(self, pixels: float = DETAIL_PIXELS, cull_pixels: float = 0.0) -> None:
        self.pixels = pixels  # smaller than this on screen: the far mesh
        self.cull_pixels = cull_pixels  # culled entries smaller than this: not drawn (0: off)
        self.entries: list[_Entry] = []
        self._camera: tuple | None = None
        self._dirty = True

    def add(
        self,
        shape: InstancedShape,
        size: float | np.ndarray | None,
        anchor: InstancedShape | None = None,
        cull: bool = False,
    ) -> None:
        """Manage ``shape``: ``size`` is its size in metres, one or per instance (None: no far
        mesh switching). With ``cull``, instances smaller than :attr:`cull_pixels` on screen
        are not drawn at all instead of being drawn with a far mesh."""
        visible = np.ones(shape.count, dtype=bool)
        self.entries.append(_Entry(shape, size, cull, anchor or shape, visible))
        self._dirty = True

    def set_pixels(self, pixels: float, cull_pixels: float) -> None:
        """Change the far-mesh and culling sizes on screen (a quality preset's)."""
        self.pixels, self.cull_pixels = pixels, cull_pixels
        self._dirty = True

    def set_visible(self, shape: InstancedShape, visible: np.ndarray) -> None:
        """Which instances of ``shape`` exist at all right now."""
        for entry in self.entries:
            if entry.shape is shape:
                entry.visible = np.asarray(visible, dtype=bool)
        self._dirty = True

    def moved(self) -> None:
        """Instances moved: choose again before the next render."""
        self._dirty = True

    @staticmethod
    def near_distance(
        size: float | np.ndarray, view_angle: float, height: int, pixels: float = DETAIL_PIXELS
    ) -> float | np.ndarray:
        """Distance within which an object of ``size`` m looks at least ``pixels`` tall."""
        span = 2.0 * np.tan(np.radians(view_angle) / 2.0)
        return size * max(height, 1) / (span * max(pixels, 1e-6))

    def update(self, camera_position: tuple, view_angle: float, height: int) -> None:
        """Choose near, far or hidden for every instance (skipped if nothing changed)."""
        camera = (tuple(camera_position), float(view_angle), int(height))
        if not self._dirty and camera == self._camera:
            return
        self._camera, self._dirty = camera, False
        eye = np.asarray(camera_position, dtype=float)
        for entry in self.entries:
            if entry.size is None:
                entry.shape.show(entry.visible)
                continue
            if entry.cull and self.cull_pixels <= 0:
                entry.shape.show(entry.visible)
                continue
            pixels = self.cull_pixels if entry.cull else self.pixels
            reach = self.near_distance(entry.size, view_angle, height, pixels)
            offset = entry.anchor.positions - eye
            near = entry.visible & (np.einsum("ij,ij->i", offset, offset) < reach * reach)
            entry.shape.show(near, entry.visible & ~near)
