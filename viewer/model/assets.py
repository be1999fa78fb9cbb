"""Where the bundled data files are: ``assets/`` in the source tree, ``viewer.assets`` installed."""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path


@cache
def assets_dir() -> Path:
    """The folder holding ``plant.toml`` and ``fonts/``.

    An installed package ships it as ``viewer/assets``; a source checkout has it at the top.
    """
    try:
        installed = Path(str(resources.files("viewer.assets")))
        if (installed / "plant.toml").is_file():
            return installed
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / "assets"


def default_plant_path() -> Path:
    """The bundled plant layout file."""
    return assets_dir() / "plant.toml"


def chinese_font_path() -> Path:
    """The bundled Simplified Chinese font (Noto Sans SC subset, OFL-1.1)."""
    return assets_dir() / "fonts" / "NotoSansSC-Regular-GB2312.otf"
