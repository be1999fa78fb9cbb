"""Opening hours of an exhibition hall: ``--hours "Mon-Fri 09:00-17:30, Sat 10:00-16:00"``.

A rule is an optional day or range of days (Mon Tue Wed Thu Fri Sat Sun; a range may wrap, as
``Sat-Sun`` or ``Fri-Mon``) and a span of the day ``HH:MM-HH:MM`` (the end after the start; it
may be ``24:00``); without days a rule holds every day. Rules are separated by commas. Times are
the PC's local time. :meth:`OpeningHours.is_open` and :meth:`OpeningHours.next_change` take the
time as an argument, so the clock can be faked.

>>> hours = parse_hours("Mon-Fri 09:00-17:30")
>>> from datetime import datetime
>>> monday_noon = datetime(2026, 11, 30, 12, 0)  # a Monday
>>> hours.is_open(monday_noon), hours.is_open(monday_noon.replace(hour=18))
(True, False)
>>> hours.next_opening(datetime(2026, 12, 4, 18, 0))  # Friday evening -> Monday morning
datetime.datetime(2026, 12, 7, 9, 0)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta

DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_RULE = re.compile(
    r"^(?:(?P<first>[a-z]{3})(?:-(?P<last>[a-z]{3}))?\s+)?"
    r"(?P<start>\d{1,2}:\d{2})-(?P<end>\d{1,2}:\d{2})$"
)


@dataclass(frozen=True)
class Rule:
    """Open on ``days`` (0 Monday .. 6 Sunday) from ``start`` to ``end`` minutes after
    midnight."""

    days: frozenset[int]
    start: int
    end: int


@dataclass(frozen=True)
class OpeningHours:
    """The rules of :func:`parse_hours` and the text they came from."""

    rules: tuple[Rule, ...]
    text: str

    def is_open(self, now: datetime) -> bool:
        """Whether the hall is open at ``now`` (local time)."""
        minute = now.hour * 60 + now.minute + now.second / 60 + now.microsecond / 6e7
        weekday = now.weekday()
        return any(weekday in r.days and r.start <= minute < r.end for r in self.rules)

    def next_change(self, now: datetime) -> datetime | None:
        """The next moment after ``now`` at which the hall opens or closes (None: never)."""
        day0 = now.replace(hour=0, minute=0, second=0, microsecond=0)
        for days_ahead in range(8):
            day = day0 + timedelta(days=days_ahead)
            edges = sorted(
                day + timedelta(minutes=minute)
                for rule in self.rules
                if day.weekday() in rule.days
                for minute in (rule.start, rule.end)
            )
            for edge in edges:
                if edge > now and self.is_open(edge) != self.is_open(now):
                    return edge
        return None

    def next_opening(self, now: datetime) -> datetime | None:
        """The next moment the hall opens (``now`` if open now; None: never)."""
        if self.is_open(now):
            return now
        return self.next_change(now)


def _minutes(text: str, whole: str) -> int:
    hours, minutes = (int(part) for part in text.split(":"))
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise ValueError(f"no such time of day {text!r} in {whole!r}")
    return hours * 60 + minutes


def _days(first: str | None, last: str | None, whole: str) -> frozenset[int]:
    if first is None:
        return frozenset(range(7))
    for name in (first, last):
        if name is not None and name not in DAYS:
            raise ValueError(f"unknown day {name!r} in {whole!r}: use Mon Tue Wed Thu Fri Sat Sun")
    a = DAYS.index(first)
    b = a if last is None else DAYS.index(last)
    return frozenset((a + k) % 7 for k in range((b - a) % 7 + 1))


def parse_hours(text: str) -> OpeningHours:
    """The opening hours written in ``text`` (see the module docstring); ``ValueError`` saying
    what is wrong.

    >>> parse_hours("Sat-Sun 10:00-16:00").rules[0].days == frozenset({5, 6})
    True
    >>> parse_hours("09:00-08:00")
    Traceback (most recent call last):
    ...
    ValueError: the end must come after the start in '09:00-08:00'
    """
    rules = []
    for part in text.split(","):
        whole = " ".join(part.split())
        match = _RULE.match(whole.lower())
        if match is None:
            raise ValueError(f"expected like 09:00-17:30 or Mon-Fri 09:00-17:30, got {whole!r}")
        start, end = _minutes(match["start"], whole), _minutes(match["end"], whole)
        if end <= start:
            raise ValueError(f"the end must come after the start in {whole!r}")
        rules.append(Rule(_days(match["first"], match["last"], whole), start, end))
    return OpeningHours(tuple(rules), text.strip())
