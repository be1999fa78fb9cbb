"""Where the window goes on the screen: 1280x800 where the screen's free area allows, else as
large as that area (at any ``QT_SCALE_FACTOR``), centred on it, and back on the screen once the
window manager's frame is known."""

from __future__ import annotations

from PySide6.QtCore import QMargins, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

FIRST_SIZE = QSize(1280, 800)  # the first window's size where the screen has room
FRAME_GUESS = QMargins(8, 32, 8, 8)  # a window manager's frame, until the real one is known


def fit_window(
    available: QRect, frame: QMargins = FRAME_GUESS, wanted: QSize = FIRST_SIZE
) -> QRect:
    """The window's own rectangle (without its frame) of at most ``wanted``, which, framed by
    ``frame``, fits inside the screen's ``available`` area, centred on it.

    >>> r = fit_window(QRect(0, 0, 853, 533), QMargins(0, 0, 0, 0))
    >>> (r.x(), r.y(), r.width(), r.height())
    (0, 0, 853, 533)
    >>> r = fit_window(QRect(1920, 40, 1920, 1040))
    >>> (r.x(), r.y(), r.width(), r.height())
    (2240, 172, 1280, 800)
    """
    width = min(wanted.width(), available.width() - frame.left() - frame.right())
    height = min(wanted.height(), available.height() - frame.top() - frame.bottom())
    outer_w = width + frame.left() + frame.right()
    outer_h = height + frame.top() + frame.bottom()
    x = available.x() + max((available.width() - outer_w) // 2, 0) + frame.left()
    y = available.y() + max((available.height() - outer_h) // 2, 0) + frame.top()
    return QRect(x, y, width, height)


def fit_to_screen(window: QWidget) -> None:
    """Size and place ``window`` to fit its screen's free area (the taskbar and panels
    left out), 1280x800 where there is room."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        window.resize(FIRST_SIZE)
        return
    window.setGeometry(fit_window(screen.availableGeometry()))


def keep_on_screen(window: QWidget) -> None:
    """Once the window manager's frame is known: shrink and move ``window`` so that,
    frame included, it lies within its screen's free area."""
    screen = window.screen()
    if screen is None or window.isFullScreen() or window.isMaximized():
        return
    available = screen.availableGeometry()
    if available.contains(window.frameGeometry()):
        return
    frame = window.frameGeometry()
    inner = window.geometry()
    margins = QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )
    window.setGeometry(fit_window(available, margins, window.size().boundedTo(FIRST_SIZE)))
