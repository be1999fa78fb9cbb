"""The sculpture's strip is physically based on High only: Medium keeps the car's paint
physically based and draws the strip as Phong-shaded brushed metal (its face, seen whole from
the lobby, cost a software renderer a quarter of a frame the other way)."""

from __future__ import annotations

import numpy as np

from viewer.model.plant.views import CameraPose
from viewer.scene.snapshot import OffscreenRenderer

PBR = 3  # VTK's physically based interpolation
LOBBY = CameraPose((506.0, 600.0, 1.7), (506.0, 617.0, 12.0), 50.0)  # under the sculpture


def test_medium_strip_is_phong_and_high_strip_is_physically_based(plant):
    looks = {}
    for quality in ("medium", "high"):
        renderer = OffscreenRenderer(plant, (320, 180), quality=quality)
        try:
            picture = renderer.render(pose=LOBBY)
            showroom = renderer.scene.showroom
            strip = showroom.strip_actors[0].GetProperty().GetInterpolation()
            paint = showroom.paint_actors[0].GetProperty().GetInterpolation()
            looks[quality] = (strip, paint, picture)
        finally:
            renderer.close()
    assert looks["medium"][0] != PBR and looks["medium"][1] == PBR
    assert looks["high"][0] == PBR and looks["high"][1] == PBR
    white = looks["medium"][2][..., :3].min(axis=-1) >= 248  # no burnt-out strip on Medium
    assert white.mean() < 0.01
    assert np.abs(looks["medium"][2].mean() - looks["high"][2].mean()) < 40  # alike overall
