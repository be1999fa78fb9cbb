"""Reads a checked car model with VTK's glTF reader in a child process, so that whatever the
native reader does (a crash, an abort, running out of memory, looping) the application goes on.

:func:`read_model_arrays` writes the checked GLB (see :mod:`viewer.model.gltf_check`) to a
temporary folder and runs ``python -m viewer.scene.car_model_reader MODEL OUT``. The child limits
itself before it touches the model (address space :data:`CHILD_MEMORY_BYTES`, CPU time
:data:`CHILD_CPU_S`, no core file), reads it, triangulates every mesh and saves the points and
triangles as an ``.npz`` file; VTK's messages go to a file, never to the screen, and the parent
passes them to :mod:`logging`. The parent waits at most :data:`CHILD_WALL_S`, then checks what it
gets back (shapes, types, finite points, triangles within the points) before trusting it. Any
failure raises :class:`ModelReadError` with a one-line reason.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

LOG = logging.getLogger("factory-tour.car-model")
CHILD_MEMORY_BYTES = 3 * 2**30  # the child's address space (VTK itself takes about 350 MB)
CHILD_CPU_S = 60
CHILD_WALL_S = 90.0
MAX_RESULT_BYTES = 512 * 2**20  # the .npz handed back
MAX_MESSAGE_BYTES = 64 * 1024  # of VTK's messages kept for the log
EXIT_PROBLEM = 3  # the child read the model but found nothing usable; the reason in problem.txt
RESULT, PROBLEM, MESSAGES = "arrays.npz", "problem.txt", "messages.txt"


class ModelReadError(RuntimeError):
    """The native reader failed on a model, or handed back something unusable."""


@dataclass(frozen=True)
class ModelArrays:
    """A model's triangles: ``points`` (n, 3) float64 and ``triangles`` (m, 3) int64 indices."""

    points: np.ndarray
    triangles: np.ndarray


def child_command(model: Path, out: Path) -> list[str]:
    """The command that reads ``model`` into the folder ``out``."""
    return [sys.executable, "-m", "viewer.scene.car_model_reader", str(model), str(out)]


def read_model_arrays(glb: bytes, timeout_s: float | None = None) -> ModelArrays:
    """Read the GLB file ``glb`` (checked) in a child process; its points and triangles.
    The child may run ``timeout_s`` seconds (default :data:`CHILD_WALL_S`)."""
    timeout_s = CHILD_WALL_S if timeout_s is None else timeout_s
    with tempfile.TemporaryDirectory(prefix="factory-tour-car-") as name:
        folder = Path(name)
        model = folder / "model.glb"
        model.write_bytes(glb)
        package_root = str(Path(__file__).resolve().parents[2])
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
        if status == EXIT_PROBLEM:
            raise ModelReadError(_first_line(folder / PROBLEM) or "the glTF reader gave up")
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
            points = np.asarray(data["points"])
            triangles = np.asarray(data["triangles"])
    except (OSError, ValueError, KeyError, EOFError) as exc:
        raise ModelReadError(f"the glTF reader's result cannot be read ({exc})") from None
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
    return ModelArrays(points, triangles)


# -- the child ------------------------------------------------------------------------------------
class _UnusableModelError(Exception):
    """The model read, but holds nothing usable."""


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


def _read(model: Path, messages: Path) -> ModelArrays:
    """Read ``model`` with VTK (in the child); VTK's messages go to ``messages``."""
    from vtkmodules.util.numpy_support import vtk_to_numpy
    from vtkmodules.vtkCommonCore import vtkFileOutputWindow, vtkLogger, vtkOutputWindow
    from vtkmodules.vtkFiltersCore import vtkTriangleFilter
    from vtkmodules.vtkFiltersGeometry import vtkCompositeDataGeometryFilter
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
        raise _UnusableModelError("cannot read it as glTF (VTK's reader reported an error)")
    merged = vtkCompositeDataGeometryFilter()
    merged.SetInputData(reader.GetOutput())
    triangulate = vtkTriangleFilter()
    triangulate.SetInputConnection(merged.GetOutputPort())
    triangulate.PassVertsOff()
    triangulate.PassLinesOff()
    triangulate.Update()
    mesh = triangulate.GetOutput()
    if mesh.GetNumberOfPoints() == 0:
        raise _UnusableModelError("the file holds no mesh")
    polys = mesh.GetPolys()
    if polys.GetNumberOfCells() == 0:
        raise _UnusableModelError("the file holds no triangles")
    offsets = vtk_to_numpy(polys.GetOffsetsArray())
    if np.any(np.diff(offsets) != 3):
        raise _UnusableModelError("the meshes did not turn into triangles")
    points = vtk_to_numpy(mesh.GetPoints().GetData()).astype(np.float64)
    triangles = vtk_to_numpy(polys.GetConnectivityArray()).astype(np.int64).reshape(-1, 3)
    return ModelArrays(points, triangles)


def main(argv: list[str]) -> int:
    """The child: ``MODEL OUT`` read ``MODEL``, save the arrays in the folder ``OUT``."""
    model, out = Path(argv[0]), Path(argv[1])
    _limit_resources()
    try:
        arrays = _read(model, out / MESSAGES)
    except _UnusableModelError as exc:
        (out / PROBLEM).write_text(str(exc), encoding="utf-8")
        return EXIT_PROBLEM
    except MemoryError:
        limit = CHILD_MEMORY_BYTES / 2**30
        (out / PROBLEM).write_text(f"reading it needs more than {limit:g} GB", encoding="utf-8")
        return EXIT_PROBLEM
    np.savez(out / RESULT, points=arrays.points, triangles=arrays.triangles)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
