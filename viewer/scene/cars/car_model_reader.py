"""Reads a checked car model with VTK's glTF reader in a child process, so that whatever the
native reader does (a crash, an abort, running out of memory, looping) the application goes on.

:func:`read_model_arrays` writes the checked GLB (see :mod:`viewer.model.cars.gltf_check`) to a
temporary folder and runs ``python -m viewer.scene.cars.car_model_reader MODEL OUT``. The child
limits itself before it touches the model (address space :data:`CHILD_MEMORY_BYTES`, CPU time
:data:`CHILD_CPU_S`, no core file). A model with Draco-compressed meshes is first decoded
(:mod:`viewer.scene.cars.gltf_draco`) and the decoded model checked again with
:func:`~viewer.model.cars.gltf_check.check_gltf`, so that VTK only ever meets checked, uncompressed
geometry; a mesh that does not decode is a :class:`ModelReadError` about the geometry (no retry
without textures). WebP texture images are turned into PNG (:mod:`viewer.scene.cars.gltf_webp`); one
that does not decode is a :class:`ModelReadError` (the model is read again without them). The child
then reads the model, triangulates every mesh and saves NumPy arrays as an ``.npz`` file: the
points, triangles, normals and texture coordinates; each triangle's part
(the triangles sharing one material); each part's look (base colour, metallic, roughness, its
texture); the texture images VTK decoded, at most :data:`MAX_TEXTURE_SIDE` pixels a side; and
two simpler levels of detail for the many cars on the line and the far ones, made with VTK's
quadric clustering (about :data:`LINE_TRIANGLES` and :data:`FAR_TRIANGLES` triangles). A model
of more than :data:`NEAR_TRIANGLES` triangles is simplified to that for the lobby too. VTK's
messages go to a file, never to the screen, and the parent passes them to :mod:`logging`. The
parent waits at most :data:`CHILD_WALL_S`, then checks what it gets back (shapes, types, finite
points, triangles within the points, parts within the parts, textures within their size) before
trusting it. Any failure raises :class:`ModelReadError` with a one-line reason.
"""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

LOG = logging.getLogger("factory-tour.car-model")
CHILD_MEMORY_BYTES = 3 * 2**30  # the child's address space (VTK itself takes about 350 MB)
CHILD_CPU_S = 60
CHILD_WALL_S = 90.0
MAX_RESULT_BYTES = 512 * 2**20  # the .npz handed back
MAX_MESSAGE_BYTES = 64 * 1024  # of VTK's messages kept for the log
EXIT_PROBLEM = 3  # the child read the model but found nothing usable; the reason in problem.txt
EXIT_GEOMETRY = 4  # the model's geometry cannot be decoded or fails its checks once decoded
RESULT, PROBLEM, MESSAGES = "arrays.npz", "problem.txt", "messages.txt"
NEAR_TRIANGLES = 50_000  # the lobby's car (the parametric one has about 15,000)
LINE_TRIANGLES = 2_500  # each of the many cars on the line (the parametric one: 1,900)
FAR_TRIANGLES = 300  # a far car (the parametric one: 156)
MAX_PARTS = 256  # materials kept apart; beyond, the rest share the last part
MAX_TEXTURES = 32  # texture images handed back
MAX_TEXTURE_SIDE = 1024  # pixels; larger images are averaged down
SMALL_PART = 2_000  # triangles of a part the lobby's copy keeps as they are
DEFAULT_LOOK = (1.0, 1.0, 1.0, 1.0, 1.0, 1.0, -1.0)  # glTF's default material, no texture


class ModelReadError(RuntimeError):
    """The native reader failed on a model, or handed back something unusable. ``geometry``:
    the model's geometry itself cannot be used (reading it without textures will not help)."""

    def __init__(self, message: str, geometry: bool = False) -> None:
        super().__init__(message)
        self.geometry = geometry


@dataclass(frozen=True)
class Level:
    """A simpler copy of the model: ``points`` (n, 3), ``triangles`` (m, 3) and each
    triangle's ``part`` (m,)."""

    points: np.ndarray
    triangles: np.ndarray
    part: np.ndarray


