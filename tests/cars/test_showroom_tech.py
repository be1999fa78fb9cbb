"""The technology showroom: the bare chassis with its battery pack, the motors on plinths (one
cut away), paint samples in the SU7 colours and screens, in the room and in view from the stop;
the lobby's hanging cables kept out from behind the car."""

from __future__ import annotations

import numpy as np
import pytest

from viewer.model.cars import car
from viewer.model.plant.tech_showroom import COPPER, exhibit_pieces
from viewer.model.tour.route import load_route
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (480, 270)


def _room(plant, room_id: str) -> np.ndarray:
    return next(r.footprint for b in plant.buildings for r in b.rooms if r.id == room_id)


def _exhibits(plant) -> list:
    room = next(r for b in plant.buildings for r in b.rooms if r.id == "technology-showroom")
    return exhibit_pieces(room.footprint, room.exhibition)


def test_the_exhibits_are_the_ones_the_tour_promises(plant):
    pieces = _exhibits(plant)
    names = {piece.name for piece in pieces}
    assert {"battery", "motor", "subframe", "wheel", "cable", "paint", "screen"} <= names
    # a motor cut away on its copper stator
    assert any(np.allclose(piece.colors, COPPER) for piece in pieces if piece.name == "motor")
    # one paint sample per SU7 colour
    paints = [tuple(piece.colors[0]) for piece in pieces if piece.name == "paint"]
    assert sorted(paints) == sorted(tuple(map(float, c)) for c in car.SU7_COLORS.values())
    # the screens' pictures glow (not shaded by the lights) and show the Aqua Blue car
    glowing = [piece for piece in pieces if not piece.lit]
    assert glowing and all(piece.name == "screen" for piece in glowing)
    assert any(np.isclose(p.colors, car.SU7_COLORS["aqua_blue"]).all(1).any() for p in glowing)
    for piece in pieces:
        assert piece.faces.max() < len(piece.points) and len(piece.colors) == len(piece.points)


def test_the_exhibits_stand_in_the_room_clear_of_the_walk_and_the_display_cars(plant):
    room = _room(plant, "technology-showroom")
    (x0, y0), (x1, y1) = room.min(axis=0), room.max(axis=0)
    walk = next(a for a in plant.aisles if a.id == "lobby-walk")
    line = next(e for e in plant.equipment if e.id == "showroom-displays")
    c, s = np.cos(np.radians(line.heading_deg)), np.sin(np.radians(line.heading_deg))
    cars = [line.start + np.array([c, s]) * line.pitch * (k + 0.5) for k in range(line.stations)]
    for piece in _exhibits(plant):
        xy = piece.points[:, :2]
        assert np.all((xy >= [x0, y0]) & (xy <= [x1, y1])), piece.name
        if piece.name == "stage":  # the low stage the cars and the exhibits stand on
            continue
        middle = xy.mean(axis=0)
        for a, b in zip(walk.points[:-1], walk.points[1:], strict=True):
            t = np.clip(np.dot(middle - a, b - a) / np.dot(b - a, b - a), 0.0, 1.0)
            assert np.linalg.norm(middle - (a + t * (b - a))) > walk.width / 2, piece.name
        for spot in cars:  # in each car's own frame (along, across)
            local = (xy - spot) @ np.array([[c, -s], [s, c]])
            assert np.max(np.abs(local) / [3.0, 1.6], axis=1).min() > 1.0, piece.name


@pytest.fixture(scope="module")
def stop_pictures(plant):
    """The showroom stop from the seat, with and without the exhibits."""
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(None), quality="low")
    stop = [s.id for s in renderer.tour_motion.route.stops].index("showroom")
    shown = renderer.render_stop(stop)
    for actor in renderer.scene.showroom.exhibits:  # out of the scene (hidden, the scene would
        renderer.plotter.renderer.RemoveActor(actor)  # show them again while in view)
    hidden = renderer.render_stop(stop)
    renderer.close()
    return shown, hidden


def test_the_stop_sees_the_exhibits(stop_pictures):
    shown, hidden = stop_pictures
    changed = np.abs(shown.astype(int) - hidden.astype(int)).sum(axis=-1) > 40
    assert changed.mean() > 0.01  # the motors, panels, chassis and screens fill a clear share
    # the panels' paints show, the deep red and the dark green among them
    rgb = shown.astype(int)
    red = (rgb[..., 0] > 90) & (rgb[..., 0] > 3 * rgb[..., 1]) & changed
    assert red.sum() > 5
