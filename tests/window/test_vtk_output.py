"""VTK's own messages stay off the terminal (issue 17, item 18): ``snapshot`` and ``video`` print
only the program's lines on standard error; VTK's go to Python logging, shown with --verbose."""

from __future__ import annotations

import logging
import os
import subprocess
import sys

import pytest

COMMAND = [sys.executable, "-m", "viewer", "snapshot", "--quality", "low", "--size", "160x90"]


def run(args: list[str], display: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if not display:
        env.pop("DISPLAY", None)  # VTK then warns "bad X server connection" and renders anyway
        env.pop("WAYLAND_DISPLAY", None)
    return subprocess.run(
        [*COMMAND, *args], capture_output=True, text=True, env=env, timeout=300, check=False
    )


def test_a_snapshot_without_a_display_prints_nothing_on_stderr(tmp_path):
    out = tmp_path / "view.png"
    result = run(["--out", str(out)], display=False)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert result.stdout.strip() == str(out) and out.stat().st_size > 1000


def test_a_snapshot_under_xvfb_prints_nothing_on_stderr(tmp_path):
    out = tmp_path / "view.png"
    result = run(["--out", str(out)])
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""


def test_an_unwritable_picture_gives_only_the_error_line(tmp_path):
    out = tmp_path / "taken.png"
    out.mkdir()  # a folder of that name: VTK's PNG writer cannot open it
    result = run(["--out", str(out)])
    assert result.returncode == 2
    assert result.stderr.splitlines() == [f"error: {out}: --out: cannot write {out}"]


def test_verbose_shows_vtks_messages_as_log_lines(tmp_path):
    out = tmp_path / "taken.png"
    out.mkdir()
    result = run(["--out", str(out), "--verbose"])
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert lines[-1] == f"error: {out}: --out: cannot write {out}"
    vtk = [line for line in lines if line.startswith("vtk error: vtkPNGWriter.cxx:")]
    assert vtk and "Unable to open file" in vtk[0]
    assert not any("ERR|" in line or "\x1b[" in line for line in lines)  # no VTK console lines


def test_vtk_warnings_reach_the_python_logger_not_the_terminal(capfd, caplog):
    from vtkmodules.vtkImagingCore import vtkRTAnalyticSource
    from vtkmodules.vtkIOImage import vtkPNGWriter

    from viewer.ui.vtk_output import LOGGER, route_vtk_output

    route_vtk_output()
    capfd.readouterr()
    logging.getLogger(LOGGER).setLevel(logging.DEBUG)
    source = vtkRTAnalyticSource()  # a float image: VTK warns that PNG takes bytes or shorts
    writer = vtkPNGWriter()
    writer.SetInputConnection(source.GetOutputPort())
    writer.SetFileName(os.devnull)
    with caplog.at_level(logging.DEBUG, logger=LOGGER):
        writer.Write()
    records = [r for r in caplog.records if r.name == LOGGER]
    assert records and records[0].levelno == logging.WARNING
    assert records[0].getMessage().startswith("vtkPNGWriter.cxx:")
    assert "only supports unsigned char" in records[0].getMessage()
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("ERROR: In a.cxx, line 7\nvtkThing (0x1): broken\n\n", "a.cxx:7: vtkThing (0x1): broken"),
        ("Generic Warning: In b.cxx, line 9\nbad X server.\n\n", "b.cxx:9: bad X server."),
        ("plain text\n", "plain text"),
    ],
)
def test_vtk_messages_become_one_line(text, line):
    from viewer.ui.vtk_output import parse_vtk_text

    assert parse_vtk_text(text) == line
