"""``--car-model``: which glTF extensions a model may require (issue 20). Those read are
accepted even when required, the others refused in one line each; the README's ``--car-model``
section names them all, as the checker has them."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).parent.parent))  # the tests folder: gltf_samples

from gltf_samples import little_car  # noqa: E402

from viewer.model.cars.gltf_check import (  # noqa: E402
    EXTENSION_PROBLEMS,
    READ_EXTENSIONS,
    GltfError,
    check_gltf,
)
from viewer.scene.cars.car_model import read_car_model  # noqa: E402

README = Path(__file__).resolve().parents[2] / "README.md"


def car_model_section() -> str:
    text = README.read_text(encoding="utf-8")
    start = text.index("`--car-model PATH`")
    return text[start : text.index("\n- **", start)]


def test_the_readme_names_what_is_read_and_what_is_refused():
    section = car_model_section()
    for name in [*READ_EXTENSIONS, *EXTENSION_PROBLEMS]:
        assert f"`{name}`" in section, name
    refused = section[section.index("is\n  refused") :]
    read = section[: section.index("is\n  refused")]
    assert all(f"`{name}`" not in refused for name in READ_EXTENSIONS)
    assert all(f"`{name}`" not in read for name in EXTENSION_PROBLEMS)


def test_glass_required_to_let_light_through_is_read_see_through(tmp_path):
    model = little_car()
    glass = model.material((0.3, 0.8, 0.3), 0.0, 0.0)
    model.doc["materials"][glass]["extensions"] = {
        "KHR_materials_transmission": {"transmissionFactor": 1.0}
    }
    model.doc["extensionsUsed"] = model.doc["extensionsRequired"] = ["KHR_materials_transmission"]
    model.box((-0.7, 1.35, -0.9), (0.7, 1.4, 0.7), glass)
    path = tmp_path / "glass.glb"
    path.write_bytes(model.glb())
    loaded = read_car_model(path)
    glass_color = np.asarray((0.3, 0.8, 0.3)) ** (1 / 2.2)
    seen = [part.opacity for part in loaded.parts if np.allclose(part.color, glass_color, 1e-3)]
    assert seen and seen[0] <= 0.5


@pytest.mark.parametrize("name", sorted(EXTENSION_PROBLEMS))
def test_each_refused_extension_is_named_in_words(tmp_path, name):
    model = little_car()
    model.doc["extensionsUsed"] = model.doc["extensionsRequired"] = [name, "EXT_texture_webp"]
    path = tmp_path / "car.glb"
    path.write_bytes(model.glb())
    reason = f"extensionsRequired: {EXTENSION_PROBLEMS[name]} ({name}), which cannot be read"
    with pytest.raises(GltfError, match=f"{re.escape(reason)}$"):
        check_gltf(path)