@dataclass(frozen=True)
class ModelArrays:
    """A model as the reader hands it back (glTF's axes and units, transforms applied).

    ``points`` (n, 3) float64 and ``triangles`` (m, 3) int64 indices; ``part`` (m,) the part
    (material) of each triangle; ``normals`` (n, 3) and ``uv`` (n, 2, glTF's: v down the image)
    where the model has them. ``looks`` (parts, 7): base colour RGBA (linear), metallic,
    roughness, texture number or -1. ``textures``: RGB(A) uint8 images, rows from the top.
    ``line`` and ``far``: the simpler copies (the full model when absent).
    """

    points: np.ndarray
    triangles: np.ndarray
    part: np.ndarray | None = None
    normals: np.ndarray | None = None
    uv: np.ndarray | None = None
    looks: np.ndarray = field(default_factory=lambda: np.array([DEFAULT_LOOK]))
    textures: tuple[np.ndarray, ...] = ()
    line: Level | None = None
    far: Level | None = None


def child_command(model: Path, out: Path) -> list[str]:
    """The command that reads ``model`` into the folder ``out``."""
    return [sys.executable, "-m", "viewer.scene.cars.car_model_reader", str(model), str(out)]


def read_model_arrays(glb: bytes, timeout_s: float | None = None) -> ModelArrays:
    """Read the GLB file ``glb`` (checked) in a child process; its points and triangles.
    The child may run ``timeout_s`` seconds (default :data:`CHILD_WALL_S`)."""
    timeout_s = CHILD_WALL_S if timeout_s is None else timeout_s
    with tempfile.TemporaryDirectory(prefix="factory-tour-car-") as name:
        folder = Path(name)
        model = folder / "model.glb"
        model.write_bytes(glb)
        package_root = str(Path(__file__).resolve().parents[3])
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(
            part for part in (package_root, env.get("PYTHONPATH", "")) if part
        )
        with open(folder / "output.txt", "wb") as output:
            try:
                process = subprocess.run(
                    child_command(model, folder),
                    stdin=subprocess.DEVNULL,
                    stdout=output,
                    stderr=output,
                    env=env,
                    timeout=timeout_s,
                    check=False,
                )
            except subprocess.TimeoutExpired:
                raise ModelReadError(f"the glTF reader took longer than {timeout_s:g} s") from None
            except OSError as exc:
                raise ModelReadError(f"cannot start the glTF reader ({exc})") from None
        _log_messages(folder)
        status = process.returncode
        if status in (EXIT_PROBLEM, EXIT_GEOMETRY):
            raise ModelReadError(
                _first_line(folder / PROBLEM) or "the glTF reader gave up",
                geometry=status == EXIT_GEOMETRY,
            )
        if status < 0:
            raise ModelReadError(f"the glTF reader crashed ({_signal_name(-status)})")
        if status != 0:
            last = _first_line(folder / "output.txt", last=True)
            raise ModelReadError(
                f"the glTF reader failed (exit status {status}{': ' + last if last else ''})"
            )
        return _result(folder / RESULT)


def _signal_name(number: int) -> str:
    try:
        name = signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
    return name + (" - out of memory or a broken file" if name == "SIGABRT" else "")


def _first_line(path: Path, last: bool = False) -> str:
    try:
        with open(path, "rb") as file:
            if last:
                file.seek(max(os.fstat(file.fileno()).st_size - 4096, 0))
            text = file.read(4096).decode("utf-8", "replace")
    except OSError:
        return ""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        return ""
    line = lines[-1] if last else lines[0]
    return "".join(char if char.isprintable() else "?" for char in line)[:300]


def _log_messages(folder: Path) -> None:
    """VTK's messages and anything else the child printed, to the log (not the screen)."""
    for name in (MESSAGES, "output.txt"):
        try:
            with open(folder / name, "rb") as file:
                text = file.read(MAX_MESSAGE_BYTES).decode("utf-8", "replace").strip()
        except OSError:
            continue
        if text:
            LOG.debug("glTF reader (%s): %s", name, text)


def _result(path: Path) -> ModelArrays:
    """The arrays the child saved, checked before they are trusted."""
    try:
        size = path.stat().st_size
    except OSError:
        raise ModelReadError("the glTF reader handed back nothing") from None
    if size > MAX_RESULT_BYTES:
        raise ModelReadError(f"the glTF reader handed back {size} bytes; too many")
    try:
        with np.load(path, allow_pickle=False) as data:
            return _checked(data)
    except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile) as exc:
        raise ModelReadError(f"the glTF reader's result cannot be read ({exc})") from None


