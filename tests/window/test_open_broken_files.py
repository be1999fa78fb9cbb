"""File > Open plant and File > Open route with broken files, as a user would: through the menu
actions (the file dialog answers with the broken file). Each gives a dialog naming the file and
the problem, never a traceback on the terminal, and the plant and route shown stay as they were.

The hostile files are built here: bad TOML, a folder, a FIFO (which would wait for a writer
forever), a file over the size limit (sparse: nothing large is written), nesting 3,000 deep, a
401-digit number, and a symlink to ``/dev/zero``.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from viewer.model.assets import default_plant_path

HUGE = 200 * 2**20


def _bad_toml(folder: Path, kind: str) -> Path:
    path = folder / f"broken-{kind}.toml"
    path.write_text("[plant\nname = 'x'\n", encoding="utf-8")
    return path


def _folder(folder: Path, kind: str) -> Path:
    path = folder / f"{kind}.toml"
    path.mkdir()
    return path


def _fifo(folder: Path, kind: str) -> Path:
    path = folder / f"{kind}-fifo.toml"
    os.mkfifo(path)
    return path


def _huge(folder: Path, kind: str) -> Path:
    path = folder / f"huge-{kind}.toml"
    with open(path, "wb") as file:
        file.truncate(HUGE)  # sparse: 200 MB long, nothing written
    return path


def _deep(folder: Path, kind: str) -> Path:
    path = folder / f"deep-{kind}.toml"
    path.write_text("a = " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")
    return path


def _long_number(folder: Path, kind: str) -> Path:
    path = folder / f"number-{kind}.toml"
    path.write_text("a = " + "9" * 401 + "\n", encoding="utf-8")
    return path


def _zero(folder: Path, kind: str) -> Path:
    path = folder / f"zero-{kind}.toml"
    path.symlink_to("/dev/zero")
    return path


BROKEN = [_bad_toml, _folder, _fifo, _huge, _deep, _long_number, _zero]


@pytest.fixture
def dialogs(monkeypatch):
    """The problems the window reports (title, message), as report_problem shows them."""
    from viewer.ui.window.main_window import MainWindow

    shown: list[tuple[str, str]] = []
    original = MainWindow.report_problem

    def record(self, title, message, icon=QMessageBox.Icon.Critical):
        shown.append((title, message))
        dialog = original(self, title, message, icon)
        assert isinstance(dialog, QMessageBox) and dialog.isVisible()
        assert dialog.text() == message
        dialog.close()
        return dialog

    monkeypatch.setattr(MainWindow, "report_problem", record)
    return shown


def _choose(monkeypatch, path: Path) -> None:
    """The file dialog answers with ``path``, as a user picking it would."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *args, **kwargs: (str(path), ""))
    )


def _no_hang(action) -> float:
    """Trigger ``action``; fail (instead of waiting for ever) if it takes over 20 s."""
    done = threading.Event()

    def hung() -> None:
        if not done.is_set():
            os.write(2, f"{action.text()!r} hung for 20 s\n".encode())
            os._exit(3)

    timer = threading.Timer(20.0, hung)
    timer.start()
    started = time.monotonic()
    try:
        action.trigger()
    finally:
        done.set()
        timer.cancel()
    return time.monotonic() - started


def test_broken_plants_through_file_open_give_a_dialog_each(
    window, dialogs, monkeypatch, tmp_path, capfd
):
    plant, scene = window.plant, window.scene
    for make in BROKEN:
        path = make(tmp_path, "plant")
        dialogs.clear()
        _choose(monkeypatch, path)
        assert _no_hang(window.actions["open"]) < 10, path
        assert len(dialogs) == 1, path
        title, message = dialogs[0]
        assert title == "Cannot open the plant layout"
        assert str(path) in message and "\n" not in message
        assert window.plant is plant and window.scene is scene  # the plant shown stays
        assert "Traceback" not in capfd.readouterr().err, path


def test_broken_routes_through_file_open_give_a_dialog_each(
    window, dialogs, monkeypatch, tmp_path, capfd
):
    route = window.state.route
    for make in BROKEN:
        path = make(tmp_path, "route")
        dialogs.clear()
        _choose(monkeypatch, path)
        assert _no_hang(window.actions["open_route"]) < 10, path
        assert len(dialogs) == 1, path
        title, message = dialogs[0]
        assert title == "Cannot open the route"
        assert str(path) in message
        assert window.state.route is route  # the route shown stays
        assert "Traceback" not in capfd.readouterr().err, path


def test_an_unexpected_failure_while_opening_still_gives_a_dialog(
    window, dialogs, monkeypatch, tmp_path, capfd
):
    """A loader that fails in a way nobody foresaw (here: it runs out of memory) is still a
    dialog, not a traceback on the terminal."""
    import viewer.ui.window.file_commands as file_commands

    def out_of_memory(path):
        raise MemoryError

    monkeypatch.setattr(file_commands, "load_plant", out_of_memory)
    _choose(monkeypatch, default_plant_path())
    window.actions["open"].trigger()
    assert len(dialogs) == 1
    assert str(default_plant_path()) in dialogs[0][1] and "MemoryError" in dialogs[0][1]
    monkeypatch.setattr(window.tour, "open_route", out_of_memory)
    window.actions["open_route"].trigger()
    assert len(dialogs) == 2 and dialogs[1][0] == "Cannot open the route"
    assert str(default_plant_path()) in dialogs[1][1] and "MemoryError" in dialogs[1][1]
    assert "Traceback" not in capfd.readouterr().err
