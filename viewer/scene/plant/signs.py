"""The letters on the plant's signs: one texture atlas, one mesh, one actor.

Every sign of :func:`viewer.model.plant.signs.plant_signs` gets a tile of one atlas image: its
text, Chinese above English (side by side on a long, low sign such as a canopy's fascia), white
on the signs' dark blue, drawn once by VTK's own text renderer with the bundled Noto Sans SC
subset (VTK's own fonts have no Chinese glyphs). Each sign is two quads just in front of its
box's faces, both reading left to right, with texture coordinates into its tile; all the quads
are one :class:`pyvista.PolyData` drawn by one actor, so the number of actors does not grow with
the number of signs. The texture is mipmapped and filtered linearly: a far sign's letters
blur instead of shimmering. Drawn unlit: letters stay white under any light.

The lit screens' signs (those with a :class:`~viewer.model.plant.signs.Board`) get a tile of
the same atlas drawn as the screen (:func:`board_tile`): a dark panel, its title in white, a row
of green, yellow and red status cells, its figures in amber and white.

The signs hanging in a building are drawn, as its ceiling gear is
(:class:`viewer.scene.plant.halls.HallShells`), only while the camera is inside that building,
below its roof: :meth:`SignBoards.update` (before every render) picks the quads of the signs in
view when the camera moves into or out of a building, nothing more.

Examples
--------
>>> from viewer.model.fields import Text
>>> tile = text_tile(Text("Stamping", "冲压车间"), 256, 64)
>>> tile.shape, bool((tile == 255).all(axis=2).any())
((64, 256, 3), True)
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import pyvista as pv
import vtkmodules.vtkRenderingFreeType  # noqa: F401  (the text renderer's implementation)
from vtkmodules.util.numpy_support import vtk_to_numpy
from vtkmodules.vtkCommonCore import VTK_FONT_FILE
from vtkmodules.vtkCommonDataModel import vtkImageData
from vtkmodules.vtkRenderingCore import (
    vtkActor,
    vtkPolyDataMapper,
    vtkRenderer,
    vtkTextProperty,
    vtkTextRenderer,
    vtkTexture,
)

from viewer.model.assets import chinese_font_path
from viewer.model.fields import Text
from viewer.model.plant.layout import Plant
from viewer.model.plant.signs import Board, Sign

BACKGROUND = (18, 40, 84)  # the signs' dark blue (RGB 0-255), as palette.ROLES["sign"]
LETTERS = (255, 255, 255)
ATLAS_WIDTH = 2048  # px: the atlas's width, the widest tile
TILE_HEIGHT = 128  # px: a tile's height at most (a far sign's letters need no more)
TILE_MIN_HEIGHT = 24  # px
PAD = 4  # px of background round each tile: mipmaps blend a tile's edge with its own colour
MARGIN = 0.08  # of a tile's height: room round the letters
ONE_LINE = 6.0  # a sign this many times wider than tall says both languages on one line
FACE_GAP = 0.01  # m: how far in front of its box's face a sign's letters float
BOARD_TILE_HEIGHT = {"andon": 128, "screen": 80}  # px: a lit screen's tile
PANEL = (10, 12, 18)  # a lit screen's dark panel
CELL_COLOURS = {"g": (40, 205, 80), "y": (250, 196, 20), "r": (235, 40, 40)}
FIGURE_COLOURS = ((255, 176, 0), (255, 255, 255))  # amber, then white
BOARD_MARGIN = 0.1  # of a lit screen's tile's height: room round its rows
# a board's rows from the top: (what, share of the tile's height); the rest is margin
BOARD_ROWS = (("title", 0.17), ("cells", 0.22), ("figure", 0.17), ("figure", 0.17))


def _font(size: int) -> vtkTextProperty:
    prop = vtkTextProperty()
    prop.SetFontFamily(VTK_FONT_FILE)
    prop.SetFontFile(str(chinese_font_path()))
    prop.SetFontSize(max(int(size), 4))
    prop.SetColor(1.0, 1.0, 1.0)
    prop.SetJustificationToLeft()
    prop.SetVerticalJustificationToBottom()
    return prop


def _rendered(text: str, height: int, width: int) -> np.ndarray:
    """``text``'s coverage (0-1, rows top down) at the largest font size that fits ``height``
    by ``width`` pixels."""
    renderer = vtkTextRenderer()
    size = height
    for _ in range(3):  # measure, shrink to fit
        box = [0, 0, 0, 0]
        renderer.GetBoundingBox(_font(size), text, box, 72)
        w, h = box[1] - box[0] + 1, box[3] - box[2] + 1
        scale = min(width / max(w, 1), height / max(h, 1))
        if scale >= 1.0:
            break
        size = int(size * scale)
    image, dims = vtkImageData(), [0, 0]
    if not text or not renderer.RenderString(_font(size), text, image, dims, 72):
        return np.zeros((0, 0))
    nx, ny, _ = image.GetDimensions()
    rgba = vtk_to_numpy(image.GetPointData().GetScalars()).reshape(ny, nx, 4)
    alpha = rgba[: dims[1], : dims[0], 3].astype(float) / 255.0
    return alpha[::-1][:height, :width]  # VTK's rows run bottom up


def text_tile(text: Text, width: int, height: int) -> np.ndarray:
    """A sign's face as an RGB image (rows top down): ``text`` in white on dark blue, Chinese
    above English, or side by side on a long, low sign."""
    tile = np.empty((height, width, 3), dtype=float)
    tile[:] = BACKGROUND
    margin = max(int(MARGIN * height), 1)
    inner_w, inner_h = width - 2 * margin, height - 2 * margin
    if width >= ONE_LINE * height:
        lines = [(f"{text.zh}   {text.en}", 0, inner_h)]
    else:
        zh_h, en_h = int(inner_h * 0.56), int(inner_h * 0.36)  # Chinese the larger
        lines = [(text.zh, 0, zh_h), (text.en, inner_h - en_h, en_h)]
    for line, top, line_h in lines:
        alpha = _rendered(line, line_h, inner_w)
        if alpha.size == 0:
            continue
        h, w = alpha.shape
        y = margin + top + (line_h - h) // 2
        x = (width - w) // 2
        spot = tile[y : y + h, x : x + w]
        spot[:] = spot * (1 - alpha[..., None]) + np.array(LETTERS) * alpha[..., None]
    return np.round(tile).astype(np.uint8)


def _paint(tile: np.ndarray, text: str, box: tuple[int, int, int, int], colour: tuple) -> None:
    """``text`` in ``colour`` centred in ``box`` (x, y, width, height; rows top down)."""
    x0, y0, width, height = box
    alpha = _rendered(text, height, width)
    if alpha.size == 0:
        return
    h, w = alpha.shape
    y, x = y0 + (height - h) // 2, x0 + (width - w) // 2
    spot = tile[y : y + h, x : x + w]
    spot[:] = spot * (1 - alpha[..., None]) + np.array(colour) * alpha[..., None]


def board_tile(title: str, board: Board, width: int, height: int) -> np.ndarray:
    """A lit screen's face as an RGB image (rows top down): a dark panel with ``title`` in
    white, the board's status cells in a row (green, yellow, red) and its figures below, the
    first in amber, the rest in white (rows: :data:`BOARD_ROWS`).

    >>> from viewer.model.plant.signs import andon_board
    >>> tile = board_tile("总装", andon_board(3, 76.0, (1, 6)), 390, 160)
    >>> red = (tile == CELL_COLOURS["r"]).all(axis=2)
    >>> tile.shape, bool(red.any())
    ((160, 390, 3), True)
    """
    tile = np.empty((height, width, 3), dtype=float)
    tile[:] = PANEL
    margin = max(int(BOARD_MARGIN * height), 1)  # clear of the lit band along its edge
    gap = (height - 2 * margin - sum(int(share * height) for _, share in BOARD_ROWS)) // 3
    inner = width - 2 * margin
    y, figures = margin, iter(zip(board.figures, FIGURE_COLOURS, strict=False))
    for what, share in BOARD_ROWS:
        tall = int(share * height)
        if what == "title":
            _paint(tile, title, (margin, y, inner, tall), LETTERS)
        elif what == "cells" and board.cells:
            pitch = inner / len(board.cells)
            space = max(int(pitch * 0.12), 1)
            for k, state in enumerate(board.cells):
                x0 = margin + int(k * pitch)
                tile[y : y + tall, x0 + space : margin + int((k + 1) * pitch)] = CELL_COLOURS[state]
        elif what == "figure":
            line = next(figures, None)
            if line is not None:
                _paint(tile, line[0], (margin, y, inner, tall), line[1])
        y += tall + max(gap, 0)
    return np.round(tile).astype(np.uint8)


def _face(sign: Sign, width: int, height: int) -> np.ndarray:
    """A sign's tile: its text (:func:`text_tile`) or, a lit screen's, its board."""
    return _face_of(sign.text, sign.board, width, height)


@lru_cache(maxsize=1024)
def _face_of(text: Text, board: Board | None, width: int, height: int) -> np.ndarray:
    """:func:`_face`, drawn once per process for each text, board and size (the same plant's
    signs are drawn again by every scene made of it; the font's rendering is most of that).
    Read only."""
    tile = (
        text_tile(text, width, height)
        if board is None
        else board_tile(text.zh, board, width, height)
    )
    tile.flags.writeable = False
    return tile


def _tile_size(sign: Sign) -> tuple[int, int]:
    """(width, height) in pixels of a sign's tile: its face's proportions, at most
    :data:`TILE_HEIGHT` tall (a lit screen's: :data:`BOARD_TILE_HEIGHT`) and the atlas
    wide."""
    width, height = float(sign.size[0]), float(sign.size[2])
    most = TILE_HEIGHT if sign.board is None else BOARD_TILE_HEIGHT[sign.board.kind]
    tall = min(most, (ATLAS_WIDTH - 2 * PAD) * height / width)
    tall = max(int(tall), TILE_MIN_HEIGHT)
    return min(int(round(tall * width / height)), ATLAS_WIDTH - 2 * PAD), tall


def sign_atlas(signs: Sequence[Sign]) -> tuple[np.ndarray, np.ndarray]:
    """The atlas (RGB, rows bottom up as a texture's) and each sign's tile in it as (u0, v0,
    u1, v1). Signs with the same text (and board) and proportions share a tile; tiles are
    packed in rows (shelves) :data:`ATLAS_WIDTH` wide."""
    tiles: dict[tuple, int] = {}
    images: list[np.ndarray] = []
    which = []
    for sign in signs:
        size = _tile_size(sign)
        key = (sign.text, sign.board, size)
        if key not in tiles:
            tiles[key] = len(images)
            images.append(_face(sign, *size))
        which.append(tiles[key])
    places, x, y, shelf = [], 0, 0, 0
    for image in images:
        h, w = image.shape[0] + 2 * PAD, image.shape[1] + 2 * PAD
        if x + w > ATLAS_WIDTH:
            x, y, shelf = 0, y + shelf, 0
        places.append((x, y))
        x, shelf = x + w, max(shelf, h)
    total = max(y + shelf, 1)
    atlas = np.empty((total, ATLAS_WIDTH, 3), dtype=np.uint8)
    atlas[:] = BACKGROUND
    rects = []
    for image, (x, y) in zip(images, places, strict=True):
        h, w = image.shape[:2]
        atlas[y + PAD : y + PAD + h, x + PAD : x + PAD + w] = image[::-1]  # bottom up
        rects.append(
            ((x + PAD) / ATLAS_WIDTH, (y + PAD) / total, (x + PAD + w) / ATLAS_WIDTH)
            + ((y + PAD + h) / total,)
        )
    return atlas, np.array([rects[k] for k in which]).reshape(-1, 4)


def sign_quads(signs: Sequence[Sign], rects: np.ndarray) -> pv.PolyData:
    """Two quads a sign (front, back), each just in front of its box's face and reading left
    to right from in front of it, with texture coordinates ``rects`` (u0, v0, u1, v1)."""
    points, uvs = [], []
    for sign, (u0, v0, u1, v1) in zip(signs, rects, strict=True):
        x, y, z = (float(c) for c in sign.bottom_center)
        width, depth, height = (float(c) for c in sign.size)
        along = np.array([np.cos(sign.yaw), np.sin(sign.yaw), 0.0]) * width / 2
        normal = np.array([-np.sin(sign.yaw), np.cos(sign.yaw), 0.0]) * (depth / 2 + FACE_GAP)
        base = np.array([x, y, z])
        up = np.array([0.0, 0.0, height])
        for side in (1.0, -1.0):  # the front's reader has the box's -x on the right
            middle = base + side * normal
            left, right = middle + side * along, middle - side * along
            points += [left, right, right + up, left + up]
            uvs += [(u0, v0), (u1, v0), (u1, v1), (u0, v1)]
    count = len(points) // 4
    faces = np.column_stack([np.full(count, 4), np.arange(4 * count).reshape(-1, 4)])
    mesh = pv.PolyData(np.array(points).reshape(-1, 3), faces.ravel())
    mesh.active_texture_coordinates = np.array(uvs, dtype=float).reshape(-1, 2)
    return mesh


def _owner(signs: Sequence[Sign], plant: Plant) -> np.ndarray:
    """Index of the building each sign hangs in (its middle within the footprint's bounds,
    below the roof), -1 for none (outdoors: always drawn)."""
    owner = np.full(len(signs), -1)
    for index, sign in enumerate(signs):
        x, y, z = sign.bottom_center
        for number, building in enumerate(plant.buildings):
            x0, y0, x1, y1 = building.bounds
            if x0 < x < x1 and y0 < y < y1 and z < building.height:
                owner[index] = number
                break
    return owner


class SignBoards:
    """The letters of ``signs`` on ``renderer``: one actor (see the module's text)."""

    def __init__(self, renderer: vtkRenderer, plant: Plant, signs: Sequence[Sign]) -> None:
        self.signs = list(signs)
        atlas, rects = sign_atlas(self.signs)
        self.mesh = sign_quads(self.signs, rects)
        self._all_faces = self.mesh.faces.reshape(-1, 5).copy()
        self.owner = _owner(self.signs, plant)
        self.heights = np.array([b.height for b in plant.buildings])
        self.bounds = np.array([b.bounds for b in plant.buildings]).reshape(-1, 4)
        image = pv.ImageData(dimensions=(atlas.shape[1], atlas.shape[0], 1))
        image.point_data["rgb"] = atlas.reshape(-1, 3)
        self.texture = vtkTexture()
        self.texture.SetInputData(image)
        self.texture.MipmapOn()
        self.texture.InterpolateOn()
        self.texture.RepeatOff()
        self.texture.EdgeClampOn()
        mapper = vtkPolyDataMapper()
        mapper.SetInputData(self.mesh)
        mapper.ScalarVisibilityOff()
        self.actor = vtkActor()
        self.actor.SetMapper(mapper)
        self.actor.SetTexture(self.texture)
        self.actor.PickableOff()
        prop = self.actor.GetProperty()
        prop.LightingOff()  # the letters stay white whatever lights the hall
        prop.SetBackfaceCulling(True)
        renderer.AddActor(self.actor)
        self._state: tuple | None = None
        self.update((0.0, 0.0, 1e6))

    def update(self, eye: Sequence[float]) -> None:
        """Show the signs outdoors and those of the building the camera ``eye`` is in."""
        x, y, z = eye
        x0, y0, x1, y1 = self.bounds.T
        inside = (z < self.heights) & (x > x0) & (x < x1) & (y > y0) & (y < y1)
        shown = (self.owner < 0) | np.append(inside, False)[self.owner]
        state = tuple(shown)
        if state == self._state:
            return
        self._state = state
        quads = np.repeat(shown, 2)  # two quads a sign
        self.actor.SetVisibility(bool(quads.any()))
        if quads.any():
            self.mesh.faces = self._all_faces[quads].ravel()

    def shown(self) -> np.ndarray:
        """Which signs' letters are drawn."""
        return np.array(self._state if self._state is not None else (), dtype=bool)
