"""``factory-tour --kiosk``: the exhibition-hall loop from the command line.

A broken or failing route (or plant layout) never stops the kiosk: the problem is logged and
the bundled one is used. The log is in English whatever the captions' language, and says what
happens. ``--screen N`` fills the screen N (0 the first; default the primary); an unknown N is an
``error:`` line and status 2 (under the supervisor, which must not stop, a logged error and the
primary screen). ``--supervise`` runs :mod:`viewer.ui.kiosk.supervisor` instead, which runs this
same
command (with ``--resume``) and restarts it when it dies.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from viewer.model.errors import DataFileError
from viewer.ui.kiosk.kiosk_log import kiosk_logger

if TYPE_CHECKING:
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QApplication

    from viewer.model.kiosk.opening_hours import OpeningHours
    from viewer.model.plant.layout import Plant
    from viewer.model.plant.parts import PlantParts
    from viewer.ui.kiosk.kiosk_hall import KioskHall
    from viewer.ui.kiosk.kiosk_mode import KioskMode

SUPERVISOR_FLAGS = {"--kiosk", "--supervise", "--resume"}


def run_kiosk(args: argparse.Namespace, argv: Sequence[str] | None) -> int:
    """Run the kiosk (or its supervisor); the exit status."""
    log = kiosk_logger()
    if args.supervise:
        from viewer.ui.kiosk.supervisor import supervise

        given = list(argv) if argv is not None else sys.argv[1:]
        return supervise([arg for arg in given if arg not in SUPERVISOR_FLAGS])
    from viewer.model.plant.layout import load_plant

    try:
        plant = load_plant(args.plant)
    except DataFileError as exc:
        log.error("kiosk: %s; using the bundled plant layout", exc)
        plant = load_plant()
    hall_setup = hall_options(args, log)
    if hall_setup is None:
        return 2
    if not os.environ.get("QT_QPA_PLATFORM") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform != "linux"
    ):
        log.error("kiosk: no display")
        print("error: no display: the kiosk needs a screen", file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from viewer.ui.fonts import install_app_font
    from viewer.ui.kiosk.kiosk_mode import KioskMode, screen_text
    from viewer.ui.window.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    screen = choose_screen(app, args.screen, log, must_run=args.resume)  # type: ignore[arg-type]
    if screen is None:
        return 2
    install_app_font(app)  # type: ignore[arg-type]
    lang_mode = args.lang or "both"
    lang = "en" if lang_mode == "en" else "zh"
    window = MainWindow(plant, lang=lang, play=False, quality=args.quality)
    kiosk = KioskMode(
        window.tour,
        window.links,
        lang_mode=lang_mode,
        speed=args.speed,
        idle_s=args.idle_seconds,
        log=log,
        screen=screen,
    )
    if args.wall_tile is not None:  # one screen of a video wall
        from viewer.ui.kiosk.kiosk_wall import attach_wall

        attach_wall(kiosk, args.wall_tile, args.bezel, args.screen_width_mm, args.caption_tile)
    if args.route is not None:
        with kiosk.holding_problems() as held:  # the window speaks its language: English here
            opened = window.tour.open_route(args.route)
        if not opened:
            lines = route_problem_lines(args.route, plant, window.clock.run.parts) or held
            for line in lines:
                log.error("kiosk: %s", line)
            log.error(
                "kiosk: the route %s cannot be used; playing the bundled route %s instead",
                args.route,
                window.tour.motion.route.source,
            )
    log.info("kiosk: on screen %d of %d (%s)", *_screen_number(app, screen), screen_text(screen))
    hall = _hall(kiosk, args, hall_setup, plant, log)
    hall.start(resume=args.resume)
    kiosk.show()
    return app.exec()


def hall_options(
    args: argparse.Namespace, log: logging.Logger
) -> tuple[float | None, OpeningHours | None] | None:
    """The sync origin (None: not synced) and the opening hours (None: always open) of the
    command line; None after an ``error:`` line when one cannot be read (a supervised kiosk,
    which must run, logs it and runs without)."""
    from viewer.model.kiosk.opening_hours import parse_hours
    from viewer.model.kiosk.sync_clock import parse_origin

    origin = hours = None
    problems = []
    if args.sync:
        try:
            origin = parse_origin(args.sync_origin)
        except ValueError as exc:
            problems.append(f"--sync-origin: {exc}")
    if args.hours is not None:
        try:
            hours = parse_hours(args.hours)
        except ValueError as exc:
            problems.append(f"--hours: {exc}")
    for message in problems:
        log.error("kiosk: %s%s", message, "; going on without it" if args.resume else "")
        if not args.resume:
            print(f"error: {message}", file=sys.stderr)
    if problems and not args.resume:
        return None
    return origin, hours


def _hall(
    kiosk: KioskMode,
    args: argparse.Namespace,
    setup: tuple[float | None, OpeningHours | None],
    plant: Plant,
    log: logging.Logger,
) -> KioskHall:
    """The kiosk's sync, playlist, hours and health server from the command line."""
    import time

    from viewer.model.kiosk.sync_clock import SyncClock
    from viewer.ui.kiosk.kiosk_hall import KioskHall

    origin, hours = setup
    routes = [kiosk.tour.motion.route.source]  # the first route, or the bundled one instead
    for path in getattr(args, "routes", [])[1:]:
        problems = route_problem_lines(path, plant, kiosk.links.plant_run().parts)
        for line in problems:
            log.error("kiosk: %s", line)
        if problems:
            log.error("kiosk: the playlist's route %s cannot be used; it is left out", path)
        else:
            routes.append(path)
    sync = None if origin is None else SyncClock(origin, args.speed, time.time)
    hall = KioskHall(kiosk, routes if len(routes) > 1 else (), sync, hours)
    if args.status_port:
        hall.serve(args.status_address, args.status_port)
    return hall


