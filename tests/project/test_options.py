"""One table of options (viewer.model.options) feeds the command line, the remembered settings
and the File > Export video dialog."""

from __future__ import annotations

from pathlib import Path

import pytest

from viewer.app.arguments import build_parser
from viewer.model.options import COMMANDS, OPTIONS, defaults, option, options
from viewer.ui import settings

MINIMAL = {  # the least each command line needs
    "window": [],
    "snapshot": ["snapshot", "--out", "x.png"],
    "check-route": ["check-route"],
    "script": ["script", "--out", "x.pdf"],
    "video": ["video", "--out", "x.mp4"],
}


def test_every_row_is_well_formed():
    seen = set()
    for row in OPTIONS:
        assert row.command in COMMANDS and row.help, row
        assert (row.command, row.name) not in seen, row
        seen.add((row.command, row.name))
        if row.kind == "choice":
            assert row.default is None or row.default in row.choices, row
        if row.low is not None and row.default is not None:
            assert row.low <= row.default <= row.high, row  # type: ignore[operator]
        for preset in row.presets:
            assert row.parse(f"{preset[0]}x{preset[1]}" if row.kind == "size" else str(preset))


@pytest.mark.parametrize("command", sorted(MINIMAL))
def test_the_command_line_takes_its_defaults_from_the_table(command):
    args = build_parser().parse_args(MINIMAL[command])
    rows = list(options("common")) + list(options(command))
    if command == "window":
        rows += options("kiosk")
    for row in rows:
        if not row.required:
            assert getattr(args, row.name) == row.default, row.flag


@pytest.mark.parametrize("command", ["snapshot", "check-route", "script", "video"])
def test_each_option_is_listed_in_the_help_with_its_text(command):
    text = " ".join(
        build_parser()._subparsers._group_actions[0].choices[command].format_help().split()
    )
    for row in options(command):
        assert (row.name if row.positional else row.flag) in text
        assert " ".join(row.help.split()) in text


def test_a_range_in_the_table_is_the_command_line_s(capsys):
    from viewer.app.cli import main

    fps = option("video", "fps")
    assert main(["video", "--out", "x.mp4", "--fps", str(fps.high + 1)]) == 2
    assert f"must be 1 to {fps.high:g}, got" in capsys.readouterr().err


@pytest.mark.parametrize("row", options("settings"), ids=lambda row: row.name)
def test_a_setting_reads_its_default_until_it_is_remembered(row):
    assert settings.remembered(row.name) == row.default
    other = next(c for c in row.choices if c != row.default) if row.choices else None
    if row.kind == "flag":
        other = not row.default
    elif row.kind == "whole":
        other = row.high
    settings.remember(row.name, other)
    assert settings.remembered(row.name) == other
    if row.kind == "whole":
        settings.remember(row.name, row.high + 1)  # out of the table's range: the default
        assert settings.remembered(row.name) == row.default


def test_the_export_dialog_starts_at_the_command_line_s_defaults(qtbot, window):
    from viewer.ui.tour.video_export import VideoOptions

    dialog = window.video.options_dialog()
    qtbot.addWidget(dialog)
    chosen = dialog.options()
    cli = build_parser().parse_args(["video", "--out", "x.mp4"])
    for name in ("start", "fps", "size", "speed", "camera"):
        assert getattr(chosen, name) == getattr(cli, name) == defaults("video")[name], name
    assert VideoOptions(Path("x.mp4")).size == cli.size
    sizes = [dialog.size.itemData(k) for k in range(dialog.size.count())]
    assert sizes == list(option("video", "size").presets)
