"""The exhibition-hall loop: tour time, camera and captions as functions of loop time.

The kiosk plays the tour again and again. Everything the screen shows is a pure function of
the loop's clock, so a restart at a given time shows the same picture:

* :func:`loop_time`: loop clock -> tour time (the tour starts again after its end);
* :func:`kiosk_camera`: chase view while driving; at a stop the seat view first (turned to the
  stop's subject), then the overview for the end of the dwell; the test ride, the tour's
  climax, stays with the car: behind it on the line, in the passenger seat for the launch and
  most of the lap, behind it again through a stretch of bends (:data:`RIDE_CHASE_SHARE`);
* :func:`caption_at`: what the caption says: the stop and its narration, or where the shuttle
  is heading; in 'both' languages the text alternates between Chinese and English.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.tour.route import load_route
>>> from viewer.model.tour.shuttle import TourMotion
>>> tour = TourMotion(load_route(), load_plant())
>>> loop_time(tour, tour.total_time + 5.0)
5.0
>>> arrive = tour.stop_times[3]
>>> kiosk_camera(tour, arrive + 1.0), kiosk_camera(tour, arrive + 50.0)
('seat', 'overview')
>>> caption_at(tour, arrive + 1.0, "en").title
'Die casting'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from viewer.model.tour.shuttle import TourMotion
from viewer.texts import tr

SEAT_SHARE = 0.6  # of a stop's dwell seen from the seat, the rest from above
RIDE_BOARD_S = 3.0  # the test ride's seat camera boards this long before the launch
RIDE_CHASE_SHARE = (0.45, 0.62)  # of the lap seen from behind the car, the rest from its seat
ALTERNATE_S = 15.0  # seconds per language when captions are in both
LANG_MODES = ("en", "zh", "both")


@dataclass(frozen=True)
class Caption:
    """What the caption shows: a title line and a body (may be empty)."""

    title: str
    body: str
    lang: str  # the language shown ('en' or 'zh')


def loop_time(tour: TourMotion, elapsed: float) -> float:
    """Tour time after ``elapsed`` seconds of looping (the tour restarts at its end)."""
    if tour.total_time <= 0:
        return 0.0
    return math.fmod(max(elapsed, 0.0), tour.total_time)


def loop_count(tour: TourMotion, elapsed: float) -> int:
    """How many whole loops have been played after ``elapsed`` seconds."""
    if tour.total_time <= 0:
        return 0
    return int(max(elapsed, 0.0) // tour.total_time)


def kiosk_camera(tour: TourMotion, time: float) -> str:
    """The camera at tour time ``time``: 'chase' driving; 'seat', then 'overview' at a stop;
    in the test ride 'chase' and 'seat' (see the module docstring).

    >>> from viewer.model.plant.layout import load_plant
    >>> from viewer.model.tour.route import load_route
    >>> tour = TourMotion(load_route(), load_plant())
    >>> lap = tour.ride.lap_time
    >>> [kiosk_camera(tour, tour.launch_time + f * lap) for f in (-0.1, 0.1, 0.5, 0.9, 1.05)]
    ['chase', 'seat', 'chase', 'seat', 'chase']
    """
    state = tour.at(time)
    if state.stop is None:
        return "chase"
    if state.ride is not None and tour.ride is not None:
        since = time - tour.launch_time  # the car on the line before and after the lap: chase
        lap = tour.ride.lap_time
        first, last = (share * lap for share in RIDE_CHASE_SHARE)
        in_seat = -RIDE_BOARD_S <= since < first or last <= since <= lap
        return "seat" if in_seat else "chase"
    begin, end = tour.stop_spans[state.stop]
    return "seat" if time < begin + (end - begin) * SEAT_SHARE else "overview"


def caption_lang(mode: str, time: float) -> str:
    """The language of the caption at ``time``: 'en', 'zh', or in 'both' alternating.

    >>> caption_lang("both", 3.0), caption_lang("both", 16.0), caption_lang("en", 16.0)
    ('zh', 'en', 'en')
    """
    if mode == "both":
        return "zh" if int(time // ALTERNATE_S) % 2 == 0 else "en"
    return mode


def caption_at(tour: TourMotion, time: float, mode: str) -> Caption:
    """The caption at tour time ``time`` in language ``mode`` ('en', 'zh' or 'both')."""
    lang = caption_lang(mode, time)
    state = tour.at(time)
    stops = tour.route.stops
    if state.stop is not None:
        stop = stops[state.stop]
        return Caption(stop.name.get(lang), stop.narration.get(lang), lang)
    if state.next_stop is not None:
        name = stops[state.next_stop].name.get(lang)
        return Caption(tr("driving_to", lang, stop=name), "", lang)
    return Caption(tour.route.name.get(lang), "", lang)


def wrap_text(text: str, width: int) -> list[str]:
    """Break ``text`` into lines of at most ``width`` columns (a Chinese character is two).

    Latin text breaks at spaces; Chinese text may break between any two characters, but not
    before closing punctuation.

    >>> wrap_text("The giant die-casting cell: a 9,100-tonne machine", 20)
    ['The giant', 'die-casting cell: a', '9,100-tonne machine']
    >>> wrap_text("超大型一体化压铸单元：9100 吨压铸机", 12)
    ['超大型一体化', '压铸单元：', '9100 吨压铸', '机']
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, line_width = "", 0
        for token in _tokens(paragraph):
            token_width = _width(token)
            if line and line_width + token_width > width and not _closing(token):
                lines.append(line.rstrip())
                line, line_width = "", 0
                if token == " ":
                    continue
            line += token
            line_width += token_width
        lines.append(line.rstrip())
    return lines


def _wide(char: str) -> bool:
    return ord(char) >= 0x2E80


def _width(token: str) -> int:
    return sum(2 if _wide(c) else 1 for c in token)


def _closing(token: str) -> bool:
    return len(token) == 1 and token in "，。、：；！？）》」』,.;:!?)"


def _tokens(text: str) -> list[str]:
    """Words, single spaces and single Chinese characters."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if char == " " or _wide(char):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens
