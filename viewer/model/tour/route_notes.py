"""The guide's notes written back into a route file, keeping its comments and layout.

A route file is edited by people; saving notes must change nothing else in it. The file's
text is edited with tomlkit (a style-preserving TOML library): only the ``notes.en`` /
``notes.zh`` keys of the stops concerned change. The result is read back and compared
before it is returned, so a file is never written with notes that would read differently.

Examples
--------
>>> text = '[[stops]]\\nid = "lobby"  # the first stop\\ndwell_s = 240\\n'
>>> print(route_text_with_notes(text, "route.toml", {"lobby": {"en": "Wait for everyone."}}))
[[stops]]
id = "lobby"  # the first stop
dwell_s = 240
notes.en = "Wait for everyone."
<BLANKLINE>
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path

import tomlkit

from viewer.model.data_file import parse_toml
from viewer.model.errors import DataFileError
from viewer.model.fields import Text, tomllib
from viewer.model.tour.route import MAX_TEXT_CHARS, Route

LANGS = ("en", "zh")


def route_text_with_notes(
    text: str, source: str | Path, notes: Mapping[str, Mapping[str, str]]
) -> str:
    """``text`` (a route file's) with the notes of some stops replaced.

    ``notes`` maps stop ids to ``{"en": ..., "zh": ...}`` (either language may be left out).
    Raises :class:`DataFileError` naming ``source`` when the text is not a route file, a stop
    is not in it, its notes are not a table or a note holds a character that cannot be written.
    """
    parse_toml(text, source)  # the guarded parser first: nesting and number limits
    try:
        doc = tomlkit.parse(text)
    except Exception as exc:  # noqa: BLE001 - whatever tomlkit raises, the file is not usable
        raise DataFileError(source, "(file)", f"not valid TOML: {exc}") from None
    stops = doc.get("stops")
    if not isinstance(stops, list):
        raise DataFileError(source, "stops", "the file has no [[stops]]")
    by_id = {}
    for index, stop in enumerate(stops):
        if not isinstance(stop, Mapping):
            raise DataFileError(source, f"stops[{index}]", "must be a table")
        if isinstance(stop.get("id"), str):
            by_id.setdefault(str(stop.get("id")), (index, stop))
    for stop_id, texts in notes.items():
        if stop_id not in by_id:
            raise DataFileError(source, "stops", f"no stop with id {stop_id!r}")
        index, stop = by_id[stop_id]
        for lang, value in texts.items():
            if lang not in LANGS:
                raise ValueError(f"notes are in 'en' or 'zh', not {lang!r}")
            field = f"stops[{index}].notes.{lang}"
            _check_writable(source, field, value)
            _set_note(stop, lang, value.strip(), source, f"stops[{index}].notes")
    result = tomlkit.dumps(doc)
    _check_round_trip(result, source, notes, by_id)
    return result


def _check_writable(source: str | Path, field: str, value: str) -> None:
    """A note must be UTF-8 text of at most :data:`MAX_TEXT_CHARS` characters."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        char = f"U+{ord(value[exc.start]):04X}"
        raise DataFileError(
            source, field, f"holds a character that cannot be saved ({char}); remove it"
        ) from None
    if len(value.strip()) > MAX_TEXT_CHARS:
        raise DataFileError(
            source, field, f"{len(value.strip())} characters; at most {MAX_TEXT_CHARS}"
        )


def _set_note(stop: Mapping, lang: str, value: str, source: str | Path, field: str) -> None:
    inline = isinstance(stop, tomlkit.items.InlineTable)
    # Line breaks are written as they are (a multi-line string) where TOML keeps them exactly:
    # not inside an inline table, and not with carriage returns (read back as plain newlines).
    multiline = "\n" in value and "\r" not in value and not inline
    item = tomlkit.string(value, multiline=multiline)
    existing = stop.get("notes")
    if existing is None:
        if inline:
            table = tomlkit.inline_table()
            table[lang] = item
            stop["notes"] = table  # type: ignore[index]
        else:
            stop.append(tomlkit.key(["notes", lang]), item)  # type: ignore[attr-defined]
    elif isinstance(existing, Mapping):
        if isinstance(existing, tomlkit.items.InlineTable) and multiline:
            item = tomlkit.string(value)
        existing[lang] = item  # type: ignore[index]
    else:
        got = type(existing).__name__.lower()
        raise DataFileError(source, field, f"must be a table {{en = ..., zh = ...}}, got a {got}")


def _check_round_trip(
    result: str,
    source: str | Path,
    notes: Mapping[str, Mapping[str, str]],
    by_id: Mapping[str, tuple[int, object]],
) -> None:
    """Read ``result`` back: every note must read as given."""
    try:
        data = tomllib.loads(result)
    except tomllib.TOMLDecodeError as exc:  # pragma: no cover - tomlkit's own bug
        raise DataFileError(source, "notes", f"the notes could not be written: {exc}") from exc
    for stop_id, texts in notes.items():
        index, _ = by_id[stop_id]
        written = data["stops"][index].get("notes", {})
        for lang, value in texts.items():
            if written.get(lang) != value.strip():
                raise DataFileError(
                    source, f"stops[{index}].notes.{lang}", "the notes could not be written"
                )


def route_with_notes(route: Route, notes: Mapping[str, Mapping[str, str]]) -> Route:
    """``route`` with the notes of some stops replaced (in memory; see the module docstring)."""
    stops = []
    for stop in route.stops:
        texts = notes.get(stop.id, {})
        en = texts.get("en", stop.notes.en).strip()
        zh = texts.get("zh", stop.notes.zh).strip()
        stops.append(replace(stop, notes=Text(en=en, zh=zh)))
    return replace(route, stops=tuple(stops))
