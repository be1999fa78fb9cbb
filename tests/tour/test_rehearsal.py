"""The rehearsal's pace and stopwatch (model only, a driven clock)."""

from __future__ import annotations

import math

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from viewer.model.tour.rehearsal import Rehearsal

# Two stops: 60 s at tour time 100, 40 s at 200; the tour ends at 300.
SPANS = [(100.0, 160.0), (200.0, 240.0)]


def test_drives_follow_the_timetable_until_the_first_stop() -> None:
    rehearsal = Rehearsal(SPANS, 300.0)
    assert rehearsal.tour_time(50.0) == 50.0
    assert rehearsal.stop_at(50.0) is None
    assert rehearsal.stop_at(100.0) == 0


def test_guide_paced_stop_waits_for_next() -> None:
    rehearsal = Rehearsal(SPANS, 300.0, guide_paced=True)
    assert rehearsal.tour_time(1000.0) == 160.0  # still at the first stop
    assert rehearsal.stop_at(1000.0) == 0
    assert math.isinf(rehearsal.end_time())
    watch = rehearsal.stopwatch(1000.0)
    assert watch.stop == 0
    assert watch.stop_elapsed == 900.0
    assert watch.stop_planned == 60.0
    assert watch.behind == 840.0
    assert not watch.finished


def test_dwell_paced_stop_leaves_when_the_dwell_ends() -> None:
    rehearsal = Rehearsal(SPANS, 300.0, guide_paced=False)
    assert rehearsal.tour_time(170.0) == 170.0
    assert rehearsal.stop_at(170.0) is None
    assert rehearsal.stopwatch(170.0).behind == 0.0
    assert rehearsal.end_time() == 300.0


def test_next_after_the_dwell_puts_the_guide_behind() -> None:
    rehearsal = Rehearsal(SPANS, 300.0)
    assert rehearsal.release(190.0)  # 90 s at a 60 s stop
    assert rehearsal.actual[0] == 90.0
    assert rehearsal.tour_time(190.0) == 160.0
    assert rehearsal.tour_time(200.0) == 170.0
    watch = rehearsal.stopwatch(200.0)
    assert (watch.elapsed, watch.planned, watch.behind) == (200.0, 170.0, 30.0)
    assert watch.stop is None and watch.stop_elapsed == 0.0
    # the second stop is reached 30 s late
    assert rehearsal.arrivals() == [100.0, 230.0]
    assert rehearsal.stop_at(230.0) == 1


def test_next_before_the_dwell_ends_puts_the_guide_ahead() -> None:
    rehearsal = Rehearsal(SPANS, 300.0)
    assert rehearsal.release(120.0)  # 20 s at a 60 s stop
    assert rehearsal.tour_time(120.0) == 160.0  # leaves at once
    assert rehearsal.stopwatch(130.0).behind == -40.0
    assert rehearsal.release(170.0)  # second stop reached at 160, left after 10 s
    watch = rehearsal.stopwatch(400.0)
    assert watch.finished
    assert watch.elapsed == rehearsal.end_time() == 300.0 - 40.0 - 30.0
    assert watch.behind == -70.0


def test_next_while_driving_changes_nothing() -> None:
    rehearsal = Rehearsal(SPANS, 300.0)
    assert not rehearsal.release(50.0)
    assert rehearsal.actual == [None, None]


def test_summary_lists_planned_and_actual_times() -> None:
    rehearsal = Rehearsal(SPANS, 300.0)
    rehearsal.release(190.0)
    rehearsal.release(250.0)  # arrived 230, 20 s
    results = rehearsal.summary(400.0)
    assert [(r.planned, r.actual) for r in results] == [(60.0, 90.0), (40.0, 20.0)]
    early = Rehearsal(SPANS, 300.0).summary(130.0)
    assert [r.actual for r in early] == [None, None]


def test_dwell_paced_summary_counts_the_dwell_of_stops_passed() -> None:
    rehearsal = Rehearsal(SPANS, 300.0, guide_paced=False)
    results = rehearsal.summary(210.0)
    assert [r.actual for r in results] == [60.0, None]


def test_seek_back_to_a_stop_rehearses_it_again() -> None:
    rehearsal = Rehearsal(SPANS, 300.0)
    rehearsal.release(190.0)
    rehearsal.release(260.0)
    r = rehearsal.seek(200.0, 300.0)  # back to the second stop's arrival
    assert rehearsal.actual == [90.0, None]
    assert r == 230.0  # the first stop still took 90 s
    assert rehearsal.tour_time(r) == 200.0
    assert rehearsal.stop_at(r) == 1


def test_seek_forward_marks_stops_jumped_over_as_skipped() -> None:
    rehearsal = Rehearsal(SPANS, 300.0)
    r = rehearsal.seek(250.0, 10.0)
    assert rehearsal.skipped == {0, 1}
    assert r == 250.0  # skipped stops count as planned
    assert rehearsal.tour_time(r) == 250.0
    assert [s.skipped for s in rehearsal.summary(r)] == [True, True]


