"""The kiosk in an exhibition hall: synchronised screens, opening hours, health and playlists,
driven with a faked wall clock."""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from datetime import datetime

import numpy as np
import pytest
from qimage_pixels import rgb_pixels

from viewer.app.arguments import build_parser
from viewer.model.kiosk.opening_hours import parse_hours
from viewer.model.kiosk.playlist import Playlist
from viewer.model.kiosk.sync_clock import SyncClock, offset, parse_origin
from viewer.model.tour.route import default_route_path

SIZE = (192, 108)


class FakeWall:
    """A wall clock the test sets (seconds since the epoch)."""

    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def local(*fields: int) -> float:
    """Seconds since the epoch of a local date and time."""
    return datetime(*fields).timestamp()


@pytest.fixture
def make_kiosk(qtbot, plant):
    """Kiosks in small windows (not full screen), with a hall; closed at the end."""
    from viewer.ui.kiosk.kiosk_hall import KioskHall
    from viewer.ui.kiosk.kiosk_mode import KioskMode
    from viewer.ui.window.main_window import MainWindow

    made = []

    def make(wall, sync=None, hours=None, routes=(), start=True):  # noqa: ANN001, ANN202
        """A kiosk; with ``start`` its hall (sync, hours, playlist) too, started."""
        window = MainWindow(plant, lang="en", play=False, quality="low")
        qtbot.addWidget(window)
        kiosk = KioskMode(window.tour, window.links, lang_mode="en", idle_s=0.3)
        window.resize(*SIZE)
        with qtbot.waitSignal(window.first_frame, timeout=20000):
            window.show()
        made.append(kiosk)
        if not start:
            return kiosk, None
        hall = KioskHall(kiosk, routes, sync, hours, wall=wall)
        hall.start()
        return kiosk, hall

    yield make
    for kiosk in made:
        if not kiosk.exiting:
            kiosk.exit()


def picture(qtbot, kiosk) -> np.ndarray:  # noqa: ANN001
    """What the kiosk's view shows, paused at the shared moment, once drawn."""
    kiosk.parent().pause()
    kiosk.hall.follow()  # the clock stopped exactly at the shared moment
    qtbot.waitUntil(lambda: not kiosk.parent().clock.paint_pending, timeout=10000)
    return as_array(kiosk.parent().plotter.grabFramebuffer())


def as_array(image) -> np.ndarray:  # noqa: ANN001 - a QImage
    """A QImage's pixels, (H, W, 3) floats."""
    return rgb_pixels(image).astype(float)


# -- the model ------------------------------------------------------------------------------------
def test_sync_clock_is_now_minus_origin_times_speed_modulo_the_loop():
    wall = FakeWall(1_000_500.0)
    clock = SyncClock(1_000_000.0, speed=2.0, wall=wall)
    assert clock.loop_time(300.0) == pytest.approx(100.0)  # 1000 s played, 3 loops of 300
    assert clock.loops(300.0) == 3
    wall.now = 999_990.0  # before the origin: still inside the loop
    assert clock.loop_time(300.0) == pytest.approx(280.0)
    assert offset(299.5, 0.5, 300.0) == pytest.approx(-1.0)
    assert parse_origin("2026-01-01T00:00:00Z") == 1_767_225_600.0
    with pytest.raises(ValueError, match="date and time"):
        parse_origin("tomorrow")


def test_opening_hours_with_days_and_the_next_opening():
    hours = parse_hours("Mon-Fri 09:00-17:30, Sat 10:00-16:00")
    assert hours.is_open(datetime(2026, 12, 1, 9, 0))  # Tuesday at opening
    assert not hours.is_open(datetime(2026, 12, 1, 17, 30))  # at closing
    assert not hours.is_open(datetime(2026, 12, 6, 12, 0))  # Sunday
    assert hours.next_opening(datetime(2026, 12, 5, 17, 0)) == datetime(2026, 12, 7, 9, 0)
    assert hours.next_change(datetime(2026, 12, 5, 11, 0)) == datetime(2026, 12, 5, 16, 0)
    for bad in ("9-17", "Mon-Fry 09:00-17:00", "17:00-09:00", "09:00-25:00"):
        with pytest.raises(ValueError):
            parse_hours(bad)


def test_playlist_positions_loop_through_the_routes():
    playlist = Playlist((100.0, 40.0, 60.0))
    indexes = [playlist.at(t).index for t in range(0, 400, 20)]
    assert indexes == [0] * 5 + [1] * 2 + [2] * 3 + [0] * 5 + [1] * 2 + [2] * 3
    assert playlist.at(250.0).time == pytest.approx(50.0) and playlist.at(250.0).loop == 1


