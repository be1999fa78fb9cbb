"""The lobby's sculpture reads as a Möbius strip, and its mirrored ceiling as the lobby's whole
ceiling: seen from the tour's lobby stop the band stands on edge beside the ring (its half turn
visible), no sky shows round the mirror, and on Low the ceiling has panels, not a blank."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.cars.sculpture import TWIST_AT, _frames, band_frame, edge_mesh, twist
from viewer.model.plant.views import view_pose
from viewer.model.tour.tour_camera import tour_pose
from viewer.scene.snapshot import OffscreenRenderer, middle_of_stop

SIZE = (480, 270)
PROBE = (1.0, 0.0, 1.0)  # a magenta sky: no part of the plant has that colour


def test_the_band_turns_half_a_turn_round_the_ring_and_lies_level_under_the_car():
    u = np.linspace(0.0, 2 * np.pi, 2001)
    radial, _, normal = _frames(u)
    # the band's tilt, measured in the plane across the ring (radial, up) at each angle
    tilt = np.unwrap(np.arctan2(-np.einsum("ij,ij->i", normal, radial), normal[:, 2]))
    assert tilt[-1] - tilt[0] == pytest.approx(np.pi)  # the normal turns through 180 degrees
    assert normal[0] @ [0, 0, 1] == pytest.approx(1.0)  # face up at the start ...
    assert normal[-1] @ [0, 0, 1] == pytest.approx(-1.0)  # ... face down after one turn
    crest = np.radians(np.linspace(-25.0, 25.0, 51)) % (2 * np.pi)  # under the 5 m car
    assert np.allclose(np.sin(twist(crest)), 0.0, atol=1e-9)  # level there
    assert np.all(np.diff(twist(u)) >= 0)  # it turns one way, no wobble


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
def test_the_band_is_seen_on_edge_where_it_stands_up(plant, route, camera):
    """Where the band stands upright (mid-twist) the line of sight runs along its face (its
    normal across the view): there it shows as an upright blade beside the level ring."""
    s = plant.sculpture
    eye = np.asarray(_eyes(plant, route)[camera].position)
    centre, across, normal = band_frame(s, TWIST_AT)
    point = centre + [*s.center, 0.0]
    sight = (point - eye) / np.linalg.norm(point - eye)
    assert abs(across[2]) > 0.99  # upright there
    assert np.degrees(np.arccos(abs(sight @ normal))) > 60.0  # seen edge-on, not face-on


def _ceiling_mask(pose, plant, size):
    """Pixels whose line of sight meets the lobby's ceiling plane inside the lobby."""
    s = plant.sculpture
    eye, focal = np.asarray(pose.position), np.asarray(pose.focal_point)
    forward = (focal - eye) / np.linalg.norm(focal - eye)
    right = np.cross(forward, [0.0, 0.0, 1.0])
    right /= np.linalg.norm(right)
    up = np.cross(right, forward)
    w, h = size
    half = np.tan(np.radians(pose.view_angle) / 2)
    xs = (np.arange(w) + 0.5) / w * 2 - 1
    ys = 1 - (np.arange(h) + 0.5) / h * 2
    gx, gy = np.meshgrid(xs * half * w / h, ys * half)
    rays = forward + gx[..., None] * right + gy[..., None] * up
    with np.errstate(divide="ignore", invalid="ignore"):
        reach = (s.mirror_height - eye[2]) / rays[..., 2]
    hits = eye + np.nan_to_num(reach)[..., None] * rays
    room = next(r for b in plant.buildings for r in b.rooms if r.id == s.room).footprint
    (x0, y0), (x1, y1) = room.min(axis=0), room.max(axis=0)
    inside = (hits[..., 0] > x0 + 0.5) & (hits[..., 0] < x1 - 0.5)
    inside &= (hits[..., 1] > y0 + 0.5) & (hits[..., 1] < y1 - 0.5)
    return inside & (reach > 0)


@pytest.mark.parametrize("quality", ["medium", "high"])
def test_no_sky_shows_through_the_mirrored_ceiling_from_the_lobby_stop(plant, route, quality):
    renderer = OffscreenRenderer(plant, SIZE, quality=quality, route=route)
    renderer.plotter.set_background(PROBE)  # the sky, made unmistakable
    image = renderer.render_stop("lobby").astype(int)
    motion = renderer.tour_motion
    pose = tour_pose(motion, plant, "seat", middle_of_stop(motion, "lobby"))
    renderer.close()
    mask = _ceiling_mask(pose, plant, SIZE)
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
    mask = _ceiling_mask(pose, plant, SIZE)
    joints = np.abs(image - np.asarray(MIRROR_JOINTS) * 255).max(axis=-1) < 12
    assert joints[mask].mean() > 0.02  # panel joints and the frame, not one flat grey
