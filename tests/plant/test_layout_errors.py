"""A broken layout file raises DataFileError naming the file, the field and the line."""

from __future__ import annotations

import re

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import mutate

from viewer.model.errors import DataFileError
from viewer.model.motion.simulation import PlantSimulation
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.layout import load_plant


def _replace_once(text: str, old: str, new: str) -> str:
    assert old in text, old
    return text.replace(old, new, 1)


def _line_of(text: str, snippet: str) -> int:
    return text[: text.index(snippet)].count("\n") + 1


def test_bad_syntax_names_the_line(plant_text, write_plant):
    broken = _replace_once(plant_text, "height_m = 24", "height_m = = 24")
    path = write_plant(broken)
    with pytest.raises(DataFileError) as info:
        load_plant(path)
    err = info.value
    assert err.file == str(path) and err.field == "syntax"
    assert err.line == _line_of(broken, "height_m = = 24")
    assert str(err).startswith(f"{path}:{err.line}: syntax: not valid TOML")


def test_missing_field(plant_text, write_plant):
    broken = _replace_once(plant_text, 'kind = "workshop"\n', "")
    with pytest.raises(DataFileError, match=r"buildings\[0\]\.kind: missing required field"):
        load_plant(write_plant(broken))


def test_wrong_type_names_field_and_line(plant_text, write_plant):
    broken = _replace_once(plant_text, "height_m = 26", 'height_m = "tall"')
    with pytest.raises(DataFileError) as info:
        load_plant(write_plant(broken))
    assert info.value.field == "buildings[1].height_m"
    assert info.value.line == _line_of(broken, 'height_m = "tall"')
    assert "must be a number" in info.value.problem


def test_unknown_station_type(plant_text, write_plant):
    broken = _replace_once(plant_text, 'type = "press_line"', 'type = "laser_cannon"')
    with pytest.raises(DataFileError) as info:
        load_plant(write_plant(broken))
    assert re.fullmatch(r"equipment\[\d+\]\.type", info.value.field)
    assert "unknown station type 'laser_cannon'" in info.value.problem
    assert info.value.line == _line_of(broken, 'type = "laser_cannon"')


def test_negative_size(plant_text, write_plant):
    broken = _replace_once(
        plant_text, "machine_size_m = [22, 8, 6.5]", "machine_size_m = [22, -8, 6.5]"
    )
    with pytest.raises(DataFileError, match=r"machine_size_m: must be positive, got -8"):
        load_plant(write_plant(broken))


def test_negative_height(plant_text, write_plant):
    broken = _replace_once(plant_text, "height_m = 16", "height_m = -16")
    with pytest.raises(DataFileError, match=r"buildings\[2\]\.height_m: must be positive"):
        load_plant(write_plant(broken))


def test_press_inside_nested_table_is_located(plant_text, write_plant):
    broken = _replace_once(plant_text, "tonnage_t = 2000", "tonnage_t = 0")
    with pytest.raises(DataFileError) as info:
        load_plant(write_plant(broken))
    assert re.fullmatch(r"equipment\[\d+\]\.presses\[0\]\.tonnage_t", info.value.field)
    assert info.value.line == _line_of(broken, "tonnage_t = 0")


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('workshop = "stamping"', 'workshop = "moon-base"', "no building has the id 'moon-base'"),
        ('id = "body"\n', 'id = "stamping"\n', "duplicate 'stamping'"),
        (
            "points = [[690, 582], [690, 588]]",
            "points = [[300, 100], [400, 100]]",
            "does not connect to the aisle network",
        ),
        ('target = "paint"', 'target = "nowhere"', "unknown target 'nowhere'"),
        ('estimated = ["boundary"]', 'estimated = ["shape"]', "names 'shape'"),
        ("corner_radius_m = 50", "corner_radius_m = nan", "must be a finite number"),
        ("stations = 30", "stations = 30.5", "must be a whole number"),
        ('  "framing-line",\n', '  "framing-lne",\n', "no equipment has the id 'framing-lne'"),
        ('  "framing-line",\n', '  "closures-cell-doors",\n', "is not a station line"),
        ('  "framing-line",\n', '  "side-frame-line",\n', "'side-frame-line' carries no"),
        ('  "framing-line",\n', '  "pack-welding-line",\n', "the lines carry different"),
        ('  "framing-line",\n', '  "underbody-line",\n', "appears more than once"),
        ("index_s = 12\n", "index_s = 80\n", "must be shorter than the takt (76 s)"),
        ('["pack-welding-line", "pack-gluing-line"]', '["final-line"]', "is already in flow"),
        ("[[733.25, 509]", "[[1e9, 509]", "(1e+09, 509) is off the site (x -100 to 1200"),
        ("exit = [[215, 305]", "exit = [[215, -3e5]", "(215, -300000) is off the site"),
        ("takt_s = 76 ", "takt_s = 0.001 ", "takt_s: must be at least 10"),
        (
            "transfer_speed_m_s = 0.5\nexit = [[215",
            "transfer_speed_m_s = 1e-9\nexit = [[215",
            "at least 0.05",
        ),
    ],
)
def test_reference_and_value_errors(plant_text, write_plant, old, new, message):
    with pytest.raises(DataFileError, match=re.escape(message)):
        load_plant(write_plant(_replace_once(plant_text, old, new)))


def test_missing_and_unreadable_files(tmp_path):
    with pytest.raises(DataFileError, match="file not found"):
        load_plant(tmp_path / "nope.toml")
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(DataFileError, match="not UTF-8"):
        load_plant(binary)


def _check_loads_or_clean_error(path):
    try:
        plant = load_plant(path)
    except DataFileError as err:
        assert err.file == str(path) and err.field and err.problem
        return
    parts = plant_parts(plant)  # a file that loads must also expand into parts
    simulation = PlantSimulation(plant, parts)  # and run
    state = simulation.state(simulation.start_time + 30.0)
    assert np.isfinite(state.poses.flange).all()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_mutated_files_load_or_raise_the_clean_error(plant_text, write_plant, data):
    text = plant_text
    text = mutate(text, data, ["-1", "0", "1e9", "0.0001", "-0.5", "1e400", "3"])
    _check_loads_or_clean_error(write_plant(text))


def test_flow_errors_name_the_field_and_line(plant_text, write_plant):
    path = write_plant(_replace_once(plant_text, '  "framing-line",\n', '  "framing-lne",\n'))
    with pytest.raises(DataFileError) as caught:
        load_plant(path)
    line = plant_text.splitlines().index("stages = [") + 1
    assert caught.value.field == "flows[0].stages"
    assert str(caught.value).startswith(f"{path}:{line}: flows[0].stages: stage 1:")


def test_a_die_casting_cell_kilometres_wide_is_refused_before_its_fence_is_built(
    plant_text, write_plant
):
    """A die-casting cell's fence has a post every few metres: a cell 10^9 m wide would be
    hundreds of millions of boxes (it hung the loader, found by the mutation test above); the
    part limit refuses it with the clean error."""
    start = plant_text.index('type = "die_cast_cell"')
    at = plant_text.index("cell_size_m = [", start)
    end = plant_text.index("]", at)
    text = plant_text[:at] + "cell_size_m = [1e9, 60" + plant_text[end:]
    with pytest.raises(DataFileError) as caught:
        load_plant(write_plant(text))
    assert "part" in str(caught.value).lower() or "equipment" in str(caught.value)
