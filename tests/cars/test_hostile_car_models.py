"""Hostile car models (``--car-model``): each is refused with one warning line naming the file
and the problem, the parametric SU7 is drawn, and the program goes on.

Every model is built here at run time, most from one valid box-shaped car with one thing broken:
nodes in a cycle, a buffer view 2 GB into its buffer, a 30,000-deep node chain, an accessor past
its buffer, URIs that are absolute or climb out of the model's folder (also through a symlink),
a NaN vertex, an index past the vertices, files that are not glTF at all, devices and FIFOs. The
command-line cases run in a subprocess under a memory limit. The native reader runs in a child
process; the tests also make that child crash, hang, run out of memory and lie, and check that
the caller only gets a :class:`CarModelError`.
"""

from __future__ import annotations

import base64
import json
import os
import resource
import struct
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from viewer.model.cars import car
from viewer.model.cars.gltf_check import MAX_DEPTH, GltfError, check_gltf
from viewer.scene import shapes
from viewer.scene.cars import car_model_reader
from viewer.scene.cars.car_model import CarModelError, load_car_model

# a box-shaped car, glTF style: y up, the length along z
POINTS = np.array(
    [[x, y, z] for x in (-1.0, 1.0) for y in (0.0, 0.7) for z in (-2.5, 2.5)], dtype="<f4"
)
FACES = np.array(
    [
        [0, 1, 3], [0, 3, 2], [4, 6, 7], [4, 7, 5], [0, 4, 5], [0, 5, 1],
        [2, 3, 7], [2, 7, 6], [0, 2, 6], [0, 6, 4], [1, 5, 7], [1, 7, 3],
    ],
    dtype="<u2",
)  # fmt: skip
MEMORY_LIMIT = 6 * 2**30  # for the command-line runs


def car_doc(points: np.ndarray = POINTS, uri: str | None = "data") -> tuple[dict, bytes]:
    """A valid one-mesh glTF document of the box car, and its buffer's bytes. ``uri``: "data"
    puts the buffer in a data: URI, a file name points at a file, ``None`` leaves it out (GLB)."""
    data = points.astype("<f4").tobytes() + FACES.tobytes()
    buffer: dict = {"byteLength": len(data)}
    if uri == "data":
        buffer["uri"] = "data:application/octet-stream;base64," + base64.b64encode(data).decode()
    elif uri is not None:
        buffer["uri"] = uri
    doc = {
        "asset": {"version": "2.0"},
        "scene": 0,
        "scenes": [{"nodes": [0]}],
        "nodes": [{"mesh": 0}],
        "meshes": [{"primitives": [{"attributes": {"POSITION": 0}, "indices": 1}]}],
        "accessors": [
            {"bufferView": 0, "componentType": 5126, "count": len(points), "type": "VEC3"},
            {"bufferView": 1, "componentType": 5123, "count": FACES.size, "type": "SCALAR"},
        ],
        "bufferViews": [
            {"buffer": 0, "byteOffset": 0, "byteLength": points.size * 4},
            {"buffer": 0, "byteOffset": points.size * 4, "byteLength": FACES.nbytes},
        ],
        "buffers": [buffer],
    }
    return doc, data


def write(folder: Path, doc: dict, name: str = "car.gltf") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def glb(doc: dict, data: bytes) -> bytes:
    text = json.dumps(doc).encode()
    text += b" " * (-len(text) % 4)
    data += b"\0" * (-len(data) % 4)
    body = struct.pack("<II", len(text), 0x4E4F534A) + text
    body += struct.pack("<II", len(data), 0x004E4942) + data
    return b"glTF" + struct.pack("<II", 2, 12 + len(body)) + body


# -- the hostile models of the report, each made by one function --------------------------------
def cycle(folder: Path) -> Path:
    doc, _ = car_doc()
    doc["nodes"] = [{"mesh": 0}, {"children": [2], "mesh": 0}, {"children": [1]}]
    path = write(folder, doc)
    assert path.stat().st_size < 1000  # as small as the report's 513-byte file
    return path


def offset_2gb(folder: Path) -> Path:
    doc, _ = car_doc()
    doc["bufferViews"][0]["byteOffset"] = 2**31
    return write(folder, doc)


def chain_30000(folder: Path) -> Path:
    doc, _ = car_doc()
    doc["nodes"] = [{"children": [n + 1]} for n in range(29_999)] + [{"mesh": 0}]
    return write(folder, doc)


