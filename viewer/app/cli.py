"""The ``factory-tour`` command line.

* ``factory-tour [--plant PATH] [--route PATH] [--lang en|zh] [--quality Q] [--paused]
  [--rehearse]`` opens the window; the plant runs from the moment the car line is full, the
  tour from the same moment. ``--rehearse`` opens it in rehearsal mode, paused at the tour's
  start. ``--quality`` is low, medium, high or auto (see :mod:`viewer.model.quality`).
* ``factory-tour --kiosk [--route PATH] [--speed S] [--idle-seconds N] [--lang en|zh|both]
  [--screen N] [--supervise]`` runs the exhibition-hall loop full screen on monitor N (see
  :mod:`viewer.app.kiosk_command` and :mod:`viewer.ui.kiosk.kiosk_mode`).
* ``factory-tour snapshot --out FILE.png [--view NAME] [--size WxH] [--time SECONDS | --stop ID]
  [--route PATH] [--camera seat|chase|overview] [--lang en|zh] [--plant PATH]`` renders a
  picture off-screen, with no display needed; ``--stop`` renders the seat view (or
  ``--camera``) in the middle of that stop of the route. ``--tile COLSxROWS:INDEX [--bezel MM]
  [--screen-width-mm MM]`` renders only that screen's tile of a video wall (``--size`` is one
  screen's; see :mod:`viewer.model.kiosk.wall_tiles`), as the kiosk with the same options draws it.
* ``factory-tour video --out FILE.mp4|FILE.gif [--route PATH] [--start S] [--end S] [--fps 30]
  [--size 1920x1080] [--speed S] [--camera seat|chase|overview|auto] [--lang en|zh|both]
  [--quality low|medium|high|auto]`` renders a tour video off-screen (see
  :mod:`viewer.app.video_command`).
* ``factory-tour check-route [PATH] [--plant PATH] [--json]`` checks a route: exit 0 when it
  passes, 1 when it has problems (listed), 2 when a file cannot be read. It also warns (without
  failing) of characters in the route's names and narrations that the 3D-text font cannot draw.

The options, their defaults and ranges are declared once in :mod:`viewer.model.options`. Bad
input prints one line ``error: <file>: <field>: <what is wrong>`` and exits with status 2.
Standard error carries only the program's own lines: VTK's messages go to Python logging (see
:mod:`viewer.ui.vtk_output`) and are printed only with ``--verbose``. ``snapshot``, ``video``,
``check-route`` and ``script`` import no Qt widgets; the window and the kiosk import the ui
when they open.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from viewer.app.arguments import UsageError, build_parser
from viewer.app.wall_arguments import wall_tile
from viewer.model.errors import DataFileError
from viewer.model.quality import resolve
from viewer.ui.vtk_output import configure_logging, route_vtk_output

__all__ = ["EXIT_BAD_INPUT", "UsageError", "build_parser", "main"]

EXIT_BAD_INPUT = 2
_STARTED = time.perf_counter()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    try:
        args = build_parser().parse_args(argv)
        _check_lang(args)
        configure_logging(args.verbose)
        args.wall_tile = wall_tile(args)  # a video wall's tile, or None
        if args.command != "check-route":  # every command that draws with VTK
            route_vtk_output()
        if getattr(args, "kiosk", False):
            from viewer.app.kiosk_command import run_kiosk

            return run_kiosk(args, argv)
        if args.command == "snapshot":
            return _snapshot(args)
        if args.command == "check-route":
            return _check_route(args)
        if args.command == "script":
            return _script(args)
        if args.command == "video":
            from viewer.app.video_command import run_video

            return run_video(args, _load(args))
        return _window(args)
    except UsageError as exc:
        return _fail(str(exc))
    except DataFileError as exc:
        return _fail(str(exc))


def _check_lang(args: argparse.Namespace) -> None:
    """``--lang both`` is for the kiosk; elsewhere the default is English."""
    if args.lang == "both" and not (getattr(args, "kiosk", False) or args.command == "video"):
        raise UsageError("--lang: both is for --kiosk and video; choose en or zh")
    if args.lang is None and args.command is not None:
        args.lang = "en"  # the window (no command) opens in the language chosen last time
    for option in ("supervise", "resume", "screen", "sync", "hours"):
        if getattr(args, option, None) not in (None, False) and not args.kiosk:
            raise UsageError(f"--{option}: only with --kiosk")
    routes = getattr(args, "route", None)
    if isinstance(routes, list):  # the window's --route may be given several times (a playlist)
        if len(routes) > 1 and not args.kiosk:
            raise UsageError("--route: several routes (a playlist) only with --kiosk")
        args.routes, args.route = routes, routes[0]


def _fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return EXIT_BAD_INPUT


def _use_car_model(args: argparse.Namespace) -> str | None:
    """Load ``--car-model`` if given; on a problem say why (the parametric car stays)."""
    if args.car_model is None:
        return None
    from viewer.scene import shapes
    from viewer.scene.cars.car_model import CarModelError, read_car_model

    try:
        shapes.set_car_model(read_car_model(args.car_model))
    except CarModelError as exc:
        message = f"{exc}; the parametric SU7 is drawn instead"
        print(f"warning: {message}", file=sys.stderr)
        return message
    return None


def _load(args: argparse.Namespace) -> object:
    from viewer.model.plant.layout import load_plant

    return load_plant(args.plant)


def _check_route(args: argparse.Namespace) -> int:
    import json

    from viewer.model.glyph_coverage import route_glyph_warnings
    from viewer.model.tour.route import load_route
    from viewer.model.tour.route_check import check_route
    from viewer.model.tour.video_plan import clock_text as _clock

    plant = _load(args)
    route = load_route(args.path)
    report = check_route(route, plant)  # type: ignore[arg-type]
    warnings = route_glyph_warnings(route)  # characters the 3D-text font cannot draw
    if args.json:
        print(json.dumps({**report.as_dict(), "warnings": warnings}, ensure_ascii=False))
    else:
        print(
            f"{route.source}: drive {_clock(report.drive_time_s)} "
            f"(plan {_clock(route.plan_drive_s)}), total with stops "
            f"{_clock(report.total_time_s)}, {len(route.stops)} stops"
        )
        if report.ride is not None:
            ride = report.ride
            print(
                f"test ride [stop {ride['stop']}]: one lap of {ride['length_m'] / 1000:.2f} km, "
                f"{_clock(ride['lap_s'])} (plan {_clock(ride['plan_lap_s'])}), "
                f"top speed {ride['top_kmh']:.0f} km/h"
            )
        for problem in report.problems:
            where = f" at ({problem.xy[0]:.0f}, {problem.xy[1]:.0f})" if problem.xy else ""
            stop = f" [stop {problem.stop}]" if problem.stop else ""
            print(f"problem: {problem.kind}{stop}{where}: {problem.message}")
        for warning in warnings:
            print(f"warning: {warning}")
        print("ok" if report.ok else f"{len(report.problems)} problem(s)")
    return 0 if report.ok else 1


def _script(args: argparse.Namespace) -> int:
    from viewer.model.tour.route import load_route

    plant = _load(args)
    route = load_route(args.path)
    out: Path = args.out
    if not out.parent.exists():
        raise UsageError(f"{out}: --out: folder {out.parent} does not exist")
    if not os.environ.get("QT_QPA_PLATFORM") and not os.environ.get("DISPLAY"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"  # a PDF needs no screen
    from viewer.ui.tour.script_pdf import write_script

    _app = _gui_application()
    try:
        write_script(route, plant, out, lang=args.lang)  # type: ignore[arg-type]
    except OSError as exc:
        raise UsageError(f"{out}: --out: {exc}") from None
    print(out)
    return 0


def _gui_application() -> object:
    """Qt's application for painting a PDF: a QGuiApplication (fonts, no widgets), or a
    QApplication where widgets are loaded already (a test run), whose widgets need one."""
    if "PySide6.QtWidgets" in sys.modules:
        from PySide6.QtWidgets import QApplication

        return QApplication.instance() or QApplication(sys.argv[:1])
    from PySide6.QtGui import QGuiApplication

    return QGuiApplication.instance() or QGuiApplication(sys.argv[:1])


def _snapshot(args: argparse.Namespace) -> int:
    plant = _load(args)
    names = [view.name for view in plant.views]  # type: ignore[attr-defined]
    if args.view not in names:
        raise DataFileError(
            plant.source,
            "views",  # type: ignore[attr-defined]
            f"unknown view {args.view!r}; expected one of {', '.join(names)}",
        )
    _use_car_model(args)
    out: Path = args.out
    if not out.parent.exists():
        raise UsageError(f"{out}: --out: folder {out.parent} does not exist")
    from viewer.model.tour.route import load_route
    from viewer.scene.snapshot import save_snapshot

    route = load_route(args.route) if (args.route or args.camera or args.stop) else None
    if args.route and not (args.camera or args.stop):
        raise UsageError("--route: give --camera seat, chase or overview to render the tour")
    if args.stop is not None:
        if args.time is not None:
            raise UsageError("--stop: give either --stop or --time, not both")
        ids = [stop.id for stop in route.stops]  # type: ignore[union-attr]
        if args.stop not in ids:
            raise DataFileError(
                route.source,  # type: ignore[union-attr]
                "stops",
                f"unknown stop {args.stop!r}; expected one of {', '.join(ids)}",
            )

    try:
        save_snapshot(
            plant,  # type: ignore[arg-type]
            out,
            view=args.view,
            size=args.size,
            lang=args.lang,
            time=args.time,
            route=route,
            camera=args.camera,
            quality=None if args.quality is None else resolve(args.quality, ""),
            stop=args.stop,
            tile=args.wall_tile,
            bezel_mm=args.bezel,
            screen_width_mm=args.screen_width_mm,
        )
    except OSError as exc:
        raise UsageError(f"{out}: --out: {exc}") from None
    print(out)
    return 0


def _window(args: argparse.Namespace) -> int:
    plant = _load(args)  # a broken file is reported before any window opens
    from viewer.model.tour.route import load_route

    route = load_route(args.route)
    if not os.environ.get("QT_QPA_PLATFORM") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or sys.platform != "linux"
    ):
        return _fail("no display: run the window on a desktop, or use 'factory-tour snapshot'")
    # The scene's libraries before Qt: once PySide6 is imported it reads the source of every
    # module imported after it (a second of start-up for PyVista's plotting and Matplotlib)
    import pyvista.plotting  # noqa: F401
    from PySide6.QtWidgets import QApplication

    from viewer.ui.fonts import install_app_font
    from viewer.ui.window.main_window import MainWindow

    car_problem = _use_car_model(args)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_app_font(app)  # type: ignore[arg-type]
    window = MainWindow(
        plant,
        lang=args.lang,  # type: ignore[arg-type]
        play=not args.paused,
        rehearse=args.rehearse,
        quality=args.quality,
    )
    if args.route is not None:  # checked as in File > Open route: problems shown, standard kept
        window.tour.open_route(route.source)
    if car_problem:  # a dialog, as for every file that cannot be used
        from PySide6.QtWidgets import QMessageBox

        from viewer.ui.strings import tr

        window.report_problem(
            tr("car_model_error_title", window.lang), car_problem, QMessageBox.Icon.Warning
        )
    if args.quit_after_first_frame:

        def report() -> None:
            print(f"first-frame-seconds {time.perf_counter() - _STARTED:.3f}", flush=True)
            window.close()

        window.first_frame.connect(report)
    window.show()
    return app.exec()
