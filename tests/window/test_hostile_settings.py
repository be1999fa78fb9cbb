"""Hostile settings and kiosk state: a value of the wrong type, shape or size falls back to the
default with one log line; a file that is not a regular file (a folder, a FIFO, a link to
/dev/zero) or too large is not read; the window still starts and ``--quit-after-first-frame``
quits; the kiosk starts at the first stop; the supervisor drops a state file that kills the viewer
at start. Every hostile file is made here at run time.
"""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.model.quality import CHOICES
from viewer.ui import settings as app_settings
from viewer.ui.kiosk import supervisor
from viewer.ui.user_data import kiosk_state_path, read_kiosk_state, write_kiosk_state

READERS = {
    "lang": lambda: app_settings.remembered_language(),
    "quality": lambda: app_settings.remembered_quality(),
    "text_scale": lambda: app_settings.remembered_text_scale(),
    "prompter_pt": lambda: app_settings.remembered_points("prompter_pt", 24, 10, 60),
    "guide_paced": lambda: app_settings.remembered_flag("guide_paced", True),
}
DEFAULTS = {
    "lang": "en",
    "quality": "auto",
    "text_scale": 1.0,
    "prompter_pt": 24,
    "guide_paced": True,
}


class Lines(logging.Handler):
    """The lines one logger writes (also one that does not pass them on to the root)."""

    def __init__(self, name: str) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[str] = []
        self.logger = logging.getLogger(name)

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())

    def __enter__(self) -> Lines:
        self.logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        self.logger.removeHandler(self)


@pytest.fixture
def data(user_data: Path) -> Path:
    """The test's own data folder, and no warning yet given in this run."""
    app_settings._reported.clear()
    return user_data


def _settings_file(data: Path, text: str | bytes) -> Path:
    path = data / "settings.ini"
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


# -- settings ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("key", "line", "found"),
    [
        ("quality", "quality=@ByteArray(high)", "QByteArray(b'high')"),
        ("quality", "quality=ultra", "'ultra'"),
        ("lang", "lang=en, zh", "['en', 'zh']"),
        ("lang", "lang=@Variant(\\0\\0\\0\\x7f\\0\\0\\0\\aQString)", ""),
        ("text_scale", "text_scale=1e999", "'1e999'"),
        ("text_scale", "text_scale=nan", "'nan'"),
        ("text_scale", "text_scale=" + "9" * 5000, "'9999"),
        ("text_scale", "text_scale=@Rect(1 2 3 4)", "PySide6.QtCore.QRect"),
        ("prompter_pt", "prompter_pt=" + "9" * 401, "'9999"),
        ("prompter_pt", "prompter_pt=24.5", "'24.5'"),
        ("prompter_pt", "prompter_pt=@Size(3 4)", "PySide6.QtCore.QSize"),
        ("guide_paced", "guide_paced=maybe", "'maybe'"),
        ("guide_paced", "guide_paced=@ByteArray(true)", "QByteArray"),
    ],
)
def test_a_value_of_the_wrong_type_reads_as_the_default_with_one_log_line(data, key, line, found):
    _settings_file(data, f"[General]\n{line}\n")
    with Lines("factory-tour.settings") as log:
        assert READERS[key]() == DEFAULTS[key]
        assert READERS[key]() == DEFAULTS[key]  # read again: no second line
    assert len(log.lines) == 1
    assert log.lines[0].startswith(f"{data / 'settings.ini'}: {key}: ")
    assert found in log.lines[0]
    assert log.lines[0].endswith(f"the default {DEFAULTS[key]!r} is used")
    assert "\n" not in log.lines[0]


def test_good_values_still_read_back(data):
    app_settings.remember("quality", "medium")
    app_settings.remember("lang", "zh")
    app_settings.remember("text_scale", 1.3)
    app_settings.remember("prompter_pt", 30)
    app_settings.remember("guide_paced", False)
    _reread(data)
    with Lines("factory-tour.settings") as log:
        assert app_settings.remembered_quality() == "medium"
        assert app_settings.remembered_language() == "zh"
        assert app_settings.remembered_text_scale() == 1.3
        assert app_settings.remembered_points("prompter_pt", 24, 10, 60) == 30
        assert app_settings.remembered_flag("guide_paced", True) is False
    assert log.lines == []


def _reread(data: Path) -> None:
    """Make QSettings read the file again (its cache is keyed by the file's name)."""
    text = (data / "settings.ini").read_bytes()
    (data / "settings.ini").unlink()
    time.sleep(0.01)
    (data / "settings.ini").write_bytes(text)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _folder(path: Path) -> None:
    path.mkdir()


def _huge(path: Path) -> None:
    with open(path, "wb") as file:
        file.truncate(100 * 2**20)


