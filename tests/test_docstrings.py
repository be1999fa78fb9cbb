"""The examples in the docstrings run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import viewer.model

MODULES = [f"viewer.model.{info.name}" for info in pkgutil.iter_modules(viewer.model.__path__)]
MODULES += ["viewer.ui.rehearsal_panel", "viewer.ui.tour_dock", "viewer.model.playback"]


@pytest.mark.parametrize("name", sorted(set(MODULES)))
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