def choose_screen(
    app: QApplication, number: int | None, log: logging.Logger, must_run: bool = False
) -> QScreen | None:
    """Screen ``number`` (None: the primary screen). An unknown number prints an ``error:`` line
    and gives None; with ``must_run`` (a supervised kiosk) it is logged and the primary screen
    is used instead."""
    from viewer.ui.kiosk.kiosk_mode import screen_text

    screens = app.screens()
    if number is None or 0 <= number < len(screens):
        return app.primaryScreen() if number is None else screens[number]
    have = "; ".join(f"{k}: {screen_text(screen)}" for k, screen in enumerate(screens))
    message = f"--screen: no screen {number}; this display has {len(screens)} ({have})"
    if must_run:
        log.error("kiosk: %s; using the primary screen", message)
        return app.primaryScreen()
    log.error("kiosk: %s", message)
    print(f"error: {message}", file=sys.stderr)
    return None


def _screen_number(app: QApplication, screen: QScreen) -> tuple[int, int]:
    screens = app.screens()
    return (screens.index(screen) if screen in screens else 0), len(screens)


def route_problem_lines(path: Path, plant: Plant, parts: PlantParts | None = None) -> list[str]:
    """Why the route at ``path`` cannot be used, in English: the file's error, or the route
    checks' problems (at most 12, then how many more); empty if it can be used."""
    from viewer.model.tour.route import load_route
    from viewer.model.tour.route_check import check_route

    try:
        route = load_route(path)
    except DataFileError as exc:
        return [f"cannot read the route file: {exc}"]
    problems = check_route(route, plant, parts).problems
    if not problems:
        return []
    count = f"{len(problems)} problem{'' if len(problems) == 1 else 's'}"
    lines = [f"the route {path} does not pass the route checks ({count}):"]
    lines += [f"  {problem.kind}: {problem.message}" for problem in problems[:12]]
    if len(problems) > 12:
        lines.append(f"  and {len(problems) - 12} more")
    return lines
