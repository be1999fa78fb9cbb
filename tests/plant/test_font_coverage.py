"""The 3D-text font draws every character the program shows (issue 17, item 12): "Möbius" no
longer shows as "Mbius"; a character it still lacks is named, never dropped silently."""

from __future__ import annotations

import json
import logging
import unicodedata
from pathlib import Path

import pytest

from viewer.model.assets import assets_dir, chinese_font_path, routes_dir
from viewer.model.glyph_coverage import font_characters, missing_characters

BUNDLED_TEXTS = [
    assets_dir() / "plant.toml",
    assets_dir() / "explain.toml",
    *sorted(routes_dir().glob("*.toml")),
]
ABSENT = "Ꙩ"  # U+A668, a Cyrillic letter no font of ours has


def cmap_of(path: Path) -> set[int]:
    """The font's character map read by a font library (fontTools, else Qt's QRawFont), not by
    the project's own reader."""
    try:
        from fontTools.ttLib import TTFont
    except ImportError:
        from PySide6.QtGui import QFont, QRawFont

        raw = QRawFont(str(path), 12.0, QFont.HintingPreference.PreferNoHinting)
        assert raw.isValid()
        return {code for code in range(0x30000) if raw.supportsCharacter(code)}
    return set(TTFont(str(path)).getBestCmap())


@pytest.fixture(scope="module")
def cmap() -> set[int]:
    return cmap_of(chinese_font_path())


def drawn(text: str) -> list[str]:
    return [c for c in text if c.isprintable() and not c.isspace()]


@pytest.mark.parametrize("path", BUNDLED_TEXTS, ids=lambda p: p.name)
def test_every_character_of_every_bundled_text_has_a_glyph(path, cmap):
    text = path.read_text(encoding="utf-8")
    lacking = sorted({c for c in drawn(text) if ord(c) not in cmap})
    names = [f"{c} U+{ord(c):04X} {unicodedata.name(c, '')}" for c in lacking]
    assert not lacking, f"{path.name}: the 3D-text font cannot draw {names}"


def test_latin1_latin_extended_a_and_gb2312_are_covered(cmap):
    latin = [c for c in range(0xA1, 0x180) if c != 0xAD]  # the soft hyphen draws nothing
    assert [hex(c) for c in latin if c not in cmap] == []
    gb2312 = set()
    for row in range(0xA1, 0xF8):
        for cell in range(0xA1, 0xFF):
            try:
                gb2312.add(ord(bytes((row, cell)).decode("gb2312")))
            except UnicodeDecodeError:
                pass
    assert len(gb2312) > 7400 and gb2312 <= cmap
    assert set(range(0x20, 0x7F)) <= cmap


def test_the_projects_own_cmap_reader_agrees_with_the_font_library(cmap):
    assert set(font_characters(chinese_font_path())) == cmap
    assert missing_characters("Möbius Łódź 压铸车间") == []
    assert missing_characters(f"a{ABSENT}b{ABSENT} \n") == [ABSENT]


def test_vtk_draws_the_umlaut_in_a_caption():
    """What VTK itself lays out: 'Möbius' is as wide as 'Mobius', wider than 'Mbius'."""
    import vtkmodules.vtkRenderingFreeType  # noqa: F401 - the text renderer's implementation
    from vtkmodules.vtkCommonCore import VTK_FONT_FILE
    from vtkmodules.vtkRenderingCore import vtkTextProperty, vtkTextRenderer

    prop = vtkTextProperty()
    prop.SetFontFamily(VTK_FONT_FILE)
    prop.SetFontFile(str(chinese_font_path()))
    prop.SetFontSize(48)
    renderer = vtkTextRenderer.GetInstance()

    def width(text: str) -> int:
        box = [0, 0, 0, 0]
        assert renderer.GetBoundingBox(prop, text, box, 72)
        return box[1] - box[0]

    assert width("Möbius") == width("Mobius") > width("Mbius") + 10
    assert width("Łódź") > width("ód") + 20


def test_a_caption_shows_a_box_for_a_missing_glyph_and_names_it(caplog):
    import pyvista as pv

    from viewer.scene.tour.captions import NO_GLYPH, Captions

    plotter = pv.Plotter(off_screen=True, window_size=(640, 360))
    try:
        captions = Captions(plotter.renderer)
        with caplog.at_level(logging.WARNING):
            captions.show("Möbius strip", f"A letter {ABSENT} no font has.")
        assert captions.title_text() == "Möbius strip"
        assert captions.body_text() == f"A letter {NO_GLYPH} no font has."
        warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
        assert len(warnings) == 1 and "U+A668" in warnings[0] and ABSENT in warnings[0]
    finally:
        plotter.close()


def test_check_route_warns_of_characters_the_font_cannot_draw(tmp_path, capsys):
    from viewer.app.cli import main
    from viewer.model.tour.route import default_route_path

    text = default_route_path().read_text(encoding="utf-8")
    assert 'name = { en = "Lobby"' in text
    route = tmp_path / "route.toml"
    route.write_text(text.replace('name = { en = "Lobby"', f'name = {{ en = "Lobby {ABSENT}"'))
    assert main(["check-route", str(route), "--json"]) == 0  # a warning does not fail the route
    report = json.loads(capsys.readouterr().out)
    assert report["ok"]
    assert len(report["warnings"]) == 1
    warning = report["warnings"][0]
    assert "stop 'lobby' name (en)" in warning and "U+A668" in warning
    assert main(["check-route"]) == 0
    out = capsys.readouterr().out
    assert "warning:" not in out and out.rstrip().endswith("ok")
