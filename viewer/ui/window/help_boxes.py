"""The Help menu's boxes: About (version, plant file, quality, renderer) and Keyboard and mouse.

Each box is window-modal and in the state's language; the last one opened stays reachable as
:attr:`HelpBoxes.about_box` or :attr:`HelpBoxes.shortcuts_box` (tests read its text).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

import viewer
from viewer.model.viewer_state import ViewerState
from viewer.ui.strings import tr


class HelpBoxes:
    """Help > About and Help > Keyboard and mouse, for one window.

    ``shortcut_lines(lang)``: one line per shortcut (from the actions table);
    ``quality_lines(lang)``: the quality preset and the renderer, for About."""

    def __init__(
        self,
        state: ViewerState,
        shortcut_lines: Callable[[str], list[str]],
        quality_lines: Callable[[str], str],
        parent: QWidget,
    ) -> None:
        self.state = state
        self._shortcut_lines = shortcut_lines
        self._quality_lines = quality_lines
        self._parent = parent
        self.about_box: QMessageBox | None = None
        self.shortcuts_box: QMessageBox | None = None

    def about_text(self) -> str:
        """Help > About: the version, the plant file, the quality preset and the renderer."""
        lang = self.state.lang
        text = tr("about_text", lang, version=viewer.__version__, plant=self.state.plant.source)
        return text + "\n\n" + self._quality_lines(lang)

    def show_about(self) -> None:
        """Help > About."""
        self.about_box = self._open(self.about_text())

    def show_shortcuts(self) -> None:
        """Help > Keyboard and mouse: every shortcut, then the mouse."""
        lang = self.state.lang
        lines = self._shortcut_lines(lang)
        self.shortcuts_box = self._open("\n".join(lines) + "\n\n" + tr("shortcuts_mouse", lang))

    def _open(self, text: str) -> QMessageBox:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "factory-tour",
            text,
            QMessageBox.StandardButton.Ok,
            self._parent,
        )
        box.open()
        return box
