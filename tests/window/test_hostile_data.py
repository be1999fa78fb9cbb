"""Hostile data files and options: each gives its clean outcome, never a crash, hang or traceback.

Every hostile file is built here at run time (nothing large is committed). The command-line cases
run ``factory-tour check-route`` in a subprocess under a memory limit and a time bound, and
expect exit 2 with one line naming the file and the field.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import os
import re
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from viewer.model.assets import default_plant_path
from viewer.model.classroom.explain import equipment_names, load_explanations
from viewer.model.data_file import MAX_FILE_BYTES, read_json, read_toml
from viewer.model.errors import DataFileError
from viewer.model.fields import tomllib
from viewer.model.plant.layout import Lane, _check_connected, load_plant
from viewer.model.plant.plant_limits import MAX_ROBOTS, robot_count
from viewer.model.tour.route import default_route_path, load_route
from viewer.model.tour.route_notes import route_text_with_notes
from viewer.ui.tour.route_saving import backup_path, save_route_notes

MEMORY_LIMIT = 2 * 1024**3  # bytes of address space for a check-route subprocess
ONE_LINE = re.compile(r"error: [^\n]+\n")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))


def _check_route(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    """``factory-tour check-route ARGS`` under the memory limit; the result and its seconds."""
    start = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "check-route", *args],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
        env={**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"},
    )
    return result, time.monotonic() - start


def _assert_one_line(result: subprocess.CompletedProcess, file: Path, field: str) -> None:
    assert result.returncode == 2, result.stderr
    assert ONE_LINE.fullmatch(result.stderr), result.stderr
    assert result.stderr.startswith(f"error: {file}"), result.stderr
    assert f": {field}: " in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def _plant_text() -> str:
    return default_plant_path().read_text(encoding="utf-8")


def _route_text() -> str:
    return default_route_path().read_text(encoding="utf-8")


# -- files that are not regular files, or too large ---------------------------------------------
def test_a_fifo_route_is_refused_at_once(tmp_path):
    fifo = tmp_path / "route.toml"
    os.mkfifo(fifo)  # nobody ever writes: reading it would wait forever
    result, seconds = _check_route(str(fifo))
    _assert_one_line(result, fifo, "(file)")
    assert "is a FIFO, not a regular file" in result.stderr
    assert seconds < 30


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_symlink_to_a_device_is_refused_as_plant(tmp_path, device):
    link = tmp_path / "plant.toml"
    link.symlink_to(device)
    result, seconds = _check_route("--plant", str(link))
    _assert_one_line(result, link, "(file)")
    assert "is a device, not a regular file" in result.stderr
    assert seconds < 30


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_symlink_to_a_device_is_refused_as_route_and_explanations(tmp_path, device):
    link = tmp_path / "route.toml"
    link.symlink_to(device)
    with pytest.raises(DataFileError, match="is a device, not a regular file"):
        load_route(link)
    with pytest.raises(DataFileError, match="is a device, not a regular file"):
        load_explanations(link)


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(DataFileError) as caught:
        load_plant(tmp_path)
    assert str(caught.value) == f"{tmp_path}: (file): is a folder, not a file"


def test_a_200_mb_route_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.toml"
    with path.open("wb") as file:
        file.truncate(200 * 1024 * 1024)  # sparse: no disk used
    start = time.monotonic()
    with pytest.raises(DataFileError) as caught:
        load_route(path)
    assert time.monotonic() - start < 1
    assert str(caught.value) == f"{path}: (file): is 200.0 MB; a data file may be at most 2.0 MB"


def test_a_file_just_over_the_limit_is_refused(tmp_path):
    path = tmp_path / "big.toml"
    path.write_bytes(b"# " + b"x" * (MAX_FILE_BYTES - 1) + b"\n")
    with pytest.raises(DataFileError, match="a data file may be at most 2.0 MB"):
        read_toml(path)


# -- numbers and nesting beyond Python's own limits ---------------------------------------------
def test_a_401_digit_integer_names_the_field_and_line(tmp_path):
    text = _plant_text().replace("height_m = 26", "height_m = " + "9" * 401, 1)
    path = tmp_path / "plant.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_plant(path)
    line = text[: text.index("height_m = 999")].count("\n") + 1
    assert str(caught.value) == (
        f"{path}:{line}: buildings[1].height_m: a whole number of 401 digits; at most 1e15"
    )
    result, _ = _check_route("--plant", str(path))
    _assert_one_line(result, path, "buildings[1].height_m")


def test_a_401_digit_integer_in_a_points_list(tmp_path):
    text = _plant_text().replace("[1100, 0]", "[" + "1" * 401 + ", 0]", 1)
    path = tmp_path / "plant.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_plant(path)
    assert caught.value.field == "site.boundary[1][0]"
    assert caught.value.line == text[: text.index("1" * 401)].count("\n") + 1


def test_a_5000_digit_number_is_a_clean_error(tmp_path):
    text = _route_text().replace("dwell_s = 240", "dwell_s = " + "7" * 5000, 1)
    path = tmp_path / "route.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_route(path)
    line = text[: text.index("7" * 5000)].count("\n") + 1
    assert str(caught.value) == f"{path}:{line}: syntax: a number of 5000 digits; at most 1e15"


@pytest.mark.parametrize("opening", ["[", "{a = "])
def test_nesting_3000_deep_is_a_clean_error(tmp_path, opening):
    closing = "]" if opening == "[" else "}"
    deep = opening * 3000 + "1" + closing * 3000
    text = _route_text().replace("dwell_s = 240", f"dwell_s = {deep}", 1)
    path = tmp_path / "route.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_route(path)
    line = text[: text.index(deep)].count("\n") + 1
    assert str(caught.value) == f"{path}:{line}: syntax: nested more than 16 deep"
    result, seconds = _check_route(str(path))
    _assert_one_line(result, path, "syntax")
    assert seconds < 30


def test_nesting_17_deep_within_the_parser_names_the_field(tmp_path):
    text = _route_text().replace("dwell_s = 240", "dwell_s = " + "[" * 17 + "]" * 17, 1)
    path = tmp_path / "route.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"stops\[0\]\.dwell_s(\[0\])+: nested more than 16"):
        load_route(path)


def test_json_has_the_same_limits(tmp_path):
    cases = {
        "deep.json": ("[" * 3000 + "]" * 3000, "nested more than 16 deep"),
        "digits.json": ('{"a": ' + "1" * 5000 + "}", "a number of 5000 digits"),
        "big.json": ('{"a": ' + "1" * 401 + "}", "a: a whole number of 401 digits"),
        "nan.json": ('{"a": NaN}', "not valid JSON"),
        "text.json": (json.dumps({"a": "x" * 5000}), "a: a text of 5000 characters"),
    }
    for name, (text, message) in cases.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(DataFileError, match=re.escape(message)):
            read_json(path)
    (tmp_path / "ok.json").write_text('{"a": [1, "x"]}', encoding="utf-8")
    assert read_json(tmp_path / "ok.json")[0] == {"a": [1, "x"]}


def test_a_long_text_is_refused(tmp_path):
    text = _route_text().replace(
        'narration.en = "Welcome', 'narration.en = "' + "Welcome " * 300 + "Welcome", 1
    )
    path = tmp_path / "route.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match=r"stops\[0\]\.narration\.en: \d+ characters; at most"):
        load_route(path)


# -- a small file that asks for a great deal -----------------------------------------------------
def _many_robots_plant(lines: int) -> str:
    entry = (
        '\n[[equipment]]\nid = "extra-{k}"\ntype = "station_line"\nworkshop = "body"\n'
        "start = [300, 300]\nstations = 400\npitch_m = 6\nrobots_per_station = 12\n"
        'robot_task = "handling"\nconveyor = "none"\n'
    )
    return "".join(entry.format(k=k) for k in range(lines))


def test_a_15_kb_plant_asking_for_480000_robots_is_refused_quickly(tmp_path):
    extra = _many_robots_plant(100)
    assert len(extra) < 20000
    path = tmp_path / "plant.toml"
    path.write_text(_plant_text() + extra, encoding="utf-8")
    start = time.process_time()
    with pytest.raises(DataFileError) as caught:
        load_plant(path)
    assert time.process_time() - start < 5
    bundled = sum(robot_count(spec) for spec in load_plant().equipment)
    assert f"asks for {bundled + 480000} robots in all; at most {MAX_ROBOTS}" in str(caught.value)
    result, seconds = _check_route("--plant", str(path))
    # the first entry added (after the bundled ones) is the one that goes over the limit
    bundled = len(re.findall(r"^\[\[equipment\]\]", _plant_text(), re.MULTILINE))
    _assert_one_line(result, path, f"equipment[{bundled}]")
    assert seconds < 30


def test_a_plant_with_300000_boxes_is_refused(tmp_path):
    extra = (
        '\n[[equipment]]\nid = "racks-{k}"\ntype = "rack_area"\nworkshop = "body"\n'
        "origin = [300, 300]\nrows = 100\ncols = 100\npitch_m = [2, 2]\n"
        'rack_size_m = [1.5, 1.5, 40]\ncontent = "parts"\n'
    )
    path = tmp_path / "plant.toml"
    path.write_text(_plant_text() + extra.format(k=1), encoding="utf-8")
    with pytest.raises(DataFileError, match=r"expands into about \d+ parts; at most 300000"):
        load_plant(path)


def test_too_many_entries_are_refused_before_they_are_read(tmp_path):
    aisles = "".join(f'\n[[aisles]]\nid = "a{k}"\n' for k in range(5001))
    path = tmp_path / "plant.toml"
    path.write_text(_plant_text() + aisles, encoding="utf-8")
    bundled = len(load_plant().aisles)  # the bundled plant's own, then the 5001 added
    with pytest.raises(DataFileError, match=rf"aisles: {bundled + 5001} entries; at most 5000"):
        load_plant(path)


# -- the aisle network ----------------------------------------------------------------------------
def _connected_reference(lanes: list[Lane]) -> set[int]:
    """The lanes reached from lane 0, the slow way (every lane against every lane)."""
    reached, frontier = {0}, [0]
    while frontier:
        current = lanes[frontier.pop()]
        for index, other in enumerate(lanes):
            if index in reached:
                continue
            a = np.linalg.norm(other.points[:, None] - current.points[[0, -1]][None], axis=2)
            b = np.linalg.norm(other.points[[0, -1], None] - current.points[None], axis=2)
            if a.min() < 0.5 or b.min() < 0.5:
                reached.add(index)
                frontier.append(index)
    return reached


def _chain(count: int) -> list[Lane]:
    """``count`` lanes end to end along a zig-zag, each touching the next."""
    lanes = []
    for k in range(count):
        start = np.array([k * 2.0, (k % 7) * 0.1])
        end = np.array([(k + 1) * 2.0, ((k + 1) % 7) * 0.1])
        lanes.append(Lane(f"lane-{k}", np.array([start, end]), 4.0, True))
    return lanes


class _Doc:
    """Stands in for the layout's Fields: errors name the field."""

    def error(self, key: str, problem: str) -> DataFileError:
        return DataFileError("plant.toml", key, problem)


