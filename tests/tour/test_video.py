"""Tour videos: frame-accurate MP4 and GIF, captions, progress, Ctrl+C and Cancel, bad input."""

from __future__ import annotations

import os
import pty
import select
import signal
import subprocess
import sys
import time

import imageio_ffmpeg
import numpy as np
import pytest

from viewer.app.cli import main
from viewer.model.tour.route import load_route
from viewer.model.tour.shuttle import TourMotion
from viewer.model.tour.video_plan import VideoPlan
from viewer.scene.snapshot import render_image
from viewer.scene.tour.video import VideoFrames

SIZE = (160, 90)


def read_video(path) -> tuple[dict, list[np.ndarray]]:
    """The metadata and the decoded frames of a video file."""
    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    width, height = meta["size"]
    frames = [np.frombuffer(f, np.uint8).reshape(height, width, 3) for f in reader]
    return meta, frames


@pytest.fixture(scope="module")
def motion(plant):
    return TourMotion(load_route(), plant)


def clip_start(motion) -> float:
    """The clip's first tour second: 4 s before the die-casting stop (the fourth), so that its
    first frames are of the drive, under a one-line caption."""
    return round(float(motion.stop_times[3]) - 4.0, 1)


@pytest.fixture(scope="module")
def clip(plant, motion, tmp_path_factory):
    """A 5 s clip at 5 fps of 10 s of tour at 2x, around the die-casting stop's start."""
    out = tmp_path_factory.mktemp("video") / "clip.mp4"
    start = clip_start(motion)
    args = ["video", "--out", str(out), "--start", str(start), "--end", str(start + 10.0)]
    args += ["--fps", "5"]
    args += ["--size", "160x90", "--speed", "2", "--lang", "en", "--quality", "low"]
    assert main(args) == 0
    return out


def test_a_short_clip_has_the_expected_frames_and_duration(clip):
    assert imageio_ffmpeg.count_frames_and_secs(str(clip)) == (25, 5.0)
    meta, frames = read_video(clip)
    assert meta["fps"] == 5.0 and meta["size"] == SIZE and len(frames) == 25
    assert frames[0].std() > 10  # a picture, not a blank


def test_frame_k_is_the_snapshot_at_the_same_tour_time(plant, clip, motion):
    _, frames = read_video(clip)
    k = 6  # 6 * 2 / 5 = 2.4 s into the clip: driving, a one-line caption at the bottom
    tour_time = clip_start(motion) + k * 2.0 / 5.0
    from viewer.model.tour.video_plan import frame_camera

    camera = frame_camera(motion, "auto", tour_time)
    same = render_image(plant, size=SIZE, time=tour_time, camera=camera, quality="low")
    other = render_image(plant, size=SIZE, time=tour_time - 60.0, camera=camera, quality="low")
    middle = (slice(12, 50), slice(0, 120))  # above the caption, left of the indicator
    decoded = frames[k][middle].astype(float)
    close = np.abs(decoded - same[middle]).mean()
    far = np.abs(decoded - other[middle]).mean()
    assert close < 6.0 and far > 3 * close


def test_the_same_inputs_give_the_same_frames(plant):
    plan = VideoPlan(780.0, 790.0, 2.0, 1.0)
    route = load_route()
    first, second = (VideoFrames(plant, route, plan, SIZE, "both") for _ in range(2))
    try:
        for k in (0, 7, 19):
            assert np.array_equal(first.frame(k), second.frame(k))
        assert not np.array_equal(first.frame(0), first.frame(19))
    finally:
        first.close()
        second.close()


