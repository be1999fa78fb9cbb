"""How the user is told of a problem (a file that cannot be opened, a picture not saved): a
window-modal dialog, so the application keeps running, unless the mode attached tells it
itself (a kiosk writes a line in its log and shows no dialog).
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from viewer.ui.window.mode import Mode


def show_problem(
    mode: Mode, parent: QWidget, title: str, message: str, icon: QMessageBox.Icon
) -> QMessageBox | None:
    """Tell of the problem ``title: message`` under ``mode``: the dialog opened over
    ``parent`` with ``icon``, or None when the mode told it itself."""
    if mode.problem(f"{title}: {message}"):
        return None
    dialog = QMessageBox(icon, title, message, QMessageBox.StandardButton.Ok, parent)
    dialog.open()
    return dialog
