"""Every text in the guide's script can be searched and copied (figures and "fi" too), a note
written in one language only is printed in both scripts, marked with its language, and the
plans show the test track and name the buildings."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter

from viewer.app.cli import main
from viewer.model.tour.route import default_route_path, load_route
from viewer.model.tour.shuttle import TourMotion
from viewer.ui.strings import tr
from viewer.ui.tour.plan_painter import TRACK_COLOUR, paint_plan, plan_transform
from viewer.ui.tour.tour_dock import mmss

EN_NOTE = "Point at the glowing casting as it leaves the die"  # die casting: English only
ZH_NOTE = "提醒游客看冲压线末端的机器人"  # stamping: Chinese only


@pytest.fixture(scope="module")
def route_path(tmp_path_factory) -> Path:
    """The standard route with two notes, each written in one language only."""
    text = default_route_path().read_text(encoding="utf-8")
    for stop, note in (("die-casting", f'notes = {{ en = "{EN_NOTE}" }}'), ("stamping", None)):
        anchor = f'id = "{stop}"\n'
        assert anchor in text
        line = note if note is not None else f'notes = {{ zh = "{ZH_NOTE}" }}'
        text = text.replace(anchor, anchor + line + "\n", 1)
    path = tmp_path_factory.mktemp("route") / "tour.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pages(route_path, tmp_path_factory) -> dict[str, list[str]]:
    """Each script's pages as pdftotext extracts them, written by ``factory-tour script``."""
    folder = tmp_path_factory.mktemp("scripts")
    texts = {}
    for lang in ("en", "zh"):
        out = folder / f"script-{lang}.pdf"
        assert main(["script", str(route_path), "--out", str(out), "--lang", lang]) == 0
        extracted = subprocess.run(
            [shutil.which("pdftotext") or "pdftotext", "-enc", "UTF-8", str(out), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        texts[lang] = extracted.split("\f")
    return texts


def flat(text: str, lang: str) -> str:
    """Text with its line breaks undone (Chinese has no spaces between words)."""
    return "".join(text.split()) if lang == "zh" else " ".join(text.split())


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_figures_and_fi_words_are_text_in_the_pdf(pages, route_path, plant, lang):
    route = load_route(route_path)
    tour = TourMotion(route, plant)
    cover = flat(pages[lang][0], lang)
    summary = tr(
        "drive_summary",
        lang,
        drive=mmss(tour.drive_time),
        plan=mmss(route.plan_drive_s),
        total=mmss(tour.total_time),
    )
    assert flat(summary, lang) in cover  # "Drive 15:17 (plan 15:00); the whole tour 31:07."
    for k, (stop, (begin, end)) in enumerate(zip(route.stops, tour.stop_spans, strict=True)):
        row = f"{k + 1} {stop.name.get(lang)} {mmss(begin)} {mmss(end)}"
        assert flat(row, lang) in cover, row  # the timetable
        page = flat(pages[lang][k + 1], lang)
        assert flat(f"{k + 1}. {stop.name.get(lang)}", lang) in page  # the heading's number
        window = tr(
            "time_window", lang, arrive=mmss(begin), leave=mmss(end), dwell=f"{stop.dwell:g}"
        )
        assert flat(window, lang) in page, window
        assert flat(stop.narration.get(lang), lang) in page, stop.id  # every word of it
    words = {w for s in route.stops for w in re.findall(r"\w*fi\w*", s.narration.en)}
    assert "first" in words and len(words) >= 3  # what is being checked
    if lang == "en":
        every = flat(" ".join(pages["en"]), "en")
        assert all(re.search(rf"\b{word}\b", every) for word in words), words


def test_a_note_in_one_language_is_in_both_scripts_marked(pages, route_path):
    stops = [stop.id for stop in load_route(route_path).stops]
    die, stamping = stops.index("die-casting") + 1, stops.index("stamping") + 1
    assert flat(EN_NOTE, "en") in flat(pages["en"][die], "en")
    assert "(English)" not in pages["en"][die]  # its own language: unmarked
    assert flat(f"{EN_NOTE} (English)", "zh") in flat(pages["zh"][die], "zh")
    assert ZH_NOTE in flat(pages["zh"][stamping], "zh")
    assert f"{ZH_NOTE} (中文)" in flat(pages["en"][stamping], "en")
    assert "(none yet)" not in pages["en"][stamping]


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_plans_name_the_buildings_and_the_track(pages, plant, lang):
    names = [building.name.get(lang) for building in plant.buildings]
    names.append(plant.track.name.get(lang))
    for page in pages[lang][:-1]:  # the cover and each stop's page (the last is empty)
        text = flat(page, lang)
        missing = [name for name in names if flat(name, lang) not in text]
        assert missing == []


def test_the_plan_draws_the_test_track_and_labels_apart(qapp, plant):
    route = load_route()
    tour = TourMotion(route, plant)
    image = QImage(1200, 500, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    rect = QRectF(0, 0, 1200, 500)
    labels = paint_plan(painter, rect, plant, tour, highlight=3, lang="en")
    painter.end()
    names = {building.name.en for building in plant.buildings} | {plant.track.name.en}
    assert {text for text, _ in labels} == names
    for a, (_, box) in enumerate(labels):
        assert rect.contains(box)
        assert not any(box.intersects(other) for _, other in labels[a + 1 :])
    # the track's asphalt along its centre line, away from the labels and the route
    line = plant.track.centerline
    ends = zip(line, np.roll(line, -1, axis=0), strict=True)  # a closed loop
    samples = np.concatenate([np.linspace(p, q, 9) for p, q in ends])
    pixels = plan_transform(plant, rect)(samples)
    route_pixels = plan_transform(plant, rect)(tour.path)
    track = QColor(TRACK_COLOUR).rgb()
    checked = 0
    for x, y in pixels:
        if any(box.adjusted(-3, -3, 3, 3).contains(x, y) for _, box in labels):
            continue
        if np.linalg.norm(route_pixels - [x, y], axis=1).min() < 12:
            continue
        assert image.pixel(int(round(x)), int(round(y))) == track, (x, y)
        checked += 1
    assert checked > len(samples) * 0.8
