"""Property-based tests: any input to the data-file loaders either loads or gives the clean error.

"The clean error" is :class:`DataFileError` naming the file, on one line; anything else
(``OverflowError``, ``RecursionError``, ``ValueError``, ``TypeError``, ...) fails. Inputs are the
bundled files mutated (hostile numbers, nesting, values of the wrong kind, truncation) and free
text. The guide's notes round-trip whatever they hold, or are refused with the clean error.
"""

from __future__ import annotations

import re
from pathlib import Path

import tomlkit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mutations import mutate

from viewer.model.assets import default_plant_path
from viewer.model.classroom.explain import explanations_path, load_explanations
from viewer.model.data_file import parse_json, parse_toml
from viewer.model.errors import DataFileError
from viewer.model.fields import tomllib
from viewer.model.plant.layout import load_plant
from viewer.model.tour.route import default_route_path, load_route
from viewer.model.tour.route_notes import route_text_with_notes

FEW = settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
HOSTILE_VALUES = [
    "1" * 401,
    "-" + "9" * 5000,
    "1e400",
    "nan",
    "-inf",
    "[" * 40 + "]" * 40,
    "".join(f"{{{key} = " for key in "abcdefghijklmnopq") + "1" + "}" * 17,
    '"x"',
    "true",
    "[]",
    "{}",
    '"' + "y" * 5000 + '"',
    "1979-05-27T07:32:00Z",
    "0x7fffffffffffffff",
]
TEXT = st.text(st.characters(codec="utf-8"), max_size=200)


def _mutate_values(text: str, data: st.DataObject) -> str:
    """``text`` with the value of one ``key = value`` line replaced by a hostile one, or mutated
    as :func:`mutations.mutate` does."""
    if data.draw(st.booleans()):
        return mutate(text, data, HOSTILE_VALUES)
    lines = text.splitlines(keepends=True)
    assignments = [i for i, line in enumerate(lines) if re.match(r"^\s*[\w.]+\s*=", line)]
    index = data.draw(st.sampled_from(assignments))
    key = lines[index].split("=", 1)[0]
    lines[index] = f"{key}= {data.draw(st.sampled_from(HOSTILE_VALUES))}\n"
    return "".join(lines)


def _loads_or_clean_error(load: object, path: Path) -> object | None:
    try:
        return load(path)  # type: ignore[operator]
    except DataFileError as err:
        assert err.file == str(path)
        assert err.field and err.problem
        assert "\n" not in str(err) and "\r" not in str(err)
        return None


@FEW
@given(data=st.data())
def test_any_route_file_loads_or_gives_the_clean_error(tmp_path, data):
    path = tmp_path / "route.toml"
    text = default_route_path().read_text(encoding="utf-8")
    path.write_text(_mutate_values(text, data), encoding="utf-8")
    _loads_or_clean_error(load_route, path)


@settings(
    max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_plant_file_loads_or_gives_the_clean_error(tmp_path, data):
    path = tmp_path / "plant.toml"
    text = default_plant_path().read_text(encoding="utf-8")
    path.write_text(_mutate_values(text, data), encoding="utf-8")
    _loads_or_clean_error(load_plant, path)


@FEW
@given(data=st.data())
def test_any_explanations_file_loads_or_gives_the_clean_error(tmp_path, data):
    path = tmp_path / "explain.toml"
    text = explanations_path().read_text(encoding="utf-8")
    path.write_text(_mutate_values(text, data), encoding="utf-8")
    _loads_or_clean_error(load_explanations.__wrapped__, path)


JSON_LIKE = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**500), 10**500)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3)
    ),
    max_leaves=30,
)


def _route_paths(value: object, path: tuple = ()) -> list[tuple]:
    """Every place in the route's data where a value can be replaced."""
    places = [path] if path else []
    if isinstance(value, dict):
        for key, item in value.items():
            places += _route_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            places += _route_paths(item, (*path, index))
    return places


@FEW
@given(data=st.data())
def test_a_route_with_any_value_anywhere_loads_or_gives_the_clean_error(tmp_path, data):
    document = tomllib.loads(default_route_path().read_text(encoding="utf-8"))
    place = data.draw(st.sampled_from(_route_paths(document)))
    value = data.draw(JSON_LIKE.filter(lambda v: v is not None))
    target = document
    for key in place[:-1]:
        target = target[key]
    target[place[-1]] = value
    try:
        text = tomlkit.dumps(document)
    except Exception:  # noqa: BLE001 - a value TOML cannot hold (None in a list): not a file
        return
    path = tmp_path / "route.toml"
    path.write_text(text, encoding="utf-8")
    _loads_or_clean_error(load_route, path)


@settings(max_examples=60, deadline=None)
@given(TEXT)
def test_any_text_parses_or_gives_the_clean_error(text):
    for parse in (parse_toml, parse_json):
        try:
            parse(text, "data.txt")
        except DataFileError as err:
            assert str(err).startswith("data.txt")
            assert "\n" not in str(err)


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(["[", "]", "{", "}", "a = ", "1", ",", "\n", "x.y = ", '"']), max_size=400
    )
)
def test_bracket_soup_parses_or_gives_the_clean_error(pieces):
    text = "".join(pieces)
    try:
        parse_toml(text, "soup.toml")
    except DataFileError:
        pass


NOTE = st.lists(
    st.characters(blacklist_categories=("Cs",))
    | st.sampled_from(["\r\n", "\r", "\n", '"""', "\\", "\t", "\x00", "\x7f"]),
    max_size=60,
).map("".join)


@FEW
@given(
    note=NOTE,
    inline=st.booleans(),
    existing=st.sampled_from(["none", "dotted", "inline", "table"]),
)
def test_notes_round_trip_whatever_they_hold(note, inline, existing):
    notes = {
        "none": "",
        "dotted": 'notes.en = "old"\n',
        "inline": 'notes = {en = "old", zh = "旧"}\n',
        "table": "",
    }[existing]
    if inline:
        inline_notes = {"none": "", "dotted": ', notes.en = "old"', "table": ""}.get(
            existing, ', notes = {en = "old"}'
        )
        text = f'stops = [{{id = "a", dwell_s = 1{inline_notes}}}, {{id = "b", dwell_s = 2}}]\n'
    else:
        text = f'[[stops]]\nid = "a"\ndwell_s = 1\n{notes}'
        if existing == "table":
            text += '[stops.notes]\nen = "old"\n'
        text += '[[stops]]\nid = "b"\n'
    result = route_text_with_notes(text, "r.toml", {"a": {"en": note, "zh": note[::-1]}})
    stops = tomllib.loads(result)["stops"]
    assert stops[0]["notes"]["en"] == note.strip()
    assert stops[0]["notes"]["zh"] == note[::-1].strip()
    assert stops[1] == tomllib.loads(text)["stops"][1]


@FEW
@given(note=st.text(max_size=40))
def test_any_note_is_saved_or_refused_with_the_clean_error(note):
    text = '[[stops]]\nid = "a"\n'
    try:
        result = route_text_with_notes(text, "r.toml", {"a": {"en": note}})
    except DataFileError as err:
        assert err.field == "stops[0].notes.en"
        assert "cannot be saved" in err.problem
        assert any(0xD800 <= ord(char) <= 0xDFFF for char in note)
        return
    assert tomllib.loads(result)["stops"][0]["notes"]["en"] == note.strip()
