"""A guide's rehearsal: the tour paced by the guide, and a stopwatch against the plan.

The timetable (:class:`~viewer.model.tour.shuttle.TourMotion`) plans each stop's dwell. In a
rehearsal
the guide decides when the shuttle leaves a stop: it waits until the guide presses Next
(``guide_paced``), or leaves when the dwell ends unless the guide moves on earlier. The time
the guide actually spent at each stop is recorded; the drives keep their planned times.

Rehearsal time ``r`` is the seconds since the rehearsal began (the window's clock, so pausing
and changing speed act on it as on everything else). :meth:`Rehearsal.tour_time` maps it onto
the timetable, a pure function of ``r`` and the recorded stops: scrubbing gives the same
picture every time. How far behind the plan the guide is, is simply ``r - tour_time(r)``.

Examples
--------
Two stops of 60 s each at tour times 100 and 200, the tour ends at 300:

>>> rehearsal = Rehearsal([(100.0, 160.0), (200.0, 260.0)], total_time=300.0)
>>> rehearsal.tour_time(130.0)  # talking at the first stop
130.0
>>> rehearsal.tour_time(500.0)  # the shuttle waits for the guide
160.0
>>> rehearsal.next_pressed(190.0)  # Next after 90 s at the stop: it leaves at 190
190.0
>>> rehearsal.tour_time(200.0)  # driving on
170.0
>>> watch = rehearsal.stopwatch(200.0)
>>> watch.elapsed, watch.planned, watch.behind
(200.0, 170.0, 30.0)
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

JUST_ARRIVED_S = 0.5  # Next sooner than this after arriving passes the stop by


@dataclass(frozen=True)
class Stopwatch:
    """The rehearsal against the plan at one moment (seconds).

    ``behind`` is positive when the guide is late, negative when ahead.
    """

    elapsed: float  # since the rehearsal began
    planned: float  # the timetable's time at the shuttle's place
    total_planned: float  # the whole tour as planned
    stop: int | None  # the stop the shuttle stands at
    stop_elapsed: float  # at that stop so far (0 when driving)
    stop_planned: float  # that stop's planned dwell (0 when driving)
    finished: bool  # the tour is over

    @property
    def behind(self) -> float:
        """Seconds behind the plan (negative: ahead)."""
        return self.elapsed - self.planned


@dataclass(frozen=True)
class StopResult:
    """One line of the summary: a stop's planned and actual time (None: not reached)."""

    stop: int
    planned: float
    actual: float | None
    skipped: bool = False


