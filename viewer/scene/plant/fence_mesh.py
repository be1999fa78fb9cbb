"""Robot cells' mesh fences drawn as wire mesh: rails and wires between the yellow posts.

The model gives each run of fence between posts and gates as one box of role ``fence`` (its
extent: :func:`viewer.model.plant.enclosures.mesh_fence`). A translucent box there hardly showed
(bare posts stood with nothing between them, a review found) and, translucent, it was drawn again
every frame even with the camera still. Here each run is cut into panels at most :data:`PANEL`
long, each drawn with one opaque mesh (:func:`panel_mesh`: a bottom and a top rail, horizontal
wires, vertical wires) by one instanced shape: see-through, yet plainly a fence, and it stays in
the still picture. The mesh is pale safety yellow (palette role ``fence``) and its top rail and
horizontal wires are ridges lit from above (:func:`_ridge`): from a seat beside a cell the fence
reads as a light, thin mesh, not as the heavy dark grid that flat dark strips in the shade drew
(a blind review's finding at the die-casting stop).

Examples
--------
>>> import numpy as np
>>> from viewer.model.plant.enclosures import mesh_fence
>>> from viewer.model.plant.parts import PartsBuilder
>>> builder = PartsBuilder()
>>> mesh_fence(builder, np.array([0.0, 0.0]), np.array([10.0, 0.0]))
>>> positions, yaws, scales = fence_panels(builder.build().boxes.roles(MESH_ROLES))
>>> positions[:, 0].round(2).tolist(), scales[:, 0].round(2).tolist()
([1.67, 5.0, 8.33], [3.33, 3.33, 3.33])
"""

from __future__ import annotations

import numpy as np
import pyvista as pv

from viewer.model.plant.parts import Boxes
from viewer.scene.shapes import mesh_from_arrays

MESH_ROLES = frozenset({"fence"})  # box roles drawn as wire mesh panels, not as boxes
PANEL = 4.0  # m: a run is cut into panels about this long (vertical wires every PANEL / COLUMNS)
RUN_PANELS = 64  # the most panels in one run (256 m at PANEL; a longer run, longer panels)
COLUMNS = 7  # vertical wires in a panel (the panel's far end is the next one's first)
WIRE_ROWS = 5  # horizontal wires between the rails (each drawn as a ridge of two strips)
FENCE_HEIGHT = 2.2  # m: the height the rails' and wires' sizes are set for
WIRE = 0.02  # m: a wire drawn (real wire is 4-5 mm: thinner would fall between pixels)
RAIL = 0.04  # m: the top and bottom rails
RAIL_LOW = 0.15  # m: the bottom rail above the floor (real panels leave a gap below)


def _quad(x: tuple[float, float], z: tuple[float, float]) -> tuple[np.ndarray, np.ndarray]:
    """A strip in the panel's plane (y = 0) over ``x`` and ``z``: two triangles."""
    points = np.array([[x[0], 0, z[0]], [x[1], 0, z[0]], [x[1], 0, z[1]], [x[0], 0, z[1]]])
    return points, np.array([[0, 1, 2], [0, 2, 3]])


def _ridge(z: tuple[float, float]) -> list[tuple[np.ndarray, np.ndarray]]:
    """A horizontal wire over the panel's length between heights ``z``: two strips meeting
    along its top, each leaning 45 degrees out of the panel's plane (a round wire's two upper
    faces). From either side one of them faces the viewer and the light from above, as a lit
    round wire does: the mesh reads light, not as the dark edge of a flat strip."""
    depth = (z[1] - z[0]) * FENCE_HEIGHT  # m across the panel: 45 degrees once scaled
    faces = np.array([[0, 1, 2], [0, 2, 3]])
    strips = []
    for side in (-1.0, 1.0):
        points = np.array(
            [
                [-0.5, side * depth, z[0]],
                [0.5, side * depth, z[0]],
                [0.5, 0.0, z[1]],
                [-0.5, 0.0, z[1]],
            ]
        )
        strips.append((points, faces))
    return strips


def panel_mesh() -> pv.PolyData:
    """One panel, 1 long (x from -0.5 to 0.5) and 1 high (z from 0): the bottom rail and the
    vertical wires as thin two-sided strips in its plane (y = 0), the top rail and the
    horizontal wires as ridges (:func:`_ridge`), all sized for a panel :data:`PANEL` long and
    :data:`FENCE_HEIGHT` high (each instance is scaled to its own)."""
    h, wire_x = FENCE_HEIGHT, WIRE / PANEL
    low, top = RAIL_LOW / h, 1.0 - RAIL / h
    parts = [_quad((-0.5, 0.5), (low, low + RAIL / h)), *_ridge((top, 1.0))]
    for z in np.linspace(low, top, WIRE_ROWS + 2)[1:-1]:
        parts.extend(_ridge((z, z + WIRE / h)))
    for k in range(COLUMNS):
        x = -0.5 + k / COLUMNS
        parts.append(_quad((x, x + wire_x), (low, 1.0)))
    points, faces = [], []
    for p, f in parts:
        faces.append(f + 4 * len(points))
        points.append(p)
    return mesh_from_arrays(np.vstack(points), np.vstack(faces))


def fence_panels(fences: Boxes) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The panels of the fence runs ``fences``: bottom centres (M, 3), yaws (M,) and scales
    (M, 3: length, 1, height), each run cut into equal panels at most about :data:`PANEL`
    long (and into no more than :data:`RUN_PANELS`)."""
    length = fences.size[:, 0]
    # a run longer than RUN_PANELS panels gets longer panels: memory stays bounded however long
    # a (broken) layout's fence is
    count = np.clip(np.ceil(length / PANEL - 1e-9), 1, RUN_PANELS).astype(int)
    run = np.repeat(np.arange(len(fences)), count)
    first = np.repeat(np.cumsum(count) - count, count)
    index = np.arange(len(run)) - first  # each panel's place in its run
    step = length[run] / count[run]
    yaw = fences.yaw[run]
    along = (index + 0.5) * step - length[run] / 2
    direction = np.column_stack([np.cos(yaw), np.sin(yaw), np.zeros_like(yaw)])
    positions = fences.bottom_center[run] + direction * along[:, None]
    scales = np.column_stack([step, np.ones_like(step), fences.size[run, 2]])
    return positions, yaw, scales
