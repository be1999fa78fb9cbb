"""The window's menu bar and the commands behind it: File (open a plant or a route, save a
picture, export the script or a video), Help's boxes and the table of actions that builds the
menus (:mod:`viewer.ui.window.actions`).

:class:`WindowMenus` makes them from the viewer's state and a few plain functions of the window;
an entry's handler is a path (``files.save_picture_dialog``) that ``lookup`` resolves when the
entry is used.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMainWindow

from viewer.model.plant.views import CameraPose
from viewer.model.viewer_state import ViewerState
from viewer.ui.settings import TEXT_SCALES
from viewer.ui.tour.video_export import VideoCommands
from viewer.ui.window.actions import Actions
from viewer.ui.window.file_commands import FileCommands
from viewer.ui.window.help_boxes import HelpBoxes

if TYPE_CHECKING:
    from viewer.model.tour.shuttle import TourMotion


class WindowMenus:
    """The menus of ``window`` and their commands (see the module docstring).

    ``tell(title, message)`` shows a problem; ``device_size()`` is the view's size in device
    pixels, ``camera()`` its camera; ``open_route(path)`` opens a route; ``motion()`` is the
    tour's motion now, ``preset()`` the quality preset chosen, ``about_lines(lang)`` the
    renderer's lines in Help > About.
    """

    def __init__(  # noqa: PLR0913 - the window's parts it is handed, each a plain function
        self,
        state: ViewerState,
        window: QMainWindow,
        lookup: Callable[[str], Any],
        tell: Callable[[str, str], None],
        device_size: Callable[[], tuple[int, int]],
        camera: Callable[[], CameraPose],
        open_route: Callable[[str], bool],
        motion: Callable[[], TourMotion],
        preset: Callable[[], str],
        about_lines: Callable[[str], str],
    ) -> None:
        status = window.statusBar().showMessage
        self.files = FileCommands(state, window, tell, status, device_size, camera, open_route)
        self.help = HelpBoxes(
            state, lambda lang: self.actions.shortcut_lines(lang), about_lines, window
        )
        self.video = VideoCommands(state, window, motion, preset, tell, status)
        self.actions = Actions(state, window.menuBar(), lookup, TEXT_SCALES)
