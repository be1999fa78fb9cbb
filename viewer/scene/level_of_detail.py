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
    size: float | None  # metres; None: always in detail (only hidden instances are masked)
    anchor: InstancedShape  # whose positions decide (the robot base for every arm link)
    visible: np.ndarray


class LevelOfDetail:
    """Keeps the near/far/hidden masks of registered shapes up to date."""

    def __init__(self) -> None:
        self.entries: list[_Entry] = []
        self._camera: tuple | None = None
        self._dirty = True

    def add(
        self,
        shape: InstancedShape,
        size: float | None,
        anchor: InstancedShape | None = None,
    ) -> None:
        """Manage ``shape``: ``size`` is its size in metres (None: no far mesh switching)."""
        visible = np.ones(shape.count, dtype=bool)
        self.entries.append(_Entry(shape, size, anchor or shape, visible))
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
    def near_distance(size: float, view_angle: float, height: int) -> float:
        """Distance within which an object of ``size`` m looks at least DETAIL_PIXELS tall."""
        span = 2.0 * np.tan(np.radians(view_angle) / 2.0)
        return size * max(height, 1) / (span * DETAIL_PIXELS)

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
            reach = self.near_distance(entry.size, view_angle, height)
            offset = entry.anchor.positions - eye
            near = entry.visible & (np.einsum("ij,ij->i", offset, offset) < reach * reach)
            entry.shape.show(near, entry.visible & ~near)
