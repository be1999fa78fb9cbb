"""The test ride on screen: the window plays into it with the seat camera in the passenger seat,
moving at the ride's speed, the cabin drawn around it (and only there); rehearsal shows it as a
stop; the seat view through the windscreen shows the track; the guide's script lists it."""

from __future__ import annotations

import numpy as np
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from viewer.model.tour.route import default_route_path, load_route
from viewer.model.tour.track_ride import PASSENGER_EYE
from viewer.scene.snapshot import OffscreenRenderer
from viewer.ui.tour.script_pdf import write_script

SIZE = (480, 270)


def _eye_in_car(position, ride) -> np.ndarray:
    c, s = np.cos(ride.heading), np.sin(ride.heading)
    rel = np.array(position) - [ride.position[0], ride.position[1], 0.0]
    return np.array([c * rel[0] + s * rel[1], -s * rel[0] + c * rel[1], rel[2]])


def test_the_window_plays_the_ride_from_the_passenger_seat(qtbot, window):
    tour, dock = window.tour, window.tour.dock
    dock.camera_box.setCurrentIndex(dock.camera_box.findData("seat"))  # the user's choice
    motion = tour.motion
    tour.seek(motion.launch_time + 2.0)  # just after the launch, on the fast straight
    qtbot.waitUntil(lambda: not tour.blending, timeout=15000)
    assert tour.riding and dock.stop_title.text() == "Test ride"
    assert tour.scene.cabin.actor.GetVisibility()  # the cabin round the camera
    assert not any(actor.GetVisibility() for shape in tour.scene.ride_car for actor in shape.actors)
    qtbot.mouseClick(dock.play_button, Qt.MouseButton.LeftButton)  # play
    samples = []
    for _ in range(2):
        start = tour.time
        qtbot.waitUntil(lambda start=start: tour.time > start + 0.4, timeout=15000)
        samples.append((tour.time, np.array(window.scene.camera_pose().position)))
    qtbot.mouseClick(dock.play_button, Qt.MouseButton.LeftButton)  # pause
    (t0, eye0), (t1, eye1) = samples
    assert motion.launch_time + 2.0 < t0 < t1 < motion.launch_time + 20.0
    ride0, ride1 = motion.at(t0).ride, motion.at(t1).ride
    for eye, ride in ((eye0, ride0), (eye1, ride1)):  # in the car, in the passenger's seat
        np.testing.assert_allclose(_eye_in_car(eye, ride), PASSENGER_EYE, atol=1e-6)
    moved = np.linalg.norm(eye1[:2] - eye0[:2]) / (t1 - t0)
    profile = (ride1.arc - ride0.arc) / (t1 - t0)  # the ride's speed profile, on a straight
    assert moved == pytest.approx(profile, rel=0.01)
    assert profile > 20.0  # m/s: launching hard, not the shuttle's walking pace
    # the chase camera sees the car on the track, and no cabin
    dock.camera_box.setCurrentIndex(dock.camera_box.findData("chase"))
    qtbot.waitUntil(lambda: not tour.blending, timeout=15000)
    assert not tour.scene.cabin.actor.GetVisibility()
    body = tour.scene.ride_car[0]
    assert body.actor.GetVisibility()
    np.testing.assert_allclose(body.positions[0, :2], motion.at(tour.time).ride.position)
    # before the ride, neither shows
    tour.seek(motion.stop_spans[-2][0] + 5.0)  # at the cafeteria
    assert not tour.riding and not body.actor.GetVisibility()
    assert not tour.scene.cabin.actor.GetVisibility()


