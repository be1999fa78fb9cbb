"""The kiosk's log: a rotating file in the user's data directory, and standard error.

An unattended screen must never show a problem; it writes it here instead.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from viewer.ui.user_data import kiosk_log_path

LOGGER = "factory-tour.kiosk"
MAX_BYTES = 1_000_000
BACKUPS = 3


def kiosk_logger(path: Path | None = None) -> logging.Logger:
    """The kiosk's logger, writing to ``path`` (default: the kiosk log file), rotated at 1 MB
    with 3 old files kept."""
    logger = logging.getLogger(LOGGER)
    path = Path(path or kiosk_log_path())
    for handler in list(logger.handlers):
        if getattr(handler, "baseFilename", None) != str(path.resolve()):
            logger.removeHandler(handler)
            handler.close()
    if not logger.handlers:
        handler = logging.handlers.RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8"
        )
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s [pid %(process)d] %(message)s")
        )
        logger.addHandler(handler)
        logger.addHandler(logging.StreamHandler())
    logger.setLevel(logging.INFO)
    logger.propagate = False
    return logger
