"""The test track's label slides along its south straight to stay on the picture."""

import numpy as np
import pyvista as pv

from viewer.scene.plant.plant_scene import PlantScene


def test_the_track_is_named_in_its_own_view_and_the_label_stays_on_its_straight(plant):
    plotter = pv.Plotter(off_screen=True, window_size=(480, 270), lighting="none")
    try:
        scene = PlantScene(plotter, plant)
        labels = scene.labels
        track = next(item for item in labels.items if item.key == plant.track.id)
        built = np.array(track.actor.GetPosition())
        scene.show_view("test-track")  # low from the south-east: the straight's middle at the edge
        plotter.render()
        plotter.screenshot(return_img=True)
        assert plant.track.id in labels.shown()
        x, y, z = track.actor.GetPosition()
        south = plant.track.centerline[:, 1].min()
        assert y == south and z == built[2]  # on the south straight, where it was built
        west, east = plant.track.centerline[:, 0].min(), plant.track.centerline[:, 0].max()
        assert west < x < east and abs(x - built[0]) > 1.0  # slid along it
    finally:
        plotter.close()