def test_rehearsal_shows_the_ride_as_a_stop(qtbot, window):
    qtbot.keyClick(window.plotter, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    tour = window.tour
    assert tour.rehearsal.active and tour.camera == "seat"
    count = len(tour.motion.route.stops)
    tour.seek(tour.motion.launch_time + 30.0)
    assert tour.shuttle.stop == count - 1 and tour.riding
    assert tour.rehearsal.panel.title.text() == f"Stop {count} of {count}: Test ride"
    assert tour.scene.cabin.actor.GetVisibility()


@pytest.fixture(scope="module")
def renderer(plant):
    renderer = OffscreenRenderer(plant, SIZE, route=load_route(), quality="low")
    yield renderer
    renderer.close()


def _cabin_mask(renderer) -> np.ndarray:
    """Which pixels the cabin covers: drawn once more in plain magenta."""
    actor = renderer.tour.cabin.actor
    mapper, prop = actor.GetMapper(), actor.GetProperty()
    lit = prop.GetLighting()
    mapper.ScalarVisibilityOff()
    prop.SetColor(1.0, 0.0, 1.0)
    prop.SetLighting(False)
    try:
        renderer.plotter.render()
        image = np.asarray(renderer.plotter.screenshot(return_img=True))[..., :3].astype(int)
    finally:
        mapper.ScalarVisibilityOn()
        prop.SetLighting(lit)
    return (image[..., 0] > 240) & (image[..., 1] < 15) & (image[..., 2] > 240)


@pytest.mark.parametrize("after_launch", [1.0, 8.5, 27.0])  # the launch, the bridge, a bend
def test_through_the_windscreen_the_track_and_the_road_ahead_show(renderer, after_launch):
    t = renderer.tour_motion.launch_time + after_launch
    time = renderer.run.start_time + t
    seat = renderer.render(time, tour_time=t, camera="seat").astype(int)
    cabin = _cabin_mask(renderer)
    height, width = SIZE[1], SIZE[0]
    # the cabin frames the picture: the dashboard fills the bottom, a slim header the top...
    assert cabin[int(height * 0.85) :].mean() > 0.9
    assert cabin[: int(height * 0.02)].mean() > 0.6
    assert cabin[int(height * 0.06) : int(height * 0.12), : width // 2].mean() < 0.5  # slim
    # ...and leaves most of the picture to the road: a low dashboard, slim pillars
    # (the bonnet ahead counts, about 0.07; in a bend the steering wheel too, about 0.04)
    assert 0.33 < cabin.mean() < 0.54, cabin.mean()
    # the bonnet in the car's Aqua Blue ahead, over the dashboard, straight ahead
    middle = seat[int(height * 0.55) : int(height * 0.8), int(width * 0.4) : int(width * 0.6)]
    aqua = (middle[..., 2] > 180) & (middle[..., 1] > 140) & (middle[..., 0] < 130)
    assert (
        aqua & cabin[int(height * 0.55) : int(height * 0.8), int(width * 0.4) : int(width * 0.6)]
    ).any(axis=1).sum() >= 3
    # ...and leaves the windscreen clear: the middle band, straight ahead, is the world
    assert (
        cabin[int(height * 0.35) : int(height * 0.5), int(width * 0.4) : int(width * 0.6)].mean()
        < 0.05
    )
    band = slice(int(height * 0.3), int(height * 0.55))
    window, world = seat[band], ~cabin[band]
    grey = window.max(axis=2) - window.min(axis=2) < 12
    track = world & grey & (window.mean(axis=2) > 40) & (window.mean(axis=2) < 100)  # asphalt
    sky = world & (window[..., 2] > 180) & (window[..., 2] > window[..., 0] + 20)
    assert track.mean() > 0.03 and sky.mean() > 0.01
    black = seat.max(axis=2) < 20
    assert black.mean() < 0.05 and (black & cabin).mean() < 0.01  # no black cabin, no holes


def test_the_script_lists_the_ride_with_its_plan(qapp, tmp_path, plant):
    text = default_route_path().read_text(encoding="utf-8")
    head, *stops = text.split("\n[[stops]]\n")
    keep = [stop for stop in stops if stop.startswith(('id = "lobby"', 'id = "test-ride"'))]
    path = tmp_path / "short.toml"
    path.write_text("\n[[stops]]\n".join([head, *keep]), encoding="utf-8")
    route = load_route(path)
    assert [stop.id for stop in route.stops] == ["lobby", "test-ride"]
    for lang, words in (
        ("en", "Test ride: one lap of 2.5 km, 1:46 (plan 1:45)"),
        ("zh", "试驾：跑道一圈2.5公里"),
    ):
        out = write_script(route, plant, tmp_path / f"script-{lang}.pdf", lang)
        pages = [" ".join(page.extract_text().split()) for page in PdfReader(out).pages]
        assert len(pages) == 3
        flat = [page.replace(" ", "") for page in pages]
        assert words.replace(" ", "") in flat[0]  # the cover's summary
        assert words.replace(" ", "") in flat[2]  # the ride's own page
        assert route.stops[1].name.get(lang) in pages[2]


def test_on_low_no_place_label_floats_over_the_road_from_the_passenger_seat(qtbot, window):
    """Low draws the labels with what moves, on the still frame's own layer: the ride still
    finds and mutes them."""
    window.quality.actions["low"].trigger()  # View > Quality > Low, as a user chooses it
    dock, tour = window.tour.dock, window.tour
    dock.camera_box.setCurrentIndex(dock.camera_box.findData("seat"))
    tour.seek(tour.motion.launch_time + 5.0)
    qtbot.waitUntil(lambda: not tour.blending, timeout=15000)
    labels = window.scene.labels
    assert labels.items[0].actor in window.view.still.layer_props()  # the layer that moves
    window.plotter.grabFramebuffer()  # a frame drawn
    assert tour.riding and labels.muted and labels.shown() == []
    assert not any(item.actor.GetVisibility() for item in labels.items)


def test_after_opening_a_plant_the_seat_still_rides_in_the_cabin(qtbot, window):
    from viewer.model.assets import default_plant_path

    dock = window.tour.dock
    dock.camera_box.setCurrentIndex(dock.camera_box.findData("seat"))
    assert window.open_plant(default_plant_path())  # File > Open plant: the tour is rebuilt
    tour = window.tour
    tour.seek(tour.motion.launch_time + 5.0)
    assert tour.camera == "seat" and tour.riding
    assert tour.scene.cabin.actor.GetVisibility()
    assert not tour.scene.shuttle.actor.GetVisibility()


def test_from_the_passenger_seat_no_place_label_floats_over_the_road(renderer):
    """The plant's place labels are muted in the passenger camera, and only there: the chase
    camera of the ride and the shuttle's seat before it keep them."""
    tour, labels = renderer.tour_motion, renderer.scene.labels
    start = renderer.run.start_time
    t = tour.launch_time + 1.0
    renderer.render(start + t, tour_time=t, camera="chase")
    assert labels.shown() and not labels.muted
    renderer.render(start + t, tour_time=t, camera="seat")
    assert labels.muted and labels.shown() == []
    assert not any(item.actor.GetVisibility() for item in labels.items)
    placed = []  # and no frame of the ride spends its time placing hidden labels
    labels.screen_boxes = lambda *args: placed.append(args) or []
    renderer.render(start + t + 0.5, tour_time=t + 0.5, camera="seat")
    assert placed == [] and labels.shown() == []
    del labels.screen_boxes
    ids = [stop.id for stop in tour.route.stops]
    before = tour.stop_spans[ids.index("boarding")][0] + 5.0  # outdoors, from the shuttle
    renderer.render(start + before, tour_time=before, camera="seat")
    assert not labels.muted and labels.shown()


def test_the_kiosk_stays_with_the_car_through_the_ride(qtbot, plant, tmp_path, monkeypatch):
    """The kiosk's loop plays the ride from the passenger seat and from behind the car, never
    from above: the ride is the tour's climax."""
    from viewer.ui.kiosk.kiosk_mode import KioskMode
    from viewer.ui.window.main_window import MainWindow

    monkeypatch.setenv("FACTORY_TOUR_DATA", str(tmp_path / "data"))
    window = MainWindow(plant, lang="en", play=False)
    qtbot.addWidget(window)
    kiosk = KioskMode(window.tour, window.links, lang_mode="en", idle_s=60.0)
    kiosk.start()
    kiosk.show()
    qtbot.waitExposed(window)
    try:
        tour = kiosk.tour
        begin, end = tour.motion.stop_spans[-1]
        cameras = []
        for time in np.linspace(begin + 0.5, end - 0.5, 16):
            window.seek(tour.start + time)
            assert tour.riding and kiosk.captions.title_text() == "Test ride"
            cameras.append(tour.camera)
        assert "overview" not in cameras and "chase" in cameras and cameras.count("seat") >= 9
        window.seek(tour.start + tour.motion.launch_time + 1.0)  # the launch, from the seat
        assert tour.camera == "seat" and tour.scene.cabin.actor.GetVisibility()
    finally:
        kiosk.exit()


def _aqua_pixels(widget) -> np.ndarray:
    """(N, 2) x, y of the widget's pixels in the car's Aqua Blue."""
    from PySide6.QtGui import QImage

    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    width, height = image.width(), image.height()
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(height, image.bytesPerLine())
    rgb = rows[:, : width * 3].reshape(height, width, 3).astype(int)
    aqua = (np.abs(rgb - [92, 189, 235]) < 30).all(axis=2)
    ys, xs = np.nonzero(aqua)
    return np.column_stack([xs, ys]) * (widget.width() / width)


def test_the_minimap_shows_the_ride_car_on_the_track(qtbot, window):
    tour = window.tour
    minimap = tour.minimap
    minimap.resize(440, 280)
    tour.seek(tour.motion.stop_spans[-2][0] + 5.0)  # at the cafeteria: no car yet
    assert len(_aqua_pixels(minimap)) < 3
    for after_launch in (27.0, 70.0):  # a bend, the far side of the lap
        tour.seek(tour.motion.launch_time + after_launch)
        ride = minimap.state.ride
        assert ride is not None
        np.testing.assert_allclose(ride.position, tour.motion.at(tour.time).ride.position)
        pixels = _aqua_pixels(minimap)
        assert len(pixels) > 15  # an arrow, not a stray pixel
        where = minimap.to_widget(ride.position[None])[0]
        assert np.linalg.norm(pixels.mean(axis=0) - where) < 6.0  # on the car's place


def test_the_cut_into_the_car_dips_to_black_for_a_moment(renderer):
    """From the seat, the cut from the shuttle into the car is a short dip to black, not a
    jump; other cameras and other moments are not darkened."""
    start = renderer.run.start_time
    cut = renderer.tour_motion.stop_spans[-1][0]

    def brightness(t: float, camera: str = "seat") -> float:
        return float(renderer.render(start + t, tour_time=t, camera=camera).mean())

    assert brightness(cut - 0.05) < 15 and brightness(cut + 0.05) < 15  # nearly black
    assert brightness(cut + 0.3) < 0.7 * brightness(cut + 2.0)  # fading in
    assert brightness(cut - 2.0) > 60 and brightness(cut + 2.0) > 60  # the shuttle, the car
    assert brightness(cut + 0.05, "chase") > 60  # only the seat's cut
