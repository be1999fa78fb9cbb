"""A playlist: several tour routes played in turn, as one long loop.

Each route lasts its tour's length; the playlist's loop is their sum. :meth:`Playlist.at` turns
a time in the loop (or since a synchronised origin) into which route plays and its time.

>>> playlist = Playlist((100.0, 50.0))
>>> playlist.total
150.0
>>> playlist.at(30.0), playlist.at(120.0), playlist.at(160.0)
(Position(index=0, time=30.0, loop=0), Position(index=1, time=20.0, loop=0), \
Position(index=0, time=10.0, loop=1))
>>> playlist.next_index(1)
0
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Position:
    """Where a playlist is: route ``index``, the ``time`` within that route's tour, and how
    many whole loops of the playlist were played before."""

    index: int
    time: float
    loop: int


@dataclass(frozen=True)
class Playlist:
    """The lengths (seconds) of the routes played in turn."""

    lengths: tuple[float, ...]

    def __post_init__(self) -> None:
        if not self.lengths:
            raise ValueError("a playlist needs at least one route")

    @property
    def total(self) -> float:
        """The length of one pass through every route."""
        return float(sum(self.lengths))

    def start_of(self, index: int) -> float:
        """The time in the loop at which route ``index`` starts."""
        return float(sum(self.lengths[:index]))

    def next_index(self, index: int) -> int:
        """The route after ``index`` (after the last: the first)."""
        return (index + 1) % len(self.lengths)

    def at(self, elapsed: float) -> Position:
        """The route playing and its time after ``elapsed`` seconds of looping."""
        total = self.total
        if total <= 0:
            return Position(0, 0.0, 0)
        loop = math.floor(elapsed / total)
        rest = elapsed - loop * total
        for index, length in enumerate(self.lengths):
            if rest < length or index == len(self.lengths) - 1:
                return Position(index, min(rest, length), loop)
            rest -= length
        raise AssertionError("unreachable")  # pragma: no cover
