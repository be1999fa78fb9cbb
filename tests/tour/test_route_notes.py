"""The guide's notes saved into the route file: round trip, layout kept, atomic, one backup."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from viewer.model.errors import DataFileError
from viewer.model.tour.route import default_route_path, load_route
from viewer.model.tour.route_notes import route_text_with_notes
from viewer.ui.tour import route_saving
from viewer.ui.tour.route_saving import backup_path, save_route_notes


@pytest.fixture
def route_copy(tmp_path: Path) -> Path:
    """A copy of the bundled route to write into."""
    path = tmp_path / "tour.toml"
    shutil.copyfile(default_route_path(), path)
    return path


def test_notes_are_saved_and_read_back(route_copy: Path) -> None:
    route = load_route(route_copy)
    notes = {
        "stamping": {"en": "Point at press 3.\nWait for the stroke.", "zh": "指向第三台压机。"},
        "lobby": {"en": 'Count heads: "all 30?"'},
    }
    updated = save_route_notes(route, notes)
    assert updated.stop("stamping").notes.en == "Point at press 3.\nWait for the stroke."
    again = load_route(route_copy)
    assert again.stop("stamping").notes.en == "Point at press 3.\nWait for the stroke."
    assert again.stop("stamping").notes.zh == "指向第三台压机。"
    assert again.stop("lobby").notes.en == 'Count heads: "all 30?"'
    assert again.stop("lobby").notes.zh == ""
    # everything else is as it was
    assert again.stop("stamping").narration == route.stop("stamping").narration
    assert [s.id for s in again.stops] == [s.id for s in route.stops]
    assert again.waypoints.tolist() == route.waypoints.tolist()


def test_saving_keeps_the_files_comments_and_one_backup(route_copy: Path) -> None:
    original = route_copy.read_text(encoding="utf-8")
    route = save_route_notes(load_route(route_copy), {"paint": {"en": "first"}})
    text = route_copy.read_text(encoding="utf-8")
    assert "# The public tour of the Xiaomi EV plant" in text
    assert "# slowly past the glass bridge over the fast straight" in text
    assert backup_path(route_copy).read_text(encoding="utf-8") == original
    save_route_notes(route, {"paint": {"en": "second"}})
    assert backup_path(route_copy).read_text(encoding="utf-8") == text  # one backup: the last
    assert load_route(route_copy).stop("paint").notes.en == "second"
    assert sorted(p.name for p in route_copy.parent.iterdir()) == ["tour.toml", "tour.toml.bak"]


def test_existing_notes_are_replaced_in_place(tmp_path: Path) -> None:
    text = '[[stops]]\nid = "a"\nnotes = { en = "old", zh = "旧" }  # keep me\n'
    result = route_text_with_notes(text, tmp_path / "r.toml", {"a": {"en": "new"}})
    assert result == '[[stops]]\nid = "a"\nnotes = { en = "new", zh = "旧" }  # keep me\n'


def test_an_unknown_stop_names_the_file_and_field(tmp_path: Path) -> None:
    with pytest.raises(DataFileError) as info:
        route_text_with_notes('[[stops]]\nid = "a"\n', tmp_path / "r.toml", {"b": {"en": "x"}})
    assert "r.toml" in str(info.value) and "stops" in str(info.value) and "'b'" in str(info.value)


class _FailingSaveFile(route_saving.QSaveFile):
    """Writes half of what it is given to the route file, then reports a full disk."""

    def write(self, data: bytes) -> int:  # noqa: D102
        if self.fileName().endswith(".toml"):
            super().write(data[: len(data) // 2])
            return -1
        return super().write(data)


def test_a_failed_write_leaves_the_route_file_intact(
    route_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = route_copy.read_bytes()
    monkeypatch.setattr(route_saving, "QSaveFile", _FailingSaveFile)
    with pytest.raises(OSError, match="tour.toml"):
        save_route_notes(load_route(route_copy), {"paint": {"en": "lost?"}})
    assert route_copy.read_bytes() == original
    assert backup_path(route_copy).read_bytes() == original
    assert sorted(p.name for p in route_copy.parent.iterdir()) == ["tour.toml", "tour.toml.bak"]
    assert load_route(route_copy).stop("paint").notes.en == ""


def test_a_failed_commit_leaves_the_route_file_intact(
    route_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = route_copy.read_bytes()

    class NoCommit(route_saving.QSaveFile):
        def commit(self) -> bool:  # noqa: D102
            if self.fileName().endswith(".toml"):
                self.cancelWriting()
                super().commit()
                return False
            return super().commit()

    monkeypatch.setattr(route_saving, "QSaveFile", NoCommit)
    with pytest.raises(OSError):
        save_route_notes(load_route(route_copy), {"paint": {"en": "x"}})
    assert route_copy.read_bytes() == original


@settings(max_examples=40, deadline=None)
@given(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=80), st.booleans())
def test_any_note_reads_back_as_written(note: str, two_lines: bool) -> None:
    if two_lines:
        note = note + "\n" + note[::-1]
    text = '[[stops]]\nid = "a"\ndwell_s = 1\n'
    result = route_text_with_notes(text, "r.toml", {"a": {"en": note, "zh": note}})
    from viewer.model.fields import tomllib

    assert tomllib.loads(result)["stops"][0]["notes"] == {"en": note.strip(), "zh": note.strip()}
