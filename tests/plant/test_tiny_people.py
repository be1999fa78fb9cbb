"""People a few pixels tall: legs, torso and head each keep a tiny mesh in their own colour, so a
far crowd shows trousers, shirts and faces (not one block in the uniform's colour)."""

from __future__ import annotations

import numpy as np
import pytest
import pyvista as pv
from qimage_pixels import assert_figures_in_colours

from viewer.model.motion.plant_run import PlantRun
from viewer.model.plant.views import CameraPose
from viewer.model.quality import PRESETS
from viewer.scene.instancing import closed_outward
from viewer.scene.level_of_detail import LevelOfDetail
from viewer.scene.plant.people import (
    PERSON_HEIGHT,
    PERSON_SIZE,
    SKIN,
    TOPS,
    TROUSERS,
    figure_tiny,
    figure_tiny_head,
    figure_tiny_legs,
    figure_tiny_seated_legs,
)
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.quality import apply_quality

T0 = 30000.0  # seconds: a time when the plant runs


def test_the_tiny_figure_is_three_closed_solids_of_a_few_triangles_stacked():
    legs, torso, head = (
        np.array(m.bounds) for m in (figure_tiny_legs(), figure_tiny(), figure_tiny_head())
    )
    assert legs[4] == 0.0 and legs[5] == pytest.approx(torso[4], abs=1e-6)
    assert torso[5] == pytest.approx(head[4], abs=1e-6)
    assert head[5] == pytest.approx(PERSON_HEIGHT, abs=1e-6)
    meshes = (figure_tiny_legs(), figure_tiny(), figure_tiny_head(), figure_tiny_seated_legs())
    assert all(closed_outward(mesh) for mesh in meshes)
    assert all(0 < mesh.n_cells <= 12 for mesh in meshes)
    assert sum(mesh.n_cells for mesh in meshes[:3]) <= 28  # the far figure's three blocks: 36


def _tiny_distance(height: int) -> tuple[float, float]:
    """Distances (m) at which a person looks the low preset's tiny size and its cull size."""
    low = PRESETS["low"]
    tiny = LevelOfDetail.near_distance(PERSON_SIZE, 30.0, height, low.tiny_pixels)
    gone = LevelOfDetail.near_distance(PERSON_SIZE, 30.0, height, low.cull_pixels)
    return float(tiny), float(gone)


def test_legs_and_head_are_drawn_tiny_with_their_torso_and_vanish_with_it(plant):
    height = 540
    plotter = pv.Plotter(off_screen=True, window_size=[960, height])
    try:
        scene = PlantScene(plotter, plant, state=PlantRun(plant, time=T0).state)
        apply_quality(plotter, scene, PRESETS["low"])
        people = scene.people
        where = people.torso.positions
        tiny, gone = _tiny_distance(height)
        centre = where.mean(axis=0)
        # from high above the crowd's middle, as far as makes its people tiny but not gone
        eye = centre + np.array([0.0, -0.3, 0.5 * (tiny + gone)])
        scene.apply_pose(CameraPose(tuple(eye), tuple(centre), 30.0))
        plotter.ren_win.Render()
        torso = people.torso.shown("tiny")
        assert torso.sum() > 100  # a crowd of tiny people in the picture
        assert people.head.shown("tiny").tolist() == torso.tolist()
        assert people.legs.shown("tiny").tolist() == torso[people.standing].tolist()
        assert people.seated_legs.shown("tiny").tolist() == torso[people.sitting].tolist()
        assert people.legs.drawn_triangles() == 8 * int(torso[people.standing].sum())
        assert people.head.drawn_triangles() == 8 * int(torso.sum())
        # further away than the cull size: the whole figure goes, not the torso alone
        scene.apply_pose(CameraPose(tuple(centre + [0.0, -0.3, 3.0 * gone]), tuple(centre), 30.0))
        plotter.ren_win.Render()
        for shape in (people.torso, people.legs, people.seated_legs, people.head):
            assert not any(shape.shown(level).any() for level in shape.levels), shape
    finally:
        plotter.close()


def test_a_tiny_crowd_shows_trousers_under_tops_under_faces(plant):
    """Workers along the final line all drawn with their tiny meshes: skin-coloured heads over
    uniform-coloured tops over dark trousers (with one block for the figure, all was the
    uniform's colour)."""
    crew = next(c for c in plant.people.crews if c.id == "final-line-crew")
    line = next(e for e in plant.equipment if e.id == "final-line")
    target = line.start + np.array([-30.0, 0.0])
    plotter = pv.Plotter(off_screen=True, window_size=[480, 270], lighting="none")
    try:
        scene = PlantScene(plotter, plant, state=PlantRun(plant, time=T0).state)
        apply_quality(plotter, scene, PRESETS["low"])
        scene.detail.set_pixels(1.0e5, 0.0, 1.0e4)  # everyone with the tiny mesh, however near
        eye = (float(target[0]) + 4.0, float(target[1]) - 12.0, 6.0)
        scene.apply_pose(CameraPose(eye, (float(target[0]) - 8.0, float(target[1]), 1.0), 45.0))
        plotter.render()
        shown = plotter.screenshot(return_img=True)
        assert scene.people.torso.shown("near").sum() == 0
        assert scene.people.torso.shown("far").sum() == 0
        assert scene.people.torso.shown("tiny").sum() >= 20
        for shape in (scene.people.torso, scene.people.legs, scene.people.head):
            for actor in shape.actors:
                actor.SetVisibility(False)
        plotter.render()
        hidden = plotter.screenshot(return_img=True)
    finally:
        plotter.close()
    assert_figures_in_colours(shown, hidden, TOPS[crew.uniform], SKIN, TROUSERS)
