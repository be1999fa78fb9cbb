"""The kiosk's log: a rotating file in the user's data directory, and standard error.

An unattended screen must never show a problem; it writes it here instead. The program's own
warnings from elsewhere (the ``viewer`` package's loggers, such as a caption naming a character
its font cannot draw) go to the same file.
"""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from viewer.ui.user_data import kiosk_log_path

LOGGER = "factory-tour.kiosk"
MAX_BYTES = 1_000_000
BACKUPS = 3


class _Stderr(logging.StreamHandler):
    """Writes to standard error as it is at the time of each line."""

    @property
    def stream(self) -> object:  # type: ignore[override]
        return sys.stderr

    @stream.setter
    def stream(self, _value: object) -> None:
        pass


def kiosk_logger(path: Path | None = None) -> logging.Logger:
    """The kiosk's logger, writing to ``path`` (default: the kiosk log file), rotated at 1 MB
    with 3 old files kept."""
    logger = logging.getLogger(LOGGER)
    path = Path(path or kiosk_log_path())
    for handler in list(logger.handlers):  # a file handler for another file (tests move it)
        if getattr(handler, "baseFilename", str(path.resolve())) != str(path.resolve()):
            logger.removeHandler(handler)
            handler.close()
    if not any(hasattr(handler, "baseFilename") for handler in logger.handlers):
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s [pid %(process)d] %(message)s")
        )
        logger.addHandler(handler)
    if not any(isinstance(handler, _Stderr) for handler in logger.handlers):
        logger.addHandler(_Stderr())
    file_handler = next(h for h in logger.handlers if hasattr(h, "baseFilename"))
    package = logging.getLogger("viewer")
    for handler in list(package.handlers):
        if (
            isinstance(handler, logging.handlers.RotatingFileHandler)
            and handler is not file_handler
        ):
            package.removeHandler(handler)
    if file_handler not in package.handlers:
        package.addHandler(file_handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger
