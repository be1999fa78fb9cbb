"""The explanations' figures come from the layout, and both languages say the same numbers."""

from __future__ import annotations

import re

import pytest

from viewer.model.classroom.explain import (
    PLACEHOLDER,
    layout_figures,
    load_explanations,
    plant_explanations,
)
from viewer.model.classroom.learning_path import learning_path
from viewer.model.classroom.thing_facts import real_figures
from viewer.model.fields import Text
from viewer.model.plant.equipment import plant_parts
from viewer.model.plant.layout import load_plant
from viewer.ui.classroom.figures_text import figures_text

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def numbers(text: str) -> set[float]:
    """The numbers written in ``text`` ("9,100" and "9100" are the same number)."""
    return {float(match.replace(",", "")) for match in NUMBER.findall(text)}


def cards(plant) -> dict[str, list[Text]]:
    """Every card's texts: each thing's and each learning step's words and figure lines."""
    parts = plant_parts(plant)
    result: dict[str, list[Text]] = {}
    for kind, item in plant_explanations(plant).items():
        result[f"things.{kind}"] = [item.name, item.kid, item.adult]
        result[f"things.{kind}"] += real_figures(kind, 0, plant, parts)
    for step in learning_path(plant, parts):
        words = step.explanation
        figures = Text(figures_text(step.figures, "en"), figures_text(step.figures, "zh"))
        result[f"workshops.{step.place}"] = [words.name, words.kid, words.adult, figures]
    return result


def test_every_card_says_the_same_numbers_in_both_languages(plant):
    found = cards(plant)
    assert len(found) == len(load_explanations()) + 7
    differ = {}
    for card, texts in found.items():
        for text in texts:
            if numbers(text.en) != numbers(text.zh):
                differ[card] = (text.en, text.zh, numbers(text.en) ^ numbers(text.zh))
    assert not differ


def test_every_placeholder_is_filled_from_the_bundled_layout(plant):
    figures = layout_figures(plant.source)
    used = set()
    for table in ("things", "workshops"):
        for item in load_explanations(table=table).values():
            for text in (item.name, item.kid, item.adult):
                for lang in ("en", "zh"):
                    used |= {f"{m[1]}.{m[2]}" for m in PLACEHOLDER.finditer(text.get(lang))}
    assert {"die_cast_cell.cycle_s", "plant.takt_s", "track.length_m"} <= used
    assert used <= figures.keys()
    for table in ("things", "workshops"):
        for item in plant_explanations(plant, table).values():
            for text in (item.name, item.kid, item.adult):
                assert "{" not in text.en + text.zh and "?" not in text.en + text.zh


def test_the_die_casting_cards_say_the_layouts_cycle_in_both_languages(plant):
    cycle = next(e.cycle_s for e in plant.equipment if type(e).__name__ == "DieCastCell")
    assert cycle == 110
    machine = plant_explanations(plant)["die_cast"]
    step = plant_explanations(plant, "workshops")["die-casting"]
    for text in (machine.kid, step.kid):
        assert "110" in text.en and "110" in text.zh
        assert "a minute" not in text.en and "不到两分钟" not in text.zh


@pytest.mark.parametrize("cycle", [95, 120])
def test_a_changed_cycle_in_the_layout_changes_the_words(plant_text, write_plant, cycle):
    text = plant_text.replace("cycle_s = 110 ", f"cycle_s = {cycle} ", 1)
    assert text != plant_text
    changed = load_plant(write_plant(text))
    kid = plant_explanations(changed)["die_cast"].kid
    assert str(cycle) in kid.en and str(cycle) in kid.zh
    assert "110" not in kid.en + kid.zh
