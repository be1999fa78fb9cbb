"""What keeps the lobby cheap on a software renderer: the sculpture's closed parts draw only
their front faces, and the strip and car are drawn before the plant they hide, with the same
picture either way."""

from __future__ import annotations

import numpy as np

from viewer.scene.snapshot import OffscreenRenderer

SIZE = (320, 180)


def test_sculpture_is_drawn_first_and_culls_its_back_faces(plant):
    renderer = OffscreenRenderer(plant, SIZE, quality="low")
    showroom = renderer.scene.showroom
    originals = [actor for actor, _ in showroom.turning if actor not in showroom.reflected]
    originals = [actor for actor in originals if actor not in showroom.far_actors]
    props = renderer.plotter.renderer.GetViewProps()
    first = [props.GetItemAsObject(i) for i in range(len(originals))]
    assert all(any(f is a for a in originals) for f in first)
    assert all(a.GetProperty().GetBackfaceCulling() for a in showroom.strip_actors)
    assert all(a.GetProperty().GetBackfaceCulling() for a in showroom.paint_actors)
    # the same picture as when drawn last
    drawn_first = renderer.render(view="showroom").astype(int)
    for actor in originals:
        props.RemoveItem(actor)
        props.AddItem(actor)
    drawn_last = renderer.render(view="showroom").astype(int)
    renderer.close()
    assert np.abs(drawn_first - drawn_last).max() <= 2


def test_on_low_the_lobby_ceiling_is_the_mirror_not_the_sky(plant):
    """On Low (the coarse copies) someone in the lobby looking up away from the sculpture sees
    the mirror's world, the lobby's floor upside down darkened by the smoked mirror: a mid-grey
    ceiling, not the open sky through a see-through one."""
    from viewer.model.plant.views import CameraPose

    renderer = OffscreenRenderer(plant, SIZE, quality="low")
    s = plant.sculpture
    showroom = renderer.scene.showroom
    room = showroom.room.footprint
    corner = room.min(axis=0) + [4.0, 4.0]  # away from the sculpture
    up = CameraPose((*corner, 1.7), (*(corner + [0.5, 0.5]), s.mirror_height), 30.0)
    renderer.plotter.set_background((1.0, 0.0, 1.0))  # a magenta sky, unmistakable
    image = renderer.render(pose=up)
    floor = np.asarray(showroom._room_copy[0][0].GetProperty().GetColor()) * 255
    renderer.close()
    middle = image[SIZE[1] // 2 - 10 : SIZE[1] // 2 + 10, SIZE[0] // 2 - 10 : SIZE[0] // 2 + 10]
    assert np.abs(middle.reshape(-1, 3) - floor).max() < 4
    assert 100 < floor.min() and floor.max() < 170  # a mid grey: a smoked mirror, not black