def _checked(data: np.lib.npyio.NpzFile) -> ModelArrays:
    """The arrays in ``data`` if they hold together."""
    points = np.asarray(data["points"])
    triangles = np.asarray(data["triangles"])
    if points.ndim != 2 or points.shape[1] != 3 or points.dtype.kind != "f":
        raise ModelReadError("the glTF reader handed back points of the wrong shape")
    if triangles.ndim != 2 or triangles.shape[1] != 3 or triangles.dtype.kind not in "iu":
        raise ModelReadError("the glTF reader handed back triangles of the wrong shape")
    points = points.astype(np.float64)
    if not np.isfinite(points).all():
        raise ModelReadError("the model's points are not finite once its transforms are applied")
    triangles = triangles.astype(np.int64)
    if triangles.size and (triangles.min() < 0 or triangles.max() >= len(points)):
        raise ModelReadError("the glTF reader handed back triangles outside the points")
    if "looks" not in data:  # geometry only
        return ModelArrays(points, triangles)
    looks = _array(data, "looks", (-1, 7), "f")
    looks = np.nan_to_num(looks, nan=1.0, posinf=1.0, neginf=0.0)
    looks[:, :6] = np.clip(looks[:, :6], 0.0, 1.0)
    parts = len(looks)
    if not 1 <= parts <= MAX_PARTS:
        raise ModelReadError(f"the glTF reader handed back {parts} parts")
    textures = []
    count = int(_array(data, "textures", (), "iu")) if "textures" in data else 0
    for number in range(min(count, MAX_TEXTURES)):
        image = _array(data, f"texture_{number}", (-1, -1, -1), "u")
        height, width, channels = image.shape
        if not (0 < height <= MAX_TEXTURE_SIDE and 0 < width <= MAX_TEXTURE_SIDE):
            raise ModelReadError("the glTF reader handed back a texture of the wrong size")
        if channels not in (3, 4) or image.dtype != np.uint8:
            raise ModelReadError("the glTF reader handed back a texture of the wrong shape")
        textures.append(image)
    texture = looks[:, 6]
    looks[:, 6] = np.where((texture >= 0) & (texture < len(textures)), np.round(texture), -1)
    part = _parts(data, "part", len(triangles), parts)
    normals = _array(data, "normals", (len(points), 3), "f") if "normals" in data else None
    uv = _array(data, "uv", (len(points), 2), "f") if "uv" in data else None
    for values in (normals, uv):
        if values is not None and not np.isfinite(values).all():
            raise ModelReadError("the glTF reader handed back numbers that are not finite")
    levels = []
    for name in ("line", "far"):
        if f"{name}_points" not in data:
            levels.append(None)
            continue
        level_points = _array(data, f"{name}_points", (-1, 3), "f").astype(np.float64)
        level_triangles = _array(data, f"{name}_triangles", (-1, 3), "iu").astype(np.int64)
        if not np.isfinite(level_points).all() or (
            level_triangles.size
            and (level_triangles.min() < 0 or level_triangles.max() >= len(level_points))
        ):
            raise ModelReadError(f"the glTF reader handed back a broken {name} copy")
        level_part = _parts(data, f"{name}_part", len(level_triangles), parts)
        levels.append(Level(level_points, level_triangles, level_part))
    return ModelArrays(
        points, triangles, part, normals, uv, looks, tuple(textures), levels[0], levels[1]
    )


def _array(data: np.lib.npyio.NpzFile, name: str, shape: tuple, kinds: str) -> np.ndarray:
    """``data[name]`` if its shape fits ``shape`` (-1: any) and its kind is one of ``kinds``."""
    try:
        array = np.asarray(data[name])
    except (OSError, ValueError, KeyError, EOFError):
        raise ModelReadError(f"the glTF reader handed back no usable {name}") from None
    fits = array.ndim == len(shape) and all(
        want in (-1, have) for want, have in zip(shape, array.shape, strict=True)
    )
    if not fits or array.dtype.kind not in kinds:
        raise ModelReadError(f"the glTF reader handed back {name} of the wrong shape")
    return array


def _parts(data: np.lib.npyio.NpzFile, name: str, count: int, parts: int) -> np.ndarray:
    """The part numbers ``data[name]``: one of ``parts`` for each of ``count`` triangles."""
    part = _array(data, name, (count,), "iu").astype(np.int64)
    if part.size and (part.min() < 0 or part.max() >= parts):
        raise ModelReadError("the glTF reader handed back parts that do not exist")
    return part


# -- the child ------------------------------------------------------------------------------------
class _UnusableModelError(Exception):
    """The model read, but holds nothing usable."""


class _UndecodableModelError(Exception):
    """The model's compressed geometry does not decode, or fails the checks once decoded."""


def _limit_resources() -> None:
    """Cap this process before it touches the model (no-op where ``resource`` is missing)."""
    try:
        import resource
    except ImportError:  # Windows: the parent's time limit still holds
        return
    for kind, wanted in (
        (resource.RLIMIT_AS, CHILD_MEMORY_BYTES),
        (resource.RLIMIT_CPU, CHILD_CPU_S),
        (resource.RLIMIT_CORE, 0),
    ):
        _soft, hard = resource.getrlimit(kind)
        value = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        resource.setrlimit(kind, (value, value))


