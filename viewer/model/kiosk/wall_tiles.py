"""Video walls: one large picture split across a grid of screens, each drawing its tile.

A wall of ``COLS`` x ``ROWS`` screens shows one picture as if seen through the wall: the frames
(bezels) between the screens hide a strip of it, so a straight line crossing a seam continues
on the next screen where it would have been, not where the picture's pixels end. The picture
is a *virtual wall* of pixels: every screen's pixels plus, between two neighbours, a gap as wide
as their bezels (both frames together) measured in the screens' own pixels. Each tile draws its
rectangle of the virtual wall; the gaps are drawn by nobody.

The camera of the whole wall is an ordinary perspective camera for the virtual wall's size; a
tile's camera is the same camera with a narrower view angle and a shifted projection window
(VTK's ``vtkCamera.SetWindowCenter``): see :meth:`TileView.view_angle` and
:meth:`TileView.window_center`. Tiles are numbered row by row from the top left, from 0.

Examples
--------
>>> tile = parse_tile("3x2:4")
>>> tile.columns, tile.rows, tile.column, tile.row
(3, 2, 1, 1)
>>> view = tile_view(tile, (160, 90), gap_px=10)
>>> view.wall_size, view.origin
((500, 190), (170, 100))
>>> view.window_center()
(0.0, -1.1111111111111112)
>>> bezel_pixels(12.0, 1920, 1209.6)
19
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

MAX_SIDE = 16  # screens in a row or a column
MAX_BEZEL_MM = 200.0
DEFAULT_SCREEN_WIDTH_MM = 1209.6  # a 55-inch 16:9 screen's picture (its active area's width)
_EDGE = 1e-6  # pixels: rounding noise of a projected point, well below any real offset
_TILE = re.compile(r"^\s*(\d+)\s*[xX]\s*(\d+)\s*:\s*(\d+)\s*$")


@dataclass(frozen=True)
class WallTile:
    """Screen ``index`` (row by row from the top left, from 0) of a ``columns`` x ``rows``
    wall."""

    columns: int
    rows: int
    index: int

    @property
    def column(self) -> int:
        """The tile's column, 0 the left."""
        return self.index % self.columns

    @property
    def row(self) -> int:
        """The tile's row, 0 the top."""
        return self.index // self.columns

    @property
    def count(self) -> int:
        """The number of screens on the wall."""
        return self.columns * self.rows

    def text(self) -> str:
        """As the command line writes it: '2x1:0'."""
        return f"{self.columns}x{self.rows}:{self.index}"


def parse_tile(text: str) -> WallTile:
    """The tile written ``COLSxROWS:INDEX`` ('2x1:0': the left screen of two side by side);
    ValueError saying what is wrong.

    >>> parse_tile("2x1:2")
    Traceback (most recent call last):
    ...
    ValueError: tile 2 is not on a 2x1 wall: give 0 to 1, got '2x1:2'
    """
    match = _TILE.match(text)
    if match is None:
        raise ValueError(f"expected COLSxROWS:INDEX like 2x1:0, got {text!r}")
    columns, rows, index = (int(part) for part in match.groups())
    if not (1 <= columns <= MAX_SIDE and 1 <= rows <= MAX_SIDE):
        raise ValueError(f"a wall has 1 to {MAX_SIDE} columns and rows, got {text!r}")
    if index >= columns * rows:
        raise ValueError(
            f"tile {index} is not on a {columns}x{rows} wall: "
            f"give 0 to {columns * rows - 1}, got {text!r}"
        )
    return WallTile(columns, rows, index)


def bezel_pixels(bezel_mm: float, tile_width_px: int, screen_width_mm: float) -> int:
    """The gap between two screens' pictures in pixels: ``bezel_mm`` (both frames together)
    at the pixel pitch of a screen ``tile_width_px`` pixels across a picture ``screen_width_mm``
    wide; rounded to whole pixels (0 for no bezel). ValueError for a negative or too wide one.
    """
    if not 0.0 <= bezel_mm <= MAX_BEZEL_MM:
        raise ValueError(f"must be 0 to {MAX_BEZEL_MM:g} mm, got {bezel_mm:g}")
    if screen_width_mm <= 0.0:
        raise ValueError(f"the screen's width must be positive, got {screen_width_mm:g}")
    return round(bezel_mm * tile_width_px / screen_width_mm)


