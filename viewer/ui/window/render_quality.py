"""The window's rendering quality: View > Quality, ``--quality``, and auto's step-down.

'auto' reads the OpenGL renderer string after the first frame and starts on low on a software
renderer, high otherwise; while on auto, if frames stay slower than 50 ms for 3 s it steps down
one preset and says so in the status bar. Choosing a preset by hand stops the stepping.

A preset remembered from an earlier run that is heavier than Low is not used on a software
renderer (High draws about 2.6 frames a second there): the window starts on Low and says so in
the status bar; the remembered choice is kept for a machine with a GPU. A preset given on the
command line is used as given.

View > Show frame rate (off by default, remembered) shows the frames drawn a second in the
status bar; Help > About always reports it.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from viewer.model.quality import (
    CHOICES,
    ORDER,
    PRESETS,
    FrameTimeWatch,
    is_software,
    lower_preset,
    resolve,
)
from viewer.scene.quality import apply_quality
from viewer.ui.settings import remember, remembered_flag
from viewer.ui.strings import tr
from viewer.ui.window.frame_loop import FrameRateMeter

if TYPE_CHECKING:
    from viewer.model.viewer_state import ViewerState
    from viewer.ui.window.plant_view import PlantView


def starting_choice(choice: str, remembered: bool, renderer: str) -> str:
    """The choice a window starts on: ``choice``, except that a remembered preset heavier
    than low becomes low on a software renderer.

    >>> starting_choice("high", True, "llvmpipe (LLVM 15.0.7, 256 bits)")
    'low'
    >>> starting_choice("high", False, "llvmpipe"), starting_choice("high", True, "NVIDIA H200")
    ('high', 'high')
    >>> starting_choice("auto", True, "llvmpipe"), starting_choice("medium", True, "softpipe")
    ('auto', 'low')
    """
    if remembered and choice in ORDER[1:] and is_software(renderer):
        return "low"
    return choice


class RenderQuality:
    """Which preset the window draws with, the menu that chooses it, and the frame rate.

    ``remembered``: ``choice`` comes from the settings of an earlier run (not from the
    command line), so a software renderer overrides it with low.
    """

    def __init__(  # noqa: PLR0913 - the window's parts it is handed
        self,
        state: ViewerState,
        view: PlantView,
        applied: Callable[[], None],
        status: Callable[[str, int], None],
        show_rate: Callable[[str | None], None],
        choice: str,
        remembered: bool = False,
    ) -> None:
        self.state, self.view = state, view  # the 3D view: its widget, the plant's scene now
        self._applied, self._status, self._show_rate = applied, status, show_rate
        self.choice = choice  # 'auto', 'low', 'medium' or 'high'
        self.remembered = remembered
        self.overridden: str | None = None  # the remembered choice a software renderer set aside
        self.preset = "low" if choice == "auto" else choice  # until the renderer is known
        state.quality = self.preset
        self.renderer = ""
        self.watch = FrameTimeWatch(limit_ms=50.0, window_s=3.0)
        self.stepped_down: list[str] = []  # the presets auto left, in order
        self._frame_start: float | None = None
        self.menu = QMenu(view.plotter)
        self.group = QActionGroup(view.plotter)
        self.actions: dict[str, QAction] = {}
        for name in CHOICES:
            action = self.menu.addAction("")
            action.setCheckable(True)
            action.setChecked(name == choice)
            action.triggered.connect(lambda _=False, n=name: self.set_choice(n))
            self.group.addAction(action)
            self.actions[name] = action
        self.meter = FrameRateMeter()
        self.rate_action = QAction(view.plotter)  # View > Show frame rate
        self.rate_action.setCheckable(True)
        self.rate_action.setChecked(remembered_flag("show_frame_rate", False))
        self.rate_action.toggled.connect(self.show_rate)
        self.rate_timer = QTimer(view.plotter)  # the readout says "idle" when frames stop
        self.rate_timer.setInterval(500)
        self.rate_timer.timeout.connect(self.update_rate)

    def start(self, renderer: str) -> None:
        """The first frame is drawn: choose the preset for ``renderer`` and apply it (a
        remembered heavy preset gives way to low on a software renderer, with a word in the
        status bar)."""
        self.renderer = renderer
        choice = starting_choice(self.choice, self.remembered, renderer)
        if choice != self.choice:
            self.overridden = self.choice
            self.choice = choice
            self.actions[choice].setChecked(True)
        self.preset = resolve(self.choice, renderer)
        self.apply()
        self.show_rate(self.rate_action.isChecked())
        if self.overridden is not None:
            self._status(self.software_text(self.state.lang), 15000)

    def software_text(self, lang: str) -> str:
        """What the status bar says when a software renderer started on low."""
        return tr(
            "software_starts_low",
            lang,
            renderer=self.renderer.split("(")[0].strip() or self.renderer,
            preset=tr(f"quality_{self.overridden}", lang),
        )

    def apply(self) -> None:
        """Draw the window's scene with the current preset."""
        preset = PRESETS[self.preset]
        self.state.quality = self.preset
        self.view.set_still_frames(False)  # every actor back where the preset finds it
        apply_quality(self.view.plotter, self.view.scene, preset)
        self.view.set_still_frames(preset.still_frames)
        self.view.plotter.set_render_scale(preset.render_scale)
        self.watch.reset()
        self.retranslate(self.state.lang)
        self._applied()

    def set_choice(self, choice: str) -> None:
        """Choose 'auto' or a preset (View > Quality); remembered for the next run."""
        self.choice = choice
        self.overridden = None
        self.actions[choice].setChecked(True)
        self.preset = resolve(choice, self.renderer)
        remember("quality", choice)
        self.apply()

    # -- frame timing -------------------------------------------------------------------------
    def frame_started(self, now: float) -> None:
        """A frame was asked for at ``now`` (time.monotonic)."""
        if self._frame_start is None:
            self._frame_start = now

    def frame_shown(self) -> None:
        """A frame is on screen: count it, time the one asked for, and on auto step down if
        frames stay slow."""
        now = time.monotonic()
        if self._frame_start is None:
            self.meter.add(now)
            return
        frame_ms = (now - self._frame_start) * 1000.0
        self._frame_start = None
        self.meter.add(now, frame_ms)
        if self.choice == "auto" and self.watch.add(now, frame_ms):
            self.step_down()

    # -- frame rate ---------------------------------------------------------------------------
    def show_rate(self, on: bool) -> None:
        """Show or hide the frame-rate readout (View > Show frame rate); remembered."""
        if self.rate_action.isChecked() != on:
            self.rate_action.setChecked(on)  # comes back here
            return
        remember("show_frame_rate", on)
        if on:
            self.rate_timer.start()
        else:
            self.rate_timer.stop()
        self.update_rate()

    def rate_text(self, lang: str, now: float | None = None) -> str | None:
        """The frame rate as the readout says it: over the last seconds before ``now``, or
        (``now`` None) over the last frames drawn; None when there is none to tell."""
        rate = self.meter.rate(now)
        if rate is None:
            return None
        frame_ms = self.meter.frame_ms(now)
        if frame_ms is None:  # only repaints Qt asked for, none timed
            return tr("frame_rate_fps", lang, fps=f"{rate:.1f}")
        return tr("frame_rate", lang, fps=f"{rate:.1f}", ms=f"{frame_ms:.0f}")

    def update_rate(self) -> None:
        """Refresh the status bar's frame-rate readout (hidden when switched off)."""
        lang = self.state.lang
        if not self.rate_action.isChecked():
            self._show_rate(None)
            return
        text = self.rate_text(lang, time.monotonic())
        self._show_rate(text if text is not None else tr("frame_rate_idle", lang))

    def step_down(self) -> bool:
        """One preset lower (auto only); False at low already."""
        lower = lower_preset(self.preset)
        if lower is None:
            return False
        self.stepped_down.append(self.preset)
        self.preset = lower
        self.apply()
        lang = self.state.lang
        self._status(tr("quality_stepped_down", lang, preset=tr(f"quality_{lower}", lang)), 8000)
        return True

    def retranslate(self, lang: str) -> None:
        """Menu texts in ``lang``; the auto entry says which preset it chose."""
        self.menu.setTitle(tr("quality", lang))
        self.rate_action.setText(tr("show_frame_rate", lang))
        for name, action in self.actions.items():
            text = tr(f"quality_{name}", lang)
            if name == "auto" and self.renderer:
                text += f" ({tr(f'quality_{self.preset}', lang)})"
            action.setText(text)

    def about_lines(self, lang: str) -> str:
        """The preset, the renderer and the frame rate, for Help > About."""
        choice = tr(f"quality_{self.choice}", lang)
        preset = tr(f"quality_{self.preset}", lang)
        lines = tr(
            "about_quality",
            lang,
            choice=choice,
            preset=preset,
            renderer=self.renderer or tr("renderer_unknown", lang),
        )
        rate = self.rate_text(lang) or tr("frame_rate_unknown", lang)
        return lines + "\n" + tr("about_frame_rate", lang, rate=rate)