def accessor_past_buffer(folder: Path) -> Path:
    doc, _ = car_doc()
    doc["accessors"][0]["count"] = 4000
    return write(folder, doc)


def absolute_uri(folder: Path) -> Path:
    doc, _ = car_doc(uri="/etc/passwd")
    doc["buffers"][0]["byteLength"] = 16
    return write(folder, doc)


def climbing_uri(folder: Path) -> Path:
    doc, data = car_doc(uri="../../secret.bin")
    (folder.parent / "secret.bin").write_bytes(data)  # a valid buffer, but outside the folder
    return write(folder / "model", doc)


def nan_vertex(folder: Path) -> Path:
    points = POINTS.copy()
    points[3, 1] = np.nan
    doc, _ = car_doc(points)
    return write(folder, doc)


def not_a_gltf(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "car.glb"
    path.write_bytes(np.random.default_rng(1).bytes(513))
    return path


HOSTILE = {
    cycle: "the node graph has a cycle through node 1",
    offset_2gb: "bytes 2147483648 to 2147483744 lie outside its 168-byte buffer",
    chain_30000: f"the node tree is more than {MAX_DEPTH} levels deep",
    accessor_past_buffer: "runs to byte 48000 of its 96-byte buffer view",
    absolute_uri: "'/etc/passwd' is an absolute path",
    climbing_uri: "'../../secret.bin' climbs out of the model folder",
    nan_vertex: "vertex 3 has a position that is not finite",
    not_a_gltf: "cannot read it as glTF (not a GLB file: no 'glTF' header)",
}
FIELDS = {
    cycle: "nodes",
    offset_2gb: "bufferViews[0]",
    chain_30000: "nodes",
    accessor_past_buffer: "accessors[0]",
    absolute_uri: "buffers[0].uri",
    climbing_uri: "buffers[0].uri",
    nan_vertex: "accessors[0]",
    not_a_gltf: "",
}


@pytest.fixture(autouse=True)
def parametric_car_afterwards():
    yield
    shapes.set_car_model(None)


@pytest.mark.parametrize("make", list(HOSTILE), ids=[make.__name__ for make in HOSTILE])
def test_each_hostile_model_is_refused_by_the_checker(tmp_path, make):
    path = make(tmp_path / "models")
    started = time.perf_counter()
    with pytest.raises(GltfError) as caught:
        check_gltf(path)
    assert time.perf_counter() - started < 2.0
    assert caught.value.field == FIELDS[make]
    assert HOSTILE[make] in caught.value.problem
    with pytest.raises(CarModelError) as again:
        load_car_model(path)
    message = str(again.value)
    assert message.startswith(str(path) + ": ") and HOSTILE[make] in message
    assert "\n" not in message


def test_the_hostile_models_on_the_command_line_warn_once_and_draw_the_su7(tmp_path):
    """``factory-tour snapshot --car-model`` with each hostile model, all in one process under a
    memory limit: each run prints one warning line and writes the picture; the process lives."""
    paths = [make(tmp_path / make.__name__) for make in HOSTILE]
    script = "\n".join(
        [
            "import resource, sys",
            f"resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))",
            "from viewer.app.cli import main",
            "from viewer.scene import shapes",
            "for number, model in enumerate(sys.argv[2:]):",
            "    print(f'=== {number}', file=sys.stderr, flush=True)",
            "    out = f'{sys.argv[1]}/shot{number}.png'",
            "    args = ['snapshot', '--out', out, '--view', 'showroom', '--size', '160x90']",
            "    status = main([*args, '--quality', 'low', '--car-model', model])",
            "    sys.stderr.flush()",
            "    print(f'status {number} {status} {shapes.car_model_in_use()}', flush=True)",
        ]
    )
    result = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path), *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "PYTHONFAULTHANDLER": ""},
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    sections = result.stderr.split("=== ")[1:]
    assert len(sections) == len(paths)
    for number, (path, make) in enumerate(zip(paths, HOSTILE, strict=True)):
        assert f"status {number} 0 False" in result.stdout  # the parametric car, exit 0
        lines = [line for line in sections[number].splitlines()[1:] if line.strip()]
        field = f"{FIELDS[make]}: " if FIELDS[make] else ""
        assert len(lines) == 1, lines  # one line, nothing else (no VTK errors either)
        assert lines[0].startswith(f"warning: {path}: {field}{HOSTILE[make]}")
        assert lines[0].endswith("; the parametric SU7 is drawn instead")
        assert (tmp_path / f"shot{number}.png").stat().st_size > 0


