"""The argument parser of ``factory-tour``, built from the table of options
(:mod:`viewer.model.options`): each row gives an argument its type, default, range, choices
and help text.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import NoReturn

from viewer.model.options import OPTIONS, Option, options

KIOSK_GROUP = "exhibition-hall kiosk"
COMMAND_HELP = {
    "snapshot": "render a PNG off-screen",
    "check-route": "check a tour route against the plant",
    "script": "write a route's printable guide's script (PDF)",
    "video": "render a tour video (MP4 or GIF) off-screen",
}


class UsageError(Exception):
    """Bad command-line input: the message is printed after 'error: '."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def argument_type(row: Option) -> Callable[[str], object] | None:
    """What argparse calls on the text of ``row``'s argument (None: the text itself). A bad
    value's message is the row's own, after ``argument --name:``."""
    if row.kind in ("flag", "text", "choice"):
        return None
    if row.kind == "whole":
        return int  # argparse's own message: invalid int value
    if row.kind == "path":
        return Path

    def parse(text: str) -> object:
        try:
            return row.parse(text)
        except ValueError as exc:
            raise argparse.ArgumentTypeError(str(exc)) from None

    parse.__name__ = row.name
    return parse


def add_option(parser: argparse.ArgumentParser | argparse._ArgumentGroup, row: Option) -> None:
    """Add the argument of ``row`` to ``parser``."""
    help_text = argparse.SUPPRESS if row.hidden else row.help
    if row.kind == "flag":
        parser.add_argument(row.flag, action="store_true", help=help_text)
        return
    kwargs: dict[str, object] = {"help": help_text}
    kind = argument_type(row)
    if kind is not None:
        kwargs["type"] = kind
    if row.kind == "choice":
        kwargs["choices"] = row.choices
    if row.metavar:
        kwargs["metavar"] = row.metavar
    if row.positional:
        parser.add_argument(row.name, nargs="?", **kwargs)  # type: ignore[arg-type]
        return
    if row.required:
        kwargs["required"] = True
    elif row.kind != "path":
        kwargs["default"] = row.default
    if row.repeat:
        kwargs["action"] = "append"
    parser.add_argument(row.flag, **kwargs)  # type: ignore[arg-type]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``factory-tour`` and its commands."""
    common = argparse.ArgumentParser(add_help=False)
    for row in options("common"):
        add_option(common, row)
    parser = _Parser(
        prog="factory-tour",
        description="3D visualizer of the Xiaomi EV plant in Beijing E-Town.",
        parents=[common],
    )
    kiosk = parser.add_argument_group(KIOSK_GROUP)
    for row in OPTIONS:  # in the table's order, the kiosk's in their own group
        if row.command in ("window", "kiosk"):
            add_option(kiosk if row.command == "kiosk" else parser, row)
    commands = parser.add_subparsers(dest="command", parser_class=_Parser)
    for name, help_text in COMMAND_HELP.items():
        command = commands.add_parser(name, parents=[common], help=help_text)
        for row in options(name):
            add_option(command, row)
    return parser
