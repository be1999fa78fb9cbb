"""The status bar's standing line: what the camera looks at ("View: Body shop").

It is shown whenever no other message is: when a menu's tip, a dialog's note or "Picture saved"
ends, the line comes back (just after the event: shown from inside ``clearMessage`` it would
be lost).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QStatusBar


class ViewStatus:
    """The standing line of one status bar."""

    def __init__(self, bar: QStatusBar) -> None:
        self.bar = bar
        self.text = ""
        bar.messageChanged.connect(self._message_changed)

    def show(self, text: str) -> None:
        """Show ``text`` now and whenever no other message is."""
        self.text = text
        self.bar.showMessage(text)

    def _message_changed(self, message: str) -> None:
        if not message and self.text:
            QTimer.singleShot(0, self._restore)

    def _restore(self) -> None:
        if not self.bar.currentMessage() and self.text:
            self.bar.showMessage(self.text)