def test_the_window_shows_a_dialog_for_a_hostile_model(qapp, tmp_path, monkeypatch, capsys):
    """``factory-tour --car-model BAD``: the window opens with the parametric car and a dialog
    naming the file and the problem."""
    from PySide6.QtWidgets import QMessageBox

    from viewer.app.cli import main
    from viewer.ui.window.main_window import MainWindow

    shown = []
    original = MainWindow.report_problem

    def record(self, title, message, icon=QMessageBox.Icon.Critical):
        dialog = original(self, title, message, icon)
        shown.append((title, message, dialog.isVisible()))
        dialog.close()
        return dialog

    monkeypatch.setattr(MainWindow, "report_problem", record)
    path = cycle(tmp_path)
    assert main(["--car-model", str(path), "--paused", "--quit-after-first-frame"]) == 0
    assert shown == [
        (
            "Cannot use the car model",
            f"{path}: nodes: {HOSTILE[cycle]}; the parametric SU7 is drawn instead",
            True,
        )
    ]
    assert not shapes.car_model_in_use()
    assert "Traceback" not in capsys.readouterr().err


# -- more ways out of the folder, and files that are not files -----------------------------------
def test_a_symlink_out_of_the_folder_is_refused(tmp_path):
    doc, data = car_doc(uri="inside.bin")
    (tmp_path / "secret.bin").write_bytes(data)
    path = write(tmp_path / "model", doc)
    (tmp_path / "model" / "inside.bin").symlink_to(tmp_path / "secret.bin")
    with pytest.raises(CarModelError, match="'inside.bin' leads out of the model folder"):
        load_car_model(path)


@pytest.mark.parametrize(
    ("uri", "problem"),
    [
        ("file:///etc/passwd", "names another place than a file in the model folder"),
        ("%2Fetc%2Fpasswd", "is an absolute path"),
        ("parts/..%2F..%2F..%2Fetc%2Fshadow", "climbs out of the model folder"),
        ("C:/Windows/win.ini", "is an absolute path"),
        ("https://example.com/car.bin", "names another place"),
    ],
)
def test_other_uris_out_of_the_folder_are_refused(tmp_path, uri, problem):
    doc, _ = car_doc(uri=uri)
    with pytest.raises(GltfError, match=problem):
        check_gltf(write(tmp_path, doc))


def test_an_image_uri_out_of_the_folder_is_refused(tmp_path):
    doc, _ = car_doc()
    doc["images"] = [{"uri": "../../../../etc/shadow"}]
    with pytest.raises(GltfError, match=r"images\[0\].uri: '../../../../etc/shadow' climbs out"):
        check_gltf(write(tmp_path, doc))


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom"])
def test_a_model_or_buffer_that_is_a_device_is_refused(tmp_path, target):
    link = tmp_path / "car.glb"
    link.symlink_to(target)
    with pytest.raises(CarModelError, match="car.glb: is a device, not a regular file"):
        load_car_model(link)
    doc, _ = car_doc(uri="zero.bin")
    path = write(tmp_path / "model", doc)
    (tmp_path / "model" / "zero.bin").symlink_to(target)
    with pytest.raises(CarModelError, match="'zero.bin' leads out of the model folder"):
        load_car_model(path)


def test_a_buffer_that_is_a_fifo_inside_the_folder_is_refused(tmp_path):
    doc, _ = car_doc(uri="pipe.bin")
    path = write(tmp_path, doc)
    os.mkfifo(tmp_path / "pipe.bin")
    with pytest.raises(
        CarModelError, match=r"car.gltf: buffers\[0\].uri: 'pipe.bin' is a FIFO, not a regular"
    ):
        load_car_model(path)


def test_a_fifo_or_folder_is_refused_at_once(tmp_path):
    fifo = tmp_path / "car.gltf"
    os.mkfifo(fifo)
    started = time.perf_counter()
    with pytest.raises(CarModelError, match="is a FIFO, not a regular file"):
        load_car_model(fifo)
    assert time.perf_counter() - started < 2.0
    (tmp_path / "folder.glb").mkdir()
    with pytest.raises(CarModelError, match="is a folder"):
        load_car_model(tmp_path / "folder.glb")


