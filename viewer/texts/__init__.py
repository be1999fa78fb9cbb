"""Every translated text in one place: ``texts.toml`` next to this file, in English and
Simplified Chinese. The lowest layer: it imports nothing of the program, so the model (the
figures of a picked thing, the video's indicator), the scene and the ui all read their texts here.

Content is not here: stop names and narrations stay in the route files, the names and
explanations of things in the plant layout.

Examples
--------
>>> tr("status_cars", "zh", count=12)
'已下线车辆：12'
>>> both("cars_finished", count=1234)
('Cars finished so far: 1,234', '已下线整车：1,234 辆')
>>> view_name("die-casting", "zh"), view_name("a-new-view", "zh")
('压铸车间', 'a-new-view')
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

LANGS = ("en", "zh")
LANGUAGES = {"en": "English", "zh": "中文"}
TEXTS_PATH = Path(__file__).with_name("texts.toml")
VIEWS_SECTION = "views"


def load_texts(path: Path = TEXTS_PATH) -> dict[str, dict[str, tuple[str, str]]]:
    """The texts of ``path`` by section and key, each as (English, Chinese). A text without
    both languages, or a key in two sections, is a ``ValueError`` naming it."""
    with path.open("rb") as file:
        data = tomllib.load(file)
    sections: dict[str, dict[str, tuple[str, str]]] = {}
    seen: dict[str, str] = {}
    for section, entries in data.items():
        sections[section] = {}
        for key, text in entries.items():
            if not isinstance(text, dict) or set(text) != set(LANGS):
                raise ValueError(f"{path}: [{section}] {key}: give exactly en and zh")
            if section != VIEWS_SECTION and key in seen:
                raise ValueError(f"{path}: [{section}] {key}: also in [{seen[key]}]")
            seen.setdefault(key, section)
            sections[section][key] = (str(text["en"]), str(text["zh"]))
    return sections


_SECTIONS = load_texts()
VIEW_NAMES: dict[str, tuple[str, str]] = _SECTIONS.pop(VIEWS_SECTION)
TEXTS: dict[str, tuple[str, str]] = {
    key: text for entries in _SECTIONS.values() for key, text in entries.items()
}


def _in(lang: str, value: object) -> object:
    """A value in ``lang``: a text with ``en`` and ``zh`` (such as the model's ``Text``) gives
    that language's, anything else itself."""
    return getattr(value, lang) if hasattr(value, "en") and hasattr(value, "zh") else value


def tr(key: str, lang: str, **values: object) -> str:
    """The text ``key`` in ``lang`` ('zh', else English), with ``{name}`` fields filled from
    ``values``."""
    en, zh = TEXTS[key]
    lang = "zh" if lang == "zh" else "en"
    return (zh if lang == "zh" else en).format(**{k: _in(lang, v) for k, v in values.items()})


def both(key: str, **values: object) -> tuple[str, str]:
    """The text ``key`` in English and in Chinese, its fields filled from ``values``."""
    return tr(key, "en", **values), tr(key, "zh", **values)


def plain(text: str) -> str:
    """A menu text without its keyboard mnemonic, for a title or a label.

    >>> plain("&Quality"), plain("画质(&Q)"), plain("Save &picture...")
    ('Quality', '画质', 'Save picture...')
    """
    return re.sub(r"\(&\w\)|&", "", text)


def view_name(name: str, lang: str) -> str:
    """Display name of a preset view; the name itself for views this table does not know."""
    en, zh = VIEW_NAMES.get(name, (name, name))
    return zh if lang == "zh" else en