@pytest.mark.parametrize(
    "make", [_fifo, _zero, _folder, _huge], ids=["fifo", "zero", "folder", "huge"]
)
def test_a_settings_file_that_is_not_a_small_regular_file_is_left_alone(data, make):
    path = data / "settings.ini"
    make(path)
    started = time.monotonic()
    with Lines("factory-tour.settings") as log:
        assert {key: read() for key, read in READERS.items()} == DEFAULTS
        app_settings.remember("quality", "low")  # not saved: the file is not touched
        assert app_settings.remembered_quality() == "auto"
    assert time.monotonic() - started < 5
    assert len(log.lines) == 1 and log.lines[0].startswith(f"{path}: ")
    assert "the defaults are used" in log.lines[0]
    assert path.is_symlink() or not path.is_file() or path.stat().st_size == 100 * 2**20


def test_the_window_starts_and_quits_with_a_byte_array_quality(tmp_path):
    """The report's case: ``quality=@ByteArray(high)`` made every start raise in the first
    frame, so ``--quit-after-first-frame`` never quit."""
    data = tmp_path / "data"
    data.mkdir()
    _settings_file(data, "[General]\nquality=@ByteArray(high)\ntext_scale=@ByteArray(2)\n")
    result = subprocess.run(
        [sys.executable, "-m", "viewer", "--paused", "--quit-after-first-frame"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "FACTORY_TOUR_DATA": str(data)},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "first-frame-seconds" in result.stdout
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "settings.ini" in line]
    assert len(lines) == 2  # one for each bad key
    for key in ("quality", "text_scale"):
        line = f"{data / 'settings.ini'}: {key}: PySide6.QtCore.QByteArray"
        assert sum(line in text for text in lines) == 1


SETTING_VALUES = st.one_of(
    st.text(max_size=50),
    st.binary(max_size=50),
    st.integers(),
    st.floats(),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=4),
    st.none(),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    ini=st.binary(max_size=300),
    stored=st.dictionaries(st.sampled_from(sorted(READERS)), SETTING_VALUES),
)
def test_any_settings_file_reads_as_valid_values(data, ini, stored):
    """Whatever the file holds, written by hand or stored by QSettings from any value, every
    setting reads as one of its allowed values."""
    folder = data / f"case-{time.monotonic_ns()}"
    folder.mkdir()
    os.environ["FACTORY_TOUR_DATA"] = str(folder)  # the fixture restores it afterwards
    _settings_file(folder, ini)
    for key, value in stored.items():
        app_settings.remember(key, value)
    with Lines("factory-tour.settings"):
        assert app_settings.remembered_language() in ("en", "zh")
        assert app_settings.remembered_quality() in CHOICES
        assert app_settings.remembered_text_scale() in app_settings.TEXT_SCALES
        assert 10 <= app_settings.remembered_points("prompter_pt", 24, 10, 60) <= 60
        assert app_settings.remembered_flag("guide_paced", True) in (True, False)


# -- the kiosk's state --------------------------------------------------------------------------
def _state(text: str | bytes):
    def make(path: Path) -> None:
        path.write_bytes(text.encode() if isinstance(text, str) else text)

    return make


HOSTILE_STATES = {
    "deep": _state("[" * 100_000 + "]" * 100_000),
    "deep-object": _state('{"route": ' * 3000 + "1" + "}" * 3000),
    "stop-text": _state('{"route": "tour.toml", "stop": "4"}'),
    "stop-true": _state('{"route": "tour.toml", "stop": true}'),
    "stop-huge": _state('{"route": "tour.toml", "stop": 1' + "0" * 400 + "}"),
    "stop-nan": _state('{"route": "tour.toml", "stop": NaN}'),
    "route-list": _state('{"route": ["tour.toml"], "stop": 2}'),
    "a-list": _state('[{"route": "tour.toml", "stop": 2}]'),
    "no-route": _state('{"stop": 2}'),
    "not-utf8": _state(b'{"route": "\xff\xfe", "stop": 2}'),
    "large": _state('{"route": "' + "x" * 200_000 + '", "stop": 2}'),
    "zero": _zero,
    "fifo": _fifo,
    "folder": _folder,
}


@pytest.mark.parametrize("name", list(HOSTILE_STATES))
def test_a_hostile_kiosk_state_reads_as_none_with_one_log_line(data, name):
    path = kiosk_state_path()
    HOSTILE_STATES[name](path)
    started = time.monotonic()
    with Lines("factory-tour.kiosk") as log:
        assert read_kiosk_state() == {}
    assert time.monotonic() - started < 2
    assert len(log.lines) == 1
    assert log.lines[0].startswith("kiosk: the saved state cannot be used (")
    assert str(path) in log.lines[0] and "\n" not in log.lines[0]