# -- synchronised kiosks --------------------------------------------------------------------------
def test_kiosks_with_one_origin_show_one_frame_and_another_origin_does_not(qtbot, make_kiosk):
    wall = FakeWall(local(2026, 12, 1, 11, 0, 0))
    origin = local(2026, 12, 1, 9, 0, 0)
    first, _ = make_kiosk(wall, SyncClock(origin, 1.0, wall))
    second, _ = make_kiosk(wall, SyncClock(origin, 1.0, wall))
    third, _ = make_kiosk(wall, SyncClock(origin + 400.0, 1.0, wall))
    length = first.tour.motion.total_time
    expected = (wall.now - origin) % length
    shots = [picture(qtbot, kiosk) for kiosk in (first, second, third)]
    assert first.tour.time == pytest.approx(expected, abs=1e-6)
    assert second.tour.time == pytest.approx(expected, abs=1e-6)
    assert third.tour.time == pytest.approx((expected - 400.0) % length, abs=1e-6)
    assert np.abs(shots[0] - shots[1]).max() <= 2  # the same frame
    assert np.abs(shots[0] - shots[2]).mean() > 3  # another moment, another picture


def test_a_touched_synced_kiosk_rejoins_the_shared_moment_after_idle(qtbot, make_kiosk):
    wall = FakeWall(local(2026, 12, 1, 11, 0, 0))
    origin = local(2026, 12, 1, 9, 0, 0)
    kiosk, hall = make_kiosk(wall, SyncClock(origin, 1.0, wall))
    kiosk.interrupt()  # a visitor touches the screen: only this one pauses
    stopped_at = kiosk.tour.time
    wall.now += 120.0  # two minutes later the idle time is over
    qtbot.waitUntil(lambda: not kiosk.interrupted, timeout=5000)
    shared = (wall.now - origin) % kiosk.tour.motion.total_time
    assert kiosk.tour.time == pytest.approx(shared, abs=0.5)
    assert abs(kiosk.tour.time - stopped_at) > 100  # rejoined, not resumed where it stopped
    assert abs(hall.status()["sync_offset_s"]) <= 0.5


# -- opening hours --------------------------------------------------------------------------------
def test_outside_the_hours_the_screen_is_black_and_at_opening_the_right_moment(qtbot, make_kiosk):
    wall = FakeWall(local(2026, 12, 1, 8, 30, 0))  # a Tuesday, before opening
    origin = local(2026, 12, 1, 0, 0, 0)
    kiosk, hall = make_kiosk(wall, SyncClock(origin, 1.0, wall), parse_hours("09:00-17:30"))
    window = kiosk.parent()
    assert not hall.is_open and not window.plotter.isVisible()
    assert not window.playback.playing  # nothing is rendered: the display may sleep
    image = window.grab().toImage()
    colours = {image.pixelColor(x, y).name() for x in range(0, SIZE[0], 7) for y in (5, 50, 100)}
    assert colours == {"#000000"}
    assert hall.status()["open"] is False and hall.status()["frames_per_second"] == 0.0
    wall.now = local(2026, 12, 1, 9, 0, 5)  # opening time
    hall.refresh()
    assert hall.is_open and window.plotter.isVisible() and window.playback.playing
    shared = (wall.now - origin) % kiosk.tour.motion.total_time
    assert kiosk.tour.time == pytest.approx(shared, abs=0.3)
    shot = as_array(window.plotter.grabFramebuffer())
    assert shot.std() > 10  # the plant again, not black


# -- health ---------------------------------------------------------------------------------------
def test_status_document_and_server_on_localhost_by_default(qtbot, make_kiosk, tmp_path):
    from viewer.app.kiosk_command import _hall

    kiosk, _ = make_kiosk(time.time, start=False)
    args = build_parser().parse_args(["--kiosk", "--sync", "--status-port", str(free_port())])
    hall = _hall(kiosk, args, (time.time() - 1000.0, None), kiosk.parent().plant, kiosk.log)
    hall.start()
    kiosk.log.error("kiosk: the last problem")
    hall.refresh()
    server = hall.server
    assert server is not None and server.address == "127.0.0.1"
    assert server.server.socket.getsockname()[0] == "127.0.0.1"
    url = f"http://127.0.0.1:{server.port}"
    with urllib.request.urlopen(url + "/status", timeout=5) as answer:
        document = json.loads(answer.read())
    route = kiosk.tour.motion.route
    assert document["route"] == str(route.source)
    assert document["stop"] == kiosk.tour.shuttle.stop
    since = datetime.fromisoformat(document["running_since"]).timestamp()
    assert time.time() - 60 < since <= time.time()
    assert document["sync"] is True and abs(document["sync_offset_s"]) <= 0.3
    assert document["last_error"]["message"] == "kiosk: the last problem"
    assert document["memory_mb"] > 50 and document["open"] is True
    assert isinstance(document["frames_per_second"], float)
    picture_box = {}

    def fetch() -> None:
        with urllib.request.urlopen(url + "/picture", timeout=10) as answer:
            picture_box["png"] = answer.read()

    thread = threading.Thread(target=fetch)
    thread.start()
    qtbot.waitUntil(lambda: "png" in picture_box, timeout=10000)  # drawn in the Qt thread
    thread.join()
    assert picture_box["png"].startswith(b"\x89PNG")
    other = _other_address()
    if other is not None:  # not reachable from the network
        with pytest.raises((urllib.error.URLError, OSError)):
            urllib.request.urlopen(f"http://{other}:{server.port}/status", timeout=2)


