"""What the things in the plant are, in plain words (``assets/explain.toml``).

Examples
--------
>>> things = load_explanations()
>>> things["press"].name.en
'Stamping press'
>>> things["die_cast"].kid.zh.startswith("这台机器")
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from viewer.model.assets import assets_dir
from viewer.model.fields import Fields, Text


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