def test_4000_chained_lanes_are_checked_in_well_under_a_second():
    lanes = _chain(4000)
    # this thread's CPU time with the garbage collector held (a worker's heap from earlier tests
    # made one collection cost more than the check): a busy machine must not fail it, a
    # quadratic check would
    broken = lanes[:2500] + [
        Lane("gap", lanes[2500].points + [0, 0.6], 4.0, True),
        *lanes[2501:],
    ]
    gc.collect()
    gc.disable()
    try:
        start = time.thread_time()
        _check_connected(_Doc(), tuple(lanes))
        assert time.thread_time() - start < 0.5
        start = time.thread_time()
        with pytest.raises(DataFileError) as caught:
            _check_connected(_Doc(), tuple(broken))
        assert time.thread_time() - start < 0.5
    finally:
        gc.enable()
    # the moved lane and all after it are cut off; the first of them is named
    assert caught.value.field == "aisles[2500].points"
    assert "'gap' does not connect" in caught.value.problem


@pytest.mark.parametrize("seed", range(6))
def test_the_grid_check_joins_the_same_lanes_as_the_pairwise_one(seed):
    rng = np.random.default_rng(seed)
    lanes = []
    for k in range(40):
        count = int(rng.integers(2, 5))
        points = rng.uniform(0, 12, (count, 2))
        lanes.append(Lane(f"l{k}", points, 3.0, True))
    reached = _connected_reference(lanes)
    if len(reached) == len(lanes):
        _check_connected(_Doc(), tuple(lanes))
    else:
        first = min(set(range(len(lanes))) - reached)
        with pytest.raises(DataFileError) as caught:
            _check_connected(_Doc(), tuple(lanes))
        assert caught.value.field == f"aisles[{first}].points"


