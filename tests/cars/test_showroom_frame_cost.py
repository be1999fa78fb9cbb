"""What the lobby's picture costs on a software renderer, and that nothing seen is lost for it:
the spotlight lights only the sculpture (the plant keeps directional lights), the copies in the
mirror are drawn only while the mirror shows them and coarser than the originals, and the
mirror's translucent sheet is not blended over the reflection on Medium (the reflection has the
sheet's sheen in its own colours)."""

from __future__ import annotations

import numpy as np

from viewer.model.tour.route import load_route
from viewer.scene.snapshot import OffscreenRenderer

SIZE = (384, 216)


def _cells(actors) -> int:
    return sum(a.GetMapper().GetInput().GetNumberOfCells() for a in actors if a.GetVisibility())


def test_the_spotlight_lights_the_sculpture_not_every_pixel_of_the_plant(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(None), quality="medium")
    try:
        showroom = renderer.scene.showroom
        lit = renderer.render(view="showroom").astype(int)
        vtk_renderer = renderer.plotter.renderer
        assert showroom.light is not None  # near the sculpture on Medium: the spotlight is on
        # a positional light among the renderer's makes VTK light every pixel the costly way
        assert not any(light.GetPositional() for light in vtk_renderer.GetLights())
        assert vtk_renderer.GetLightingComplexity() == 2  # directional lights only
        showroom._light_with_spot(False)  # the same picture without the spotlight's share
        unlit = renderer.render(view="showroom").astype(int)
        showroom._light_with_spot(True)
        again = renderer.render(view="showroom").astype(int)
    finally:
        renderer.close()
    brighter = (lit - unlit).sum(axis=-1)
    assert (brighter > 15).sum() > 200  # the car's roof line and the strip's rim catch it
    assert (brighter < -3).sum() < 20  # it only adds light
    assert np.abs(again - lit).max() <= 2


def test_the_copies_in_the_mirror_are_drawn_only_where_the_mirror_shows_them(plant):
    from viewer.model.cars.sculpture import car_pose
    from viewer.model.plant.views import CameraPose

    renderer = OffscreenRenderer(plant, SIZE, route=load_route(None), quality="medium")
    try:
        showroom = renderer.scene.showroom
        strip, strip_copy = showroom.strip_actors
        strip_copies = [a for a in showroom.copies if a not in showroom.car_copies]
        assert _cells([strip_copy]) * 2 <= _cells([strip])  # half the sections in the mirror
        # the lobby stop looks up at the sculpture: the strip's copy is in the ceiling, the
        # car's copy at the picture's top
        renderer.render_stop("lobby")
        assert all(a.GetVisibility() for a in strip_copies)
        assert showroom.car_copies and all(a.GetVisibility() for a in showroom.car_copies)
        # from under the car, looking up at its copy: drawn
        s = plant.sculpture
        position, _ = car_pose(s, renderer.run.start_time)
        copy = (*position[:2], 2 * s.mirror_height - position[2] - 0.7)
        up = CameraPose((position[0] - 8.0, position[1] - 8.0, 1.7), copy, 40.0)
        renderer.render(pose=up)
        assert all(a.GetVisibility() for a in showroom.copies)
        # looking along the lobby at the visitors: the copies are above the picture
        along = CameraPose((527.2, 622.1, 1.7), (504.0, 615.0, 2.0), 22.0)
        seen = renderer.render(pose=along).astype(int)
        assert not any(a.GetVisibility() for a in showroom.copies)
        assert strip.GetVisibility()
        # nothing of them was in the picture: drawn anyway, it is the same
        showroom.copies_in_view = lambda camera: True
        showroom.car_copy_in_view = lambda camera: True
        drawn = renderer.render(pose=along).astype(int)
        assert all(a.GetVisibility() for a in showroom.copies)
    finally:
        renderer.close()
    assert np.abs(drawn - seen).max() <= 2


def test_the_mirror_sheet_is_not_blended_over_the_reflection_and_looks_the_same(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(None), quality="medium")
    try:
        showroom = renderer.scene.showroom
        tinted = renderer.render_stop("lobby").astype(int)
        assert not showroom.mirror.GetVisibility()  # no translucent sheet over the ceiling
        assert showroom.strip_actors[1].GetVisibility()  # the strip's copy in the ceiling
        showroom.shadowed = lambda: True  # draw it as under the sun's shadows: the sheet
        sheet = renderer.render_stop("lobby").astype(int)
        assert showroom.mirror.GetVisibility()
        assert showroom.mirror.GetProperty().GetOpacity() < 0.5
    finally:
        renderer.close()
    difference = np.abs(tinted - sheet).max(axis=-1)
    assert np.percentile(difference, 99.5) <= 3  # the same picture (edges may move a pixel)
    top = slice(0, SIZE[1] // 3)  # the ceiling, with the strip's reflection in it
    assert np.abs(tinted[top] - sheet[top]).mean() < 1.0


def test_the_exhibits_are_left_out_at_the_lobby_and_drawn_at_the_showroom_stop(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(None), quality="low")
    try:
        showroom = renderer.scene.showroom
        renderer.render_stop("lobby")
        assert not any(a.GetVisibility() for a in showroom.exhibits)
        renderer.render_stop("showroom")
        assert all(a.GetVisibility() for a in showroom.exhibits)
    finally:
        renderer.close()


def test_the_strip_has_fewer_triangles_and_the_same_look(plant):
    """Its rounded rims lie inside the edge's tube: three points round each draw the same
    picture as the six they had (the flat sides shaded as before, no streaks in the twist)."""
    renderer = OffscreenRenderer(plant, SIZE, quality="medium")
    try:
        strip = renderer.scene.showroom.strip_actors[0]
        assert _cells([strip]) <= 5000
        now = renderer.render(view="showroom").astype(int)
        # built as the scene builds it (its normals, its points' colours in the lobby's light)
        rounder = renderer.scene.showroom._strip(segments=240, corner=6)
        assert rounder.n_cells > 7000
        strip.GetMapper().SetInputData(rounder)
        before = renderer.render(view="showroom").astype(int)
    finally:
        renderer.close()
    difference = np.abs(now - before).max(axis=-1)
    assert (difference > 8).mean() < 0.002  # a few pixels along the rims, no streaks
