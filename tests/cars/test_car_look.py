"""The SU7's details: a rounded nose (no flat cap with a crease round it), slim drop-shaped head
lights and flush door handles on the body's surface, facing out, rims facing out (the showroom
draws only the front faces), and no lobby cable rising from behind the car like an aerial."""

from __future__ import annotations

import numpy as np

from viewer.model.cars import car
from viewer.model.cars.sculpture import car_pose, hanging_point
from viewer.model.plant.views import CameraPose
from viewer.scene.cars.showroom import CABLE_ANGLES
from viewer.scene.snapshot import OffscreenRenderer

DIMS = car.SU7


def _facing_out(points: np.ndarray, faces: np.ndarray, middle_z: float = 0.45) -> np.ndarray:
    t = points[faces]
    normal = np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])
    away = t.mean(axis=1) * [0, 1, 1] - [0, 0, middle_z]
    return np.einsum("ij,ij->i", normal, away) > 0


def _section_area(points: np.ndarray, x: float) -> float:
    ring = points[np.isclose(points[:, 0], x)][:, 1:]
    y, z = ring.T
    return 0.5 * abs(np.dot(y, np.roll(z, 1)) - np.dot(z, np.roll(y, 1)))


def test_the_nose_is_rounded_not_a_flat_cap():
    points, _ = car.body_mesh(detail="fine")
    tip = points[:, 0].max()
    behind = np.unique(points[:, 0])
    behind = behind[np.argmin(np.abs(behind - (tip - 0.3)))]
    assert _section_area(points, tip) < 0.1 * _section_area(points, behind)


def test_head_lights_are_slim_drops_on_the_front_corners_facing_out():
    points, faces = car.head_lights_mesh()
    assert _facing_out(points, faces).all()
    assert points[:, 0].min() > DIMS.front - 0.65  # on the front corners
    left = points[points[:, 1] > 0]
    assert left[:, 1].min() > 0.35  # not across the middle of the bonnet
    # a drop: widest near its outer end, tapering to a point inboard; slim (under 16 cm)
    along, across = car.LIGHT_GRID["fine"]
    grid = points.reshape(2, along, across, 3)
    grid = grid[0] if grid[0, :, :, 1].mean() > 0 else grid[1]  # the left light
    widths = np.linalg.norm(grid[:, -1] - grid[:, 0], axis=1)
    assert max(widths) < 0.16
    assert int(np.argmax(widths)) < along / 3 and widths[-1] < 0.2 * max(widths)
    assert grid[0, :, 1].mean() > grid[-1, :, 1].mean() + 0.25  # its point runs inboard


def test_flush_door_handles_sit_on_the_flanks():
    points, faces = car.door_handles_mesh()
    assert len(points) == 4 * 6  # four handles
    assert _facing_out(points, faces).all()
    body, _ = car.body_mesh(detail="fine")
    stations = np.unique(body[:, 0])
    for point in points:
        x = stations[np.argmin(np.abs(stations - point[0]))]
        side = body[np.isclose(body[:, 0], x) & (body[:, 1] * np.sign(point[1]) > 0.5)]
        side = side[np.argsort(side[:, 2])]
        skin = np.interp(point[2], side[:, 2], np.abs(side[:, 1]))
        assert 0.0 < abs(point[1]) - skin < 0.03  # just proud of the skin
    assert 0.75 < points[:, 2].min() and points[:, 2].max() < 0.95  # under the belt line


def test_rims_face_out_of_the_car():
    points, faces = car.rims_mesh()
    t = points[faces]
    normal = np.cross(t[:, 1] - t[:, 0], t[:, 2] - t[:, 0])
    assert np.all(np.sign(normal[:, 1]) == np.sign(t.mean(axis=1)[:, 1]))


def test_no_cable_rises_from_behind_the_car(plant):
    """From the showroom view no hanging cable crosses the picture above the car's roof."""
    renderer = OffscreenRenderer(plant, (480, 270), quality="low")
    renderer.render(view="showroom")
    view = renderer.plotter.renderer

    def on_screen(point) -> np.ndarray:
        view.SetWorldPoint(*point, 1.0)
        view.WorldToDisplay()
        return np.array(view.GetDisplayPoint()[:2])

    s = plant.sculpture
    position, yaw = car_pose(s, 0.0)
    along = np.array([np.cos(yaw), np.sin(yaw), 0.0])
    corners = [
        position + along * dx + [0, 0, z] for dx in (DIMS.rear, DIMS.front) for z in (0, 1.45)
    ]
    box = np.array([on_screen(c) for c in corners])
    (left, bottom), right = box.min(axis=0), box.max(axis=0)[0]
    for angle in np.radians(CABLE_ANGLES):
        x, y, z = hanging_point(s, angle) + [*s.center, 0.0]  # where it holds the band
        foot, top = on_screen((x, y, z)), on_screen((x, y, s.mirror_height))
        for share in np.linspace(0.0, 1.0, 40):
            px, py = foot + share * (top - foot)
            assert not (left < px < right and py > bottom), np.degrees(angle)
    renderer.close()


def test_cables_are_unbroken_lines_from_across_the_lobby(plant):
    """Seen from the lobby's corner a 4 cm cable is thinner than a pixel: it still reads as one
    line, not a row of dots."""
    renderer = OffscreenRenderer(plant, (480, 270), quality="low")
    pose = CameraPose((522.0, 600.0, 1.7), (509.0, 616.0, 9.0), 60.0)
    showroom = renderer.scene.showroom
    cables = showroom.cables
    view = renderer.plotter.renderer
    for actor in showroom.band_actors:  # from this corner the band hides a metre of one cable
        view.RemoveActor(actor)
    shown = renderer.render(pose=pose).astype(int)
    view.RemoveActor(cables)  # hidden, the scene would show them again while in view
    hidden = renderer.render(pose=pose).astype(int)
    changed = np.abs(shown - hidden).sum(axis=-1) > 12
    s = plant.sculpture
    covered = []
    for angle in np.radians(CABLE_ANGLES):
        x, y, foot = hanging_point(s, angle) + [*s.center, 0.0]  # where it holds the band
        for z in np.linspace(foot + 2.0, s.mirror_height - 0.5, 30):
            view.SetWorldPoint(x, y, z, 1.0)
            view.WorldToDisplay()
            px, py = np.round(view.GetDisplayPoint()[:2]).astype(int)
            row, col = 270 - 1 - py, px
            if 1 <= row < 269 and 1 <= col < 479:
                covered.append(changed[row - 1 : row + 2, col - 1 : col + 2].any())
    renderer.close()
    assert len(covered) > 30 and np.mean(covered) > 0.9


def test_the_showroom_car_wears_the_fine_glass(plant):
    """Seen close, the line's coarse canopy shows its facets as spots of light: the lobby's
    car has a canopy of the fine body's own cross-sections."""
    from viewer.scene import shapes

    glass = shapes.car_glass_fine()
    body, _ = car.body_mesh(detail="fine")
    canopy = np.unique(np.round(glass.points[:, 0], 6))
    sections = np.unique(np.round(body[:, 0], 6))
    on_body = np.isin(canopy, sections)
    assert on_body.sum() > 30  # the canopy's stations are the fine body's (plus its lights)
    renderer = OffscreenRenderer(plant, (160, 90), quality="low")
    cells = [
        a.GetMapper().GetInput().GetNumberOfCells() for a, _ in renderer.scene.showroom.turning
    ]
    renderer.close()
    assert cells.count(glass.n_cells) == 2  # the car's glass and its reflection
