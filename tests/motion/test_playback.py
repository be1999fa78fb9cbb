"""The playback clock: play, pause, speed and seek against a fake wall clock."""

from __future__ import annotations

import pytest

from viewer.model.playback import SPEEDS, Playback, format_clock


def test_clock_runs_only_while_playing():
    clock = Playback(time=50.0)
    assert clock.time_at(10.0) == 50.0  # paused at first
    clock.play(now=10.0)
    assert clock.time_at(13.5) == pytest.approx(53.5)
    clock.pause(now=14.0)
    assert clock.time_at(100.0) == pytest.approx(54.0)
    clock.play(now=100.0)
    assert clock.time_at(101.0) == pytest.approx(55.0)


def test_speed_changes_do_not_jump():
    clock = Playback(time=0.0)
    clock.play(now=0.0)
    clock.set_speed(16, now=2.0)
    assert clock.time_at(2.0) == pytest.approx(2.0)
    assert clock.time_at(3.0) == pytest.approx(18.0)
    clock.set_speed(0.25, now=3.0)
    assert clock.time_at(7.0) == pytest.approx(19.0)


def test_faster_and_slower_step_through_the_speeds_and_stop_at_the_ends():
    clock = Playback()
    seen = []
    for _ in range(len(SPEEDS) + 2):
        clock.faster(now=0.0)
        seen.append(clock.speed)
    assert seen[-1] == 16.0 and seen[:3] == [2.0, 4.0, 8.0]
    for _ in range(len(SPEEDS) + 2):
        clock.slower(now=0.0)
    assert clock.speed == 0.25


@pytest.mark.parametrize("speed", [0.0, 0.1, 32.0, -1.0])
def test_speed_outside_the_range_is_refused(speed):
    with pytest.raises(ValueError, match="0.25 to 16"):
        Playback().set_speed(speed, now=0.0)


def test_seek_jumps_and_never_goes_below_zero():
    clock = Playback(time=10.0)
    clock.play(now=0.0)
    clock.seek(1000.0, now=5.0)
    assert clock.time_at(6.0) == pytest.approx(1001.0)
    clock.seek(-30.0, now=6.0)
    assert clock.time_at(6.0) == 0.0


def test_format_clock():
    assert format_clock(0) == "0:00:00"
    assert format_clock(3600 * 7 + 61.9) == "7:01:01"
