"""User-interface texts in English and Simplified Chinese, for the ui's modules.

The texts themselves are in one place, ``viewer/texts/texts.toml`` (see :mod:`viewer.texts`):
add or change a text there, not here.
"""

from __future__ import annotations

from viewer.texts import LANGUAGES, TEXTS, VIEW_NAMES, both, plain, tr, view_name

__all__ = ["LANGUAGES", "TEXTS", "VIEW_NAMES", "both", "plain", "tr", "view_name"]
