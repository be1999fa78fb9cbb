"""The lobby's sculpture reads as a Möbius strip, and its mirrored ceiling as the lobby's whole
ceiling: the band's half turn is spread round the loop (seen from the lobby turning from its
broad face to its edge), its centre line rises and falls, no sky shows round the mirror, and on
Low the ceiling has panels, not a blank."""

from __future__ import annotations

import numpy as np
import pytest
from mirror_views import ceiling_mask

from viewer.model.cars.sculpture import CREST, _frames, centre_line, edge_mesh, lift, twist
from viewer.model.plant.views import view_pose
from viewer.model.tour.tour_camera import tour_pose
from viewer.scene.snapshot import OffscreenRenderer, middle_of_stop

SIZE = (480, 270)
PROBE = (1.0, 0.0, 1.0)  # a magenta sky: no part of the plant has that colour


def _tilt(plant, u):
    """The band's tilt measured from its normal, in the plane across the ring at each angle."""
    radial, _, normal = _frames(plant.sculpture, u)
    return np.unwrap(np.arctan2(-np.einsum("ij,ij->i", normal, radial), normal @ [0, 0, 1.0]))


def test_the_band_turns_half_a_turn_round_the_ring_and_lies_level_under_the_car(plant):
    u = np.linspace(0.0, 2 * np.pi, 2001)
    radial, _, normal = _frames(plant.sculpture, u)
    tilt = _tilt(plant, u)
    assert tilt[-1] - tilt[0] == pytest.approx(np.pi)  # the normal turns through 180 degrees
    assert normal[0] @ [0, 0, 1] == pytest.approx(1.0)  # face up at the start ...
    assert normal[-1] @ [0, 0, 1] == pytest.approx(-1.0)  # ... face down after one turn
    crest = np.radians(np.linspace(-20.0, 20.0, 41)) % (2 * np.pi)  # under the 5 m car
    assert np.allclose(np.sin(twist(crest)), 0.0, atol=1e-9)  # level there
    assert np.all(np.diff(tilt) >= -1e-12)  # it turns one way, no wobble


def test_the_twist_is_spread_round_the_loop_not_gathered_into_one_arc(plant):
    """Level only under the car; elsewhere it turns at a nearly even rate, so the band is
    tilted all the way round (a fifth of a turn or more beside the ring, both sides)."""
    u = np.linspace(0.0, 2 * np.pi, 3601)
    tilt = _tilt(plant, u)
    level = np.abs(np.sin(tilt)) < 0.1  # within about 6 degrees of level
    assert level.mean() < 80.0 / 360.0  # only round the crest (was 230 degrees of 360)
    rate = np.gradient(tilt, u)
    assert rate.max() < 2.0 * (np.pi / (2 * np.pi))  # never more than twice the mean rate
    for side in (np.pi / 2, 3 * np.pi / 2):  # beside the ring
        k = int(round(side / (2 * np.pi) * (len(u) - 1)))
        assert abs(np.sin(tilt[k])) > np.sin(np.radians(30.0))
    assert CREST < np.radians(25.0)


def test_the_band_rises_and_falls_round_the_loop(plant):
    """A saddle: the centre line dips beside the ring and comes back up opposite the car,
    level along the car's wheelbase."""
    s = plant.sculpture
    u = np.linspace(0.0, 2 * np.pi, 721)
    heights = centre_line(s, u)[:, 2]
    assert s.rise >= 0.8
    assert heights.max() - heights.min() == pytest.approx(s.rise)
    assert heights[180] < s.height - 0.9 * s.rise and heights[540] < s.height - 0.9 * s.rise
    assert heights[360] == pytest.approx(s.height)  # back up opposite the car
    wheels = np.arcsin(1.5 / s.radius)  # the axles, 1.5 m either side of the middle
    assert abs(lift(s, np.array([wheels]))[0]) < 0.01  # the car stands level


