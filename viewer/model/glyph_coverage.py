"""Which characters the bundled 3D-text font can draw, read from the font file's own cmap.

VTK draws each text with one font file and no fallback font: a character the file has no glyph
for is left out without a word ("Möbius" would show as "Mbius"). These functions find such
characters beforehand, so that a caption can say so in the log and ``check-route`` can warn of
them. Plain Python: the OpenType ``cmap`` table (formats 4 and 12) is read directly.

Examples
--------
>>> missing_characters("Möbius Łódź 压铸车间")
[]
>>> missing_characters("Ꙩ ok")
['Ꙩ']
>>> describe("Ꙩ")
"'Ꙩ' (U+A668 CYRILLIC CAPITAL LETTER MONOCULAR O)"
"""

from __future__ import annotations

import struct
import unicodedata
from functools import cache
from pathlib import Path

from viewer.model.assets import chinese_font_path
from viewer.model.tour.route import Route


@cache
def font_characters(path: Path | None = None) -> frozenset[int]:
    """The code points the font at ``path`` (default: the bundled 3D-text font) maps to a
    glyph; ValueError if the file is no OpenType/TrueType font with a Unicode cmap."""
    data = Path(path or chinese_font_path()).read_bytes()
    cmap = _table(data, b"cmap")
    count = struct.unpack_from(">H", cmap, 2)[0]
    subtables = {}
    for k in range(count):
        platform, encoding, offset = struct.unpack_from(">HHI", cmap, 4 + 8 * k)
        subtables[(platform, encoding)] = offset
    for key in ((3, 10), (0, 4), (0, 6), (3, 1), (0, 3), (0, 2), (0, 1), (0, 0)):
        if key in subtables:
            return frozenset(_subtable_characters(cmap, subtables[key]))
    raise ValueError(f"{path}: the font has no Unicode character map")


def missing_characters(text: str, path: Path | None = None) -> list[str]:
    """The characters of ``text`` (each once, in order) that the font cannot draw; spaces and
    control characters, which draw nothing, are never missing."""
    have = font_characters(path)
    missing: list[str] = []
    for char in text:
        if char.isspace() or not char.isprintable() or ord(char) in have or char in missing:
            continue
        missing.append(char)
    return missing


def describe(char: str) -> str:
    """A character as a message names it: itself, its code point and its Unicode name."""
    name = unicodedata.name(char, "")
    return f"{char!r} (U+{ord(char):04X}{' ' + name if name else ''})"


def route_glyph_warnings(route: Route, path: Path | None = None) -> list[str]:
    """One line for each text of ``route`` shown in 3D (its name, each stop's name and
    narration) holding characters the font cannot draw, naming them."""
    texts = [("the route's name", route.name)]
    for stop in route.stops:
        texts += [(f"stop {stop.id!r} name", stop.name)]
        texts += [(f"stop {stop.id!r} narration", stop.narration)]
    warnings = []
    for where, text in texts:
        for lang in ("en", "zh"):
            missing = missing_characters(text.get(lang), path)
            if missing:
                chars = ", ".join(describe(char) for char in missing)
                warnings.append(
                    f"{where} ({lang}): the 3D-text font has no glyph for {chars}; "
                    "captions show □ in its place"
                )
    return warnings


def _table(data: bytes, tag: bytes) -> bytes:
    """The table ``tag`` of an sfnt font file (the first font of a collection)."""
    start = struct.unpack_from(">I", data, 12)[0] if data[:4] == b"ttcf" else 0
    count = struct.unpack_from(">H", data, start + 4)[0]
    for k in range(count):
        record = start + 12 + 16 * k
        if data[record : record + 4] == tag:
            offset, length = struct.unpack_from(">II", data, record + 8)
            return data[offset : offset + length]
    raise ValueError(f"the font has no {tag.decode()} table")


def _subtable_characters(cmap: bytes, offset: int) -> set[int]:
    """The code points a cmap subtable maps to a glyph other than .notdef."""
    kind = struct.unpack_from(">H", cmap, offset)[0]
    if kind == 12:
        groups = struct.unpack_from(">I", cmap, offset + 12)[0]
        chars: set[int] = set()
        for k in range(groups):
            first, last, glyph = struct.unpack_from(">III", cmap, offset + 16 + 12 * k)
            chars.update(range(first + (glyph == 0), last + 1))
        return chars
    if kind == 4:
        return _format4_characters(cmap, offset)
    raise ValueError(f"cmap subtable format {kind} is not read")


def _format4_characters(cmap: bytes, offset: int) -> set[int]:
    segments = struct.unpack_from(">H", cmap, offset + 6)[0] // 2
    ends_at = offset + 14
    starts_at = ends_at + 2 * segments + 2
    deltas_at = starts_at + 2 * segments
    ranges_at = deltas_at + 2 * segments
    ends = struct.unpack_from(f">{segments}H", cmap, ends_at)
    starts = struct.unpack_from(f">{segments}H", cmap, starts_at)
    deltas = struct.unpack_from(f">{segments}H", cmap, deltas_at)
    range_offsets = struct.unpack_from(f">{segments}H", cmap, ranges_at)
    chars = set()
    for k in range(segments):
        for code in range(starts[k], ends[k] + 1):
            if code == 0xFFFF:
                continue
            if range_offsets[k] == 0:
                glyph = (code + deltas[k]) & 0xFFFF
            else:
                where = ranges_at + 2 * k + range_offsets[k] + 2 * (code - starts[k])
                glyph = struct.unpack_from(">H", cmap, where)[0]
                glyph = (glyph + deltas[k]) & 0xFFFF if glyph else 0
            if glyph:
                chars.add(code)
    return chars