def free_port() -> int:
    """A TCP port free on the loopback now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _other_address() -> str | None:
    """This machine's address on its network (not the loopback), if it has one."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # no packet is sent
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def test_status_file_in_the_user_data_folder(make_kiosk, user_data):
    wall = FakeWall(local(2026, 12, 1, 11, 0, 0))
    _, hall = make_kiosk(wall)
    document = json.loads((user_data / "kiosk-status.json").read_text())
    assert document["running_since"] == hall.status()["running_since"]
    assert document["sync"] is False and document["sync_offset_s"] is None


# -- playlist -------------------------------------------------------------------------------------
def test_a_playlist_loops_through_its_routes(qtbot, make_kiosk, tmp_path):
    second = tmp_path / "second.toml"
    shutil.copy(default_route_path(), second)
    first = default_route_path()
    wall = FakeWall(local(2026, 12, 1, 11, 0, 0))
    kiosk, hall = make_kiosk(wall, routes=[first, second])
    seen = [str(kiosk.tour.motion.route.source)]
    for _ in range(2):  # to the end of a route: the next plays, after the last the first again
        kiosk.tour.seek(kiosk.tour.motion.total_time - 0.2)
        before = hall.index
        qtbot.waitUntil(lambda: hall.index != before, timeout=10000)  # noqa: B023
        seen.append(str(kiosk.tour.motion.route.source))
        assert kiosk.tour.time < 5.0  # from its start
    assert seen == [str(first), str(second), str(first)]


def test_a_restarted_playlist_kiosk_resumes_at_its_route_and_stop(qtbot, make_kiosk, tmp_path):
    from viewer.ui.kiosk.kiosk_hall import KioskHall

    second = tmp_path / "second.toml"
    shutil.copy(default_route_path(), second)
    first = default_route_path()
    wall = FakeWall(local(2026, 12, 1, 11, 0, 0))
    kiosk, hall = make_kiosk(wall, routes=[first, second])
    kiosk.tour.seek(kiosk.tour.motion.total_time - 0.2)  # the first route ends: the second
    qtbot.waitUntil(lambda: hall.index == 1, timeout=10000)
    arrive = kiosk.tour.motion.stop_times[4]
    kiosk.tour.seek(arrive + 1.0)  # the second route's stop 4 is reached, then the kiosk dies
    kiosk.exit()
    again, _ = make_kiosk(wall, start=False)  # restarted by the supervisor, with --resume
    hall = KioskHall(again, [first, second], wall=wall)
    hall.start(resume=True)
    assert hall.index == 1 and again.tour.motion.route.source == second
    assert again.tour.time == pytest.approx(arrive, abs=0.5)  # not the playlist's beginning
    assert again.parent().playback.playing


def test_a_restarted_synced_kiosk_starts_at_the_shared_moment_not_its_last_stop(make_kiosk):
    from viewer.ui.kiosk.kiosk_hall import KioskHall
    from viewer.ui.user_data import write_kiosk_state

    wall = FakeWall(local(2026, 12, 1, 11, 0, 0))
    origin = local(2026, 12, 1, 9, 0, 0)
    kiosk, _ = make_kiosk(wall, start=False)
    motion = kiosk.tour.motion
    shared = (wall.now - origin) % motion.total_time
    far = max(range(len(motion.stop_times)), key=lambda k: abs(motion.stop_times[k] - shared))
    stop = motion.route.stops[far]  # the last stop saved: one far from the shared moment
    write_kiosk_state({"route": str(motion.route.source), "stop": far, "stop_id": stop.id})
    hall = KioskHall(kiosk, (), SyncClock(origin, 1.0, wall), wall=wall)
    hall.start(resume=True)  # as the supervisor restarts it
    assert kiosk.tour.time == pytest.approx(shared, abs=0.3)
    assert abs(kiosk.tour.time - motion.stop_times[far]) > 5