def test_an_index_past_the_vertices_is_refused(tmp_path):
    doc, data = car_doc(uri="car.bin")
    faces = FACES.copy()
    faces[5, 2] = 60_000
    (tmp_path / "car.bin").write_bytes(POINTS.tobytes() + faces.tobytes())
    with pytest.raises(GltfError, match="index 60000 points past the 8 vertices"):
        check_gltf(write(tmp_path, doc))


def test_a_buffer_file_shorter_than_declared_is_refused(tmp_path):
    doc, data = car_doc(uri="car.bin")
    (tmp_path / "car.bin").write_bytes(data[:100])
    with pytest.raises(GltfError, match=r"byteLength: declares 168 bytes, the data holds 100"):
        check_gltf(write(tmp_path, doc))


def test_a_node_with_two_parents_and_a_self_loop_are_refused(tmp_path):
    doc, _ = car_doc()
    doc["nodes"] = [{"children": [2], "mesh": 0}, {"children": [2]}, {"mesh": 0}]
    doc["scenes"] = [{"nodes": [0, 1]}]
    with pytest.raises(GltfError, match="node 2 has two parents"):
        check_gltf(write(tmp_path, doc))
    doc["nodes"] = [{"mesh": 0}, {"children": [1]}]
    doc["scenes"] = [{"nodes": [0]}]
    with pytest.raises(GltfError, match="a cycle through node 1"):
        check_gltf(write(tmp_path, doc))


def test_a_glb_whose_chunk_runs_past_the_file_is_refused(tmp_path):
    doc, data = car_doc(uri=None)
    blob = bytearray(glb(doc, data))
    struct.pack_into("<I", blob, 12, 2**31)  # the JSON chunk claims 2 GB
    path = tmp_path / "car.glb"
    path.write_bytes(bytes(blob))
    with pytest.raises(GltfError, match="declares 2147483648 bytes past the end of the file"):
        check_gltf(path)


def test_json_nested_deep_or_with_huge_numbers_is_refused(tmp_path):
    path = tmp_path / "car.gltf"
    path.write_text('{"asset": ' + "[" * 100_000 + "]" * 100_000 + "}")
    with pytest.raises(GltfError, match="nests more than"):
        check_gltf(path)
    path.write_text('{"asset": {"version": "2.0"}, "x": ' + "9" * 5000 + "}")
    with pytest.raises(GltfError, match="not valid JSON"):
        check_gltf(path)


# -- models that are fine still load ------------------------------------------------------------
def test_a_model_with_its_buffer_beside_it_loads(tmp_path):
    doc, data = car_doc(uri="parts/car%20body.bin")
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "car body.bin").write_bytes(data)
    mesh = load_car_model(write(tmp_path, doc))
    extent = np.ptp(np.asarray(mesh.points), axis=0)
    assert extent[0] == pytest.approx(car.SU7.length, rel=1e-6)
    assert mesh.n_cells == len(FACES)


def test_a_glb_model_loads_with_its_node_transforms(tmp_path):
    doc, data = car_doc(uri=None)
    doc["nodes"] = [{"children": [1], "scale": [2.0, 1.0, 1.0]}, {"mesh": 0}]
    path = tmp_path / "car.glb"
    path.write_bytes(glb(doc, data))
    mesh = load_car_model(path)
    extent = np.ptp(np.asarray(mesh.points), axis=0)
    # the parent's scale made the car 4 m wide: the width is 4/5 of the length now
    assert extent[1] == pytest.approx(0.8 * extent[0], rel=1e-3)


# -- the child process that runs the native reader ----------------------------------------------
@pytest.fixture
def good_model(tmp_path) -> Path:
    doc, _ = car_doc()
    return write(tmp_path / "good", doc)


def _child_runs(monkeypatch, code: str) -> None:
    """The reader's child runs ``code`` instead (``sys.argv[2]`` is its output folder)."""
    monkeypatch.setattr(
        car_model_reader,
        "child_command",
        lambda model, out: [sys.executable, "-c", code, str(model), str(out)],
    )


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("import os; os.abort()", r"the glTF reader crashed \(SIGABRT"),
        ("import ctypes; ctypes.string_at(0)", r"the glTF reader crashed \(SIGSEGV\)"),
        (
            "from viewer.scene.cars.car_model_reader import _limit_resources\n"
            "_limit_resources()\nblock = bytearray(8 * 2**30)",
            r"the glTF reader failed \(exit status 1: MemoryError\)",
        ),
        (
            "import sys, numpy as np\n"
            "np.savez(sys.argv[2] + '/arrays.npz', points=np.zeros((3, 3)),"
            " triangles=np.array([[0, 1, 99]]))",
            "the glTF reader handed back triangles outside the points",
        ),
        (
            "import sys, numpy as np\n"
            "np.savez(sys.argv[2] + '/arrays.npz', points=np.full((3, 3), np.inf),"
            " triangles=np.array([[0, 1, 2]]))",
            "the model's points are not finite",
        ),
    ],
    ids=["abort", "segfault", "memory", "bad-triangles", "infinite-points"],
)
def test_whatever_the_reader_child_does_the_caller_gets_a_clean_error(
    monkeypatch, good_model, code, problem
):
    _child_runs(monkeypatch, "import faulthandler; faulthandler.disable()\n" + code)
    with pytest.raises(CarModelError, match=problem):
        load_car_model(good_model)


