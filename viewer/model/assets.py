"""Where the bundled data files are: ``assets/`` in the source tree, ``viewer.assets`` installed."""

from __future__ import annotations

from functools import cache
from importlib.util import find_spec
from pathlib import Path


@cache
def assets_dir() -> Path:
    """The folder holding ``plant.toml`` and ``fonts/``.

    An installed package ships it as ``viewer/assets``; a source checkout has it at the top.
    """
    spec = find_spec("viewer.assets")
    for location in (spec.submodule_search_locations or []) if spec else []:
        if (Path(location) / "plant.toml").is_file():
            return Path(location)
    return Path(__file__).resolve().parents[2] / "assets"


def default_plant_path() -> Path:
    """The bundled plant layout file."""
    return assets_dir() / "plant.toml"


def chinese_font_path() -> Path:
    """The bundled Simplified Chinese font (Noto Sans SC subset, OFL-1.1)."""
    return assets_dir() / "fonts" / "NotoSansSC-Regular-GB2312.otf"