@pytest.mark.parametrize("old, new", [("rise_m = 2.0", "rise_m = 2.5"), ("rise_m = 2.0", "")])
def test_the_band_stays_over_the_visitors_heads(plant_text, write_plant, old, new):
    from viewer.model.errors import DataFileError
    from viewer.model.plant.layout import load_plant

    block = plant_text[plant_text.index("[sculpture]") :]
    block = block[: block.index("\n\n")]
    assert old in block
    edited = block.replace(old, new)
    if not new:  # no rise: a flat ring, still a half turn
        edited = edited.replace('"rise_m", ', "")
    text = plant_text.replace(block, edited)
    if not new:
        assert load_plant(write_plant(text)).sculpture.rise == 0.0
        return
    with pytest.raises(DataFileError, match="rise_m") as error:
        load_plant(write_plant(text))
    assert "over the visitors' heads" in str(error.value)


def test_the_edge_is_one_closed_loop_twice_round_the_ring(plant):
    points, faces = edge_mesh(plant.sculpture, segments=120, sides=6)
    rings = points.reshape(-1, 6, 3).mean(axis=1)  # the tube's centre line
    gaps = np.linalg.norm(np.roll(rings, -1, axis=0) - rings, axis=1)
    assert gaps.max() < 3 * np.median(gaps)  # closes on itself: no jump at the join
    assert len(rings) == 240 and faces.max() < len(points)


def _eyes(plant, route):
    from viewer.model.tour.shuttle import TourMotion

    motion = TourMotion(route, plant)
    seat = tour_pose(motion, plant, "seat", middle_of_stop(motion, "lobby"))
    return {"seat": seat, "showroom": view_pose(plant, "showroom")}


@pytest.mark.parametrize("camera", ["seat", "showroom"])
def test_from_the_lobby_the_band_turns_from_its_face_to_its_edge(plant, route, camera):
    """Along the far half of the loop, seen past the car through the ring, the line of sight
    meets the band square to its broad face somewhere and along its edge somewhere else: the
    half twist is seen, not a flat ring foreshortened to a sliver."""
    s = plant.sculpture
    eye = np.asarray(_eyes(plant, route)[camera].position)
    u = np.linspace(np.pi / 2, 3 * np.pi / 2, 361)
    _, _, normal = _frames(s, u)
    points = centre_line(s, u) + [*s.center, 0.0]
    sight = (points - eye) / np.linalg.norm(points - eye, axis=1, keepdims=True)
    facing = np.abs(np.einsum("ij,ij->i", sight, normal))  # 1: face-on, 0: edge-on
    assert facing.max() > 0.9
    assert facing.min() < 0.15


@pytest.mark.parametrize("quality", ["medium", "high"])
def test_no_sky_shows_through_the_mirrored_ceiling_from_the_lobby_stop(plant, route, quality):
    renderer = OffscreenRenderer(plant, SIZE, quality=quality, route=route)
    renderer.plotter.set_background(PROBE)  # the sky, made unmistakable
    image = renderer.render_stop("lobby").astype(int)
    motion = renderer.tour_motion
    pose = tour_pose(motion, plant, "seat", middle_of_stop(motion, "lobby"))
    renderer.close()
    mask = ceiling_mask(plant, pose, SIZE, 0.5)
    assert mask.mean() > 0.2  # the ceiling fills the top of the picture
    r, g, b = image[..., 0], image[..., 1], image[..., 2]
    sky = (r > g + 60) & (b > g + 60)  # magenta, even seen through the translucent mirror
    assert sky[mask].mean() < 0.002
    # the mirror shows the sculpture: the strip's or the car's reflection in the ceiling
    strip_or_car = np.abs(image - image[mask].mean(axis=0)).sum(axis=-1) > 60
    assert strip_or_car[mask].mean() > 0.02


def test_the_low_ceiling_shows_its_panels(plant, route):
    from viewer.scene.cars.showroom import MIRROR_JOINTS

    renderer = OffscreenRenderer(plant, SIZE, quality="low", route=route)
    image = renderer.render_stop("lobby").astype(int)
    pose = tour_pose(
        renderer.tour_motion, plant, "seat", middle_of_stop(renderer.tour_motion, "lobby")
    )
    renderer.close()
    mask = ceiling_mask(plant, pose, SIZE, 0.5)
    joints = np.abs(image - np.asarray(MIRROR_JOINTS) * 255).max(axis=-1) < 12
    assert joints[mask].mean() > 0.02  # panel joints and the frame, not one flat grey
