"""File > Save picture: the size (the window's, or a standard one) and the file to write."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QWidget,
)

from viewer.ui.strings import tr

SIZES = ((1280, 720), (1920, 1080), (2560, 1440), (3840, 2160))


class PictureSizeDialog(QDialog):
    """Asks for the picture's size; :attr:`size` is None for the window's."""

    def __init__(self, window_size: tuple[int, int], lang: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("save_picture_title", lang))
        self.choice = QComboBox(self)
        width, height = window_size
        self.choice.addItem(tr("picture_window", lang, width=width, height=height), None)
        for size in SIZES:
            self.choice.addItem(f"{size[0]} × {size[1]}", size)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(tr("picture_size", lang), self.choice)
        form.addRow(buttons)

    @property
    def size(self) -> tuple[int, int] | None:
        """The chosen size (None: the window's)."""
        return self.choice.currentData()


def ask_picture(
    parent: QWidget, view_size: tuple[int, int], lang: str
) -> tuple[str, tuple[int, int] | None] | None:
    """Ask for the size (``view_size``: the view's, in device pixels, or a standard one) and
    then the PNG file; None if cancelled."""
    dialog = PictureSizeDialog(view_size, lang, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    path, _ = QFileDialog.getSaveFileName(
        parent, tr("save_picture_title", lang), "factory-tour.png", tr("picture_files", lang)
    )
    if not path:
        return None
    if not path.lower().endswith(".png"):
        path += ".png"
    return path, dialog.size
