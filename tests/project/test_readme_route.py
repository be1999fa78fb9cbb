"""The README's paragraph on the standard route gives the times `factory-tour check-route`
prints for it (drive, ride lap, total with the stops), so it cannot go stale unnoticed."""

from __future__ import annotations

import re
from pathlib import Path

from viewer.app.cli import main

README = Path(__file__).resolve().parents[2] / "README.md"


def _paragraph() -> str:
    text = " ".join(README.read_text(encoding="utf-8").split())
    start = text.index("[`routes/standard.toml`](routes/standard.toml) is the public")
    return text[start : text.index("A route file, commented:", start)]


def test_the_readme_gives_check_routes_times_for_the_standard_route(capsys):
    assert main(["check-route"]) == 0
    printed = capsys.readouterr().out
    drive, total = re.search(r"drive (\d+:\d\d) .* total with stops (\d+:\d\d)", printed).groups()
    lap = re.search(r"one lap of [\d.]+ km, (\d+:\d\d)", printed).group(1)
    paragraph = _paragraph()
    assert f"drive takes {drive} (plan 15:00" in paragraph
    assert f"the ride's lap {lap} (plan 1:45)" in paragraph
    assert f"{total} with the stops" in paragraph