def test_captions_change_at_a_stop_boundary(plant, motion):
    stop = 3  # die casting
    begin, _ = motion.stop_spans[stop]
    plan = VideoPlan(begin - 1.0, begin + 1.0, 2.0, 1.0)  # frames at begin-1, begin-0.5, ...
    frames = VideoFrames(plant, load_route(), plan, (320, 180), "en", camera="chase")
    try:
        before = frames.frame(1)
        assert frames.captions.title_text() == "On the way to: Die casting"
        assert frames.indicator.GetInput().count("/") == 1  # driving: the clock alone
        after = frames.frame(3)
        assert frames.captions.title_text() == "Die casting"
        assert frames.indicator.GetInput().startswith(f"Stop 4/{len(motion.route.stops)}")
        caption_rows = slice(120, 180)
        assert np.abs(before[caption_rows].astype(int) - after[caption_rows]).mean() > 2
    finally:
        frames.close()


def test_chinese_captions_render_with_the_shipped_font(plant, motion):
    begin, _ = motion.stop_spans[3]
    plan = VideoPlan(begin + 1.0, begin + 2.0, 1.0, 1.0)
    frames = VideoFrames(plant, load_route(), plan, (320, 180), "zh", camera="chase")
    try:
        image = frames.frame(0)
        assert frames.captions.title_text() == "压铸车间"
        frames.captions.hide()  # the same frame without the caption
        frames.indicator.SetVisibility(False)
        start = frames.view.run.start_time
        bare = frames.view.render(time=start + begin + 1.0, tour_time=begin + 1.0, camera="chase")
    finally:
        frames.close()
    # the caption drew glyphs: the caption area differs from the same frame without it
    assert np.abs(image[120:].astype(int) - bare[120:]).mean() > 2