def _read(model: Path, messages: Path) -> dict[str, np.ndarray]:
    """Read ``model`` with VTK (in the child); VTK's messages go to ``messages``. The arrays
    to save (see :class:`ModelArrays`)."""
    from vtkmodules.vtkCommonCore import vtkFileOutputWindow, vtkLogger, vtkOutputWindow
    from vtkmodules.vtkIOGeometry import vtkGLTFReader

    vtkLogger.SetStderrVerbosity(vtkLogger.VERBOSITY_OFF)
    window = vtkFileOutputWindow()
    window.SetFileName(str(messages))
    window.SetFlush(True)
    vtkOutputWindow.SetInstance(window)
    errors: list[str] = []
    reader = vtkGLTFReader()
    reader.AddObserver("ErrorEvent", lambda *_: errors.append("error"))
    reader.SetFileName(str(model))
    reader.Update()
    if errors:
        said = _vtk_error(messages)
        raise _UnusableModelError(
            "cannot read it as glTF (VTK's reader reported an error"
            + (f": {said})" if said else ")")
        )
    blocks = _blocks(reader.GetOutput())
    if not blocks or not any(block.GetNumberOfPoints() for block in blocks):
        raise _UnusableModelError("the file holds no mesh")
    pieces, looks = [], {}
    for block in blocks:
        piece = _triangles(block)
        if piece is None:
            continue
        look = _look(block)
        if look not in looks:
            looks[look] = min(len(looks), MAX_PARTS - 1)
        pieces.append((*piece, looks[look]))
    if not pieces:
        raise _UnusableModelError("the file holds no triangles")
    points, triangles, part, normals, uv = _join(pieces)
    if len(triangles) > NEAR_TRIANGLES:
        points, triangles, part, normals, uv = _simplified(
            points, triangles, part, NEAR_TRIANGLES, normals, uv
        )
    table = np.array(list(looks)[:MAX_PARTS], dtype=np.float64)
    arrays = {
        "points": points,
        "triangles": triangles,
        "part": part,
        "normals": normals,
        "uv": uv,
        "looks": table,
    }
    for name, budget in (("line", LINE_TRIANGLES), ("far", FAR_TRIANGLES)):
        level = _simplified(points, triangles, part, budget)
        arrays[f"{name}_points"], arrays[f"{name}_triangles"], arrays[f"{name}_part"] = level[:3]
    textures = _textures(reader, {int(look[6]) for look in looks if look[6] >= 0})
    for number, image in enumerate(textures):
        arrays[f"texture_{number}"] = image
    arrays["textures"] = np.array(len(textures))
    return arrays


def _vtk_error(messages: Path) -> str:
    """The first error VTK wrote to ``messages``, without its file and object."""
    try:
        with open(messages, "rb") as file:
            text = file.read(MAX_MESSAGE_BYTES).decode("utf-8", "replace")
    except OSError:
        return ""
    for line in text.splitlines():
        match = re.match(r"^\w+ \(0x[0-9a-fA-F]+\): (.+)$", line.strip())
        if match:
            return match.group(1)[:160]
    return ""


def _blocks(output: object) -> list:
    """The polygon data sets of the reader's output, in order."""
    from vtkmodules.vtkCommonDataModel import vtkPolyData

    found = []
    iterator = output.NewIterator()
    iterator.InitTraversal()
    while not iterator.IsDoneWithTraversal():
        block = iterator.GetCurrentDataObject()
        if isinstance(block, vtkPolyData):
            found.append(block)
        iterator.GoToNextItem()
    return found


