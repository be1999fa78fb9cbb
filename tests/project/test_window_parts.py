"""The main window stays a small composition of parts (issue 21): main_window.py at most 250
lines, no module reaching into the window, the mode attached held by its own part."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from viewer.model.viewer_state import ViewerState
from viewer.ui.window.mode import PLAIN, Mode, ModeSlot

ROOT = Path(__file__).resolve().parents[2]


def _figures() -> dict:
    path = ROOT / "benchmarks" / "architecture_figures.py"
    spec = importlib.util.spec_from_file_location("architecture_figures", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module.figures(module.read_sources(".", ROOT))


def test_the_main_window_is_small_and_nothing_reaches_into_it():
    figures = _figures()
    assert figures["main_window"] == "viewer/ui/window/main_window.py"
    assert figures["lines"] <= 250
    assert figures["back_reference_modules"] == []
    assert figures["run_cycles"] == [] and figures["fan_out_sites"] == 0


class _Recording(Mode):
    def __init__(self, name: str, picks: bool, log: list[str]) -> None:
        self.name, self.picks, self.log = name, picks, log

    def attached(self) -> None:
        self.log.append(f"attached {self.name}")

    def detached(self) -> None:
        self.log.append(f"detached {self.name}")


def test_the_mode_slot_detaches_then_attaches_and_names_the_mode():
    state = ViewerState(plant=None, route=None)
    log: list[str] = []
    slot = ModeSlot(state, lambda picks: log.append(f"picks {picks} ({state.mode})"))
    kiosk = _Recording("kiosk", False, log)
    assert slot.mode is PLAIN and state.mode == "plain"
    slot.set_mode(kiosk)
    slot.set_mode(kiosk)  # attached already: nothing happens
    assert slot.mode is kiosk and state.mode == "kiosk"
    slot.set_mode(PLAIN)
    assert state.mode == "plain"
    # picking follows the mode before the state names it; the mode is attached last
    assert log == [
        "picks False (plain)",
        "attached kiosk",
        "detached kiosk",
        "picks True (kiosk)",
    ]
