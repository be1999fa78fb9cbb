"""The video's progress (issue 17, item 19): a bar rewritten in place on a terminal, a plain
line every 10 % into a file or a pipe (no carriage returns flooding a log)."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys

from viewer.app.video_command import TerminalProgress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_into_a_pipe_a_plain_line_every_ten_percent(tmp_path):
    out = tmp_path / "tour.gif"
    command = [sys.executable, "-m", "viewer", "video", "--out", str(out), "--size", "64x36"]
    command += ["--fps", "5", "--start", "0", "--end", "4", "--quality", "low"]
    env = {k: v for k, v in os.environ.items() if k != "DISPLAY"}
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "\r" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"{out}: 20 frames (0:04 at 5 fps)")
    progress = lines[1:]
    assert [line.split()[0] for line in progress] == [f"{p}%" for p in range(10, 101, 10)]
    assert all(re.search(r"\] \d+/20 frames  [\d.]+ fps  \d+:\d\d left$", x) for x in progress)
    assert progress[-1].startswith("100% [" + "#" * 30 + "] 20/20 frames")
    assert result.stdout.strip() == str(out) and out.stat().st_size > 0


def test_uneven_frame_counts_give_at_most_one_line_a_tenth_and_always_the_end():
    stream = io.StringIO()
    progress = TerminalProgress(stream)
    assert not progress.tty
    for done in range(1, 8):
        progress(done, 7)
    lines = stream.getvalue().splitlines()
    assert "\r" not in stream.getvalue() and stream.getvalue().endswith("\n")
    assert [line.split()[0] for line in lines] == ["14%", "28%", "42%", "57%", "71%", "85%", "100%"]
    many = io.StringIO()
    progress = TerminalProgress(many)
    for done in range(1, 1001):
        progress(done, 1000)
    assert len(many.getvalue().splitlines()) == 10


def test_on_a_terminal_the_bar_rewrites_itself():
    stream = Terminal()
    progress = TerminalProgress(stream)
    assert progress.tty
    for done in range(1, 5):
        progress(done, 4)
    text = stream.getvalue()
    assert text.count("\r") == 4 and text.count("\n") == 1 and text.endswith("\n")
    assert text.split("\r")[-1].startswith("[" + "#" * 30 + "] 4/4 frames")