def test_gif_output(tmp_path):
    out = tmp_path / "clip.gif"
    args = ["video", "--out", str(out), "--start", "0", "--end", "4", "--fps", "4"]
    assert main([*args, "--size", "160x90", "--quality", "low"]) == 0
    assert imageio_ffmpeg.count_frames_and_secs(str(out))[0] == 16


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--size", "100x"], "--size: expected WIDTHxHEIGHT"),
        (["--size", "161x90"], "--size: an MP4's width and height must be even"),
        (["--start", "100", "--end", "50"], "--end: 50 s is not after --start (100 s)"),
        (["--start", "99999"], "--start: 99999 s is at or after the tour's end"),
        (["--fps", "0"], "--fps: must be 1 to 120"),
        (["--camera", "drone"], "--camera: invalid choice"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(tmp_path, capsys, extra, message):
    assert main(["video", "--out", str(tmp_path / "x.mp4"), *extra]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("error:") and message in err and "\n" not in err


def test_an_unwritable_or_unknown_output_exits_2(tmp_path, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    assert main(["video", "--out", str(blocker / "x.mp4")]) == 2
    assert "does not exist" in capsys.readouterr().err
    assert main(["video", "--out", str(tmp_path / "x.avi")]) == 2
    assert "expected a .mp4 or .gif" in capsys.readouterr().err


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_stops_cleanly_leaving_a_playable_file(tmp_path):
    out = tmp_path / "long.mp4"
    command = [sys.executable, "-m", "viewer", "video", "--out", str(out), "--size", "160x90"]
    command += ["--fps", "10", "--end", "900", "--quality", "low"]
    # at a terminal (Ctrl+C is pressed at one): standard error is a pseudo-terminal, so the
    # progress bar is rewritten in place after every frame
    terminal, child_end = pty.openpty()
    # Ctrl+C reaches the program as at a terminal however the tests were started (a job put in
    # the background by a shell without job control, as a CI script may be, ignores SIGINT,
    # and its children inherit that)
    process = subprocess.Popen(
        command,
        stderr=child_end,
        stdout=subprocess.PIPE,
        env=os.environ.copy(),
        preexec_fn=_interruptible,  # noqa: PLW1509 - only resets a signal, no threads involved
    )
    os.close(child_end)
    seen = b""
    deadline = time.monotonic() + 120
    while b" 10/9000 frames" not in seen and time.monotonic() < deadline:
        ready, _, _ = select.select([terminal], [], [], 1.0)
        if ready:
            seen += os.read(terminal, 4096)
    assert b" 10/9000 frames" in seen, seen[-500:]
    process.send_signal(signal.SIGINT)
    err = seen
    # a terminal keeps reading while the program stops: unread, the pseudo-terminal's buffer
    # fills with progress lines and the program's last words would wait for room
    deadline = time.monotonic() + 60
    while process.poll() is None and time.monotonic() < deadline:
        if select.select([terminal], [], [], 0.2)[0]:
            try:
                err += os.read(terminal, 4096)
            except OSError:  # the child's end closed
                break
    process.wait(timeout=10)
    while select.select([terminal], [], [], 0.5)[0]:
        try:
            chunk = os.read(terminal, 4096)
        except OSError:  # the child's end closed
            break
        if not chunk:
            break
        err += chunk
    os.close(terminal)
    assert process.returncode == 130, err[-500:]
    assert b"stopped:" in err and b"(the file plays)" in err
    frames, seconds = imageio_ffmpeg.count_frames_and_secs(str(out))
    assert 10 <= frames < 9000 and seconds == pytest.approx(frames / 10, abs=0.11)


def test_export_video_in_the_window_with_progress_and_cancel(qtbot, window, tmp_path):
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QPushButton

    from viewer.ui.tour.video_export import VideoOptions

    ticks = []  # the window stays responsive: its other timers keep firing during the export
    probe = QTimer(window)
    probe.timeout.connect(lambda: ticks.append(time.monotonic()))
    probe.start(50)
    out = tmp_path / "window.mp4"
    options = VideoOptions(out, start=0.0, end=200.0, fps=10.0, size=SIZE, quality="low")
    export = window.export_video(options)
    assert export is not None and export.dialog.maximum() == 2000
    qtbot.waitUntil(
        lambda: export.encoder is not None and export.encoder.written >= 8, timeout=60000
    )
    assert len(ticks) >= 3
    cancel = export.dialog.findChild(QPushButton)
    assert cancel.text() == "Cancel"
    with qtbot.waitSignal(export.finished, timeout=10000) as finished:
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    written, cancelled = finished.args
    assert cancelled and 8 <= written < 2000
    assert imageio_ffmpeg.count_frames_and_secs(str(out))[0] == written
    assert "Video saved" in window.statusBar().currentMessage()
    probe.stop()


def test_export_video_to_the_end_and_bad_options_in_the_window(qtbot, window, tmp_path):
    from viewer.ui.tour.video_export import VideoOptions

    out = tmp_path / "short.mp4"
    export = window.export_video(VideoOptions(out, start=10.0, end=14.0, fps=5.0, size=SIZE))
    with qtbot.waitSignal(export.finished, timeout=60000) as finished:
        pass
    assert finished.args == [20, False]
    assert imageio_ffmpeg.count_frames_and_secs(str(out)) == (20, 4.0)
    assert window.export_video(VideoOptions(tmp_path / "x.mp4", start=50.0, end=10.0)) is None
    assert "--end" in window.error_dialog.text()
    window.error_dialog.close()


def test_the_export_dialog_offers_the_command_line_options(qtbot, window, tmp_path):
    assert window.actions["export_video"].text() == "Export &video..."
    dialog = window.video.options_dialog()
    qtbot.addWidget(dialog)
    defaults = dialog.options()
    assert defaults.camera == "auto" and defaults.lang == "en" and defaults.start == 0.0
    assert defaults.end == pytest.approx(window.tour.motion.total_time, abs=1.0)
    assert defaults.quality == window.quality.preset
    dialog.out.setText(str(tmp_path / "x.gif"))
    dialog.size.setCurrentIndex(dialog.size.findText("1920 × 1080"))
    dialog.speed.setCurrentIndex(dialog.speed.findData(8.0))
    dialog.lang.setCurrentIndex(dialog.lang.findData("both"))
    dialog.start.setValue(60.0)
    chosen = dialog.options()
    assert (chosen.out.name, chosen.size, chosen.speed, chosen.lang, chosen.start) == (
        "x.gif",
        (1920, 1080),
        8.0,
        "both",
        60.0,
    )
