"""The area labels read as light panels with dark text from every side: seen from the seat at
the test-track stop (looking west, away from the sun) the track's label was dark text on a
nearly black box."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.tour.route import load_route
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (1280, 720)


def luminance(rgb: np.ndarray) -> np.ndarray:
    """Relative luminance (WCAG) of sRGB colours (..., 3) in 0-255."""
    c = np.asarray(rgb, dtype=float) / 255.0
    linear = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return linear @ np.array([0.2126, 0.7152, 0.0722])


def contrast(a: float, b: float) -> float:
    """WCAG contrast ratio of two luminances (1: none, 21: black on white)."""
    light, dark = max(a, b), min(a, b)
    return (light + 0.05) / (dark + 0.05)


def label_panel(renderer: OffscreenRenderer, image: np.ndarray, key: str) -> np.ndarray:
    """The pixels (K, 3) of the label ``key``'s panel in ``image`` (it must be shown)."""
    labels = renderer.scene.labels
    index = next(i for i, item in enumerate(labels.items) if item.key == key)
    assert labels.items[index].placed, f"the label {key!r} is not shown"
    x0, x1, y0, y1 = labels.screen_boxes(renderer.plotter.renderer)[index]
    height = image.shape[0]
    # inside the frame line: the panel's own colour and its text
    rows = slice(int(height - y1) + 2, int(height - y0) - 2)
    return image[rows, int(x0) + 2 : int(x1) - 2].reshape(-1, 3)


@pytest.mark.parametrize("quality", ["low", "medium"])
def test_the_track_label_is_readable_from_the_test_track_seat(plant, quality):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality=quality)
    try:
        image = renderer.render_stop("test-track")
        pixels = label_panel(renderer, image, plant.track.id)
    finally:
        renderer.close()
    lum = luminance(pixels)
    box = float(np.median(lum))  # most of the panel is its ground
    text = float(np.percentile(lum, 2))  # the letters' strokes: the darkest pixels
    assert box > 0.6, f"the panel is dark ({box:.2f})"
    assert contrast(box, text) >= 7.0, f"text on panel: contrast {contrast(box, text):.1f}"


def test_a_label_panel_is_the_same_light_colour_from_above_and_from_the_seat(plant):
    """Seen from above (lit by the sun) and from the seat (in the shade) the panel's ground is
    the same colour, up to what shows through it (it is 82 % opaque: grass below, sky behind):
    the panel is drawn unlit."""
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    try:
        seat = label_panel(renderer, renderer.render_stop("test-track"), plant.track.id)
        above = label_panel(renderer, renderer.render(view="overview"), plant.track.id)
    finally:
        renderer.close()
    seat_ground = float(np.median(luminance(seat)))
    above_ground = float(np.median(luminance(above)))
    assert abs(seat_ground - above_ground) < 0.15, (seat_ground, above_ground)