def _without(text: str, *headers: str) -> str:
    """The layout text without the sections under the given ``[[headers]]``."""
    sections = re.split(r"(?m)^(?=\[)", text)
    return "".join(part for part in sections if not part.startswith(headers))


def test_a_plant_with_4000_chained_aisles_loads_in_seconds(tmp_path):
    text = _without(_plant_text(), "[[crews]]", "[[forklifts]]")
    # chain 4000 short lanes off the end of an existing aisle lane
    anchor = re.search(r"\[\[aisles\]\][^\[]*?points = \[\[([\d.]+), ([\d.]+)\]", text)
    x, y = float(anchor.group(1)), float(anchor.group(2))
    extra = "".join(
        f'\n[[aisles]]\nid = "chain-{k}"\npoints = [[{x}, {y + k * 0.02:.2f}], '
        f"[{x}, {y + (k + 1) * 0.02:.2f}]]\nwidth_m = 3\nindoor = false\n"
        for k in range(4000)
    )
    path = tmp_path / "plant.toml"
    path.write_text(text + extra, encoding="utf-8")
    start = time.monotonic()
    plant = load_plant(path)
    bundled = len(load_plant().aisles)
    assert len(plant.aisles) == bundled + 4000
    assert time.monotonic() - start < 10
    # with the bundled crews, each of which is checked against each lane, it is refused at once
    path.write_text(_plant_text() + extra, encoding="utf-8")
    start = time.monotonic()
    refused = rf"crews: \d+ crews and forklift loops and {bundled + 4000} aisle"
    with pytest.raises(DataFileError, match=refused):
        load_plant(path)
    assert time.monotonic() - start < 10


