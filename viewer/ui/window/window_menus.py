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

from viewer.model.viewer_state import ViewerState
from viewer.ui.settings import TEXT_SCALES
from viewer.ui.tour.video_export import VideoCommands
from viewer.ui.window.actions import Actions
from viewer.ui.window.file_commands import FileCommands
from viewer.ui.window.help_boxes import HelpBoxes
from viewer.ui.window.plant_view import PlantView
from viewer.ui.window.render_quality import RenderQuality

if TYPE_CHECKING:
    from viewer.ui.tour.tour_controller import TourController


class WindowMenus:
    """The menus of ``window`` and their commands (see the module docstring).

    ``tell(title, message)`` shows a problem. From ``view``, a picture takes its size in
    device pixels and its camera; ``tour`` opens a route and gives a video its motion;
    ``quality`` gives a video its preset and Help > About the renderer's lines.
    """

    def __init__(  # noqa: PLR0913 - the window's parts it is handed
        self,
        state: ViewerState,
        window: QMainWindow,
        lookup: Callable[[str], Any],
        tell: Callable[[str, str], None],
        view: PlantView,
        quality: RenderQuality,
        tour: TourController,
    ) -> None:
        status = window.statusBar().showMessage
        self.files = FileCommands(
            state,
            window,
            tell,
            status,
            view.plotter.device_size,
            lambda: view.scene.camera_pose(),
            lambda path: tour.open_route(path),
        )
        self.help = HelpBoxes(
            state, lambda lang: self.actions.shortcut_lines(lang), quality.about_lines, window
        )
        motion, preset = lambda: tour.motion, lambda: quality.preset
        self.video = VideoCommands(state, window, motion, preset, tell, status)
        self.actions = Actions(state, window.menuBar(), lookup, TEXT_SCALES)
