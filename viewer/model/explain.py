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


def explanations_path() -> Path:
    """The bundled explanations file."""
    return assets_dir() / "explain.toml"


@cache
def load_explanations(path: Path | None = None) -> dict[str, Explanation]:
    """The explanations by kind; :class:`DataFileError` naming the file and field if broken."""
    doc = Fields.from_file(path or explanations_path())
    things = doc.table("things")
    result = {}
    for kind in things.data:
        item = things.table(kind)
        result[kind] = Explanation(
            name=item.text_pair("name"), kid=item.text_pair("kid"), adult=item.text_pair("adult")
        )
    return result
