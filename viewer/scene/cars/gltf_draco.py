"""Decodes the Draco-compressed meshes of a checked car model (``KHR_draco_mesh_compression``).

Runs in the car model reader's child process (:mod:`viewer.scene.cars.car_model_reader`), since
Draco is native code meeting a downloaded file. :func:`decode_draco_glb` takes the GLB that
:func:`viewer.model.cars.gltf_check.check_gltf` made (the extension kept on each compressed
primitive: its buffer view and the Draco unique ids of ``POSITION``, ``NORMAL`` and
``TEXCOORD_0``), decodes each compressed primitive with DracoPy (Google's Draco library) and
gives back a plain GLB: the decoded positions, normals and texture coordinates as float
accessors and the faces as 32-bit indices appended to the one buffer, the primitive's material
and mode kept, the extension gone. The caller then checks that file with the same checks as any
other model before a reader sees it. A buffer that does not decode, or decodes into something
that does not fit the primitive, raises :class:`DracoError` naming the primitive and the reason.
"""

from __future__ import annotations

import json
import struct

import numpy as np

from viewer.model.cars.gltf_check import (
    CHUNK_BIN,
    CHUNK_JSON,
    DRACO,
    GLB_MAGIC,
    MAX_INDICES,
    MAX_VERTICES,
    TRIANGLES,
    one_line,
)

WIDTHS = {"POSITION": 3, "NORMAL": 3, "TEXCOORD_0": 2}  # components of each kept attribute
POINTS = 0  # glTF's mode for a primitive of points


class GltfPartError(ValueError):
    """A part of a glTF file that cannot be decoded (a primitive, an image); ``field`` names
    it, ``problem`` says why."""

    def __init__(self, field: str, problem: str) -> None:
        self.field = field
        self.problem = problem
        super().__init__(f"{field}: {problem}")


class DracoError(GltfPartError):
    """A compressed primitive that cannot be decoded."""


def decode_draco_glb(glb: bytes) -> bytes:
    """The GLB ``glb`` (checked) with every Draco-compressed primitive decoded (see the
    module docstring); as it is when none is compressed."""
    document, binary = _chunks(glb)
    if DRACO not in document.get("extensionsRequired", []) + document.get("extensionsUsed", []):
        return glb
    data = bytearray(binary)
    for number, mesh in enumerate(document.get("meshes", [])):
        for part, primitive in enumerate(mesh.get("primitives", [])):
            extension = primitive.get("extensions", {}).pop(DRACO, None)
            if extension is None:
                continue
            if not primitive["extensions"]:
                del primitive["extensions"]
            field = f"meshes[{number}].primitives[{part}]"
            view = document["bufferViews"][extension["bufferView"]]
            start = view.get("byteOffset", 0)
            blob = bytes(binary[start : start + view["byteLength"]])
            _decode_into(document, data, primitive, blob, extension["attributes"], field)
    for key in ("extensionsRequired", "extensionsUsed"):
        names = [name for name in document.get(key, []) if name != DRACO]
        if names:
            document[key] = names
        else:
            document.pop(key, None)
    document["buffers"] = [{"byteLength": len(data)}]
    return _glb(document, bytes(data))


