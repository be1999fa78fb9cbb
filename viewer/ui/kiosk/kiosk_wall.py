"""A kiosk screen as one tile of a video wall (``--kiosk --tile COLSxROWS:INDEX``).

Each screen of the wall runs its own kiosk with the same route and options but its own
``--tile`` (and ``--screen``); with ``--sync`` they all show the same tour moment, and each
draws its part of the one wide picture (:mod:`viewer.scene.kiosk.tiling`). Captions span the wall,
each screen drawing its part, or sit on the screen ``--caption-tile`` names (the others show
none).
"""

from __future__ import annotations

import logging

from viewer.model.kiosk.wall_tiles import DEFAULT_SCREEN_WIDTH_MM, WallTile
from viewer.scene.kiosk.tiling import WallTiling
from viewer.ui.kiosk.kiosk_mode import KioskMode


def attach_wall(
    kiosk: KioskMode,
    tile: WallTile,
    bezel_mm: float = 0.0,
    screen_width_mm: float = DEFAULT_SCREEN_WIDTH_MM,
    caption_tile: int | None = None,
    log: logging.Logger | None = None,
) -> WallTiling:
    """Make ``kiosk``'s window draw ``tile`` of the wall, screens ``bezel_mm`` apart; captions
    on tile ``caption_tile`` only (None: across the wall). Returns the tiling."""
    tiling = WallTiling(kiosk.links.plotter.renderer, tile, bezel_mm, screen_width_mm)
    kiosk.captions.set_here(caption_tile is None or caption_tile == tile.index)
    kiosk.wall = tiling  # type: ignore[attr-defined]
    where = "across the wall" if caption_tile is None else f"on tile {caption_tile}"
    (log or kiosk.log).info(
        "kiosk: video wall tile %s (column %d, row %d), bezel %g mm on %g mm screens, captions %s",
        tile.text(),
        tile.column,
        tile.row,
        bezel_mm,
        screen_width_mm,
        where,
    )
    kiosk.links.request_render()
    return tiling
