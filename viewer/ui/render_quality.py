"""The window's rendering quality: View > Quality, ``--quality``, and auto's step-down.

'auto' reads the OpenGL renderer string after the first frame and starts on low on a software
renderer, high otherwise; while on auto, if frames stay slower than 50 ms for 3 s it steps down
one preset and says so in the status bar. Choosing a preset by hand stops the stepping.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu

from viewer.model.quality import CHOICES, PRESETS, FrameTimeWatch, lower_preset, resolve
from viewer.scene.quality import apply_quality
from viewer.ui.settings import remember
from viewer.ui.strings import tr

if TYPE_CHECKING:
    from viewer.ui.main_window import MainWindow


class RenderQuality:
    """Which preset the window draws with, and the menu that chooses it."""

    def __init__(self, window: MainWindow, choice: str) -> None:
        self.window = window
        self.choice = choice  # 'auto', 'low', 'medium' or 'high'
        self.preset = "low" if choice == "auto" else choice  # until the renderer is known
        self.renderer = ""
        self.watch = FrameTimeWatch(limit_ms=50.0, window_s=3.0)
        self.stepped_down: list[str] = []  # the presets auto left, in order
        self._frame_start: float | None = None
        self.menu = QMenu(window)
        self.group = QActionGroup(window)
        self.actions: dict[str, QAction] = {}
        for name in CHOICES:
            action = self.menu.addAction("")
            action.setCheckable(True)
            action.setChecked(name == choice)
            action.triggered.connect(lambda _=False, n=name: self.set_choice(n))
            self.group.addAction(action)
            self.actions[name] = action

    def start(self, renderer: str) -> None:
        """The first frame is drawn: choose the preset for ``renderer`` and apply it."""
        self.renderer = renderer
        self.preset = resolve(self.choice, renderer)
        self.apply()

    def apply(self) -> None:
        """Draw the window's scene with the current preset."""
        window = self.window
        preset = PRESETS[self.preset]
        apply_quality(window.plotter, window.scene, preset)
        window.plotter.set_render_scale(preset.render_scale)
        window.scale_labels()
        self.watch.reset()
        self.retranslate(window.lang)
        window.request_render()

    def set_choice(self, choice: str) -> None:
        """Choose 'auto' or a preset (View > Quality); remembered for the next run."""
        self.choice = choice
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
        """The frame asked for is on screen: time it, and on auto step down if frames stay
        slow."""
        if self._frame_start is None:
            return
        now = time.monotonic()
        frame_ms = (now - self._frame_start) * 1000.0
        self._frame_start = None
        if self.choice == "auto" and self.watch.add(now, frame_ms):
            self.step_down()

    def step_down(self) -> bool:
        """One preset lower (auto only); False at low already."""
        lower = lower_preset(self.preset)
        if lower is None:
            return False
        self.stepped_down.append(self.preset)
        self.preset = lower
        self.apply()
        window = self.window
        window.statusBar().showMessage(
            tr("quality_stepped_down", window.lang, preset=tr(f"quality_{lower}", window.lang)),
            8000,
        )
        return True

    def retranslate(self, lang: str) -> None:
        """Menu texts in ``lang``; the auto entry says which preset it chose."""
        self.menu.setTitle(tr("quality", lang))
        for name, action in self.actions.items():
            text = tr(f"quality_{name}", lang)
            if name == "auto" and self.renderer:
                text += f" ({tr(f'quality_{self.preset}', lang)})"
            action.setText(text)

    def about_lines(self, lang: str) -> str:
        """The preset and the renderer, for Help > About."""
        choice = tr(f"quality_{self.choice}", lang)
        preset = tr(f"quality_{self.preset}", lang)
        return tr(
            "about_quality",
            lang,
            choice=choice,
            preset=preset,
            renderer=self.renderer or tr("renderer_unknown", lang),
        )
