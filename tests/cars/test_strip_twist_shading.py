"""The lobby's sculpture reads as a half-twisted band, not a ring (issue 19). A blind review read
it as a ring: from the lobby stop's seat and the showroom view the band was one flat colour (on
Low 144 of 255 on more than half of it: the plant's lights shine from above, its underside took
ambient light only), and its edge, a bead in the band's own metal, did not show where the band
turns over. Now the band is lit all round by the lobby (its shade follows its normal, both faces
alike), so its shade changes along it as it turns, and its edge is a lit line, lighter than
the band beside it, along both rims and across the band where the rims cross over."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.cars.sculpture import (
    LOBBY_LIGHT,
    band_shade,
    mobius_mesh,
    mobius_normals,
    twist,
)
from viewer.model.plant.views import view_pose
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (480, 270)


def _pictures(plant, route, quality: str, camera: str) -> dict[str, np.ndarray]:
    """The picture from ``camera`` (the lobby stop's seat or the showroom view), without the
    band's edge, and without the band and its edge."""
    renderer = OffscreenRenderer(plant, SIZE, quality=quality, route=route)
    showroom = renderer.scene.showroom
    view = renderer.plotter.renderer
    pose = view_pose(plant, "showroom")

    def render() -> np.ndarray:
        if camera == "seat":
            return renderer.render_stop("lobby").astype(int)
        return renderer.render(pose=pose).astype(int)

    shots = {"full": render()}
    try:
        for name, actors in (
            ("no_edge", showroom.edge_actors[:1]),
            ("no_band", [showroom.edge_actors[0], showroom.strip_actors[0]]),
        ):
            for actor in actors:
                view.RemoveActor(actor)
            shots[name] = render()
            for actor in actors:
                view.AddActor(actor)
    finally:
        renderer.close()
    return shots


def _box(values: np.ndarray, r: int) -> np.ndarray:
    """The sum of ``values`` over the (2r + 1)-pixel square round each pixel."""
    padded = np.pad(values.astype(float), r + 1)
    sums = padded.cumsum(axis=0).cumsum(axis=1)
    k = 2 * r + 1
    h, w = values.shape
    return sums[k : k + h, k : k + w] - sums[:h, k : k + w] - sums[k : k + h, :w] + sums[:h, :w]


def _masks(shots: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(brightness, the band's pixels, the edge's pixels) of the full picture."""
    full = shots["full"]
    edge = np.abs(full - shots["no_edge"]).max(axis=-1) > 8
    band = (np.abs(full - shots["no_band"]).max(axis=-1) > 8) & ~edge
    return full[..., :3].mean(axis=-1), band, edge


@pytest.mark.parametrize(
    "quality, camera",
    [("low", "seat"), ("medium", "seat"), ("high", "seat"), ("low", "showroom")],
)
def test_the_band_s_shade_changes_along_it(plant, route, quality, camera):
    """No one shade covers the band: at most a third of its pixels lie within 4 grey levels
    of their median, and the middle half of them spans 18 levels or more. On the old code from
    the seat, Low: 72 % within 4 levels (144 of 255), the middle half 7 levels; Medium: 77 %,
    5 levels (High, lit by its environment, already varied: 17 %, 24 levels); now 10 to 13 %
    and 22 to 28 levels."""
    light, band, _ = _masks(_pictures(plant, route, quality, camera))
    assert band.sum() > 2000  # the band is in the picture
    values = light[band]
    flat = np.abs(values - np.median(values)) <= 4
    assert flat.mean() < 1 / 3, flat.mean()
    low, high = np.percentile(values, [25, 75])
    assert high - low >= 18, (low, high)


@pytest.mark.parametrize("camera", ["seat", "showroom"])
def test_the_band_s_edge_is_a_lit_line_lighter_than_the_band_beside_it(plant, route, camera):
    """On Low the edge's pixels are lighter than the band's within 3 pixels of them, by 8
    grey levels or more at the median (the old bead in the band's metal: 0 from the seat, and
    from the showroom view; now 23 and 16), and
    it shows on both sides of the picture's middle: along both rims and where they cross."""
    light, band, edge = _masks(_pictures(plant, route, "low", camera))
    assert edge.sum() > 300
    near = (_box(edge, 3) > 0) & band
    beside, count = _box(np.where(near, light, 0.0), 3), _box(near, 3)
    seen = edge & (count > 0)
    contrast = light[seen] - beside[seen] / count[seen]
    assert np.median(contrast) >= 8, np.median(contrast)
    columns = np.flatnonzero(edge.any(axis=0))
    middle = (columns.min() + columns.max()) / 2
    for side in (columns < middle, columns > middle):
        assert edge[:, columns[side]].sum() > 100


def test_the_lobby_light_follows_the_band_s_normal_as_it_turns(plant):
    """Along the band, the crest's underside (facing the floor) is the darkest, where it stands
    on edge facing the glazing the lightest; the other face gets the same light turned over
    (both faces lit); a turn of the sculpture about its axis leaves it unchanged."""
    s = plant.sculpture
    segments, corner = 240, 3
    points, _ = mobius_mesh(s, segments=segments, corner=corner)
    normals = mobius_normals(s, segments=segments, corner=corner)
    shade = band_shade(points, normals)
    n = len(points) // segments
    u = np.linspace(0.0, 2 * np.pi, segments, endpoint=False)
    faces = shade.reshape(segments, n)
    down = normals.reshape(segments, n, 3)[..., 2] < -0.99
    assert faces[0][down[0]].min() == pytest.approx(LOBBY_LIGHT[0])  # under the car
    upright = np.argmin(np.abs(np.cos(twist(u))))
    assert faces[upright].max() - faces[0][down[0]].max() >= 0.25  # the turn shows
    assert shade.min() >= LOBBY_LIGHT[0] - 0.2  # no face left dark
    flat = [0, corner + 1]  # a point on each of the band's broad faces, in each section
    lower = normals.reshape(segments, n, 3)[:, flat, 2].argmin(axis=1)  # seen from below
    assert np.ptp(faces[:, flat][np.arange(segments), lower]) >= 0.25  # changes along it
    angle = 1.1
    turn = np.array([[np.cos(angle), -np.sin(angle), 0], [np.sin(angle), np.cos(angle), 0]])
    turn = np.vstack([turn, [0, 0, 1]])
    assert np.allclose(band_shade(points @ turn.T, normals @ turn.T), shade)