def _triangles(block: object) -> tuple | None:
    """One block as (points, triangles, normals, uv), or ``None`` if it has no triangles."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkFiltersCore import vtkPolyDataNormals, vtkTriangleFilter

    triangulate = vtkTriangleFilter()
    triangulate.SetInputData(block)
    triangulate.PassVertsOff()
    triangulate.PassLinesOff()
    triangulate.Update()
    mesh = triangulate.GetOutput()
    polys = mesh.GetPolys()
    if mesh.GetNumberOfPoints() == 0 or polys.GetNumberOfCells() == 0:
        return None
    offsets = vtk_to_numpy(polys.GetOffsetsArray())
    if np.any(np.diff(offsets) != 3):
        raise _UnusableModelError("the meshes did not turn into triangles")
    if mesh.GetPointData().GetArray("NORMAL") is None:
        normals = vtkPolyDataNormals()
        normals.SetInputData(mesh)
        normals.SplittingOff()
        normals.ConsistencyOff()
        normals.Update()
        mesh = normals.GetOutput()
        name = "Normals"
    else:
        name = "NORMAL"
    count = mesh.GetNumberOfPoints()
    points = vtk_to_numpy(mesh.GetPoints().GetData()).astype(np.float64)
    triangles = vtk_to_numpy(mesh.GetPolys().GetConnectivityArray()).astype(np.int64)
    normals = _point_array(mesh, name, count, 3)
    uv = _point_array(mesh, "TEXCOORD_0", count, 2)
    return points, triangles.reshape(-1, 3), normals, uv


def _point_array(mesh: object, name: str, count: int, width: int) -> np.ndarray:
    """The point array ``name`` of ``mesh`` as (count, width) floats; zeros if missing."""
    from vtkmodules.util.numpy_support import vtk_to_numpy

    array = mesh.GetPointData().GetArray(name)
    if array is None or array.GetNumberOfComponents() != width:
        return np.zeros((count, width), dtype=np.float32)
    values = vtk_to_numpy(array).astype(np.float32).reshape(count, width)
    return np.nan_to_num(values)


def _look(block: object) -> tuple[float, ...]:
    """A block's material as VTK's reader gives it: RGBA, metallic, roughness, texture."""
    from vtkmodules.util.numpy_support import vtk_to_numpy

    fields = block.GetFieldData()

    def values(name: str, count: int) -> np.ndarray | None:
        array = fields.GetArray(name)
        if array is None or array.GetNumberOfTuples() * array.GetNumberOfComponents() < count:
            return None
        return vtk_to_numpy(array).astype(np.float64).ravel()[:count]

    color = values("BaseColorMultiplier", 4)
    pbr = values("MetallicRoughness", 3)
    texture = values("BaseColorTextureIndex", 1)
    opaque = values("ForceOpaque", 1)
    look = list(DEFAULT_LOOK)
    if color is not None:
        look[:4] = color
    if opaque is not None and opaque[0]:
        look[3] = 1.0
    if pbr is not None:
        look[4:6] = pbr[1:3]
    if texture is not None and texture[0] >= 0:
        look[6] = float(int(texture[0]))
    return tuple(round(float(value), 4) for value in look)


def _join(pieces: list[tuple]) -> tuple[np.ndarray, ...]:
    """The blocks as one mesh: points, triangles, part per triangle, normals, uv."""
    points, triangles, part, normals, uv = [], [], [], [], []
    start = 0
    for piece_points, piece_triangles, piece_normals, piece_uv, look in pieces:
        points.append(piece_points)
        triangles.append(piece_triangles + start)
        part.append(np.full(len(piece_triangles), look, dtype=np.int32))
        normals.append(piece_normals)
        uv.append(piece_uv)
        start += len(piece_points)
    return (
        np.vstack(points),
        np.vstack(triangles),
        np.concatenate(part),
        np.vstack(normals).astype(np.float32),
        np.vstack(uv).astype(np.float32),
    )


def _simplified(
    points: np.ndarray,
    triangles: np.ndarray,
    part: np.ndarray,
    budget: int,
    normals: np.ndarray | None = None,
    uv: np.ndarray | None = None,
) -> tuple:
    """The mesh with about ``budget`` triangles, each part simplified on its own (VTK's
    quadric clustering: fast on a million triangles) so that no part takes another's colour.
    With ``normals`` and ``uv`` (the lobby's copy) each new point takes those of the nearest
    old one, and parts of :data:`SMALL_PART` triangles or fewer stay as they are; without (the
    line's and far copies: one colour a part) parts too small to matter at that size are left
    out. Returns points, triangles, part (and normals, uv)."""
    keep_attributes = normals is not None and uv is not None
    total = len(triangles)
    size = float(np.linalg.norm(np.ptp(points, axis=0))) or 1.0
    pieces = []
    for number in np.unique(part):
        used = triangles[part == number]
        corners, local = _compact(used, len(points))
        piece_points = points[corners]
        extent = float(np.linalg.norm(np.ptp(piece_points, axis=0)))
        target = budget * len(used) / total
        attributes = (normals[corners], uv[corners]) if keep_attributes else None
        if keep_attributes and len(used) <= SMALL_PART:
            pieces.append((extent, (piece_points, local, number, *attributes)))
            continue
        if not keep_attributes and target < 12 and extent < 0.15 * size:
            continue  # a few pixels on a far car
        piece = _cluster(piece_points, local, max(target, 12), attributes, number)
        if len(piece[1]):
            pieces.append((extent, piece))
    if not pieces:
        raise _UnusableModelError("nothing is left of the model once simplified")
    if not keep_attributes:  # still too many (many small parts): leave out the smallest
        pieces.sort(key=lambda item: -item[0])
        count = 0
        for index, (_extent, piece) in enumerate(pieces):
            count += len(piece[1])
            if count > 2 * budget and index > 0:
                pieces = pieces[:index]
                break
    out_points, out_triangles, out_part, out_normals, out_uv = [], [], [], [], []
    start = 0
    for _extent, piece in pieces:
        out_points.append(piece[0])
        out_triangles.append(piece[1] + start)
        out_part.append(np.full(len(piece[1]), piece[2], dtype=np.int32))
        if keep_attributes:
            out_normals.append(piece[3])
            out_uv.append(piece[4])
        start += len(piece[0])
    result = (np.vstack(out_points), np.vstack(out_triangles), np.concatenate(out_part))
    if keep_attributes:
        result += (
            np.vstack(out_normals).astype(np.float32),
            np.vstack(out_uv).astype(np.float32),
        )
    return result


def _compact(triangles: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The points ``triangles`` use (their numbers, rising) among ``count``, and the triangles
    numbered into those (as ``np.unique`` with ``return_inverse``, without its sort: a
    million-triangle part in a tenth of the time)."""
    used = np.zeros(count, dtype=bool)
    used[triangles.ravel()] = True
    corners = np.flatnonzero(used)
    new_number = np.cumsum(used) - 1
    return corners, new_number[triangles]


def _divisions(points: np.ndarray, triangles: np.ndarray, target: float) -> list[int]:
    """Quadric clustering's divisions along x, y, z for about ``target`` triangles: bins of a
    side such that the surface crosses about ``target / 2`` of them (a surface of area A
    meets about A / side**2 bins, each giving about two triangles)."""
    step = max(len(triangles) // 100_000, 1)  # every step-th triangle: the area to a percent
    corners = points[triangles[::step]]
    area = (
        0.5
        * step
        * float(
            np.linalg.norm(
                np.cross(corners[:, 1] - corners[:, 0], corners[:, 2] - corners[:, 0]), axis=1
            ).sum()
        )
    )
    extent = np.ptp(points, axis=0)
    side = np.sqrt(2.0 * area / max(target, 1.0)) if area > 0 else 0.0
    if not side > 0:
        return [max(int(np.sqrt(target / 2.0)), 2)] * 3
    return [int(min(max(np.ceil(length / side), 2), 2048)) for length in extent]


def _cluster(
    points: np.ndarray,
    triangles: np.ndarray,
    target: float,
    attributes: tuple[np.ndarray, np.ndarray] | None,
    number: int,
) -> tuple:
    """One part with at most about ``target`` triangles (as it is if it has no more):
    (points, triangles, part number, and with ``attributes`` (normals, uv) the new points')."""
    from vtkmodules.util.numpy_support import numpy_to_vtk, numpy_to_vtkIdTypeArray, vtk_to_numpy
    from vtkmodules.vtkCommonCore import vtkPoints
    from vtkmodules.vtkCommonDataModel import vtkCellArray, vtkPolyData
    from vtkmodules.vtkFiltersCore import vtkQuadricClustering

    if len(triangles) <= target:
        return (points, triangles, number, *(attributes or ()))
    mesh = vtkPolyData()
    vtk_points = vtkPoints()
    vtk_points.SetData(numpy_to_vtk(np.ascontiguousarray(points), deep=True))
    mesh.SetPoints(vtk_points)
    cells = vtkCellArray()
    offsets = np.arange(0, 3 * len(triangles) + 1, 3, dtype=np.int64)
    cells.SetData(
        numpy_to_vtkIdTypeArray(offsets, deep=True),
        numpy_to_vtkIdTypeArray(np.ascontiguousarray(triangles.ravel(), np.int64), deep=True),
    )
    mesh.SetPolys(cells)
    # aimed a little below the budget: the estimate is good to about a tenth
    divisions, result, count = _divisions(points, triangles, 0.85 * target), None, 0
    for _attempt in range(5):  # the triangles grow about as the divisions squared
        cluster = vtkQuadricClustering()
        cluster.SetInputData(mesh)
        cluster.SetNumberOfDivisions(*divisions)
        cluster.AutoAdjustNumberOfDivisionsOff()
        cluster.Update()
        made = cluster.GetOutput().GetNumberOfCells()
        if made <= 1.2 * target and (result is None or made > count):
            result, count = cluster.GetOutput(), made
        if 0.6 * target <= made <= 1.2 * target or (max(divisions) <= 2 and made > target):
            break
        factor = np.sqrt(target / max(made, 1)) * 0.95
        divisions = [max(int(value * factor), 2) for value in divisions]
    if result is None or result.GetNumberOfPoints() == 0 or count == 0:
        return (np.zeros((0, 3)), np.zeros((0, 3), np.int64), number)
    new_points = vtk_to_numpy(result.GetPoints().GetData()).astype(np.float64)
    new_triangles = vtk_to_numpy(result.GetPolys().GetConnectivityArray()).astype(np.int64)
    piece = (new_points, new_triangles.reshape(-1, 3), number)
    if attributes is None:
        return piece
    if np.ptp(attributes[1], axis=0).max() > 0:  # textured: no triangle across a seam
        moved = _transferred(mesh, points, triangles, attributes, *piece[:2])
        return (moved[0], moved[1], number, moved[2], moved[3])
    nearest = _nearest(points, new_points)
    return (*piece, attributes[0][nearest], attributes[1][nearest])


def _transferred(
    mesh: object,
    points: np.ndarray,
    triangles: np.ndarray,
    attributes: tuple[np.ndarray, np.ndarray],
    new_points: np.ndarray,
    new_triangles: np.ndarray,
) -> tuple:
    """The simplified triangles with normals and texture coordinates taken, corner by corner,
    from the one old triangle nearest each new triangle's middle (its plane's coordinates
    carried on to the corner, as the texture runs on across it), each triangle with corners
    of its own. Taking each new point's from
    the nearest old point instead gave triangles whose corners lie on different islands of a
    texture atlas, smeared across everything between (speckles round a truck's wheels).
    Returns points, triangles, normals, uv."""
    from vtkmodules.vtkCommonCore import reference
    from vtkmodules.vtkCommonDataModel import vtkStaticCellLocator

    locator = vtkStaticCellLocator()
    locator.SetDataSet(mesh)
    locator.BuildLocator()
    corners = new_points[new_triangles]  # (k, 3, 3)
    closest, cell, sub, distance = [0.0, 0.0, 0.0], reference(0), reference(0), reference(0.0)
    old = np.empty(len(corners), dtype=np.int64)
    for number, middle in enumerate(corners.mean(axis=1).tolist()):
        locator.FindClosestPoint(middle, closest, cell, sub, distance)
        old[number] = max(int(cell), 0)
    first, second, third = (triangles[old, corner] for corner in range(3))
    edge0 = (points[second] - points[first])[:, None]
    edge1 = (points[third] - points[first])[:, None]
    along = corners - points[first][:, None]
    d00, d01 = np.sum(edge0 * edge0, axis=2), np.sum(edge0 * edge1, axis=2)
    d11 = np.sum(edge1 * edge1, axis=2)
    d20, d21 = np.sum(along * edge0, axis=2), np.sum(along * edge1, axis=2)
    denominator = d00 * d11 - d01 * d01
    safe = np.where(np.abs(denominator) > 1e-30, denominator, 1.0)
    s = np.where(np.abs(denominator) > 1e-30, (d11 * d20 - d01 * d21) / safe, 0.0)
    t = np.where(np.abs(denominator) > 1e-30, (d00 * d21 - d01 * d20) / safe, 0.0)
    s, t = s[..., None], t[..., None]

    def blend(values: np.ndarray) -> np.ndarray:
        start = values[first][:, None]
        mixed = start + s * (values[second][:, None] - start) + t * (values[third][:, None] - start)
        return mixed.reshape(-1, values.shape[1])

    normals = blend(attributes[0].astype(np.float64))
    normals /= np.maximum(np.linalg.norm(normals, axis=1, keepdims=True), 1e-12)
    count = 3 * len(corners)
    return (
        corners.reshape(-1, 3),
        np.arange(count, dtype=np.int64).reshape(-1, 3),
        normals.astype(np.float32),
        blend(attributes[1].astype(np.float64)).astype(np.float32),
    )


def _nearest(old: np.ndarray, new: np.ndarray) -> np.ndarray:
    """For each of the ``new`` points, the number of the nearest ``old`` one."""
    from vtkmodules.util.numpy_support import numpy_to_vtk
    from vtkmodules.vtkCommonCore import vtkPoints
    from vtkmodules.vtkCommonDataModel import vtkPolyData, vtkStaticPointLocator

    data = vtkPolyData()
    vtk_points = vtkPoints()
    vtk_points.SetData(numpy_to_vtk(np.ascontiguousarray(old), deep=True))
    data.SetPoints(vtk_points)
    locator = vtkStaticPointLocator()
    locator.SetDataSet(data)
    locator.BuildLocator()
    return np.array([locator.FindClosestPoint(point) for point in new.tolist()], dtype=np.int64)


def _textures(reader: object, wanted: set[int]) -> list[np.ndarray]:
    """The texture images VTK decoded (those the parts show; an empty 1 x 1 white image for
    any other), RGB or RGBA, rows from the top, at most :data:`MAX_TEXTURE_SIDE` a side."""
    from vtkmodules.util.numpy_support import vtk_to_numpy

    count = min(reader.GetNumberOfTextures(), MAX_TEXTURES)
    images = []
    for number in range(count):
        image = None
        if number in wanted:
            texture = reader.GetTexture(number).GetVTKTexture()
            data = texture.GetInput() if texture is not None else None
            scalars = data.GetPointData().GetScalars() if data is not None else None
            if scalars is not None:
                width, height, depth = data.GetDimensions()
                channels = scalars.GetNumberOfComponents()
                values = vtk_to_numpy(scalars)
                if depth == 1 and values.size == width * height * channels:
                    image = values.reshape(height, width, channels)[::-1]  # rows from the top
        images.append(_rgb(image))
    return images


def _rgb(image: np.ndarray | None) -> np.ndarray:
    """``image`` as RGB(A) uint8 no larger than :data:`MAX_TEXTURE_SIDE` a side."""
    if image is None:
        return np.full((1, 1, 3), 255, dtype=np.uint8)
    if image.dtype != np.uint8:  # 16-bit images
        image = (image.astype(np.float64) * (255.0 / max(float(image.max()), 1.0))).round()
    channels = image.shape[2]
    if channels in (1, 2):  # grey (and alpha)
        image = np.concatenate([image[..., :1]] * 3 + [image[..., 1:]], axis=2)
    image = image[..., :4].astype(np.float64)
    step = -(-max(image.shape[:2]) // MAX_TEXTURE_SIDE)
    if step > 1:  # average step x step blocks
        height, width = image.shape[0] // step * step, image.shape[1] // step * step
        image = image[:height, :width]
        image = image.reshape(height // step, step, width // step, step, -1).mean(axis=(1, 3))
    return np.clip(np.round(image), 0, 255).astype(np.uint8)


def _decoded(model: Path, out: Path) -> Path:
    """``model`` itself, or where it has Draco-compressed meshes or WebP textures, the model
    decoded (meshes checked again, WebP images turned into PNG: a new file in ``out``)."""
    from viewer.model.cars.gltf_check import GltfError, check_gltf
    from viewer.scene.cars.gltf_draco import DracoError, decode_draco_glb
    from viewer.scene.cars.gltf_webp import WebpError, png_textures

    glb = original = model.read_bytes()
    try:
        plain = decode_draco_glb(glb)
    except DracoError as exc:
        raise _UndecodableModelError(str(exc)) from None
    if plain is not glb:
        decoded = out / "decoded.glb"
        decoded.write_bytes(plain)
        try:
            checked = check_gltf(decoded)
        except GltfError as exc:
            where = f"{exc.field}: " if exc.field else ""
            raise _UndecodableModelError(f"its decoded Draco mesh: {where}{exc.problem}") from None
        glb = checked.glb()
    try:
        png = png_textures(glb)
    except WebpError as exc:  # the model is read again without its textures
        raise _UnusableModelError(str(exc)) from None
    if png is original:
        return model
    decoded = out / "decoded.glb"
    decoded.write_bytes(png)
    return decoded


def main(argv: list[str]) -> int:
    """The child: ``MODEL OUT`` read ``MODEL``, save the arrays in the folder ``OUT``."""
    model, out = Path(argv[0]), Path(argv[1])
    _limit_resources()
    try:
        arrays = _read(_decoded(model, out), out / MESSAGES)
    except _UndecodableModelError as exc:
        (out / PROBLEM).write_text(str(exc), encoding="utf-8")
        return EXIT_GEOMETRY
    except _UnusableModelError as exc:
        (out / PROBLEM).write_text(str(exc), encoding="utf-8")
        return EXIT_PROBLEM
    except MemoryError:
        limit = CHILD_MEMORY_BYTES / 2**30
        (out / PROBLEM).write_text(f"reading it needs more than {limit:g} GB", encoding="utf-8")
        return EXIT_PROBLEM
    np.savez(out / RESULT, **arrays)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