def _decode_into(
    document: dict, data: bytearray, primitive: dict, blob: bytes, ids: dict, field: str
) -> None:
    """Decode ``blob`` and point ``primitive`` at the decoded arrays, appended to ``data``."""
    try:
        import DracoPy
    except ImportError:
        raise DracoError(field, "its mesh is Draco-compressed and DracoPy is missing") from None
    try:
        decoded = DracoPy.decode(blob)
    except Exception as exc:  # DracoPy raises several kinds; each is one reason
        reason = one_line(str(exc) or type(exc).__name__, 120)
        raise DracoError(field, f"its Draco-compressed mesh cannot be decoded ({reason})") from None
    arrays = {}
    for name, unique_id in ids.items():
        attribute = decoded.get_attribute_by_unique_id(int(unique_id))
        if attribute is None:
            if name == "POSITION":
                raise DracoError(field, f"its Draco mesh has no attribute {unique_id} (POSITION)")
            continue
        values = np.asarray(attribute["data"])
        if values.ndim == 1:
            values = values.reshape(-1, 1)
        arrays[name] = values
    points = arrays["POSITION"]
    count = len(points)
    if points.shape[1] != 3 or count == 0:
        raise DracoError(field, "its Draco mesh's POSITION is not a list of 3-D points")
    if count > MAX_VERTICES:
        raise DracoError(field, f"its Draco mesh has {count} vertices; at most {MAX_VERTICES}")
    attributes = {}
    for name, values in arrays.items():
        if values.shape != (count, WIDTHS[name]) or values.dtype.kind not in "fiu":
            continue  # a normal or texture coordinate that does not fit is left out
        attributes[name] = _accessor(document, data, values.astype("<f4"), f"VEC{WIDTHS[name]}")
    primitive["attributes"] = attributes
    faces = getattr(decoded, "faces", None)
    faces = np.zeros((0, 3)) if faces is None else np.asarray(faces).reshape(-1, 3)
    if faces.size > MAX_INDICES:
        raise DracoError(field, f"its Draco mesh has {faces.size} indices; at most {MAX_INDICES}")
    if len(faces):
        primitive["indices"] = _accessor(document, data, faces.astype("<u4").ravel(), "SCALAR")
        primitive["mode"] = TRIANGLES
    else:  # a point cloud: nothing to draw as triangles
        primitive.pop("indices", None)
        primitive["mode"] = POINTS


def _accessor(document: dict, data: bytearray, values: np.ndarray, kind: str) -> int:
    """``values`` appended to ``data`` as a new buffer view and accessor; its number."""
    data += b"\0" * (-len(data) % 8)
    blob = np.ascontiguousarray(values).tobytes()
    views = document.setdefault("bufferViews", [])
    views.append({"buffer": 0, "byteOffset": len(data), "byteLength": len(blob)})
    data += blob
    accessor = {
        "bufferView": len(views) - 1,
        "componentType": 5126 if values.dtype.kind == "f" else 5125,
        "count": len(values),
        "type": kind,
    }
    if kind == "VEC3":
        accessor["min"] = values.min(axis=0).tolist()
        accessor["max"] = values.max(axis=0).tolist()
    accessors = document.setdefault("accessors", [])
    accessors.append(accessor)
    return len(accessors) - 1


def _chunks(glb: bytes) -> tuple[dict, bytes]:
    """The JSON document and the binary chunk of the GLB ``glb`` (made by the checker)."""
    if glb[:4] != GLB_MAGIC or len(glb) < 20:
        raise DracoError("", "not a GLB file")
    offset, json_chunk, binary = 12, None, b""
    while offset + 8 <= len(glb):
        size, kind = struct.unpack_from("<II", glb, offset)
        chunk = glb[offset + 8 : offset + 8 + size]
        if kind == CHUNK_JSON and json_chunk is None:
            json_chunk = chunk
        elif kind == CHUNK_BIN and not binary:
            binary = chunk
        offset += 8 + size
    if json_chunk is None:
        raise DracoError("", "a GLB file without its JSON")
    return json.loads(json_chunk.decode("utf-8")), binary


def _glb(document: dict, binary: bytes) -> bytes:
    """``document`` and ``binary`` as one GLB file."""
    text = json.dumps(document, separators=(",", ":")).encode("ascii")
    text += b" " * (-len(text) % 4)
    chunks = struct.pack("<II", len(text), CHUNK_JSON) + text
    if binary:
        binary += b"\0" * (-len(binary) % 4)
        chunks += struct.pack("<II", len(binary), CHUNK_BIN) + binary
    return GLB_MAGIC + struct.pack("<II", 2, 12 + len(chunks)) + chunks
