"""What the things in the plant are, in plain words (``assets/explain.toml``).

A figure in the words is a placeholder filled from the plant's layout file, so that both
languages say the layout's number: ``{die_cast_cell.cycle_s}`` is the ``cycle_s`` of the first
equipment of type ``die_cast_cell``; ``{plant.takt_s}`` a field of the ``[plant]`` table (any
top-level table: ``track``, ``sculpture``...); ``{giga-press-9100.clamp_force_t}`` a field of
the entry with that id (equipment, building, aisle...); ``{track.length_m/1000}`` the value
divided by 1000. English numbers get thousands separators ("9,100"), Chinese ones none
("9100"). A figure the layout lacks shows as "?".

Examples
--------
>>> things = load_explanations()
>>> things["press"].name.en
'Stamping press'
>>> things["die_cast"].kid.zh.startswith("这台机器")
True
>>> fill_figures("every {a.b} s, {c.d/1000} km", "en", {"a.b": 110.0, "c.d": 2500})
'every 110 s, 2.5 km'
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from viewer.model.assets import assets_dir
from viewer.model.fields import Fields, Text

if TYPE_CHECKING:
    from viewer.model.plant.layout import Plant

log = logging.getLogger(__name__)

# {scope.field} or {scope.field/divisor}: scope a top-level table, an entry id or an equipment type
PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_-]+)\.([A-Za-z0-9_]+)(?:/([0-9]+))?\}")


@dataclass(frozen=True)
class Explanation:
    """A thing's name and what it does, for a 12-year-old and for an adult."""

    name: Text
    kid: Text
    adult: Text


@cache
def equipment_names(path: Path | None = None) -> dict[str, Text]:
    """The readable names of lines and cells by equipment id (``[equipment]``).

    >>> equipment_names()["underbody-line"].zh
    '下车体线'
    """
    table = Fields.from_file(path or explanations_path()).table("equipment")
    names = {key: table.text_pair(key) for key in table.keys()}
    table.check_unknown_keys()
    return names


def explanations_path() -> Path:
    """The bundled explanations file."""
    return assets_dir() / "explain.toml"


@cache
def load_explanations(path: Path | None = None, table: str = "things") -> dict[str, Explanation]:
    """The explanations of ``table`` ('things' by kind, 'workshops' by building id);
    :class:`DataFileError` naming the file and field if broken."""
    things = Fields.from_file(path or explanations_path()).table(table)
    result = {}
    for kind in things.keys():
        item = things.table(kind)
        result[kind] = Explanation(
            name=item.text_pair("name"), kid=item.text_pair("kid"), adult=item.text_pair("adult")
        )
    things.check_unknown_keys()
    return result


def layout_figures(path: Path) -> dict[str, float]:
    """The numbers of the layout file at ``path`` by placeholder name (``scope.field``): the
    fields of each top-level table, of each entry with an id, and of the first equipment of
    each type."""
    return dict(_layout_figures(Path(path), Path(path).stat().st_mtime_ns))


@cache
def _layout_figures(path: Path, _mtime: int) -> tuple[tuple[str, float], ...]:
    data = Fields.from_file(path).data
    figures: dict[str, float] = {}

    def add(scope: str, table: dict) -> None:
        for key, value in table.items():
            name = f"{scope}.{key}"
            if isinstance(value, (int, float)) and not isinstance(value, bool):
                figures.setdefault(name, float(value))

    for section, value in data.items():
        if isinstance(value, dict):
            add(section, value)
        elif isinstance(value, list):
            for entry in value:
                if isinstance(entry, dict) and isinstance(entry.get("id"), str):
                    add(entry["id"], entry)
    for entry in data.get("equipment", []):
        if isinstance(entry, dict) and isinstance(entry.get("type"), str):
            add(entry["type"], entry)  # the first of each type
    return tuple(figures.items())


def number_text(value: float, lang: str) -> str:
    """A figure as written in ``lang``: English with thousands separators, Chinese without.

    >>> number_text(9100, "en"), number_text(9100, "zh"), number_text(2.5, "en")
    ('9,100', '9100', '2.5')
    """
    if float(value).is_integer():
        return f"{int(value):,}" if lang == "en" else str(int(value))
    return f"{value:.6g}"


def fill_figures(text: str, lang: str, figures: dict[str, float]) -> str:
    """``text`` with its placeholders replaced by the figures (see the module docstring)."""

    def figure(match: re.Match) -> str:
        name = f"{match[1]}.{match[2]}"
        if name not in figures:
            log.warning("the layout has no figure %s for the explanations", name)
            return "?"
        return number_text(figures[name] / float(match[3] or 1), lang)

    return PLACEHOLDER.sub(figure, text)


def _filled(text: Text, figures: dict[str, float]) -> Text:
    return Text(fill_figures(text.en, "en", figures), fill_figures(text.zh, "zh", figures))


def plant_explanations(plant: Plant, table: str = "things") -> dict[str, Explanation]:
    """The explanations of ``table`` with their figures filled from ``plant``'s layout file."""
    figures = layout_figures(plant.source)
    return {
        key: Explanation(
            _filled(item.name, figures), _filled(item.kid, figures), _filled(item.adult, figures)
        )
        for key, item in load_explanations(table=table).items()
    }
