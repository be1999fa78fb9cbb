"""The guide's script shows each stop's seat view: one picture per stop page, rendered by one
off-screen scene, captioned in the script's language; File > Export script does the same."""

from __future__ import annotations

import numpy as np
import pytest
from pypdf import PdfReader

from viewer.app.cli import main
from viewer.model.tour.route import load_route
from viewer.ui.tour import script_pdf


def _pictures(reader: PdfReader) -> list[list[np.ndarray]]:
    """Each page's images as (H, W, 3) arrays."""
    return [
        [np.asarray(image.image.convert("RGB")) for image in page.images] for page in reader.pages
    ]


@pytest.mark.parametrize(
    ("lang", "caption"), [("en", "What visitors see here"), ("zh", "游客在此看到的景象")]
)
def test_each_stop_page_has_its_seat_view_with_a_caption(tmp_path, lang, caption):
    out = tmp_path / f"script-{lang}.pdf"
    assert main(["script", "--out", str(out), "--lang", lang]) == 0
    reader = PdfReader(out)
    route = load_route()
    pictures = _pictures(reader)
    assert pictures[0] == []  # the cover has the map, drawn, not a picture
    assert [len(page) for page in pictures[1:]] == [1] * len(route.stops)
    shown = [page[0].astype(int) for page in pictures[1:]]
    for k, picture in enumerate(shown):
        assert picture.shape[:2] == script_pdf.PICTURE_SIZE[::-1]
        assert picture.std(axis=(0, 1)).min() > 8, f"stop {k + 1}'s picture is blank"
        text = " ".join(reader.pages[k + 1].extract_text().split())
        assert caption in text.replace(" ", "") or caption in text
    for a in range(len(shown)):  # each stop shows its own place
        for b in range(a + 1, len(shown)):
            assert np.abs(shown[a] - shown[b]).mean() > 3, (route.stops[a].id, route.stops[b].id)


def test_the_pictures_are_the_stops_seat_views_from_one_renderer(tmp_path, plant, monkeypatch):
    from viewer.scene.snapshot import render_image

    made = []

    class Counting(script_pdf.OffscreenRenderer):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            made.append(self)

    monkeypatch.setattr(script_pdf, "OffscreenRenderer", Counting)
    route = load_route()
    out = tmp_path / "script.pdf"
    done = []
    script_pdf.write_script(route, plant, out, progress=lambda d, t: done.append((d, t)))
    assert len(made) == 1  # one scene for every stop
    assert done[-1] == (len(route.stops) + 1, len(route.stops) + 1)
    k = [stop.id for stop in route.stops].index("body-shop")
    in_pdf = _pictures(PdfReader(out))[k + 1][0].astype(int)
    expected = render_image(
        plant, size=script_pdf.PICTURE_SIZE, route=route, quality="low", stop="body-shop"
    ).astype(int)
    assert np.abs(in_pdf - expected).mean() < 4  # the same picture (the PDF may compress it)


def test_export_script_from_the_window_has_the_pictures(qtbot, window, tmp_path):
    out = tmp_path / "script.pdf"
    assert window.files.export_script(out) is True
    stops = len(window.tour.motion.route.stops)
    assert window.files.progress_dialog.value() in (-1, stops + 1)
    pages = PdfReader(out).pages
    assert [len(page.images) for page in pages] == [0] + [1] * stops
    assert "What visitors see here" in " ".join(pages[1].extract_text().split())
