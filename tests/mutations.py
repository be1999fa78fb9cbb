"""Mutations of a data file's text for property-based tests of the loaders."""

from __future__ import annotations

import re

from hypothesis import strategies as st

NUMBER = re.compile(r"(?<![\w.])-?\d+(\.\d+)?(?![\w.])")


def mutate(text: str, data: st.DataObject, numbers: list[str]) -> str:
    """Truncate the text, change a number to one of ``numbers``, drop a line or change a char."""
    mutation = data.draw(st.sampled_from(["truncate", "number", "drop-line", "char"]))
    if mutation == "truncate":
        return text[: data.draw(st.integers(0, len(text)))]
    if mutation == "number":
        matches = list(NUMBER.finditer(text))
        match = matches[data.draw(st.integers(0, len(matches) - 1))]
        value = data.draw(st.sampled_from(numbers))
        return text[: match.start()] + value + text[match.end() :]
    if mutation == "drop-line":
        lines = text.splitlines(keepends=True)
        del lines[data.draw(st.integers(0, len(lines) - 1))]
        return "".join(lines)
    position = data.draw(st.integers(0, len(text) - 1))
    char = data.draw(st.sampled_from(list('[]{}=",.#x0-\n ')))
    return text[:position] + char + text[position + 1 :]