# -- unknown keys ----------------------------------------------------------------------------------
def test_a_misspelt_optional_route_key_is_named_with_the_right_one(tmp_path):
    text = _route_text()
    assert "clearance_m = 1.0" in text
    text = text.replace("clearance_m = 1.0", "clearence_m = 20", 1)
    path = tmp_path / "route.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_route(path)
    line = text[: text.index("clearence_m")].count("\n") + 1
    assert str(caught.value) == (
        f"{path}:{line}: route.clearence_m: unknown field; did you mean `clearance_m`?"
    )


@pytest.mark.parametrize(
    ("old", "new", "field", "near"),
    [
        ("storeys = 2", "storys = 2", r"buildings\[\d+\]\.storys", "storeys"),
        (
            'robot_task = "spot_weld"',
            'robot_tsk = "spot_weld"',
            r"equipment\[\d+\]\.robot_tsk",
            "robot_task",
        ),
        ("takt_s = 76 ", "tact_s = 76 ", r"plant\.tact_s", "takt_s"),
        ("[site]\n", '[site]\nsurface = "grass"\n', r"site\.surface", None),
        ("[site]\n", "[sites]\nx = 1\n[site]\n", r"sites", "site"),
    ],
)
def test_unknown_plant_keys_are_errors(tmp_path, old, new, field, near):
    text = _plant_text()
    assert old in text, old
    path = tmp_path / "plant.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_plant(path)
    assert re.fullmatch(field, caught.value.field), caught.value
    assert caught.value.problem.startswith("unknown field")
    if near:
        assert f"did you mean `{near}`?" in caught.value.problem


def test_a_misspelt_required_key_is_hinted(tmp_path):
    path = tmp_path / "plant.toml"
    path.write_text(_plant_text().replace("height_m = 26", "heigth_m = 26", 1), encoding="utf-8")
    with pytest.raises(DataFileError) as caught:
        load_plant(path)
    assert caught.value.field == "buildings[1].height_m"
    assert caught.value.problem == "missing required field (the table has `heigth_m`: misspelt?)"


def test_unknown_explanation_keys_are_errors(tmp_path):
    from viewer.model.classroom.explain import explanations_path

    text = explanations_path().read_text(encoding="utf-8")
    path = tmp_path / "explain.toml"
    path.write_text(text.replace("[things.press]\n", "[things.press]\nkidd = 1\n", 1), "utf-8")
    with pytest.raises(DataFileError, match=r"things\.press\.kidd: unknown field; did you mean"):
        load_explanations(path)


def test_every_key_of_the_bundled_files_is_known():
    """The whole set of loaders on everything in assets/ and routes/ (no unknown key)."""
    load_plant()
    for path in sorted(default_route_path().parent.glob("*.toml")):
        load_route(path)
    load_explanations.cache_clear()
    equipment_names.cache_clear()
    assert load_explanations() and load_explanations(table="workshops") and equipment_names()


# -- the data folder and options --------------------------------------------------------------
def test_a_data_folder_that_is_a_file_is_a_clear_error(tmp_path, monkeypatch):
    from viewer.ui.user_data import data_dir

    file = tmp_path / "not-a-folder"
    file.write_text("x")
    monkeypatch.setenv("FACTORY_TOUR_DATA", str(file))
    with pytest.raises(DataFileError) as caught:
        data_dir()
    assert str(caught.value) == (
        f"{file}: FACTORY_TOUR_DATA: is a file; the data folder must be a folder"
    )