def test_a_reader_child_that_hangs_is_stopped(monkeypatch, good_model):
    _child_runs(monkeypatch, "import time; time.sleep(60)")
    monkeypatch.setattr(car_model_reader, "CHILD_WALL_S", 1.0)
    started = time.perf_counter()
    with pytest.raises(CarModelError, match="took longer than 1 s"):
        load_car_model(good_model)
    assert time.perf_counter() - started < 10


def test_the_reader_child_is_limited_in_memory_and_cpu(tmp_path):
    code = (
        "import resource\n"
        "from viewer.scene.cars.car_model_reader import _limit_resources\n"
        "_limit_resources()\n"
        "print(*(resource.getrlimit(kind)[0] for kind in"
        " (resource.RLIMIT_AS, resource.RLIMIT_CPU, resource.RLIMIT_CORE)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    memory, cpu, core = map(int, result.stdout.split())
    assert memory == car_model_reader.CHILD_MEMORY_BYTES and cpu == car_model_reader.CHILD_CPU_S
    assert core == 0
    assert resource.getrlimit(resource.RLIMIT_AS)[0] != memory  # the caller is not limited


# -- property tests of the checker ---------------------------------------------------------------
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["../x.bin", "/etc/passwd", "data:;base64,AAAA", "VEC3", "SCALAR"]),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=8,
)


def _places(doc: object, path: tuple = ()) -> list[tuple]:
    """Every place in a JSON document (paths of keys and indices)."""
    places = [path]
    if isinstance(doc, dict):
        for key, value in doc.items():
            places += _places(value, (*path, key))
    elif isinstance(doc, list):
        for number, value in enumerate(doc):
            places += _places(value, (*path, number))
    return places


@st.composite
def mutated_models(draw) -> dict:
    """The valid box car with a few places replaced by anything JSON can hold."""
    doc, _ = car_doc()
    for _ in range(draw(st.integers(1, 3))):
        places = [place for place in _places(doc) if place]
        place = draw(st.sampled_from(places))
        parent = doc
        for step in place[:-1]:
            parent = parent[step]
        parent[place[-1]] = draw(JSON_VALUES)
    return doc


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(doc=mutated_models())
def test_any_mutated_model_is_checked_or_refused_cleanly(tmp_path, doc):
    path = tmp_path / "car.gltf"
    path.write_text(json.dumps(doc), encoding="utf-8")
    try:
        checked = check_gltf(path)
    except GltfError as exc:
        assert str(exc).startswith(f"{path}: ") and "\n" not in str(exc)
        return
    again = tmp_path / "again.glb"
    again.write_bytes(checked.glb())
    assert check_gltf(again).document == checked.document  # what the reader gets checks too


@settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400), header=st.booleans())
def test_any_bytes_are_refused_cleanly(tmp_path, data, header):
    doc, buffer = car_doc(uri=None)
    blob = glb(doc, buffer)
    path = tmp_path / "car.glb"
    path.write_bytes(blob[: len(data) % len(blob)] + data if header else data)
    try:
        check_gltf(path)
    except GltfError as exc:
        assert "\n" not in str(exc)


def test_a_model_of_points_only_is_refused_without_output_on_the_terminal(tmp_path, capfd):
    """It passes the checks; VTK reads it in the child and finds no triangles. Whatever VTK
    says goes to the log, not to the terminal."""
    doc, _ = car_doc()
    doc["meshes"][0]["primitives"][0]["mode"] = 0  # points
    with pytest.raises(CarModelError, match="car.gltf: the file holds no triangles"):
        load_car_model(write(tmp_path, doc))
    captured = capfd.readouterr()
    assert captured.err == "" and captured.out == ""
