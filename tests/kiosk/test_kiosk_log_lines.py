"""The kiosk's log is in English whatever the captions' language, and says what actually
happens: a route that cannot be used is named with why, and the bundled route plays (issue 17,
item 13)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from viewer.model.tour.route import default_route_path

CJK = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]")


@pytest.fixture
def run_kiosk(qapp, tmp_path, monkeypatch):
    """Run ``factory-tour --kiosk ARGS`` for a moment; the kiosk log's lines."""
    from viewer.app.cli import main
    from viewer.ui.kiosk import kiosk_mode as kiosk_module

    data = tmp_path / "data"
    monkeypatch.setenv("FACTORY_TOUR_DATA", str(data))
    show = kiosk_module.KioskMode.show

    def show_then_exit(self) -> None:
        show(self)  # leave a moment after the first frame (its caption is up by then)
        self.parent().first_frame.connect(lambda: QTimer.singleShot(800, self.exit))

    monkeypatch.setattr(kiosk_module.KioskMode, "show", show_then_exit)

    def run(*args: str) -> list[str]:
        assert main(["--kiosk", "--speed", "4", *args]) == 0
        text = (data / "kiosk.log").read_text(encoding="utf-8")
        return text.splitlines()

    return run


def failing_route(tmp_path: Path) -> Path:
    """The standard route with a plan it cannot keep (a timing problem)."""
    text = default_route_path().read_text(encoding="utf-8")
    assert "plan_drive_s = 900" in text
    path = tmp_path / "too-fast.toml"
    path.write_text(text.replace("plan_drive_s = 900", "plan_drive_s = 300"), encoding="utf-8")
    return path


@pytest.mark.parametrize("lang", ["zh", "both"])
def test_a_route_failing_its_checks_is_logged_in_english_then_the_bundled_one_plays(
    run_kiosk, tmp_path, lang
):
    route = failing_route(tmp_path)
    lines = run_kiosk("--route", str(route), "--lang", lang)
    assert not [line for line in lines if CJK.search(line)]
    assert not [line for line in lines if "stays" in line or "current route" in line]
    said = "\n".join(lines)
    checks = f"kiosk: the route {route} does not pass the route checks (1 problem):"
    decision = (
        f"kiosk: the route {route} cannot be used; playing the bundled route "
        f"{default_route_path()} instead"
    )
    started = f"kiosk started at stop 0 (lobby), route {default_route_path()}, speed 4x"
    assert checks in said and decision in said and started in said
    assert (
        said.index(checks)
        < said.index("kiosk:   timing: the drive takes")
        < said.index(decision)
        < said.index(started)
    )


def test_an_unreadable_route_is_logged_in_english(run_kiosk, tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[route]\nname = 3\n", encoding="utf-8")
    lines = run_kiosk("--route", str(broken), "--lang", "zh")
    assert not [line for line in lines if CJK.search(line)]
    reading = [line for line in lines if "] kiosk: cannot read the route file: " in line]
    assert len(reading) == 1 and f"{broken}:1: route." in reading[0]
    assert any("playing the bundled route" in line for line in lines)


def test_a_good_route_plays_with_nothing_to_report(run_kiosk, tmp_path):
    route = tmp_path / "hall.toml"
    route.write_text(default_route_path().read_text(encoding="utf-8"), encoding="utf-8")
    lines = run_kiosk("--route", str(route), "--lang", "zh")
    assert [line for line in lines if " ERROR " in line or "cannot" in line] == []
    assert any(f"kiosk started at stop 0 (lobby), route {route}" in line for line in lines)
    assert not [line for line in lines if CJK.search(line)]


def test_a_caption_character_the_font_cannot_draw_is_named_in_the_kiosk_log(run_kiosk, tmp_path):
    text = default_route_path().read_text(encoding="utf-8")
    assert 'name = { en = "Lobby"' in text
    route = tmp_path / "odd-letter.toml"
    route.write_text(text.replace('name = { en = "Lobby"', 'name = { en = "Lobby Ꙩ"'), "utf-8")
    lines = run_kiosk("--route", str(route), "--lang", "en")
    named = [line for line in lines if "the caption font has no glyph for 'Ꙩ' (U+A668" in line]
    assert len(named) == 1 and " WARNING " in named[0] and "shown as □" in named[0]
    assert any(f"kiosk started at stop 0 (lobby), route {route}" in line for line in lines)