@pytest.mark.parametrize(
    ("size", "message"),
    [
        ("8192x8192", "each side must be 16 to 7680 pixels, got '8192x8192'"),
        ("7680x7680", "at most 7680x4320 pixels (8K) in all, got '7680x7680'"),
    ],
)
def test_snapshot_size_has_an_upper_bound(tmp_path, capsys, size, message):
    from viewer.app.cli import main

    out = tmp_path / "x.png"
    assert main(["snapshot", "--out", str(out), "--size", size]) == 2
    assert capsys.readouterr().err == f"error: argument --size: {message}\n"
    assert not out.exists()


def test_a_file_name_with_a_line_break_stays_on_one_line(tmp_path, capsys):
    from viewer.app.cli import main

    name = tmp_path / "two\nlines.toml"
    assert main(["check-route", "--plant", str(name)]) == 2
    err = capsys.readouterr().err
    assert err == f"error: {tmp_path}/two\\nlines.toml: (file): file not found\n"


# -- notes -----------------------------------------------------------------------------------------
def _toml(value: object) -> str:
    """A TOML value written inline (the test's own tiny writer)."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, (str, bool)):
        return json.dumps(value)
    return repr(value)


def _inline_stops_route(tmp_path: Path) -> Path:
    data = tomllib.loads(_route_text())
    lines = ["stops = ["] + [f"  {_toml(stop)}," for stop in data["stops"]] + ["]", "[route]"]
    lines += [f"{key} = {_toml(value)}" for key, value in data["route"].items()]
    for limit in data.get("limits", []):
        lines += ["[[limits]]"] + [f"{key} = {_toml(value)}" for key, value in limit.items()]
    path = tmp_path / "inline.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_route_with_inline_table_stops_saves_and_reads_back(tmp_path):
    path = _inline_stops_route(tmp_path)
    route = load_route(path)
    assert [stop.id for stop in route.stops] == [stop.id for stop in load_route().stops]
    notes = {
        "lobby": {"en": "First line\nsecond line", "zh": "第一行"},
        "paint": {"en": 'Quote " and backslash \\'},
    }
    save_route_notes(route, notes)
    again = load_route(path)
    assert again.stop("lobby").notes.en == "First line\nsecond line"
    assert again.stop("lobby").notes.zh == "第一行"
    assert again.stop("paint").notes.en == 'Quote " and backslash \\'
    assert again.waypoints.tolist() == route.waypoints.tolist()


def test_a_crlf_note_saves_and_reads_back_exactly(tmp_path):
    path = tmp_path / "route.toml"
    shutil.copyfile(default_route_path(), path)
    note = "Line one\r\nLine two\r\nLine three"
    save_route_notes(load_route(path), {"stamping": {"en": note}})
    assert load_route(path).stop("stamping").notes.en == note


def test_a_note_that_cannot_be_encoded_is_refused_and_the_file_kept(tmp_path):
    path = tmp_path / "route.toml"
    shutil.copyfile(default_route_path(), path)
    before = path.read_bytes()
    with pytest.raises(DataFileError) as caught:
        save_route_notes(load_route(path), {"stamping": {"en": "half \udc80 a character"}})
    assert caught.value.field.endswith(".notes.en")
    assert "holds a character that cannot be saved (U+DC80)" in caught.value.problem
    assert path.read_bytes() == before
    assert not backup_path(path).exists()


def test_notes_edited_into_a_string_give_the_clean_error(tmp_path):
    text = _route_text().replace('id = "stamping"\n', 'id = "stamping"\nnotes = "oops"\n', 1)
    path = tmp_path / "route.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(DataFileError, match="must be a table"):
        load_route(path)  # the file itself is refused on loading
    route = load_route(default_route_path())
    moved = dataclasses.replace(route, source=path)
    with pytest.raises(DataFileError) as caught:
        save_route_notes(moved, {"stamping": {"en": "x"}})
    assert re.fullmatch(r"stops\[\d+\]\.notes", caught.value.field)
    assert path.read_text(encoding="utf-8") == text


def test_a_backup_symlink_is_replaced_never_followed(tmp_path):
    path = tmp_path / "route.toml"
    shutil.copyfile(default_route_path(), path)
    target = tmp_path / "precious.txt"
    target.write_text("keep me")
    backup_path(path).symlink_to(target)
    save_route_notes(load_route(path), {"lobby": {"en": "hello"}})
    assert target.read_text() == "keep me"
    assert not backup_path(path).is_symlink()
    assert backup_path(path).read_bytes() == default_route_path().read_bytes()


def test_notes_into_a_file_with_deep_nesting_are_refused(tmp_path):
    text = _route_text() + "\n[extra]\nx = " + "[" * 3000 + "]" * 3000 + "\n"
    with pytest.raises(DataFileError, match="nested more than 16 deep"):
        route_text_with_notes(text, tmp_path / "r.toml", {"lobby": {"en": "x"}})