def test_a_good_kiosk_state_reads_back_and_no_state_is_quiet(data):
    with Lines("factory-tour.kiosk") as log:
        assert read_kiosk_state() == {}  # none yet: no line
        write_kiosk_state({"route": "tour.toml", "stop": 3, "stop_id": "stamping"})
        assert read_kiosk_state() == {"route": "tour.toml", "stop": 3, "stop_id": "stamping"}
    assert log.lines == []


def test_writing_the_state_never_follows_a_link_left_in_its_place(data, tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me")
    path = kiosk_state_path()
    (path.parent / (path.name + ".tmp")).symlink_to(target)
    path.symlink_to(target)
    write_kiosk_state({"route": "tour.toml", "stop": 1})
    assert target.read_text() == "keep me"
    assert not path.is_symlink() and read_kiosk_state() == {"route": "tour.toml", "stop": 1}


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
        lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner),
        max_leaves=20,
    )
)
@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_any_json_kiosk_state_reads_as_a_valid_state_or_none(data, value):
    path = kiosk_state_path()
    path.write_text(json.dumps(value), encoding="utf-8")
    with Lines("factory-tour.kiosk") as log:
        state = read_kiosk_state()
    assert state == {} or (
        isinstance(state["route"], str)
        and type(state["stop"]) is int
        and state["stop"] >= 0
        and isinstance(state.get("stop_id", ""), str)
    )
    assert len(log.lines) == (0 if state else 1)


def test_the_kiosk_starts_at_the_first_stop_with_a_deeply_nested_state(qapp, data, monkeypatch):
    """``factory-tour --kiosk --resume`` (what the supervisor runs) with the report's state."""
    from PySide6.QtCore import QTimer

    from viewer.app.cli import main
    from viewer.ui.kiosk import kiosk_mode as kiosk_module

    HOSTILE_STATES["deep"](kiosk_state_path())
    show = kiosk_module.KioskMode.show

    def show_then_exit(self) -> None:
        show(self)
        QTimer.singleShot(500, self.exit)

    monkeypatch.setattr(kiosk_module.KioskMode, "show", show_then_exit)
    assert main(["--kiosk", "--resume"]) == 0
    log = (data / "kiosk.log").read_text(encoding="utf-8")
    assert "kiosk: the saved state cannot be used (" in log
    assert "kiosk started at stop 0 (lobby)" in log
    assert "Traceback" not in log


# -- the supervisor ---------------------------------------------------------------------------
def _viewer(monkeypatch, code: str) -> None:
    """The supervisor runs ``code`` as its viewer."""
    monkeypatch.setattr(supervisor, "viewer_command", lambda args: [sys.executable, "-c", code])
    monkeypatch.setattr(supervisor, "FIRST_DELAY_S", 0.01)


DIES_WITH_STATE = (
    "import sys\n"
    "from viewer.ui.user_data import kiosk_state_path\n"
    "sys.exit(1 if kiosk_state_path().exists() else 0)\n"
)


def test_the_supervisor_drops_a_state_that_kills_the_viewer_at_start(data, monkeypatch):
    path = kiosk_state_path()
    path.write_text('{"route": "tour.toml", "stop": 2}')
    _viewer(monkeypatch, DIES_WITH_STATE)
    assert supervisor.supervise([], max_starts=3) == 0  # the second start ran, and ended well
    assert not path.exists()
    assert (path.parent / "kiosk-state.json.bad").read_text() == '{"route": "tour.toml", "stop": 2}'
    log = (data / "kiosk.log").read_text(encoding="utf-8")
    assert log.count("the viewer failed at start with the saved state; moved it to") == 1
    assert log.count("supervisor: started the viewer") == 2


def test_the_supervisor_keeps_a_state_the_viewer_got_past(data, monkeypatch):
    """A viewer that reached a stop (it replaced the state file) and then failed, or one that
    was killed from outside, keeps its state: the next start resumes there."""
    path = kiosk_state_path()
    path.write_text('{"route": "tour.toml", "stop": 2}')
    _viewer(
        monkeypatch,
        "import sys\n"
        "from viewer.ui.user_data import write_kiosk_state\n"
        "write_kiosk_state({'route': 'tour.toml', 'stop': 3})\n"
        "sys.exit(1)\n",
    )
    assert supervisor.supervise([], max_starts=1) == 1
    assert json.loads(path.read_text())["stop"] == 3
    _viewer(monkeypatch, "import os, signal; os.kill(os.getpid(), signal.SIGKILL)")
    assert supervisor.supervise([], max_starts=1) == 1
    assert json.loads(path.read_text())["stop"] == 3
    assert not (path.parent / "kiosk-state.json.bad").exists()
