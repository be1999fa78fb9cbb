"""``factory-tour --kiosk``: the exhibition-hall loop from the command line.

A broken or failing route (or plant layout) never stops the kiosk: the problem is logged and
the bundled one is used. ``--supervise`` runs :mod:`viewer.ui.supervisor` instead, which runs
this same command (with ``--resume``) and restarts it when it dies.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from viewer.model.errors import DataFileError
from viewer.ui.kiosk_log import kiosk_logger

SUPERVISOR_FLAGS = {"--kiosk", "--supervise", "--resume"}


def run_kiosk(args: argparse.Namespace, argv: Sequence[str] | None) -> int:
    """Run the kiosk (or its supervisor); the exit status."""
    log = kiosk_logger()
    if args.supervise:
        from viewer.ui.supervisor import supervise

        given = list(argv) if argv is not None else sys.argv[1:]
        return supervise([arg for arg in given if arg not in SUPERVISOR_FLAGS])
    from viewer.model.layout import load_plant

    try:
        plant = load_plant(args.plant)
    except DataFileError as exc:
        log.error("kiosk: %s; using the bundled plant layout", exc)
        plant = load_plant()
    if not os.environ.get("QT_QPA_PLATFORM") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform != "linux"
    ):
        log.error("kiosk: no display")
        print("error: no display: the kiosk needs a screen", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from viewer.ui.fonts import install_app_font
    from viewer.ui.kiosk import KioskMode
    from viewer.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_app_font(app)  # type: ignore[arg-type]
    lang_mode = args.lang or "both"
    lang = "en" if lang_mode == "en" else "zh"
    window = MainWindow(plant, lang=lang, play=False, quality=args.quality)
    kiosk = KioskMode(
        window, lang_mode=lang_mode, speed=args.speed, idle_s=args.idle_seconds, log=log
    )
    if args.route is not None and not window.tour.open_route(args.route):
        log.error("kiosk: the route %s cannot be used; playing the bundled route", args.route)
    kiosk.start(resume=args.resume)
    kiosk.show()
    return app.exec()
