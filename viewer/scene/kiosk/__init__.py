"""The hall screens drawn: one tile of a video wall (tiling)."""
