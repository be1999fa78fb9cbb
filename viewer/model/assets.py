"""Where the bundled data files are: ``assets/`` and ``routes/`` in the source tree,
``viewer.assets`` and ``viewer.routes`` when installed."""

from __future__ import annotations

from functools import cache
from importlib.util import find_spec
from pathlib import Path


def _data_dir(package: str, folder: str, marker: str) -> Path:
    """An installed data package's folder, else the source tree's top-level ``folder``."""
    spec = find_spec(package)
    for location in (spec.submodule_search_locations or []) if spec else []:
        if (Path(location) / marker).is_file():
            return Path(location)
    return Path(__file__).resolve().parents[2] / folder


@cache
def assets_dir() -> Path:
    """The folder holding ``plant.toml`` and ``fonts/``."""
    return _data_dir("viewer.assets", "assets", "plant.toml")


@cache
def routes_dir() -> Path:
    """The folder holding the bundled tour routes (``standard.toml``)."""
    return _data_dir("viewer.routes", "routes", "standard.toml")


def default_plant_path() -> Path:
    """The bundled plant layout file."""
    return assets_dir() / "plant.toml"


def chinese_font_path() -> Path:
    """The bundled Simplified Chinese font (Noto Sans SC subset, OFL-1.1)."""
    return assets_dir() / "fonts" / "NotoSansSC-Regular-GB2312.otf"