def test_seek_to_a_stop_that_starts_where_another_ends() -> None:
    rehearsal = Rehearsal([(0.0, 60.0), (60.0, 120.0)], 200.0)
    rehearsal.release(30.0)
    r = rehearsal.seek(60.0, 40.0)
    assert rehearsal.stop_at(r) == 1
    assert rehearsal.actual == [30.0, None]
    assert r == 30.0


def test_restart_forgets_every_stop() -> None:
    rehearsal = Rehearsal(SPANS, 300.0)
    rehearsal.release(190.0)
    rehearsal.restart()
    assert rehearsal.actual == [None, None]
    assert rehearsal.tour_time(1000.0) == 160.0


def test_zero_dwell_stops_never_wait() -> None:
    rehearsal = Rehearsal([(100.0, 100.0)], 200.0)
    assert rehearsal.tour_time(150.0) == 150.0


@settings(max_examples=60, deadline=None)
@given(
    dwells=st.lists(st.floats(0, 120), min_size=1, max_size=5),
    gaps=st.lists(st.floats(0, 100), min_size=6, max_size=6),
    helds=st.lists(st.floats(0, 200), min_size=5, max_size=5),
    guide=st.booleans(),
    turn=st.sampled_from([0.0, 3.0]),
)
@example(  # rounding once put stop 2's arrival 4e-15 s before stop 1's departure
    dwells=[33.0, 1.0, 0.0], gaps=[1.124893460577372] + [0.0] * 5, helds=[0.0] * 5, guide=True,
    turn=0.0,
)  # fmt: skip
def test_tour_time_never_runs_backwards_and_seek_lands_where_asked(
    dwells: list[float], gaps: list[float], helds: list[float], guide: bool, turn: float
) -> None:
    spans, t = [], 0.0
    for dwell, gap in zip(dwells, gaps, strict=False):
        t += gap
        spans.append((t, t + dwell))
        t += dwell
    total = t + gaps[-1]
    rehearsal = Rehearsal(spans, total, guide_paced=guide, turn_s=turn)
    r = 0.0
    for stop, held in zip(range(len(spans)), helds, strict=False):
        r = rehearsal.arrivals()[stop] + held
        rehearsal.release(r)
    samples = [rehearsal.tour_time(x) for x in [i * (r + 300) / 97 for i in range(98)]]
    assert all(b >= a - 1e-9 for a, b in zip(samples, samples[1:], strict=False))
    assert all(0.0 <= s <= total for s in samples)
    if turn:
        return  # a seek into a stop's last seconds lands before them (see the turn tests)
    for target in (0.0, total * 0.37, total * 0.81, total):
        r = rehearsal.seek(target, r)
        assert rehearsal.tour_time(r) == pytest.approx(target, abs=1e-6)
        watch = rehearsal.stopwatch(r)
        assert watch.behind == pytest.approx(min(r, rehearsal.end_time()) - target, abs=1e-6)


@pytest.mark.parametrize("r", [50.0, 130.0, 170.0, 400.0, 1000.0])
def test_switching_pacing_never_moves_the_shuttle(r: float) -> None:
    for start in (True, False):
        rehearsal = Rehearsal(SPANS, 300.0, guide_paced=start)
        before = rehearsal.tour_time(r)
        rehearsal.set_guide_paced(not start, r)
        assert rehearsal.tour_time(r) == before
        assert rehearsal.stopwatch(r).elapsed <= r
        rehearsal.set_guide_paced(start, r)
        assert rehearsal.tour_time(r) == before


def test_dwell_pacing_after_a_long_wait_leaves_the_stop() -> None:
    rehearsal = Rehearsal(SPANS, 300.0, guide_paced=True)
    rehearsal.set_guide_paced(False, 400.0)  # 300 s at a 60 s stop
    assert rehearsal.actual[0] == 300.0
    assert rehearsal.tour_time(410.0) == 170.0


def test_a_waiting_stop_holds_before_the_camera_turns_back() -> None:
    rehearsal = Rehearsal(SPANS, 300.0, guide_paced=True, turn_s=3.0)
    assert rehearsal.tour_time(1000.0) == 157.0  # facing the subject, 3 s before leaving
    assert rehearsal.release(1000.0)
    assert rehearsal.actual[0] == 903.0  # the 3 s of turning back count
    assert rehearsal.tour_time(1001.0) == 158.0
    assert rehearsal.tour_time(1003.0) == 160.0
    assert rehearsal.stop_at(1003.0) is None


def test_next_while_the_camera_turns_back_changes_nothing() -> None:
    rehearsal = Rehearsal(SPANS, 300.0, guide_paced=False, turn_s=3.0)
    assert rehearsal.release(158.0)
    assert rehearsal.actual[0] == 60.0
    assert rehearsal.tour_time(158.0) == 158.0


def test_next_early_turns_back_then_leaves() -> None:
    rehearsal = Rehearsal(SPANS, 300.0, guide_paced=True, turn_s=3.0)
    assert rehearsal.release(120.0)  # after 20 s of 60
    assert rehearsal.actual[0] == 23.0
    assert rehearsal.tour_time(120.0) == 157.0
    assert rehearsal.tour_time(123.0) == 160.0
