"""The viewer's one state: what the window shows, as plain values that tell when they change.

Everything a person can set or see change lives here, once: the language, the text size, the
quality preset drawn, the preset view, the simulation time, the clock's speed and whether it
runs, the tour's camera and time, the mode (the plain window, a kiosk, a rehearsal, Explain the
plant), the thing picked, and the plant and route shown. The clock writes :attr:`time`; the
scene, the panels and the status bar listen to ``state.events.<field>`` (psygnal signals,
emitted only when a value really changes). State flows one way: state -> model -> scene ->
pixels, and state -> widgets. Nothing here imports Qt or VTK.

Examples
--------
>>> state = ViewerState(plant=None, route=None)
>>> seen = []
>>> _ = state.events.time.connect(seen.append)
>>> state.time = 120.0
>>> state.time = 120.0  # the same value: no event
>>> state.speed = 4.0
>>> seen
[120.0]
>>> state.lang, state.tour_camera, state.mode
('en', 'free', 'plain')
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from typing import Any

from psygnal import evented

from viewer.model.plant.views import CameraPose

MODES = ("plain", "kiosk", "rehearsal", "explain")
CAMERAS = ("free", "seat", "chase", "overview")


@evented(equality_operators={"plant": operator.is_, "route": operator.is_})
@dataclass(eq=False)
class ViewerState:
    """What the viewer shows (see the module docstring); ``state.events`` holds a signal per
    field. ``plant`` and ``route`` are the loaded :class:`~viewer.model.plant.layout.Plant` and
    :class:`~viewer.model.tour.route.Route` (compared by identity: a new file is a new value)."""

    plant: Any
    route: Any
    lang: str = "en"
    text_scale: float = 1.0
    quality: str = "low"  # the preset drawn: 'low', 'medium' or 'high'
    view: str = "overview"  # the last preset view chosen
    time: float = 0.0  # simulation time shown, seconds since the lines started empty
    speed: float = 1.0  # times real time
    playing: bool = False
    at_end: bool = False  # the tour has played to its end (Play plays it again)
    tour_camera: str = "free"  # 'free' (orbit), or following the shuttle: 'seat', 'chase', ...
    tour_time: float = 0.0  # the tour's time shown, seconds since it started
    mode: str = "plain"  # one of MODES
    picked: tuple[str, int] | None = None  # (kind, index) of the thing picked, if any
    pose: CameraPose | None = None  # the camera, as last read for a picture
