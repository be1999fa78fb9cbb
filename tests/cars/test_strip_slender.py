"""The lobby's sculpture reads as a slender Möbius ribbon carrying a prominent car, not a tyre
(issue 19). A blind review of the lobby stop's seat view: "the strip is a chunky white tyre ...
the car is small against it". The band was 3.6 m wide under the car and 22 cm thick on a 14 m
ring; now it is a 2.6 m crest narrowing to 1.3 m, 10 cm thick, on a 12 m ring whose sides sweep
down 2 m: from the seat its thickness is a small share of its width, the lobby shows through
most of the ring, and the car is a good share of the sculpture's picture.
"""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.cars.sculpture import _frames, band_half_width, centre_line
from viewer.model.plant.views import view_pose
from viewer.model.tour.tour_camera import tour_pose
from viewer.scene.snapshot import OffscreenRenderer, middle_of_stop

SIZE = (480, 270)


def _pose(plant, route, camera: str):
    from viewer.model.tour.shuttle import TourMotion

    if camera == "showroom":
        return view_pose(plant, "showroom")
    motion = TourMotion(route, plant)
    return tour_pose(motion, plant, "seat", middle_of_stop(motion, "lobby"))


def _project(pose, points: np.ndarray) -> np.ndarray:
    """Pixels (x, y) of ``points`` on a picture of :data:`SIZE` seen from ``pose``."""
    eye, focal = np.asarray(pose.position), np.asarray(pose.focal_point)
    look = (focal - eye) / np.linalg.norm(focal - eye)
    right = np.cross(look, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, look)
    scale = SIZE[1] / 2 / np.tan(np.radians(pose.view_angle / 2))
    rel = points - eye
    depth = rel @ look
    assert (depth > 0).all()  # the whole band in front of the eye
    return np.column_stack([scale * (rel @ right) / depth, -scale * (rel @ up) / depth])


@pytest.mark.parametrize("camera", ["seat", "showroom"])
def test_the_band_s_thickness_is_a_small_share_of_its_width_in_the_picture(plant, route, camera):
    """Round the loop, the band's thickness in the picture (its two faces, a section apart)
    against its width (its two rims): at most 0.075 at the median and 0.09 under the car from
    the seat (the old band: 0.098 and 0.116; now 0.061 and 0.075), and no section of it wider
    on the picture than a quarter of the ring's width (0.28)."""
    s = plant.sculpture
    pose = _pose(plant, route, camera)
    u = np.radians(np.arange(0.0, 360.0, 1.0))
    _, across, normal = _frames(s, u)
    centre = centre_line(s, u) + [*s.center, 0.0]
    half = band_half_width(s, u)[:, None]

    def span(offset: np.ndarray) -> np.ndarray:
        return np.linalg.norm(
            _project(pose, centre + offset) - _project(pose, centre - offset), axis=1
        )

    width, thickness = span(half * across), span(s.thickness / 2 * normal)
    ratio = thickness / width
    crest = np.abs(np.mod(u + np.pi, 2 * np.pi) - np.pi) <= np.radians(20.0)
    assert np.median(ratio) <= 0.075, np.median(ratio)
    limit = 0.09 if camera == "seat" else 0.12  # nearer the band's level, from farther away
    assert ratio[crest].mean() <= limit, ratio[crest].mean()
    ring = np.ptp(_project(pose, centre)[:, 0])
    assert width.max() <= ring / 4, (width.max(), ring)
    assert s.thickness <= 2 * band_half_width(s, np.array([np.pi]))[0] / 10  # a slender shell


def test_from_the_seat_the_ring_is_a_ribbon_round_a_prominent_car(plant, route):
    """On Low from the lobby stop's seat: the band covers at most 70 % of the sculpture's
    outline (row by row between its leftmost and rightmost pixels; the old band 77 %, now 62
    %), and the car's paint covers at least 9 % as many pixels as the band (5.5 %, now 12 %)."""
    renderer = OffscreenRenderer(plant, SIZE, quality="low", route=route)
    showroom = renderer.scene.showroom
    view = renderer.plotter.renderer

    def without(actors) -> np.ndarray:
        for actor in actors:
            view.RemoveActor(actor)
        try:
            return renderer.render_stop("lobby").astype(int)
        finally:
            for actor in actors:
                view.AddActor(actor)

    try:
        full = renderer.render_stop("lobby").astype(int)
        no_band = without([showroom.strip_actors[0], showroom.edge_actors[0]])
        no_car = without(showroom.paint_actors[:1])
    finally:
        renderer.close()
    band = np.abs(full - no_band).max(axis=-1) > 8
    car = np.abs(full - no_car).max(axis=-1) > 8
    assert band.sum() > 2000 and car.sum() > 300  # both in the picture
    outline = np.zeros_like(band)
    for row in np.flatnonzero(band.any(axis=1)):
        columns = np.flatnonzero(band[row])
        outline[row, columns.min() : columns.max() + 1] = True
    assert band.sum() / outline.sum() <= 0.70, band.sum() / outline.sum()
    assert car.sum() / band.sum() >= 0.09, car.sum() / band.sum()
