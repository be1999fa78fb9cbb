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
from tomlkit.exceptions import TOMLKitError

from viewer.model.errors import DataFileError
from viewer.model.fields import Text, tomllib
from viewer.model.route import Route

LANGS = ("en", "zh")


def route_text_with_notes(
    text: str, source: str | Path, notes: Mapping[str, Mapping[str, str]]
) -> str:
    """``text`` (a route file's) with the notes of some stops replaced.

    ``notes`` maps stop ids to ``{"en": ..., "zh": ...}`` (either language may be left out).
    Raises :class:`DataFileError` naming ``source`` when the text is not a route file or a stop
    is not in it.
    """
    try:
        doc = tomlkit.parse(text)
    except (TOMLKitError, ValueError) as exc:
        raise DataFileError(source, "(file)", f"not valid TOML: {exc}") from exc
    stops = doc.get("stops")
    if not isinstance(stops, list):
        raise DataFileError(source, "stops", "the file has no [[stops]]")
    by_id = {stop.get("id"): (index, stop) for index, stop in enumerate(stops)}
    for stop_id, texts in notes.items():
        if stop_id not in by_id:
            raise DataFileError(source, "stops", f"no stop with id {stop_id!r}")
        index, stop = by_id[stop_id]
        for lang, value in texts.items():
            if lang not in LANGS:
                raise ValueError(f"notes are in 'en' or 'zh', not {lang!r}")
            _set_note(stop, lang, value.strip())
    result = tomlkit.dumps(doc)
    _check_round_trip(result, source, notes, by_id)
    return result


def _set_note(stop: tomlkit.items.Table, lang: str, value: str) -> None:
    item = tomlkit.string(value, multiline="\n" in value)
    existing = stop.get("notes")
    if existing is None:
        stop.append(tomlkit.key(["notes", lang]), item)
    elif isinstance(existing, Mapping):
        existing[lang] = item
    else:
        raise ValueError("notes must be a table")


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
