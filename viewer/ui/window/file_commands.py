"""The File menu's commands: open a plant or a route, save a picture, write the guide's script.

:class:`FileCommands` works on the viewer's state (the plant, the route, the language, what a
picture shows) and is handed the few things of the window it needs as plain functions: where to
tell of a problem, the status bar's line, the view's size, the camera, opening a route. Opening
a plant sets the state's plant; the scene, the tour and the panels rebuild themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QFileDialog, QProgressDialog, QWidget

from viewer.model.errors import DataFileError
from viewer.model.plant.layout import load_plant
from viewer.model.plant.views import CameraPose
from viewer.model.viewer_state import ViewerState
from viewer.ui.strings import plain, tr


def cannot_open(path: str | Path, exc: BaseException) -> str:
    """One line for a file that failed to open in a way the loaders did not foresee."""
    text = f"{path}: cannot be opened ({type(exc).__name__}: {exc})"
    return text.replace("\n", "\\n").replace("\r", "\\r")[:500]


class FileCommands(QObject):
    """File > Open plant, Open route, Export script and Save picture on ``state``.

    ``parent``: the dialogs' parent; ``tell(title, message)``: show a problem;
    ``status(text, ms)``: a line in the status bar; ``device_size()``: the view's size in device
    pixels; ``camera()``: the camera's pose; ``open_route(path)``: open a route file.
    """

    def __init__(  # noqa: PLR0913 - the window's parts it is handed, each a plain function
        self,
        state: ViewerState,
        parent: QWidget,
        tell: Callable[[str, str], None],
        status: Callable[[str, int], None],
        device_size: Callable[[], tuple[int, int]],
        camera: Callable[[], CameraPose],
        open_route: Callable[[str], bool],
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.parent_ = parent
        self._tell, self._status = tell, status
        self._device_size, self._camera, self._open_route = device_size, camera, open_route
        self.progress_dialog: QProgressDialog | None = None

    # -- the plant and the route --------------------------------------------------------------
    def open_plant_dialog(self) -> None:
        """Ask for a layout file and open it."""
        lang = self.state.lang
        path, _ = QFileDialog.getOpenFileName(
            self.parent_, tr("open_title", lang), "", tr("layout_files", lang)
        )
        if path:
            self.open_plant(path)

    def open_plant(self, path: str | Path) -> bool:
        """Load a plant layout and show it; on a broken file show why and keep the current one."""
        try:
            plant = load_plant(path)
        except DataFileError as exc:
            self._tell(tr("error_title", self.state.lang), str(exc))
            return False
        except Exception as exc:  # noqa: BLE001 - whatever a file does, the user is told
            self._tell(tr("error_title", self.state.lang), cannot_open(path, exc))
            return False
        self.state.plant = plant  # the scene, the tour and the panels rebuild
        return True

    def open_route_dialog(self) -> None:
        """Ask for a route file and open it."""
        lang = self.state.lang
        path, _ = QFileDialog.getOpenFileName(
            self.parent_, plain(tr("open_route", lang)), "", tr("route_files", lang)
        )
        if path:
            try:
                self._open_route(path)
            except Exception as exc:  # noqa: BLE001 - whatever a file does, the user is told
                self._tell(tr("route_error_title", self.state.lang), cannot_open(path, exc))

    # -- the guide's script ---------------------------------------------------------------------
    def export_script_dialog(self) -> None:
        """Ask where to write the guide's script of the open route, and write it."""
        lang = self.state.lang
        path, _ = QFileDialog.getSaveFileName(
            self.parent_, plain(tr("export_script", lang)), "", tr("pdf_files", lang)
        )
        if path:
            self.export_script(path)

    def export_script(self, path: str | Path) -> bool:
        """Write the open route's guide's script (PDF) to ``path``, with a progress dialog."""
        from viewer.ui.tour.script_pdf import write_script

        route, lang = self.state.route, self.state.lang
        dialog = QProgressDialog(
            tr("writing_script", lang), "", 0, len(route.stops) + 1, self.parent_
        )
        dialog.setCancelButton(None)
        dialog.setMinimumDuration(0)
        self.progress_dialog = dialog

        def progress(done: int, total: int) -> None:
            dialog.setValue(done)
            QApplication.processEvents()

        try:
            write_script(route, self.state.plant, path, lang=lang, progress=progress)
        except OSError as exc:
            dialog.close()
            self._tell(tr("error_title", lang), str(exc))
            return False
        dialog.close()
        return True

    # -- pictures -------------------------------------------------------------------------------
    def save_picture_dialog(self) -> None:
        """File > Save picture: ask for the size and the file, then save."""
        from viewer.ui.window.picture_dialog import ask_picture

        answer = ask_picture(self.parent_, self._device_size(), self.state.lang)
        if answer is not None:
            self.save_picture(*answer)

    def save_picture(self, path: str | Path, size: tuple[int, int] | None = None) -> bool:
        """Save the current view as a PNG at ``size`` (None: the view's size in device pixels),
        drawn from the state by the snapshot renderer (the same moment, camera, language and
        quality)."""
        from viewer.scene.picture import render_image
        from viewer.scene.snapshot import write_png

        if size is None:
            size = self._device_size()
        self.state.pose = self._camera()  # the camera, as the mouse left it
        lang = self.state.lang
        try:
            write_png(render_image(self.state, size), path)
        except OSError as exc:
            self._tell(tr("picture_failed", lang), str(exc))
            return False
        self._status(tr("picture_saved", lang, path=str(path)), 8000)
        return True
