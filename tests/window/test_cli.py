"""The command line: snapshot writes a PNG; bad input is one line on stderr and exit 2."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
import pyvista as pv

from viewer.app.cli import main


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "viewer", *args], capture_output=True, text=True, timeout=120
    )


def test_snapshot_writes_a_png_of_the_right_size(tmp_path):
    out = tmp_path / "body.png"
    result = _run(
        "snapshot", "--out", str(out), "--view", "body", "--size", "400x240", "--lang", "zh"
    )
    assert result.returncode == 0, result.stderr
    image = pv.read(out)
    assert image.dimensions[:2] == (400, 240)
    assert np.asarray(image.active_scalars).std() > 20


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["snapshot", "--out", "x.png", "--view", "moon"], "views: unknown view 'moon'"),
        (["snapshot", "--out", "x.png", "--size", "big"], "expected WIDTHxHEIGHT"),
        (["snapshot", "--out", "/no/such/folder/x.png"], "--out: folder /no/such/folder"),
        (["--lang", "fr"], "invalid choice: 'fr'"),
        (["snapshot", "--out", "x.png", "--time", "noon"], "expected a number of seconds"),
        (["snapshot", "--out", "x.png", "--time", "-5"], "must be 0 to 1e9 seconds"),
        (["snapshot", "--out", "x.png", "--lang", "both"], "--lang: both is for --kiosk"),
        (["--supervise"], "--supervise: only with --kiosk"),
        (["--kiosk", "--speed", "100"], "must be 0.25 to 16"),
        (["--kiosk", "--idle-seconds", "soon"], "expected a number of seconds"),
    ],
)
def test_bad_arguments_exit_2_with_one_line(capsys, args, expected):
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and expected in err
    assert err.count("\n") == 1


def test_broken_plant_file_is_one_line_without_traceback(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text('[plant]\nname = { en = "x", zh = "x" }\nsite_area_m2 = -1\n')
    for args in (["snapshot", "--out", str(tmp_path / "a.png")], []):
        result = _run(*args, "--plant", str(broken))
        assert result.returncode == 2
        assert result.stderr.startswith(f"error: {broken}:")
        assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    syntax = tmp_path / "syntax.toml"
    syntax.write_text("[plant\n")
    result = _run("snapshot", "--out", str(tmp_path / "b.png"), "--plant", str(syntax))
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {syntax}:1: syntax: not valid TOML")


def test_snapshot_at_a_time_shows_that_moment(tmp_path):
    images = []
    for seconds in ("30000", "30000", "30030"):
        out = tmp_path / f"at-{len(images)}.png"
        args = ["snapshot", "--out", str(out), "--view", "stamping", "--size", "320x180"]
        assert main([*args, "--time", seconds]) == 0
        images.append(np.asarray(pv.read(out).active_scalars).astype(int))
    np.testing.assert_array_equal(images[0], images[1])
    assert (np.abs(images[2] - images[0]).sum(axis=1) > 30).sum() > 20


def test_check_route_exit_codes_and_json(tmp_path, capsys):
    import json

    from viewer.model.tour.route import default_route_path

    assert main(["check-route"]) == 0
    assert "ok" in capsys.readouterr().out
    assert main(["check-route", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is True and abs(report["drive_time_s"] - 900) <= 30
    assert report["total_time_s"] > report["drive_time_s"] and len(report["stops"]) == 11
    text = default_route_path().read_text(encoding="utf-8")
    cut = tmp_path / "cut.toml"  # straight through the body shop's welding lines
    cut.write_text(
        text.replace("[430, 437], [540, 437],", "[430, 437], [500, 437], [500, 460], [540, 460],")
    )
    assert main(["check-route", str(cut), "--json"]) == 1
    problems = json.loads(capsys.readouterr().out)["problems"]
    assert {"robot-clearance", "off-aisle"} <= {p["kind"] for p in problems}
    assert all("message" in p for p in problems)
    broken = tmp_path / "broken.toml"
    broken.write_text(text.replace("dwell_s = 60\n", "dwell_s = oops\n", 1))
    assert main(["check-route", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {broken}:") and err.count("\n") == 1


def test_snapshot_of_the_tour_from_each_camera(tmp_path):
    images = {}
    for camera in ("seat", "chase", "overview"):
        out = tmp_path / f"{camera}.png"
        args = ["snapshot", "--out", str(out), "--size", "320x180", "--camera", camera]
        assert main([*args, "--time", "1100"]) == 0
        images[camera] = np.asarray(pv.read(out).active_scalars).astype(int)
        assert images[camera].std() > 10
    assert np.abs(images["seat"] - images["chase"]).mean() > 5
    assert main(["snapshot", "--out", str(tmp_path / "x.png"), "--route", "r.toml"]) == 2


@pytest.mark.parametrize(
    ("old", "new", "kind"),
    [
        ("  [600, 258],", "  [700, 200], [600, 258],", "off-aisle"),
        ('from = "test-track"', 'from = "test-trak"', "stop"),
        ('narration.zh = "欢迎', 'narration.zh = ""  # "欢迎', "translation"),
        ("plan_drive_s = 900", "plan_drive_s = 600", "timing"),
    ],
)
def test_check_route_exits_1_for_each_kind_of_problem(tmp_path, capsys, old, new, kind):
    import json

    from viewer.model.tour.route import default_route_path

    text = default_route_path().read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "route.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    assert main(["check-route", str(path), "--json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False and kind in {p["kind"] for p in report["problems"]}


def test_window_with_a_broken_route_file_exits_2_before_opening(tmp_path, capsys):
    broken = tmp_path / "route.toml"
    broken.write_text("[route]\nname = 3\n", encoding="utf-8")
    assert main(["--route", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {broken}:") and "route.waypoints: missing" in err


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_script_pdf_has_a_cover_and_a_page_per_stop(tmp_path, lang):
    from pypdf import PdfReader

    from viewer.model.tour.route import load_route

    out = tmp_path / f"script-{lang}.pdf"
    assert main(["script", "--out", str(out), "--lang", lang]) == 0
    reader = PdfReader(out)
    route = load_route()
    assert len(reader.pages) == len(route.stops) + 1

    def text(page: int) -> str:  # words as the extractor splits them, joined by spaces
        return " ".join(reader.pages[page].extract_text().split())

    cover = text(0)
    for k, stop in enumerate(route.stops):
        name = stop.name.get(lang)
        assert name in cover  # the timetable
        assert name in text(k + 1)  # its own page
    assert route.name.get(lang) in cover


def test_script_of_a_broken_route_is_a_clean_error(tmp_path, capsys):
    broken = tmp_path / "route.toml"
    broken.write_text("[route\n", encoding="utf-8")
    assert main(["script", str(broken), "--out", str(tmp_path / "s.pdf")]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {broken}:1: syntax:") and err.count("\n") == 1


def test_rehearse_option_opens_the_window_in_rehearsal_mode(qapp, monkeypatch, tmp_path):
    import shutil

    from viewer.model.tour.route import default_route_path
    from viewer.ui.window import main_window

    route = tmp_path / "my-tour.toml"
    shutil.copyfile(default_route_path(), route)
    opened = []

    class Spy(main_window.MainWindow):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            opened.append(self)

        def closeEvent(self, event):  # noqa: N802 - Qt's name
            opened.append((self.tour.rehearsal.active, self.tour.motion.route.source))
            super().closeEvent(event)

    monkeypatch.setattr(main_window, "MainWindow", Spy)
    assert main(["--rehearse", "--route", str(route), "--quit-after-first-frame"]) == 0
    assert opened[-1] == (True, route)


def test_snapshot_of_a_stop_is_the_seat_view_in_its_middle(tmp_path, plant):
    from viewer.model.tour.route import load_route
    from viewer.model.tour.shuttle import TourMotion

    route = load_route()
    tour = TourMotion(route, plant)
    k = [stop.id for stop in route.stops].index("stamping")
    middle = float(tour.stop_times[k]) + route.stops[k].dwell / 2  # the plant moves: exact T
    size = ["--size", "320x180", "--quality", "low"]
    pngs = {name: tmp_path / f"{name}.png" for name in ("stop", "time", "chase")}
    assert main(["snapshot", "--out", str(pngs["stop"]), "--stop", "stamping", *size]) == 0
    at_time = ["--camera", "seat", "--time", repr(middle), *size]
    assert main(["snapshot", "--out", str(pngs["time"]), *at_time]) == 0
    chase = ["--stop", "stamping", "--camera", "chase", *size]
    assert main(["snapshot", "--out", str(pngs["chase"]), *chase]) == 0
    image = {n: np.asarray(pv.read(p).active_scalars).astype(int) for n, p in pngs.items()}
    np.testing.assert_array_equal(image["stop"], image["time"])
    assert image["stop"].std(axis=0).min() > 8  # not blank: every channel varies
    assert np.abs(image["stop"] - image["chase"]).mean() > 5  # --camera is used at that moment


def test_snapshot_stop_errors_are_one_line(tmp_path, capsys):
    from viewer.model.tour.route import default_route_path, load_route

    out = str(tmp_path / "x.png")
    assert main(["snapshot", "--out", out, "--stop", "moon"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {default_route_path()}: stops: unknown stop 'moon'")
    assert all(stop.id in err for stop in load_route().stops) and err.count("\n") == 1
    assert main(["snapshot", "--out", out, "--stop", "paint", "--time", "5"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: --stop:") and "--time" in err and err.count("\n") == 1
    assert not (tmp_path / "x.png").exists()
