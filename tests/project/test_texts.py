"""Translated text in one place: viewer/texts/texts.toml, read by viewer.texts; none written in
the model, the scene, the ui or the command line."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

import viewer.model
from viewer.texts import TEXTS, VIEW_NAMES, both, load_texts, tr

CHINESE = re.compile(r"[\u3400-\u9fff]")  # ideographs: words, not punctuation


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("key", sorted(TEXTS))
def test_every_text_has_both_languages_with_the_same_fields(key):
    en, zh = TEXTS[key]
    assert en.strip() and zh.strip()
    assert _fields(en) == _fields(zh)


def test_view_names_are_translated():
    assert VIEW_NAMES["assembly"] == ("Final assembly", "总装车间")
    assert all(CHINESE.search(zh) for _, zh in VIEW_NAMES.values())


def _docstrings(tree: ast.Module) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def test_no_layer_holds_translated_text_of_its_own():
    root = Path(viewer.model.__file__).parent.parent
    found = []
    for path in sorted(root.rglob("*.py")):
        if path.parent.name == "texts":
            continue  # viewer/texts is the one place
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = _docstrings(tree)  # examples in docstrings may show Chinese results
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in skip
                and CHINESE.search(node.value)
            ):
                found.append(f"{path.relative_to(root)}:{node.lineno}: {node.value!r}")
    assert found == []
    assert len(list(root.rglob("*.py"))) > 100


def test_the_figures_of_a_picked_thing_read_as_before_in_both_languages(plant):
    from viewer.model.classroom.thing_facts import live_figures, real_figures
    from viewer.model.motion.simulation import PlantSimulation

    sim = PlantSimulation(plant)
    cast = real_figures("die_cast", 0, plant, sim.parts)
    assert (cast[0].en, cast[0].zh) == ("Clamp force 9,100 t", "锁模力 9,100 吨")
    robot = real_figures("robot", 0, plant, sim.parts)
    assert robot[-1].zh.endswith("台机器人，这是其中之一") and robot[-1].en.startswith("One of ")
    state = sim.state(sim.start_time)
    live = live_figures("robot", 0, plant, sim.parts, state)
    assert live[0].zh in ("正在动作", "等待下一辆车")
    assert live[-1].zh == f"已下线整车：{state.finished_cars:,} 辆"


def test_fields_in_each_language_take_a_text_s_own_language():
    class Name:
        en, zh = "Body shop", "车身车间"

    assert both("robot_one_of", count=3, where=Name()) == (
        "One of 3 robots in Body shop",
        "车身车间共有 3 台机器人，这是其中之一",
    )
    assert tr("driving_to", "zh", stop="展厅") == "前往：展厅"


def test_a_text_without_chinese_or_in_two_sections_is_refused(tmp_path):
    path = tmp_path / "texts.toml"
    path.write_text('[ui]\nquit.en = "Quit"\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"\[ui\] quit: give exactly en and zh"):
        load_texts(path)
    path.write_text(
        '[ui]\nquit.en = "Quit"\nquit.zh = "退出"\n[figures]\nquit.en = "Q"\nquit.zh = "退"\n',
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match=r"\[figures\] quit: also in \[ui\]"):
        load_texts(path)