class Rehearsal:
    """The guide's pace on a timetable of stops (see the module docstring).

    ``spans`` holds each stop's (arrival, departure) in tour time, in route order.
    """

    def __init__(
        self,
        spans: Sequence[tuple[float, float]],
        total_time: float,
        guide_paced: bool = True,
        turn_s: float = 0.0,
    ) -> None:
        self.spans = [(float(a), float(d)) for a, d in spans]
        self.total_time = float(total_time)
        self.guide_paced = guide_paced
        self.turn_s = float(turn_s)
        self.actual: list[float | None] = [None] * len(self.spans)
        self.skipped: set[int] = set()

    # -- the timeline -----------------------------------------------------------------------------
    def planned(self, stop: int) -> float:
        """A stop's planned dwell."""
        arrive, depart = self.spans[stop]
        return depart - arrive

    def margin(self, stop: int) -> float:
        """The last seconds of a stop's dwell, always played before it leaves (the seat camera
        turns back to the road in them); a stop that waits for the guide waits before them."""
        return min(self.turn_s, self.planned(stop) / 2)

    def hold(self, stop: int) -> float:
        """Rehearsal seconds the shuttle stands at ``stop`` (inf: until the guide says Next)."""
        actual = self.actual[stop]
        if actual is not None:
            return actual
        planned = self.planned(stop)
        return math.inf if self.guide_paced and planned > 0 else planned

    def arrivals(self) -> list[float]:
        """Rehearsal time of the arrival at each stop (inf after a stop that waits)."""
        return self._timeline()[0]

    def end_time(self) -> float:
        """Rehearsal time at which the tour ends (inf while a stop waits for the guide)."""
        return self._timeline()[1]

    def _timeline(self) -> tuple[list[float], float]:
        """The arrivals and the end in rehearsal time, summed drive by drive and hold by hold
        (never as plan + shift: rounding could then put an arrival before the last departure,
        where the shuttle would seem to stand before the previous stop)."""
        arrivals, r, departed = [], 0.0, 0.0
        for stop, (arrive, depart) in enumerate(self.spans):
            r += arrive - departed  # the drive from the last stop (or the start)
            arrivals.append(r)
            r += self.hold(stop)
            departed = depart
        return arrivals, r + (self.total_time - departed)

    def _place(self, r: float) -> tuple[int | None, float]:
        """The stop the shuttle stands at, at rehearsal time ``r`` (or None), and tour time."""
        r = max(float(r), 0.0)
        previous: tuple[int, float] | None = None  # last stop left: (index, departure in r)
        for stop, arrival in enumerate(self.arrivals()):
            if r < arrival:
                break
            hold = self.hold(stop)
            if r < arrival + hold:
                arrive, depart = self.spans[stop]
                tau, margin = r - arrival, self.margin(stop)
                if tau < hold - margin:
                    return stop, arrive + min(tau, depart - arrive - margin)
                return stop, depart - (hold - tau)
            previous = (stop, arrival + hold)
        if previous is None:
            return None, min(r, self.total_time)
        stop, left = previous
        return None, min(self.spans[stop][1] + (r - left), self.total_time)

    def tour_time(self, r: float) -> float:
        """Where on the timetable the shuttle is at rehearsal time ``r``."""
        return self._place(r)[1]

    def stop_at(self, r: float) -> int | None:
        """The stop the shuttle stands at, at rehearsal time ``r``; None while driving."""
        return self._place(r)[0]

    # -- what the guide does ----------------------------------------------------------------------
    def release(self, r: float) -> bool:
        """Leave the stop the shuttle stands at now; False if it is driving."""
        stop = self.stop_at(r)
        if stop is None:
            return False
        tau = max(float(r), 0.0) - self.arrivals()[stop]
        hold, margin = self.hold(stop), self.margin(stop)
        if tau < hold - margin:  # else it is leaving already
            self.actual[stop] = tau + margin
        elif self.actual[stop] is None:
            self.actual[stop] = hold
        self.skipped.discard(stop)
        return True

    def next_pressed(self, r: float) -> float | None:
        """Next at rehearsal time ``r``: the stop ends now; its departure (rehearsal time).

        None when Next is to take the shuttle on to the next stop's arrival instead (see
        :meth:`seek`): while it drives, while it is leaving already (turning back to the road;
        the stop keeps its time), and at a stop the guide has not spent :data:`JUST_ARRIVED_S`
        at (before the rehearsal's clock runs, or just after a jump): Next passes that one by.
        So each Next takes the shuttle one stop on, never none and never two.
        """
        r = max(float(r), 0.0)
        stop = self.stop_at(r)
        if stop is None:
            return None
        arrival = self.arrivals()[stop]
        tau = r - arrival
        if tau >= self.hold(stop) - self.margin(stop):
            self.release(r)  # its time as it was
            return None
        if tau < JUST_ARRIVED_S:
            return None
        self.release(r)
        return arrival + self.hold(stop)

    def seek(self, tour_time: float, r: float) -> float:
        """Jump to ``tour_time`` of the timetable (from rehearsal time ``r``); the new ``r``.

        Stops behind the target keep their times (those jumped over are marked skipped); the
        stop at the target and those after it are to be rehearsed again.
        """
        t = min(max(float(tour_time), 0.0), self.total_time)
        arrivals = self.arrivals()
        for stop, (arrive, depart) in enumerate(self.spans):
            behind = depart <= t and arrive < t
            if not behind:
                self.actual[stop] = None
                self.skipped.discard(stop)
            elif self.actual[stop] is None:
                passed = arrivals[stop] + self.hold(stop) <= r
                self.actual[stop] = self.planned(stop)
                if not passed:
                    self.skipped.add(stop)
        arrivals = self.arrivals()
        shift = 0.0
        for stop, (arrive, depart) in enumerate(self.spans):
            if depart <= t and arrive < t:  # behind
                shift = arrivals[stop] + self.hold(stop) - depart
            elif arrive <= t:
                return arrivals[stop] + (t - arrive)
        return t + shift

    def set_guide_paced(self, guide_paced: bool, r: float) -> None:
        """Change who ends the stops from rehearsal time ``r`` on, without a jump.

        Stops already left keep their times; a stop whose dwell is over when the guide stops
        waiting for Next is left at once.
        """
        if guide_paced == self.guide_paced:
            return
        arrivals = self.arrivals()
        for stop in range(len(self.spans)):
            if self.actual[stop] is None and arrivals[stop] + self.hold(stop) <= r:
                self.actual[stop] = self.hold(stop)
        stop = self.stop_at(r)
        if stop is not None and self.actual[stop] is None:
            if r - self.arrivals()[stop] >= self.planned(stop) - self.margin(stop):
                if guide_paced:
                    self.actual[stop] = self.planned(stop)  # it is leaving already
                else:
                    self.release(r)
        self.guide_paced = guide_paced

    def restart(self) -> None:
        """Forget every stop's time (Home)."""
        self.actual = [None] * len(self.spans)
        self.skipped.clear()

    # -- the stopwatch ----------------------------------------------------------------------------
    def stopwatch(self, r: float) -> Stopwatch:
        """Elapsed and planned times at rehearsal time ``r``."""
        r = max(float(r), 0.0)
        stop, t = self._place(r)
        end = self.end_time()
        elapsed = min(r, end)
        stop_elapsed = stop_planned = 0.0
        if stop is not None:
            stop_elapsed = r - self.arrivals()[stop]
            stop_planned = self.planned(stop)
        return Stopwatch(
            elapsed=elapsed,
            planned=t,
            total_planned=self.total_time,
            stop=stop,
            stop_elapsed=stop_elapsed,
            stop_planned=stop_planned,
            finished=r >= end,
        )

    def summary(self, r: float) -> list[StopResult]:
        """Each stop's planned and actual time so far (actual None: not reached yet)."""
        arrivals = self.arrivals()
        results = []
        for stop in range(len(self.spans)):
            actual = self.actual[stop]
            if actual is None and arrivals[stop] + self.hold(stop) <= r:
                actual = self.hold(stop)  # a stop that ran its planned dwell
            results.append(
                StopResult(stop, self.planned(stop), actual, skipped=stop in self.skipped)
            )
        return results
