"""Video walls: each screen draws its tile of one large picture (``--tile``, ``--bezel``).

The tiles of a wall put side by side equal the whole picture rendered once at the wall's size;
with bezels the seams' pixels are left out, so lines continue across them.
"""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv
from PIL import Image

from viewer.app.cli import main
from viewer.model.kiosk.wall_tiles import WallTile, bezel_pixels, parse_tile, tile_view
from viewer.scene.kiosk.tiling import WallTiling
from viewer.scene.snapshot import OffscreenRenderer, render_image

TILE = (160, 90)


def assemble(tiles: list[np.ndarray], columns: int, gap: int = 0) -> np.ndarray:
    """Tiles (row by row) side by side, ``gap`` pixels of black between them."""
    rows = len(tiles) // columns
    h, w = tiles[0].shape[:2]
    wall = np.zeros((rows * h + (rows - 1) * gap, columns * w + (columns - 1) * gap, 3), np.uint8)
    for index, tile in enumerate(tiles):
        row, column = divmod(index, columns)
        wall[row * (h + gap) : row * (h + gap) + h, column * (w + gap) : column * (w + gap) + w] = (
            tile
        )
    return wall


def assert_same_picture(a: np.ndarray, b: np.ndarray) -> None:
    """Equal but for a handful of pixels (rasterization at a seam, anti-aliased text)."""
    assert a.shape == b.shape
    differ = np.abs(a.astype(int) - b.astype(int)).max(axis=2) > 24
    assert differ.mean() < 0.002, f"{differ.sum()} pixels differ of {differ.size}"
    assert np.abs(a.astype(int) - b.astype(int)).mean() < 0.6


def test_parse_tile_and_the_tiles_geometry():
    tile = parse_tile(" 3x2 : 5 ")
    assert (tile.columns, tile.rows, tile.column, tile.row) == (3, 2, 2, 1)
    view = tile_view(tile, TILE, gap_px=4)
    assert view.wall_size == (488, 184)
    assert view.origin == (328, 94) and view.bottom_left == (328, 0)
    # the tile's half-angle tangent is its share of the wall's, at the same pixel size
    wall_half = np.tan(np.radians(40.0) / 2)
    assert np.tan(np.radians(view.view_angle(40.0)) / 2) == pytest.approx(wall_half * 90 / 184)
    assert view.contains(330, 100) and not view.contains(326, 100)
    assert bezel_pixels(0.0, 1920, 1209.6) == 0
    assert bezel_pixels(10.0, 1920, 1209.6) == 16


@pytest.mark.parametrize(
    "text", ["2x1", "2x1:2", "0x1:0", "17x1:0", "ax1:0", "2x1:-1", "3x2:6", ""]
)
def test_bad_tiles_are_refused(text):
    with pytest.raises(ValueError):
        parse_tile(text)


@pytest.mark.parametrize(
    ("columns", "rows", "view"),
    [(2, 1, "overview"), (3, 2, "overview"), (2, 2, "assembly")],  # a label across the seam
)
def test_the_tiles_side_by_side_equal_the_whole_picture(plant, columns, rows, view):
    whole = render_image(plant, view, size=(TILE[0] * columns, TILE[1] * rows))
    renderer = OffscreenRenderer(plant, TILE, tile=WallTile(columns, rows, 0))
    try:
        tiles = []
        for index in range(columns * rows):
            renderer.tiling.tile = WallTile(columns, rows, index)  # type: ignore[union-attr]
            tiles.append(renderer.render(view=view))
    finally:
        renderer.close()
    wall = assemble(tiles, columns)
    assert_same_picture(wall, whole)
    assert not np.array_equal(tiles[0], tiles[1])  # each screen draws its own part


def test_the_seat_view_splits_across_a_wall_too(plant):
    whole = render_image(plant, size=(2 * TILE[0], TILE[1]), stop="lobby")
    tiles = [render_image(plant, size=TILE, stop="lobby", tile=WallTile(2, 1, i)) for i in (0, 1)]
    assert_same_picture(assemble(tiles, 2), whole)


