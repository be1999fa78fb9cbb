"""The examples in the docstrings of every package run and give what they show."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import viewer

MODULES = [
    info.name
    for info in pkgutil.walk_packages(viewer.__path__, "viewer.")
    if not info.name.endswith("__main__")  # runs the command line when imported
]


def test_every_package_is_searched():
    packages = {"viewer.texts", "viewer.model", "viewer.scene", "viewer.ui", "viewer.app"}
    assert packages <= set(MODULES)
    for package in packages - {"viewer.texts"}:
        assert sum(name.startswith(package + ".") for name in MODULES) >= 4, package


@pytest.mark.parametrize("name", sorted(set(MODULES)))
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples failed in {name}"
