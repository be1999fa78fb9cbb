"""Rebuild ``NotoSansSC-Regular-GB2312.otf``, the one font every 3D text uses (see README.md).

VTK draws a text with one font file and no fallback: a character the file lacks is simply left
out. So this one file must hold everything the program shows: GB 2312 (Simplified Chinese),
ASCII, Latin-1, Latin Extended-A, common punctuation, and every character of the bundled data
files. Noto Sans CJK SC has GB 2312, Latin-1 and part of Extended-A; the Extended-A letters it
lacks (such as Ł, č, ő) are drawn from Noto Sans Regular, scaled to the CJK face's capital
height, and added to the CFF table. Both fonts are under the SIL Open Font License 1.1.

Usage (fontTools installed; the two fonts from the Debian packages fonts-noto-cjk and
fonts-noto-core)::

    python assets/fonts/build_font.py /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc \
        /usr/share/fonts/truetype/noto/NotoSans-Regular.ttf
"""

from __future__ import annotations

import sys
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.pens.recordingPen import DecomposingRecordingPen
from fontTools.pens.reverseContourPen import ReverseContourPen
from fontTools.pens.t2CharStringPen import T2CharStringPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
OUT = HERE / "NotoSansSC-Regular-GB2312.otf"
DATA_FILES = [HERE.parent / "plant.toml", HERE.parent / "explain.toml"]
DATA_FILES += sorted((HERE.parent.parent / "routes").glob("*.toml"))
SC_FACE = 2  # face 2 of the collection is Simplified Chinese (VTK would read face 0, Japanese)
FAMILY = "Noto Sans SC GB2312 Subset"
POSTSCRIPT = "NotoSansSC-GB2312-Subset-Regular"
# Beyond GB 2312: general punctuation, CJK symbols and punctuation, full- and half-width forms,
# the euro, trade mark, minus, thin and narrow spaces, square metre.
EXTRAS = [(0x2009, 0x2027), (0x202F, 0x203B), (0x3000, 0x303F), (0xFF00, 0xFFEF)]
EXTRAS += [(code, code) for code in (0x20AC, 0x2122, 0x2212, 0x33A1)]


def gb2312() -> set[int]:
    """Every character of GB 2312 (rows 0xA1-0xF7, cells 0xA1-0xFE)."""
    chars = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                chars.add(ord(bytes((row, cell)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    return chars


def wanted() -> set[int]:
    """The characters the font must draw."""
    chars = gb2312() | set(range(0x20, 0x7F)) | set(range(0xA0, 0x180))
    chars |= {code for first, last in EXTRAS for code in range(first, last + 1)}
    for path in DATA_FILES:
        chars |= {ord(c) for c in path.read_text(encoding="utf-8") if c.isprintable()}
    return {code for code in chars if unicodedata.category(chr(code)) != "Cn"}


def rename(font: TTFont) -> None:
    """Give the subset its own family name, so Qt never swaps in an installed Noto Sans CJK."""
    names = {1: FAMILY, 3: f"2.004;GOOG;{POSTSCRIPT}", 4: f"{FAMILY} Regular", 6: POSTSCRIPT}
    table = font["name"]
    table.names = [r for r in table.names if r.nameID not in (16, 17) and r.platformID == 3]
    for record in table.names:
        if record.nameID in names:
            record.string = names[record.nameID]
    for lang in (0x409, 0x804):
        for name_id in (1, 2, 4):
            table.setName(names.get(name_id, "Regular"), name_id, 3, 1, lang)
    table.setName(POSTSCRIPT, 6, 3, 1, 0x409)
    table.setName(names[3], 3, 3, 1, 0x409)


def add_latin(font: TTFont, latin: TTFont, codepoints: list[int]) -> list[int]:
    """Draw ``codepoints`` from ``latin`` into ``font``'s CID-keyed CFF; the ones added."""
    scale = font["OS/2"].sCapHeight / latin["OS/2"].sCapHeight
    source = latin.getGlyphSet()
    source_cmap = latin.getBestCmap()
    cff = font["CFF "].cff
    top = cff.topDictIndex[0]
    strings = top.CharStrings
    reference = font.getBestCmap()[ord("a")]  # an existing Latin glyph: its FD and metrics
    fd = top.FDSelect[font.getGlyphID(reference)]
    private = top.FDArray[fd].Private
    order = list(font.getGlyphOrder())
    used = {int(name[3:]) for name in order if name.startswith("cid")}
    free = (cid for cid in range(1, 65535) if cid not in used)  # the subset keeps its CIDs
    vertical_origin = font["VORG"].defaultVertOriginY if "VORG" in font else 880
    added = []
    for code in codepoints:
        if code not in source_cmap:
            continue
        recording = DecomposingRecordingPen(source)
        source[source_cmap[code]].draw(recording)
        width = round(source[source_cmap[code]].width * scale)
        pen = T2CharStringPen(width - private.nominalWidthX, None)
        recording.replay(TransformPen(ReverseContourPen(pen), (scale, 0, 0, scale, 0, 0)))
        charstring = pen.getCharString(private=private, globalSubrs=cff.GlobalSubrs)
        name = f"cid{next(free):05d}"
        strings.charStringsIndex.append(charstring)
        strings.charStrings[name] = len(strings.charStringsIndex) - 1
        top.charset.append(name)
        top.FDSelect.append(fd)
        order.append(name)
        bounds = charstring.calcBounds(strings) or (0, 0, 0, 0)
        font["hmtx"].metrics[name] = (width, round(bounds[0]))
        if "vmtx" in font:
            font["vmtx"].metrics[name] = (1000, round(vertical_origin - bounds[3]))
        for table in font["cmap"].tables:
            if table.isUnicode() and (code < 0x10000 or table.format == 12):
                table.cmap[code] = name
        added.append(code)
    top.CIDCount = max(getattr(top, "CIDCount", 0), max(used | {1}) + 1)
    font.setGlyphOrder(order)
    return added


def build(cjk_collection: Path, latin_font: Path, out: Path = OUT) -> None:
    """Subset the CJK face to :func:`wanted`, fill in the Latin letters it lacks, write ``out``."""
    chars = wanted()
    options = subset.Options()
    options.font_number = SC_FACE
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    font = subset.load_font(str(cjk_collection), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(chars))
    subsetter.subset(font)
    rename(font)
    have = set(font.getBestCmap())
    added = add_latin(font, TTFont(str(latin_font)), sorted(chars - have))
    font.save(str(out))
    still = sorted(chars - set(TTFont(str(out)).getBestCmap()))
    print(f"{out.name}: {len(chars) - len(still)} characters, {len(added)} from {latin_font.name}")
    if still:
        print("not drawn:", " ".join(f"U+{c:04X}" for c in still))


if __name__ == "__main__":
    build(Path(sys.argv[1]), Path(sys.argv[2]))