def test_with_bezels_the_seams_pixels_are_left_out():
    """A diagonal edge crossing the seam continues on the next screen where the wall's picture
    has it: the tiles equal the whole (virtual) wall's picture with the gap's columns cut out."""

    def picture(size: tuple[int, int], tile: WallTile | None, bezel_mm: float) -> np.ndarray:
        plotter = pv.Plotter(off_screen=True, window_size=list(size), lighting="none")
        plotter.set_background("white")
        triangle = pv.Triangle([[-3.0, -1.0, 0.0], [3.0, -1.0, 0.0], [-3.0, 1.2, 0.0]])
        plotter.add_mesh(triangle, color="black", lighting=False)
        plotter.camera_position = [(0, 0, 6), (0, 0, 0), (0, 1, 0)]
        plotter.camera.view_angle = 30.0
        if tile is not None:
            WallTiling(plotter.renderer, tile, bezel_mm=bezel_mm, screen_width_mm=size[0])
        image = np.asarray(plotter.screenshot(return_img=True))
        plotter.close()
        return image

    gap = 24  # --screen-width-mm as wide as the tile in pixels: 1 mm = 1 pixel
    whole = picture((2 * TILE[0] + gap, TILE[1]), None, 0.0)
    left, right = (picture(TILE, WallTile(2, 1, i), float(gap)) for i in (0, 1))
    assert_same_picture(left, whole[:, : TILE[0]])
    assert_same_picture(right, whole[:, TILE[0] + gap :])
    # the edge's row-by-row position: on the right screen it goes on with the gap's offset
    edge_left = (left.mean(axis=2) < 128).sum(axis=1)
    edge_right = (right.mean(axis=2) < 128).sum(axis=1)
    row = np.nonzero((edge_left > 0) & (edge_left < TILE[0]))[0][0]
    assert 0 < edge_left[row] < TILE[0] and edge_right[row] == 0  # ends before the gap
    without = picture(TILE, WallTile(2, 1, 1), 0.0)
    assert not np.array_equal(without, right)  # the bezel moves the right screen's picture


def test_snapshot_tile_renders_one_screen_of_the_wall(plant, tmp_path, capsys):
    out = tmp_path / "right.png"
    args = ["snapshot", "--out", str(out), "--size", "160x90", "--tile", "2x1:1"]
    assert main([*args, "--bezel", "16", "--screen-width-mm", "160"]) == 0
    right = np.asarray(Image.open(out).convert("RGB"))
    whole = render_image(plant, "overview", size=(2 * 160 + 16, 90))
    assert_same_picture(right, whole[:, 160 + 16 :])


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--tile", "2x1:2"], "error: --tile: tile 2 is not on a 2x1 wall"),
        (["--tile", "2by1"], "error: --tile: expected COLSxROWS:INDEX"),
        (["--tile", "2x1:0", "--bezel", "-3"], "error: argument --bezel: must be 0 to 200 mm"),
        (["--bezel", "5"], "error: --bezel: only with --tile"),
    ],
)
def test_bad_wall_options_give_one_line_and_status_2(tmp_path, capsys, extra, message):
    assert main(["snapshot", "--out", str(tmp_path / "x.png"), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith(message) and "\n" not in err
    assert not (tmp_path / "x.png").exists()


def test_the_kiosk_options_are_checked_before_a_window_opens(capsys):
    assert main(["--tile", "2x1:0"]) == 2  # the window draws no tile
    assert capsys.readouterr().err.startswith("error: --tile: only with --kiosk")
    assert main(["--kiosk", "--tile", "2x1:0", "--caption-tile", "2"]) == 2
    assert capsys.readouterr().err.startswith("error: --caption-tile: no tile 2 on a 2x1 wall")


def test_a_point_picked_on_a_tile_is_where_the_wall_shows_it():
    """A tap on a kiosk's tile picks what that tile shows (the kiosk picks within
    ``tile_camera``), not what the wall's camera would have at that pixel."""
    from vtkmodules.vtkRenderingCore import vtkWorldPointPicker

    from viewer.scene.kiosk.tiling import tile_camera

    def picked(size: tuple[int, int], tile: WallTile | None, x: int, y: int) -> tuple:
        plotter = pv.Plotter(off_screen=True, window_size=list(size), lighting="none")
        plotter.add_mesh(pv.Plane(i_size=40, j_size=40), color="grey")
        plotter.camera_position = [(0, -14, 6), (0, 0, 0), (0, 0, 1)]
        tiling = None if tile is None else WallTiling(plotter.renderer, tile)
        plotter.render()
        picker = vtkWorldPointPicker()
        with tile_camera(plotter.renderer):
            picker.Pick(x, y, 0.0, plotter.renderer)
        point = picker.GetPickPosition()
        if tiling is not None:  # and as the wall's camera would have it
            picker.Pick(x, y, 0.0, plotter.renderer)
            point = (point, picker.GetPickPosition())
        plotter.close()
        return point

    whole = picked((2 * TILE[0], TILE[1]), None, TILE[0] + 40, 30)
    on_tile, wall_camera = picked(TILE, WallTile(2, 1, 1), 40, 30)
    assert on_tile == pytest.approx(whole, abs=0.05)
    assert wall_camera != pytest.approx(whole, abs=0.5)  # the wall's camera: another point
