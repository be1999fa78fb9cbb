"""The video wall's command-line options: ``--tile COLSxROWS:INDEX``, ``--bezel MM``,
``--screen-width-mm MM`` (``snapshot`` and the kiosk) and ``--caption-tile INDEX`` (the kiosk);
see :mod:`viewer.model.kiosk.wall_tiles`. A bad value is a :class:`UsageError` naming the option.
"""

from __future__ import annotations

import argparse

from viewer.app.arguments import UsageError
from viewer.model.kiosk.wall_tiles import WallTile, parse_tile


def wall_tile(args: argparse.Namespace) -> WallTile | None:
    """The tile that ``args`` ask to draw, or None for the whole picture; UsageError for a bad
    ``--tile``, a ``--caption-tile`` off the wall, or a wall option without ``--tile`` (or, on
    the window's command line, without ``--kiosk``)."""
    text = getattr(args, "tile", None)
    caption = getattr(args, "caption_tile", None)
    if text is None:
        if caption is not None:
            raise UsageError("--caption-tile: only with --tile")
        if getattr(args, "bezel", 0.0):
            raise UsageError("--bezel: only with --tile")
        return None
    if args.command is None and not getattr(args, "kiosk", False):
        raise UsageError("--tile: only with --kiosk (or snapshot)")
    try:
        tile = parse_tile(text)
    except ValueError as exc:
        raise UsageError(f"--tile: {exc}") from None
    if caption is not None and not 0 <= caption < tile.count:
        raise UsageError(
            f"--caption-tile: no tile {caption} on a {tile.columns}x{tile.rows} wall: "
            f"give 0 to {tile.count - 1}"
        )
    return tile
