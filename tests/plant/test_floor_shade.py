"""Contact shading of the floors: darker round the foot of what stands on them (medium, high)."""

import numpy as np
import pytest
import pyvista as pv

from viewer.model.plant.floor_shade import MAX_TEXELS, floor_shade
from viewer.model.plant.layout import load_plant
from viewer.model.plant.parts import BOX_ROLES, Boxes
from viewer.model.quality import PRESETS
from viewer.scene.plant.plant_scene import PlantScene
from viewer.scene.quality import apply_quality


def boxes(*rows: tuple) -> Boxes:
    """Boxes from (x, y, z, along, across, height, yaw, role) rows."""
    data = np.array([r[:7] for r in rows], dtype=float)
    roles = np.array([BOX_ROLES.index(r[7]) for r in rows])
    return Boxes(data[:, :3], data[:, 3:6], data[:, 6], roles)


def test_the_floor_darkens_at_the_foot_and_not_far_away() -> None:
    shade = floor_shade(boxes((20, 20, 0, 6, 2, 3, 0, "machine")), (0, 0, 40, 40))
    near, middle, far = shade.at(np.array([[23.3, 20.0], [24.5, 20.0], [33.0, 20.0]]))
    assert near < 0.8 < middle < far == 1.0


def test_a_turned_box_shades_along_its_own_heading() -> None:
    shade = floor_shade(boxes((20, 20, 0, 10, 1, 3, np.pi / 2, "wall")), (0, 0, 40, 40))
    along_y, along_x = shade.at(np.array([[20.6, 24.0], [24.0, 20.6]]))
    assert along_y < 0.8 and along_x > 0.95


def test_glass_raised_and_flat_things_cast_no_contact_shade() -> None:
    rows = [
        (10, 10, 0, 4, 4, 3, 0, "glass"),  # light passes
        (30, 10, 5, 4, 4, 1, 0, "platform"),  # up on legs: its foot is elsewhere
        (10, 30, 0, 4, 4, 0.1, 0, "skid"),  # flat on the floor
    ]
    shade = floor_shade(boxes(*rows), (0, 0, 40, 40))
    assert np.all(shade.at(np.array([[12.5, 10], [32.5, 10], [12.5, 30]])) == 1.0)


def test_the_floor_shines_under_the_skylights() -> None:
    sky = boxes((20, 20, 14, 40, 3, 0.05, 0, "skylight"))
    shade = floor_shade(sky, (0, 0, 40, 40), pools=0.2)
    under, aside = shade.at(np.array([[20.0, 20.0], [20.0, 34.0]]))
    assert under == pytest.approx(1.0, abs=0.02) and aside == pytest.approx(0.8, abs=0.02)


def test_a_huge_site_is_shaded_on_a_bounded_image() -> None:
    shade = floor_shade(boxes((0, 0, 0, 2, 2, 2, 0, "machine")), (0, 0, 20_000, 20_000))
    assert shade.brightness.size <= MAX_TEXELS * 1.01


@pytest.fixture(scope="module")
def scene() -> PlantScene:
    plotter = pv.Plotter(off_screen=True, window_size=[320, 180], lighting="none")
    scene = PlantScene(plotter, load_plant())
    yield scene
    plotter.close()


def test_medium_shades_the_floors_and_low_does_not(scene: PlantScene) -> None:
    floors = [a for n, a in scene.ground_actors.items() if n.startswith("floors-")]
    apply_quality(scene.plotter, scene, PRESETS["medium"])
    assert floors and all(a.GetTexture() is not None for a in floors)
    assert scene.ground_actors["roads"].GetTexture() is None
    apply_quality(scene.plotter, scene, PRESETS["low"])
    assert all(a.GetTexture() is None for a in floors)


def test_the_shaded_floor_is_darker_round_the_equipment_in_the_picture(scene: PlantScene) -> None:
    scene.show_view("stamping")

    def shot() -> np.ndarray:
        scene.plotter.ren_win.Render()
        return scene.plotter.screenshot(return_img=True).astype(float)

    apply_quality(scene.plotter, scene, PRESETS["low"])
    plain = shot()
    scene.floor_shading.set_enabled(True)  # only the shading changes between the two
    shaded = shot()
    scene.floor_shading.set_enabled(False)
    change = shaded.sum(axis=2) - plain.sum(axis=2)
    assert (change < -30).mean() > 0.01  # dark halos round the feet
    assert (change > 15).mean() > 0.01  # the sheen under the skylights


def test_the_shade_is_sampled_without_anisotropic_filtering(scene: PlantScene) -> None:
    """VTK's default 4x anisotropic filtering tripled a seat-view frame on a software renderer."""
    scene.floor_shading.set_enabled(True)
    assert scene.floor_shading.texture.GetMaximumAnisotropicFiltering() == 1.0
    assert scene.floor_shading.texture.GetMipmap()
    scene.floor_shading.set_enabled(False)