@dataclass(frozen=True)
class TileView:
    """Where one tile lies on the virtual wall, in pixels (x right, y down from the wall's top
    left): the wall's ``wall_size``, the tile's ``origin`` (its top-left pixel) and ``size``."""

    tile: WallTile
    size: tuple[int, int]
    gap_px: int
    wall_size: tuple[int, int]
    origin: tuple[int, int]

    @property
    def bottom_left(self) -> tuple[int, int]:
        """The tile's origin as VTK counts display pixels (y up from the wall's bottom)."""
        return self.origin[0], self.wall_size[1] - self.origin[1] - self.size[1]

    def view_angle(self, wall_angle: float) -> float:
        """The tile's vertical view angle (degrees) for a wall seen at ``wall_angle``: its
        share of the wall's height at the same pixel size, 2 atan(tan(wall/2) h / H)."""
        half = math.tan(math.radians(wall_angle) / 2.0) * self.size[1] / self.wall_size[1]
        return math.degrees(2.0 * math.atan(half))

    def window_center(self) -> tuple[float, float]:
        """VTK's window centre of the tile: the tile's centre from the wall's, in halves of
        the tile's width and height (x right, y up)."""
        (wall_w, wall_h), (w, h) = self.wall_size, self.size
        left, bottom = self.bottom_left
        dx = left + w / 2.0 - wall_w / 2.0
        dy = bottom + h / 2.0 - wall_h / 2.0
        return 2.0 * dx / w, 2.0 * dy / h

    def billboard_offset(self, x: float, y: float) -> tuple[int, int]:
        """The display offset (pixels) that puts a billboard text anchored at the tile's
        display point (x, y) (y up) where the whole wall's picture puts it.

        VTK's billboard text anchors at floor(u (n - 1) + 0.5) for a point at the share u of a
        picture n pixels wide, not at u n as the rasterizer draws: on a tile the same label
        would land up to two pixels away from the wall's, and a label crossing a seam would
        break there.

        >>> view = tile_view(WallTile(2, 1, 0), (160, 90))
        >>> view.billboard_offset(150.0, 45.0)
        (1, 0)
        >>> right = tile_view(WallTile(2, 1, 1), (160, 90))  # the wall's middle, seen by both
        >>> view.billboard_offset(160.0 - 6e-14, 45.0), right.billboard_offset(0.0, 45.0)
        ((1, 0), (0, 0))
        """
        left, bottom = self.bottom_left
        offset = []
        for point, start, tile, wall in (
            (x, left, self.size[0], self.wall_size[0]),
            (y, bottom, self.size[1], self.wall_size[1]),
        ):
            # a point at the wall's middle lands on a rounding edge: each tile sees it a hair
            # to one side or the other, so the wall's side is settled the same way on every tile
            on_wall = math.floor((point + start) / wall * (wall - 1) + 0.5 + _EDGE) - start
            offset.append(on_wall - math.floor(point / tile * (tile - 1) + 0.5))
        return offset[0], offset[1]

    def contains(self, x: float, y: float) -> bool:
        """Whether wall pixel (x, y) (from the top left) is on this tile."""
        left, top = self.origin
        return left <= x < left + self.size[0] and top <= y < top + self.size[1]


def tile_view(tile: WallTile, size: tuple[int, int], gap_px: int = 0) -> TileView:
    """The view of ``tile`` on a wall of screens ``size`` (width, height) pixels each, their
    pictures ``gap_px`` pixels apart."""
    width, height = size
    wall = (
        tile.columns * width + (tile.columns - 1) * gap_px,
        tile.rows * height + (tile.rows - 1) * gap_px,
    )
    origin = (tile.column * (width + gap_px), tile.row * (height + gap_px))
    return TileView(tile, (width, height), gap_px, wall, origin)
