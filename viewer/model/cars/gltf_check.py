"""Checks a glTF 2.0 car model (``.gltf`` or ``.glb``) before any native reader sees it.

A car model is a file downloaded from the web; VTK's glTF reader trusts it, and a 513-byte file
whose nodes form a cycle, or whose buffer view starts 2 GB into a 100-byte buffer, crashes the
whole program. :func:`check_gltf` reads the file in plain Python and NumPy and refuses, with
:class:`GltfError` naming the file, the field and the problem:

* anything that is not a regular file of at most :data:`MAX_FILE_BYTES` (folders, FIFOs,
  devices, also behind a symlink), a GLB whose header or chunks do not fit the file, JSON that
  does not parse, is nested too deep or holds numbers Python refuses;
* a buffer or image URI that is not a ``data:`` URI or a relative path that stays inside the
  model's own folder once resolved (no absolute paths, no ``..`` climbing out, no symlink out,
  no other scheme); a buffer file shorter than its declared ``byteLength``; more than
  :data:`MAX_BUFFER_BYTES` of buffers in all;
* a buffer view outside its buffer, an accessor (or its sparse part) outside its buffer view,
  an index that points past its primitive's vertices, a position that is not finite;
* a node graph that is not a forest (a node with two parents, a cycle) or deeper than
  :data:`MAX_DEPTH`; more than :data:`MAX_ITEMS` entries in any list; more than
  :data:`MAX_VERTICES` vertices or :data:`MAX_INDICES` indices drawn in all;
* an extension the model requires; the reason is said in words (:func:`extension_problem`:
  meshoptimizer and other compressions cannot be checked, nor read). Texture transforms and
  specular-glossiness materials are read (see below), and Draco mesh compression
  (``KHR_draco_mesh_compression``) is checked: each compressed primitive's extension
  must name a buffer view inside its buffer and a ``POSITION`` attribute, and is kept; the
  reader's child decodes it (:mod:`viewer.scene.cars.gltf_draco`) and checks what comes out with
  these same checks before any other reader sees it.

What passes comes back as a :class:`CheckedModel`, whose :meth:`~CheckedModel.glb` is a new,
self-contained GLB holding only what was checked: the nodes, their transforms, the meshes'
positions, normals, texture coordinates and indices, the materials' base colour, metallic and
roughness factors, alpha mode and base colour texture, and the PNG, JPEG or WebP images those
textures show (and the Draco extensions of compressed primitives, with their buffer views),
all in one buffer made of the checked bytes. The native reader is given that file, never the
original, so it opens no other file and meets nothing unchecked. Normals or texture
coordinates that are not finite are left out; a texture whose image is not PNG, JPEG or WebP,
or larger than :data:`MAX_TEXTURE_SIDE` pixels a side (read from its header), is left out (the
model keeps its colours) and :attr:`CheckedModel.notes` says so. A texture whose only image is
WebP (``EXT_texture_webp``; a PNG or JPEG ``source`` beside it is taken instead) keeps it,
marked with that extension: the reader's child turns it into PNG
(:mod:`viewer.scene.cars.gltf_webp`) before VTK sees it. A model stored quantized
(``KHR_mesh_quantization``: positions, normals and texture coordinates in whole numbers) has
them turned into floats here.

Each primitive gets one set of texture coordinates, as ``TEXCOORD_0``: the set (0 or 1) its
material's base colour texture uses, moved by that texture's ``KHR_texture_transform``
(offset, rotation, scale) where it has one. A material of the older
``KHR_materials_pbrSpecularGlossiness`` kind gets its diffuse colour and texture as its base
colour; one that lets light through (``KHR_materials_transmission``: glass) is drawn
see-through, its colour a tint.

Examples
--------
>>> uri_problem("../textures/paint.png")
'climbs out of the model folder'
>>> uri_problem("/etc/passwd")
'is an absolute path'
>>> uri_problem("wheels.bin") is None
True
"""

from __future__ import annotations

import base64
import binascii
import json
import math
import os
import re
import stat
import struct
import urllib.parse
from dataclasses import dataclass
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import numpy as np

from viewer.model.data_file import read_bytes
from viewer.model.errors import DataFileError

MAX_FILE_BYTES = 128 * 2**20  # the .gltf/.glb file, and each file it names
MAX_JSON_BYTES = 16 * 2**20  # the JSON part of a model
MAX_BUFFER_BYTES = 256 * 2**20  # all buffers together
MAX_ITEMS = 100_000  # entries of any one list (nodes, accessors, primitives, ...)
MAX_DEPTH = 128  # levels of the node tree (real models go about 20 deep)
MAX_VERTICES = 5_000_000  # vertices drawn, every mesh counted once per node that shows it
MAX_INDICES = 15_000_000  # indices drawn, counted the same way
MAX_JSON_NESTING = 64  # arrays and objects inside each other in the JSON
MAX_IMAGE_BYTES = 128 * 2**20  # the texture images kept, all together
MAX_TEXTURE_SIDE = 8192  # pixels a side of a texture image (decoded in the reader's child)
MAX_TEXTURE_PIXELS = 64 * 2**20  # pixels of all the kept texture images together

GLB_MAGIC = b"glTF"
CHUNK_JSON = 0x4E4F534A
CHUNK_BIN = 0x004E4942
COMPONENT_BYTES = {5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4}
COMPONENT_DTYPES = {5120: "<i1", 5121: "<u1", 5122: "<i2", 5123: "<u2", 5125: "<u4", 5126: "<f4"}
TYPE_SHAPES = {
    "SCALAR": (1, 1),
    "VEC2": (1, 2),
    "VEC3": (1, 3),
    "VEC4": (1, 4),
    "MAT2": (2, 2),
    "MAT3": (3, 3),
    "MAT4": (4, 4),
}  # (columns, rows)
INDEX_TYPES = (5121, 5123, 5125)
TRIANGLES, TRIANGLE_STRIP, TRIANGLE_FAN = 4, 5, 6
ALPHA_MODES = ("OPAQUE", "MASK", "BLEND")
DRACO = "KHR_draco_mesh_compression"  # decoded (by the reader's child), not refused
QUANTIZED = "KHR_mesh_quantization"  # whole-number attributes, turned into floats here
WEBP = "EXT_texture_webp"  # WebP images, turned into PNG in the reader's child
WHOLE_NUMBERS = (5120, 5121, 5122, 5123)  # the component types a quantized attribute may have
# required extensions that are read: Draco (decoded), texture transforms (applied to the texture
# coordinates), specular-glossiness (its diffuse colour and texture taken as the base colour),
# quantized attributes (made floats), WebP textures (decoded into PNG by the reader's child),
# transmission (glass drawn see-through)
READ_EXTENSIONS = (
    DRACO,
    "KHR_texture_transform",
    "KHR_materials_pbrSpecularGlossiness",
    QUANTIZED,
    WEBP,
    "KHR_materials_transmission",
)
DRACO_ATTRIBUTES = ("POSITION", "NORMAL", "TEXCOORD_0")  # what is kept of a compressed mesh
MAX_DRACO_ID = 2**31 - 1  # a Draco attribute's unique id
PNG_MAGIC, JPEG_MAGIC = b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff"
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# why a model that requires an extension cannot be read, in words
EXTENSION_PROBLEMS = {
    "EXT_meshopt_compression": "uses meshoptimizer compression",
    "KHR_meshopt_compression": "uses meshoptimizer compression",
    "KHR_texture_basisu": "uses Basis Universal (KTX2) textures",
    "EXT_texture_avif": "uses AVIF textures",
}


class GltfError(ValueError):
    """A car model that must not be given to a native reader; names file, field and problem."""

    def __init__(self, file: str | Path, field: str, problem: str) -> None:
        self.file = one_line(str(file))
        self.field = field
        self.problem = problem
        where = f"{self.file}: {field}" if field else self.file
        super().__init__(f"{where}: {problem}")


def one_line(text: str, limit: int = 300) -> str:
    """``text`` with line breaks and other control characters escaped, at most ``limit`` long.

    >>> one_line("car\\nmodel.gltf")
    'car\\\\nmodel.gltf'
    """
    escaped = "".join(
        char if char.isprintable() or char == " " else char.encode("unicode_escape").decode()
        for char in text[: limit + 1]
    )
    return escaped if len(escaped) <= limit else escaped[: limit - 1] + "…"


def extension_problem(name: object) -> str:
    """Why a model that requires the extension ``name`` cannot be read, in words.

    >>> extension_problem("EXT_meshopt_compression")
    'uses meshoptimizer compression (EXT_meshopt_compression), which cannot be read'
    >>> extension_problem("KHR_materials_volume")
    'requires the material extension KHR_materials_volume, which cannot be read'
    """
    text = one_line(str(name), 60)
    if text in EXTENSION_PROBLEMS:
        return f"{EXTENSION_PROBLEMS[text]} ({text}), which cannot be read"
    kind = "material extension" if text.startswith("KHR_materials_") else "extension"
    return f"requires the {kind} {text}, which cannot be read"


def image_size(data: bytes) -> tuple[str, int, int] | None:
    """``(kind, width, height)`` of a PNG, JPEG or WebP image from its header, without decoding
    it; ``None`` for anything else (or a header that does not hold together).

    >>> image_size(PNG_MAGIC + bytes(4) + b"IHDR" + bytes([0, 0, 1, 0, 0, 0, 0, 2]))
    ('png', 256, 2)
    >>> image_size(b"GIF89a") is None
    True
    """
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return webp_size(data)
    if data[:8] == PNG_MAGIC and data[12:16] == b"IHDR" and len(data) >= 24:
        width, height = struct.unpack_from(">II", data, 16)
        return ("png", width, height) if width and height else None
    if data[:3] != JPEG_MAGIC:
        return None
    offset = 2
    while offset + 4 <= len(data):  # the segments up to the frame header (SOF)
        if data[offset] != 0xFF:
            return None
        marker = data[offset + 1]
        if marker == 0xFF:  # fill byte
            offset += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            offset += 2
            continue
        (length,) = struct.unpack_from(">H", data, offset + 2)
        if length < 2:
            return None
        if 0xC0 <= marker <= 0xCF and marker not in (0xC4, 0xC8, 0xCC):
            if offset + 9 > len(data):
                return None
            height, width = struct.unpack_from(">HH", data, offset + 5)
            return ("jpeg", width, height) if width and height else None
        offset += 2 + length
    return None


def webp_size(data: bytes) -> tuple[str, int, int] | None:
    """``("webp", width, height)`` from a WebP file's first chunk (lossy ``VP8``, lossless
    ``VP8L`` or extended ``VP8X``: its canvas), without decoding it; ``None`` when the header
    does not hold together.

    >>> header = b"RIFF" + bytes(4) + b"WEBPVP8L" + bytes(4) + bytes([0x2F, 0x24, 0, 5, 0])
    >>> webp_size(header + bytes(5))
    ('webp', 37, 21)
    """
    if len(data) < 30 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        return None
    kind = data[12:16]
    if kind == b"VP8 " and data[23:26] == b"\x9d\x01\x2a":  # a key frame's start code
        width, height = struct.unpack_from("<HH", data, 26)
        width, height = width & 0x3FFF, height & 0x3FFF  # the top two bits: upscaling
    elif kind == b"VP8L" and data[20] == 0x2F:
        (bits,) = struct.unpack_from("<I", data, 21)
        width, height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    elif kind == b"VP8X":
        width = int.from_bytes(data[24:27], "little") + 1
        height = int.from_bytes(data[27:30], "little") + 1
    else:
        return None
    return ("webp", width, height) if width and height else None


def uri_problem(uri: str) -> str | None:
    """Why a relative ``uri`` of a model may not be followed, or ``None`` when it may (its
    target must still be checked to lie inside the folder once symlinks are resolved)."""
    if not uri:
        return "is empty"
    if "\\" in uri or "\x00" in uri:
        return "holds a backslash or a NUL character"
    path = urllib.parse.unquote(uri)
    if "\x00" in path:
        return "holds a NUL character"
    if PurePosixPath(path).is_absolute() or PureWindowsPath(path).is_absolute() or uri[0] == "/":
        return "is an absolute path"
    if _SCHEME.match(uri) or PureWindowsPath(path).drive:
        return "names another place than a file in the model folder (only data: URIs are read)"
    depth = 0
    for part in PurePosixPath(path).parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return "climbs out of the model folder"
    return None


@dataclass(frozen=True)
class CheckedModel:
    """A model that passed :func:`check_gltf`: its checked geometry, ready for a reader."""

    path: Path
    document: dict  # the glTF JSON of the geometry only (see the module docstring)
    binary: bytes  # the one buffer the document's buffer views point into
    vertices: int  # vertices drawn (each mesh counted once per node showing it)
    indices: int  # indices drawn, counted the same way
    notes: tuple[str, ...] = ()  # what was left out (textures that cannot be shown), in words

    @property
    def compressed(self) -> bool:
        """Whether some primitive's geometry is Draco-compressed (decoded by the reader)."""
        return DRACO in self.document.get("extensionsRequired", [])

    @property
    def textures(self) -> int:
        """How many textures the checked model shows."""
        return len(self.document.get("textures", []))

    def glb(self, textures: bool = True) -> bytes:
        """The checked model as a self-contained GLB file; without ``textures``, its
        materials keep their colours but show no texture (the images stay in the buffer,
        unreferenced)."""
        document = self.document
        if not textures and "textures" in document:
            document = json.loads(json.dumps(document))
            for name in ("textures", "images"):
                document.pop(name, None)
            for material in document.get("materials", []):
                material.get("pbrMetallicRoughness", {}).pop("baseColorTexture", None)
        text = json.dumps(document, separators=(",", ":")).encode("ascii")
        text += b" " * (-len(text) % 4)
        chunks = struct.pack("<II", len(text), CHUNK_JSON) + text
        if self.binary:
            data = self.binary + b"\0" * (-len(self.binary) % 4)
            chunks += struct.pack("<II", len(data), CHUNK_BIN) + data
        return GLB_MAGIC + struct.pack("<II", 2, 12 + len(chunks)) + chunks


def check_gltf(path: str | Path) -> CheckedModel:
    """Check the glTF or GLB model in ``path``; :class:`GltfError` for the first problem."""
    return _Checker(Path(path)).run()


def read_model_file(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file ``path`` (at most ``limit``), read the one guarded way
    (:func:`viewer.model.data_file.read_bytes`: a FIFO never hangs, a device is refused);
    :class:`GltfError` for anything else."""
    try:
        return read_bytes(path, limit)
    except DataFileError as exc:
        raise GltfError(path, "", exc.problem) from None


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def _size(size: int) -> str:
    return f"{size / 2**20:.1f} MB" if size >= 2**20 else f"{size} bytes"


def _reason(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _json_nesting(data: Any) -> int:
    """How deep lists and dicts nest in ``data`` (iterative: no recursion)."""
    deepest = 0
    stack = [(data, 1)]
    while stack:
        value, depth = stack.pop()
        if isinstance(value, dict):
            value = list(value.values())
        if isinstance(value, list):
            deepest = max(deepest, depth)
            if depth > MAX_JSON_NESTING:
                return depth
            stack.extend((item, depth + 1) for item in value)
    return deepest


class _Checker:
    """One run of the checks over one model file (see the module docstring)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.folder = path.parent
        self.doc: dict = {}
        self.buffers: list[bytes] = []
        self.view_bytes: list[memoryview] = []
        self.total_bytes = 0
        self.kept: dict[tuple[int, int], dict[str, int]] = {}  # attributes kept per primitive
        self.draco: dict[tuple[int, int], dict] = {}  # the Draco extension kept per primitive
        self.uv_sets: dict[tuple[int, int], dict[int, int]] = {}  # TEXCOORD_n accessors
        self.uv_use: dict[int, tuple[int, np.ndarray | None]] = {}  # per material: set, move
        self.notes: list[str] = []
        self.pixels = self.image_bytes = 0  # of the texture images kept

    # -- helpers ----------------------------------------------------------------------------------
    def fail(self, field: str, problem: str) -> GltfError:
        return GltfError(self.path, field, problem)

    def items(self, name: str, required: bool = False) -> list[dict]:
        value = self.doc.get(name, [])
        if not isinstance(value, list) or (required and not value):
            raise self.fail(name, "must be a non-empty list" if required else "must be a list")
        if len(value) > MAX_ITEMS:
            raise self.fail(name, f"has {len(value)} entries; at most {MAX_ITEMS}")
        for number, item in enumerate(value):
            if not isinstance(item, dict):
                raise self.fail(f"{name}[{number}]", "must be an object")
        return value

    def integer(
        self, item: dict, key: str, field: str, low: int = 0, high: int | None = None, **kw: Any
    ) -> int:
        if key not in item:
            if "default" in kw:
                return kw["default"]
            raise self.fail(f"{field}.{key}", "is missing")
        value = item[key]
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{field}.{key}", f"must be a whole number, found {_type(value)}")
        if value < low or (high is not None and value > high):
            bound = f"from {low} to {high}" if high is not None else f"at least {low}"
            raise self.fail(f"{field}.{key}", f"is {_number(value)}; must be {bound}")
        return value

    def index(self, item: dict, key: str, field: str, array: str, **kw: Any) -> int:
        count = len(self.doc.get(array, []))
        if count == 0 and key in item:
            raise self.fail(f"{field}.{key}", f"refers to {array}, but the model has none")
        return self.integer(item, key, field, 0, count - 1, **kw)

    def numbers(self, item: dict, key: str, field: str, count: int) -> list[float] | None:
        if key not in item:
            return None
        value = item[key]
        if not isinstance(value, list) or len(value) != count:
            raise self.fail(f"{field}.{key}", f"must be a list of {count} numbers")
        for number in value:
            if isinstance(number, bool) or not isinstance(number, (int, float)):
                raise self.fail(f"{field}.{key}", f"must hold numbers, found {_type(number)}")
            if not math.isfinite(number) or abs(number) > 1e30:
                raise self.fail(f"{field}.{key}", "holds a number that is not finite")
        return [float(number) for number in value]

    # -- the checks -------------------------------------------------------------------------------
    def run(self) -> CheckedModel:
        if self.path.suffix.lower() not in (".gltf", ".glb"):
            raise self.fail("", "a car model must be a .gltf or .glb file")
        data = read_model_file(self.path)
        binary_chunk = None
        if data[:4] == GLB_MAGIC:
            text, binary_chunk = self.glb_chunks(data)
        elif self.path.suffix.lower() == ".glb":
            raise self.fail("", "cannot read it as glTF (not a GLB file: no 'glTF' header)")
        else:
            text = data
        self.doc = self.parse_json(text)
        self.check_asset()
        self.read_buffers(binary_chunk)
        self.check_buffer_views()
        self.check_accessors()
        self.check_images()
        mesh_counts = self.check_meshes()
        self.check_nodes_and_scenes()
        vertices, indices = self.drawn_counts(mesh_counts)
        document, binary = self.geometry_only()
        return CheckedModel(self.path, document, binary, vertices, indices, tuple(self.notes))

    def glb_chunks(self, data: bytes) -> tuple[bytes, bytes | None]:
        if len(data) < 20:
            raise self.fail("", "cannot read it as glTF (a GLB file shorter than its header)")
        version, length = struct.unpack_from("<II", data, 4)
        if version != 2:
            raise self.fail("header", f"GLB version {version}; only glTF 2 is read")
        if length != len(data):
            raise self.fail("header", f"declares {length} bytes, the file holds {len(data)}")
        offset, chunks = 12, []
        while offset < len(data):
            if offset + 8 > len(data):
                raise self.fail("chunks", "a chunk header runs past the end of the file")
            size, kind = struct.unpack_from("<II", data, offset)
            if size > len(data) - offset - 8:
                raise self.fail(
                    f"chunks[{len(chunks)}]", f"declares {size} bytes past the end of the file"
                )
            chunks.append((kind, data[offset + 8 : offset + 8 + size]))
            offset += 8 + size
        if not chunks or chunks[0][0] != CHUNK_JSON:
            raise self.fail("chunks[0]", "the first chunk of a GLB file must be its JSON")
        binary = chunks[1][1] if len(chunks) > 1 and chunks[1][0] == CHUNK_BIN else None
        return chunks[0][1], binary

    def parse_json(self, text: bytes) -> dict:
        if len(text) > MAX_JSON_BYTES:
            raise self.fail("", f"its JSON is {_size(len(text))}; at most {_size(MAX_JSON_BYTES)}")

        def constant(name: str) -> None:
            raise ValueError(f"{name} is not a JSON number")

        try:
            doc = json.loads(text.decode("utf-8"), parse_constant=constant)
        except UnicodeDecodeError:
            raise self.fail("", "cannot read it as glTF (its JSON is not UTF-8 text)") from None
        except RecursionError:
            raise self.fail("", f"its JSON nests more than {MAX_JSON_NESTING} deep") from None
        except ValueError as exc:
            reason = one_line(str(exc), 120)
            raise self.fail("", f"cannot read it as glTF (not valid JSON: {reason})") from None
        if not isinstance(doc, dict):
            raise self.fail("", "cannot read it as glTF (its JSON is not an object)")
        if _json_nesting(doc) > MAX_JSON_NESTING:
            raise self.fail("", f"its JSON nests more than {MAX_JSON_NESTING} deep")
        return doc

    def check_asset(self) -> None:
        asset = self.doc.get("asset")
        version = asset.get("version") if isinstance(asset, dict) else None
        if not isinstance(version, str) or not version.startswith("2."):
            raise self.fail("asset.version", 'must be "2.0" (only glTF 2 is read)')
        required = self.doc.get("extensionsRequired", [])
        if not isinstance(required, list):
            raise self.fail("extensionsRequired", "must be a list")
        required = [name for name in required if name not in READ_EXTENSIONS]
        if required:
            problems = dict.fromkeys(extension_problem(name) for name in required[:5])
            raise self.fail("extensionsRequired", "; ".join(problems))

    def read_buffers(self, binary_chunk: bytes | None) -> None:
        for number, buffer in enumerate(self.items("buffers")):
            field = f"buffers[{number}]"
            length = self.integer(buffer, "byteLength", field, 1, MAX_BUFFER_BYTES)
            if self.total_bytes + length > MAX_BUFFER_BYTES:
                raise self.fail(field, f"the buffers hold more than {_size(MAX_BUFFER_BYTES)}")
            uri = buffer.get("uri")
            if uri is None:
                if number != 0 or binary_chunk is None:
                    raise self.fail(field, "has no uri and is not a GLB file's binary chunk")
                data = binary_chunk
            else:
                data = self.read_uri(uri, f"{field}.uri")
            if len(data) < length:
                raise self.fail(
                    f"{field}.byteLength", f"declares {length} bytes, the data holds {len(data)}"
                )
            self.total_bytes += length
            self.buffers.append(data[:length])

    def read_uri(self, uri: object, field: str) -> bytes:
        if not isinstance(uri, str):
            raise self.fail(field, f"must be a text, found {_type(uri)}")
        if uri.startswith("data:"):
            head, comma, payload = uri.partition(",")
            if not comma or not head.endswith(";base64"):
                raise self.fail(field, "a data: URI must be base64 encoded")
            if len(payload) > MAX_FILE_BYTES * 4 // 3 + 4:
                raise self.fail(field, f"holds more than {_size(MAX_FILE_BYTES)}")
            try:
                return base64.b64decode(payload, validate=True)
            except (binascii.Error, ValueError):
                raise self.fail(field, "a data: URI that is not valid base64") from None
        target = self.inside_folder(uri, field)
        try:
            return read_model_file(target)
        except GltfError as exc:
            raise self.fail(field, f"{one_line(uri, 80)!r} {exc.problem}") from None

    def inside_folder(self, uri: str, field: str) -> Path:
        problem = uri_problem(uri)
        if problem:
            raise self.fail(field, f"{one_line(uri, 80)!r} {problem}")
        folder = self.folder.resolve()
        target = (folder / urllib.parse.unquote(uri)).resolve()
        if target == folder or not target.is_relative_to(folder):
            raise self.fail(field, f"{one_line(uri, 80)!r} leads out of the model folder")
        return target

    def check_buffer_views(self) -> None:
        for number, view in enumerate(self.items("bufferViews")):
            field = f"bufferViews[{number}]"
            buffer = self.index(view, "buffer", field, "buffers")
            offset = self.integer(view, "byteOffset", field, 0, default=0)
            length = self.integer(view, "byteLength", field, 1)
            self.integer(view, "byteStride", field, 4, 252, default=4)
            size = len(self.buffers[buffer])
            if offset + length > size:
                raise self.fail(
                    field, f"bytes {offset} to {offset + length} lie outside its {size}-byte buffer"
                )
            self.view_bytes.append(memoryview(self.buffers[buffer])[offset : offset + length])

    def element(self, accessor: dict, field: str) -> tuple[int, int, int]:
        """(component type, components, bytes of one element with column padding)."""
        kind = accessor.get("type")
        if not isinstance(kind, str) or kind not in TYPE_SHAPES:
            raise self.fail(f"{field}.type", "must be SCALAR, VEC2-4 or MAT2-4")
        component = accessor.get("componentType")
        if type(component) is not int or component not in COMPONENT_BYTES:
            raise self.fail(f"{field}.componentType", "is not a glTF component type")
        columns, rows = TYPE_SHAPES[kind]
        column = rows * COMPONENT_BYTES[component]
        if columns > 1:
            column += -column % 4
        return component, columns * rows, columns * column

    def check_accessors(self) -> None:
        for number, accessor in enumerate(self.items("accessors")):
            field = f"accessors[{number}]"
            _component, _parts, size = self.element(accessor, field)
            count = self.integer(accessor, "count", field, 1, MAX_INDICES)
            offset = self.integer(accessor, "byteOffset", field, 0, default=0)
            if "bufferView" in accessor:
                view = self.index(accessor, "bufferView", field, "bufferViews")
                stride = self.doc["bufferViews"][view].get("byteStride", size)
                if stride < size:
                    raise self.fail(field, f"elements of {size} bytes in a view of stride {stride}")
                end = offset + stride * (count - 1) + size
                if end > len(self.view_bytes[view]):
                    raise self.fail(
                        field,
                        f"runs to byte {end} of its {len(self.view_bytes[view])}-byte buffer view",
                    )
            elif offset:
                raise self.fail(f"{field}.byteOffset", "is set without a bufferView")
            if "sparse" in accessor:
                self.check_sparse(accessor, field, count, size)

    def check_sparse(self, accessor: dict, field: str, count: int, size: int) -> None:
        sparse = accessor["sparse"]
        field += ".sparse"
        if not isinstance(sparse, dict):
            raise self.fail(field, "must be an object")
        entries = self.integer(sparse, "count", field, 1, count)
        parts = []
        for key in ("indices", "values"):
            part = sparse.get(key)
            if not isinstance(part, dict):
                raise self.fail(f"{field}.{key}", "must be an object")
            view = self.index(part, "bufferView", f"{field}.{key}", "bufferViews")
            offset = self.integer(part, "byteOffset", f"{field}.{key}", 0, default=0)
            if key == "indices":
                component = part.get("componentType")
                if type(component) is not int or component not in INDEX_TYPES:
                    raise self.fail(f"{field}.indices.componentType", "must be 5121, 5123 or 5125")
                length = entries * COMPONENT_BYTES[component]
            else:
                length = entries * size
            if offset + length > len(self.view_bytes[view]):
                raise self.fail(f"{field}.{key}", "runs past the end of its buffer view")
            parts.append((view, offset))
        (view, offset), component = parts[0], sparse["indices"]["componentType"]
        where = np.frombuffer(
            self.view_bytes[view], COMPONENT_DTYPES[component], entries, offset
        ).astype(np.int64)
        if where.max() >= count or np.any(np.diff(where) <= 0):
            raise self.fail(f"{field}.indices", "must rise strictly and stay below the count")

    def read(self, number: int) -> np.ndarray:
        """Accessor ``number`` (checked) as an array of (count, components), sparse applied."""
        accessor = self.doc["accessors"][number]
        component, parts, size = self.element(accessor, f"accessors[{number}]")
        count = accessor["count"]
        dtype = np.dtype(COMPONENT_DTYPES[component])
        if "bufferView" in accessor:
            view = accessor["bufferView"]
            stride = self.doc["bufferViews"][view].get("byteStride", size)
            values = np.ndarray(
                (count, parts),
                dtype,
                self.view_bytes[view],
                accessor.get("byteOffset", 0),
                (stride, dtype.itemsize),
            ).copy()
        else:
            values = np.zeros((count, parts), dtype)
        sparse = accessor.get("sparse")
        if sparse:
            entries = sparse["count"]
            indices, replacements = sparse["indices"], sparse["values"]
            where = np.frombuffer(
                self.view_bytes[indices["bufferView"]],
                COMPONENT_DTYPES[indices["componentType"]],
                entries,
                indices.get("byteOffset", 0),
            )
            values[where.astype(np.int64)] = np.frombuffer(
                self.view_bytes[replacements["bufferView"]],
                dtype,
                entries * parts,
                replacements.get("byteOffset", 0),
            ).reshape(entries, parts)
        return values

    def check_images(self) -> None:
        for number, image in enumerate(self.items("images")):
            field = f"images[{number}]"
            if "uri" in image:
                uri = image["uri"]
                if not isinstance(uri, str):
                    raise self.fail(f"{field}.uri", f"must be a text, found {_type(uri)}")
                if not uri.startswith("data:"):
                    target = self.inside_folder(uri, f"{field}.uri")
                    try:
                        info = os.stat(target)
                    except OSError as exc:
                        raise self.fail(
                            f"{field}.uri", f"cannot be read ({_reason(exc)})"
                        ) from None
                    if not stat.S_ISREG(info.st_mode):
                        raise self.fail(f"{field}.uri", f"is {_kind(info.st_mode)}, not a file")
                    if info.st_size > MAX_FILE_BYTES:
                        raise self.fail(f"{field}.uri", f"is {_size(info.st_size)}; too large")
            elif "bufferView" in image:
                self.index(image, "bufferView", field, "bufferViews")
            else:
                raise self.fail(field, "has neither a uri nor a bufferView")

    def check_meshes(self) -> list[tuple[int, int]]:
        """Check every primitive; per mesh, the (vertices, indices) it draws."""
        counts = []
        self.items("materials")
        for number, mesh in enumerate(self.items("meshes", required=True)):
            field = f"meshes[{number}]"
            primitives = mesh.get("primitives")
            if not isinstance(primitives, list) or not primitives:
                raise self.fail(f"{field}.primitives", "must be a non-empty list")
            if len(primitives) > MAX_ITEMS:
                raise self.fail(f"{field}.primitives", f"more than {MAX_ITEMS} entries")
            vertices = indices = 0
            for part, primitive in enumerate(primitives):
                drawn = self.check_primitive(
                    primitive, f"{field}.primitives[{part}]", (number, part)
                )
                vertices += drawn[0]
                indices += drawn[1]
            counts.append((vertices, indices))
        return counts

    def check_primitive(
        self, primitive: object, field: str, key: tuple[int, int]
    ) -> tuple[int, int]:
        if not isinstance(primitive, dict):
            raise self.fail(field, "must be an object")
        attributes = primitive.get("attributes")
        if not isinstance(attributes, dict) or "POSITION" not in attributes:
            raise self.fail(f"{field}.attributes", "must name a POSITION accessor")
        for name in attributes:
            self.index(attributes, name, f"{field}.attributes", "accessors")
        position = attributes["POSITION"]
        accessor = self.doc["accessors"][position]
        allowed = (5126, *WHOLE_NUMBERS) if self.quantized else (5126,)
        if accessor.get("type") != "VEC3" or accessor.get("componentType") not in allowed:
            kind = "float or whole-number" if self.quantized else "float"
            raise self.fail(f"{field}.attributes.POSITION", f"must be an accessor of {kind} VEC3")
        points = self.read(position)
        finite = (np.abs(points) <= 1e30).all(axis=1)  # False for NaN and infinities
        if not finite.all():
            raise self.fail(
                f"accessors[{position}]",
                f"vertex {int(np.argmin(finite))} has a position that is not finite",
            )
        extensions = primitive.get("extensions")
        if isinstance(extensions, dict) and DRACO in extensions and "bufferView" not in accessor:
            # only the compressed data holds the positions (else the plain data is read)
            self.draco[key] = self.draco_extension(extensions[DRACO], f"{field}.extensions.{DRACO}")
        mode = self.integer(primitive, "mode", field, 0, 6, default=TRIANGLES)
        count = accessor["count"]
        self.kept[key] = {"POSITION": position}
        for name, kind in (("NORMAL", "VEC3"), ("TEXCOORD_0", "VEC2"), ("TEXCOORD_1", "VEC2")):
            if name in attributes and self.usable_attribute(
                attributes[name], kind, count, f"{field}.attributes.{name}"
            ):
                if name.startswith("TEXCOORD"):
                    self.uv_sets.setdefault(key, {})[int(name[-1])] = attributes[name]
                if name != "TEXCOORD_1":  # given to the reader as TEXCOORD_0 where used
                    self.kept[key][name] = attributes[name]
        if "material" in primitive:
            self.index(primitive, "material", field, "materials")
        drawn = count
        if "indices" in primitive:
            number = self.index(primitive, "indices", field, "accessors")
            indices = self.doc["accessors"][number]
            component = indices.get("componentType")
            if (
                indices.get("type") != "SCALAR"
                or type(component) is not int
                or (component not in INDEX_TYPES)
            ):
                raise self.fail(f"{field}.indices", "must be an accessor of unsigned SCALARs")
            values = self.read(number)
            if values.max() >= count:
                raise self.fail(
                    f"accessors[{number}]",
                    f"index {int(values.max())} points past the {count} vertices of {field}",
                )
            drawn = indices["count"]
        if mode == TRIANGLES and drawn % 3:
            raise self.fail(field, f"{drawn} vertices are not whole triangles")
        if mode in (TRIANGLE_STRIP, TRIANGLE_FAN) and drawn < 3:
            raise self.fail(field, "a triangle strip or fan needs 3 vertices")
        return count, drawn

    def draco_extension(self, extension: object, field: str) -> dict:
        """A primitive's Draco extension as kept: its buffer view and the unique ids of the
        attributes kept (:data:`DRACO_ATTRIBUTES`, ``POSITION`` required)."""
        if not isinstance(extension, dict):
            raise self.fail(field, "must be an object")
        view = self.index(extension, "bufferView", field, "bufferViews")
        attributes = extension.get("attributes")
        if not isinstance(attributes, dict) or "POSITION" not in attributes:
            raise self.fail(f"{field}.attributes", "must name the Draco POSITION attribute")
        kept = {
            name: self.integer(attributes, name, f"{field}.attributes", 0, MAX_DRACO_ID)
            for name in DRACO_ATTRIBUTES
            if name in attributes
        }
        return {"bufferView": view, "attributes": kept}

    def usable_attribute(self, number: int, kind: str, count: int, field: str) -> bool:
        """Whether the NORMAL or TEXCOORD_n accessor ``number`` can be given to the reader
        (its type as glTF allows, as many entries as positions, finite); a note if not."""
        accessor = self.doc["accessors"][number]
        component = accessor.get("componentType")
        allowed = (5126,) if kind == "VEC3" else (5126, 5121, 5123)
        if self.quantized:  # KHR_mesh_quantization: normals of signed whole numbers, too
            allowed = (5126, 5120, 5122) if kind == "VEC3" else (5126, *WHOLE_NUMBERS)
        problem = None
        if accessor.get("type") != kind or component not in allowed:
            problem = "is not of a type glTF allows"
        elif (
            component != 5126
            and accessor.get("normalized") is not True
            and not (self.quantized and kind == "VEC2")
        ):
            problem = "is not normalized"
        elif accessor["count"] != count:
            problem = f"has {accessor['count']} entries for {count} positions"
        elif component == 5126 and not np.isfinite(self.read(number)).all():
            problem = "holds numbers that are not finite"
        if problem:
            self.notes.append(f"{field} {problem}; left out")
        return problem is None

    def looks(self) -> tuple[list[dict], list[dict], list[tuple[int | bytes, str]]]:
        """The materials as the reader gets them (factors clipped to 0-1, the base colour
        texture if its image can be shown), their textures, and those textures' images: a
        buffer view of the model or the bytes read from a URI, with the image's MIME type."""
        textures: list[dict] = []
        images: list[tuple[int | bytes, str]] = []
        texture_map: dict[int, int | None] = {}
        image_map: dict[int, int | None] = {}

        def texture(number: int) -> int | None:
            if number not in texture_map:
                field = f"textures[{number}]"
                item = self.doc["textures"][number]
                extensions = item.get("extensions")
                webp = extensions.get(WEBP) if isinstance(extensions, dict) else None
                if "source" not in item and isinstance(webp, dict) and "source" in webp:
                    # a WebP image with no PNG or JPEG beside it: decoded by the reader's child
                    item, field = webp, f"{field}.extensions.{WEBP}"
                if "source" not in item:
                    self.notes.append(f"{field} has no PNG, JPEG or WebP image; left out")
                    texture_map[number] = None
                else:
                    source = self.index(item, "source", field, "images")
                    if source not in image_map:
                        image_map[source] = self.image(source, images)
                    if image_map[source] is None:
                        texture_map[number] = None
                    else:
                        texture_map[number] = len(textures)
                        textures.append({"source": image_map[source]})
            return texture_map[number]

        materials = []
        self.items("textures")
        for number, material in enumerate(self.items("materials")):
            field = f"materials[{number}].pbrMetallicRoughness"
            pbr = material.get("pbrMetallicRoughness")
            pbr = pbr if isinstance(pbr, dict) else {}
            extensions = material.get("extensions")
            extensions = extensions if isinstance(extensions, dict) else {}
            gloss = extensions.get("KHR_materials_pbrSpecularGlossiness")
            if "pbrMetallicRoughness" not in material and isinstance(gloss, dict):
                # the older specular-glossiness materials: their diffuse is the base colour
                field = f"materials[{number}].extensions.KHR_materials_pbrSpecularGlossiness"
                pbr = {"metallicFactor": 0.0}
                for theirs, ours in (
                    ("diffuseFactor", "baseColorFactor"),
                    ("diffuseTexture", "baseColorTexture"),
                ):
                    if theirs in gloss:
                        pbr[ours] = gloss[theirs]
                if _finite(gloss.get("glossinessFactor")):
                    pbr["roughnessFactor"] = 1.0 - float(gloss["glossinessFactor"])
            factors: dict[str, Any] = {}
            color = pbr.get("baseColorFactor")
            if (
                isinstance(color, list)
                and len(color) == 4
                and all(_finite(value) for value in color)
            ):
                factors["baseColorFactor"] = [min(max(float(v), 0.0), 1.0) for v in color]
            for key in ("metallicFactor", "roughnessFactor"):
                if _finite(pbr.get(key)):
                    factors[key] = min(max(float(pbr[key]), 0.0), 1.0)
            base = pbr.get("baseColorTexture")
            if isinstance(base, dict):
                index = self.index(base, "index", f"{field}.baseColorTexture", "textures")
                uv = self.texture_coordinates(base, f"{field}.baseColorTexture")
                if uv is None:
                    pass
                elif (shown := texture(index)) is not None:
                    factors["baseColorTexture"] = {"index": shown}
                    self.uv_use[number] = uv
            mode = material.get("alphaMode")
            see_through = extensions.get("KHR_materials_transmission")
            if (
                mode in (None, "OPAQUE")
                and isinstance(see_through, dict)
                and _finite(see_through.get("transmissionFactor"))
                and see_through["transmissionFactor"] > 0
            ):
                # glass that lets light through: drawn see-through (the colour a tint)
                mode = "BLEND"
                color = factors.get("baseColorFactor", [1.0, 1.0, 1.0, 1.0])
                left = 1.0 - 0.75 * min(float(see_through["transmissionFactor"]), 1.0)
                factors["baseColorFactor"] = [*color[:3], color[3] * left]
            new: dict[str, Any] = {"pbrMetallicRoughness": factors} if factors else {}
            if mode in ALPHA_MODES and mode != "OPAQUE":
                new["alphaMode"] = mode
                if mode == "MASK" and _finite(material.get("alphaCutoff")):
                    new["alphaCutoff"] = min(max(float(material["alphaCutoff"]), 0.0), 1.0)
            if material.get("doubleSided") is True:
                new["doubleSided"] = True
            materials.append(new)
        return materials, textures, images

    @property
    def quantized(self) -> bool:
        """Whether the model uses ``KHR_mesh_quantization`` (attributes of whole numbers)."""
        used = self.doc.get("extensionsUsed", [])
        return isinstance(used, list) and QUANTIZED in used

    def floats(self, number: int) -> np.ndarray:
        """Accessor ``number`` (checked) as float64 values: whole numbers divided out where it
        is normalized (signed ones kept at -1 at least), as glTF says."""
        accessor = self.doc["accessors"][number]
        values = self.read(number).astype(np.float64)
        component = accessor["componentType"]
        if component != 5126 and accessor.get("normalized") is True:
            values = np.maximum(values / float(np.iinfo(COMPONENT_DTYPES[component]).max), -1.0)
        return values

    def float_accessor(
        self, number: int, binary: bytearray, views: list[dict], accessors: list[dict]
    ) -> int:
        """A new accessor of the floats of accessor ``number`` (appended to ``binary``,
        ``views`` and ``accessors``): VTK's reader reads no quantized positions or normals."""
        accessor = self.doc["accessors"][number]
        values = self.floats(number)
        data = np.ascontiguousarray(values, dtype="<f4").tobytes()
        binary += b"\0" * (-len(binary) % 8)
        views.append({"buffer": 0, "byteOffset": len(binary), "byteLength": len(data)})
        binary += data
        new = {
            "bufferView": len(views) - 1,
            "componentType": 5126,
            "count": len(values),
            "type": accessor["type"],
            "normalized": False,
        }
        if accessor["type"] == "VEC3":
            new["min"], new["max"] = values.min(axis=0).tolist(), values.max(axis=0).tolist()
        accessors.append(new)
        return len(accessors) - 1

    def texture_coordinates(self, info: dict, field: str) -> tuple[int, np.ndarray | None] | None:
        """The texture coordinate set (0 or 1) a texture reference ``info`` uses and its
        ``KHR_texture_transform`` as a 3 x 3 matrix (``None`` without one); ``None`` and a
        note for a set the model cannot give."""
        number = info.get("texCoord", 0)
        extensions = info.get("extensions")
        move = extensions.get("KHR_texture_transform") if isinstance(extensions, dict) else None
        matrix = None
        if isinstance(move, dict):
            number = move.get("texCoord", number)
            offset = self.numbers(move, "offset", f"{field}.KHR_texture_transform", 2)
            scale = self.numbers(move, "scale", f"{field}.KHR_texture_transform", 2)
            turn = move.get("rotation", 0.0)
            turn = float(turn) if _finite(turn) else 0.0
            offset, scale = offset or [0.0, 0.0], scale or [1.0, 1.0]
            cos, sin = math.cos(turn), math.sin(turn)
            matrix = (
                np.array([[1.0, 0.0, offset[0]], [0.0, 1.0, offset[1]], [0.0, 0.0, 1.0]])
                @ np.array([[cos, sin, 0.0], [-sin, cos, 0.0], [0.0, 0.0, 1.0]])
                @ np.diag([scale[0], scale[1], 1.0])
            )
        if isinstance(number, bool) or number not in (0, 1):
            self.notes.append(f"{field} uses TEXCOORD_{one_line(repr(number), 20)}; left out")
            return None
        return number, matrix

    def moved_uv(
        self,
        key: tuple[int, int],
        primitive: dict,
        binary: bytearray,
        views: list[dict],
        accessors: list[dict],
        made: dict,
    ) -> int | None:
        """The TEXCOORD_0 accessor the reader gets for primitive ``key``: the set its
        material's base colour texture uses, moved by its texture transform (a new accessor
        of floats appended to ``binary``, ``views``, ``accessors``; ``made`` caches them);
        ``None`` for none."""
        sets = self.uv_sets.get(key, {})
        use = self.uv_use.get(primitive.get("material", -1))
        if use is None or key in self.draco:
            return sets.get(0)
        number, matrix = use
        source = sets.get(number)
        plain = source is not None and self.doc["accessors"][source]["componentType"] == 5126
        if source is None or (number == 0 and matrix is None and (plain or not self.quantized)):
            return source
        if (source, id(matrix)) not in made:
            uv = self.floats(source)
            if matrix is not None:
                # a huge scale must not overflow the floats the reader gets
                uv = np.clip(uv @ matrix[:2, :2].T + matrix[:2, 2], -1e6, 1e6)
            data = np.ascontiguousarray(uv, dtype="<f4").tobytes()
            binary += b"\0" * (-len(binary) % 8)
            views.append({"buffer": 0, "byteOffset": len(binary), "byteLength": len(data)})
            binary += data
            accessors.append(
                {
                    "bufferView": len(views) - 1,
                    "componentType": 5126,
                    "count": len(uv),
                    "type": "VEC2",
                    "normalized": False,
                }
            )
            made[source, id(matrix)] = len(accessors) - 1
        return made[source, id(matrix)]

    def image(self, number: int, images: list[tuple[int | bytes, str]]) -> int | None:
        """Image ``number`` added to ``images`` if it can be shown (its new number), else a
        note and ``None``."""
        field = f"images[{number}]"
        item = self.doc["images"][number]
        if "bufferView" in item:
            view = self.index(item, "bufferView", field, "bufferViews")
            data: bytes = bytes(self.view_bytes[view])
            where: int | bytes = view
        else:
            data = where = self.read_uri(item.get("uri"), f"{field}.uri")
        size = image_size(data)
        problem = None
        if size is None:
            problem = "is not a PNG, JPEG or WebP image"
        elif max(size[1:]) > MAX_TEXTURE_SIDE:
            problem = f"is {size[1]} x {size[2]} pixels; at most {MAX_TEXTURE_SIDE} a side"
        elif self.pixels + size[1] * size[2] > MAX_TEXTURE_PIXELS:
            problem = f"would make the textures more than {MAX_TEXTURE_PIXELS} pixels together"
        elif self.image_bytes + len(data) > MAX_IMAGE_BYTES:
            problem = f"would make the images more than {_size(MAX_IMAGE_BYTES)} together"
        if problem or size is None:
            self.notes.append(f"{field} {problem}; its texture is left out")
            return None
        self.pixels += size[1] * size[2]
        self.image_bytes += len(data)
        images.append((where, f"image/{size[0]}"))
        return len(images) - 1

    def check_nodes_and_scenes(self) -> None:
        nodes = self.items("nodes")
        parent = [-1] * len(nodes)
        for number, node in enumerate(nodes):
            field = f"nodes[{number}]"
            if "mesh" in node:
                self.index(node, "mesh", field, "meshes")
            for key, size in (("matrix", 16), ("translation", 3), ("rotation", 4), ("scale", 3)):
                self.numbers(node, key, field, size)
            children = node.get("children", [])
            if not isinstance(children, list) or len(children) > MAX_ITEMS:
                raise self.fail(f"{field}.children", "must be a list of node numbers")
            for child in children:
                if isinstance(child, bool) or not isinstance(child, int):
                    raise self.fail(f"{field}.children", f"holds {_type(child)}, not a node")
                if not 0 <= child < len(nodes):
                    raise self.fail(f"{field}.children", f"holds {_number(child)}: no such node")
                if parent[child] != -1:
                    raise self.fail(f"{field}.children", f"node {child} has two parents")
                parent[child] = number
        self.check_tree(nodes, parent)
        scenes = self.items("scenes")
        for number, scene in enumerate(scenes):
            roots = scene.get("nodes", [])
            field = f"scenes[{number}].nodes"
            if not isinstance(roots, list) or len(roots) > MAX_ITEMS:
                raise self.fail(field, "must be a list of node numbers")
            for root in roots:
                if (
                    isinstance(root, bool)
                    or not isinstance(root, int)
                    or not (0 <= root < len(nodes))
                ):
                    raise self.fail(field, f"holds {one_line(repr(root), 40)}: no such node")
                if parent[root] != -1:
                    raise self.fail(field, f"node {root} is not a root of the node tree")
        if "scene" in self.doc:
            self.index(self.doc, "scene", "", "scenes")

    def check_tree(self, nodes: list[dict], parent: list[int]) -> None:
        """Every node reached from a root, at most :data:`MAX_DEPTH` levels down (no recursion:
        a 30,000-deep chain is refused at level 129)."""
        children = [node.get("children", []) for node in nodes]
        reached = [up == -1 for up in parent]
        level = [number for number, up in enumerate(parent) if up == -1]
        depth = 1
        while level:
            if depth > MAX_DEPTH:
                raise self.fail(
                    "nodes", f"the node tree is more than {MAX_DEPTH} levels deep (node {level[0]})"
                )
            level = [child for number in level for child in children[number]]
            for child in level:
                reached[child] = True
            depth += 1
        if not all(reached):
            # a node no root leads to: its parents, followed up, go round a cycle
            node, seen = reached.index(False), set()
            while node not in seen:
                seen.add(node)
                node = parent[node]
            raise self.fail("nodes", f"the node graph has a cycle through node {node}")

    def drawn_counts(self, mesh_counts: list[tuple[int, int]]) -> tuple[int, int]:
        shown = [node["mesh"] for node in self.doc.get("nodes", []) if "mesh" in node]
        vertices = sum(mesh_counts[mesh][0] for mesh in shown)
        indices = sum(mesh_counts[mesh][1] for mesh in shown)
        vertices = max(vertices, sum(count for count, _ in mesh_counts))
        indices = max(indices, sum(count for _, count in mesh_counts))
        if vertices > MAX_VERTICES:
            raise self.fail("meshes", f"draws {vertices} vertices; at most {MAX_VERTICES}")
        if indices > MAX_INDICES:
            raise self.fail("meshes", f"draws {indices} indices; at most {MAX_INDICES}")
        return vertices, indices

    def geometry_only(self) -> tuple[dict, bytes]:
        """The checked geometry as a new glTF document and its one buffer."""
        starts, binary = [], bytearray()
        for data in self.buffers:
            starts.append(len(binary))
            binary += data + b"\0" * (-len(data) % 8)
        views = []
        for view in self.doc.get("bufferViews", []):
            new = {
                "buffer": 0,
                "byteOffset": starts[view["buffer"]] + view.get("byteOffset", 0),
                "byteLength": view["byteLength"],
            }
            if "byteStride" in view:
                new["byteStride"] = view["byteStride"]
            views.append(new)
        accessors = []
        for accessor in self.doc.get("accessors", []):
            keep = ("bufferView", "byteOffset", "componentType", "normalized", "count", "type")
            new = {key: accessor[key] for key in keep if key in accessor}
            new["normalized"] = new.get("normalized") is True
            if "sparse" in accessor:
                sparse = accessor["sparse"]
                # byteOffset written out even where it is the default 0: VTK's reader
                # refuses a sparse accessor without it
                new["sparse"] = {
                    "count": sparse["count"],
                    "indices": {
                        "bufferView": sparse["indices"]["bufferView"],
                        "byteOffset": sparse["indices"].get("byteOffset", 0),
                        "componentType": sparse["indices"]["componentType"],
                    },
                    "values": {
                        "bufferView": sparse["values"]["bufferView"],
                        "byteOffset": sparse["values"].get("byteOffset", 0),
                    },
                }
            accessors.append(new)
        materials, textures, images = self.looks()
        shown = []
        for where, mime in images:
            if isinstance(where, bytes):  # read from a URI: into the one buffer
                binary += b"\0" * (-len(binary) % 8)
                views.append({"buffer": 0, "byteOffset": len(binary), "byteLength": len(where)})
                binary += where
                where = len(views) - 1
            shown.append({"bufferView": where, "mimeType": mime})
        meshes, made = [], {}
        for number, mesh in enumerate(self.doc["meshes"]):
            primitives = []
            for part, primitive in enumerate(mesh["primitives"]):
                new = {
                    "attributes": dict(self.kept[number, part]),
                    "mode": primitive.get("mode", TRIANGLES),
                }
                for name, source in list(new["attributes"].items()):
                    if (
                        name != "TEXCOORD_0"
                        and (number, part) not in self.draco
                        and (self.doc["accessors"][source]["componentType"] != 5126)
                    ):
                        if ("float", source) not in made:
                            made["float", source] = self.float_accessor(
                                source, binary, views, accessors
                            )
                        new["attributes"][name] = made["float", source]
                uv = self.moved_uv((number, part), primitive, binary, views, accessors, made)
                new["attributes"].pop("TEXCOORD_0", None)
                if uv is not None:
                    new["attributes"]["TEXCOORD_0"] = uv
                for key in ("indices", "material"):
                    if key in primitive:
                        new[key] = primitive[key]
                if (number, part) in self.draco:
                    new["extensions"] = {DRACO: self.draco[number, part]}
                primitives.append(new)
            meshes.append({"primitives": primitives})
        nodes = []
        for node in self.doc.get("nodes", []):
            keep = ("children", "mesh", "matrix", "translation", "rotation", "scale")
            nodes.append({key: node[key] for key in keep if key in node and node[key] != []})
        document: dict = {
            "asset": {"version": "2.0", "generator": "factory-tour gltf_check"},
            "accessors": accessors,
            "meshes": meshes,
        }
        if self.draco:
            document["extensionsUsed"] = document["extensionsRequired"] = [DRACO]
        if any(mime == "image/webp" for _where, mime in images):
            for key in ("extensionsUsed", "extensionsRequired"):
                document[key] = [*document.get(key, []), WEBP]
        if binary:
            document["buffers"] = [{"byteLength": len(binary)}]
            document["bufferViews"] = views
        for name, items in (("materials", materials), ("textures", textures), ("images", shown)):
            if items:
                document[name] = items
        if nodes:
            document["nodes"] = nodes
        scenes = [{"nodes": scene.get("nodes", [])} for scene in self.doc.get("scenes", [])]
        if scenes:
            document["scenes"] = scenes
            document["scene"] = self.doc.get("scene", 0)
        return document, bytes(binary)


def _finite(value: object) -> bool:
    """Whether ``value`` is a finite JSON number (not true/false)."""
    return (
        isinstance(value, (int, float))
        and not isinstance(value, bool)
        and math.isfinite(value)
        and abs(value) < 1e30
    )


def _type(value: object) -> str:
    return {bool: "true/false", str: "a text", list: "a list", dict: "an object"}.get(
        type(value), "a number" if isinstance(value, (int, float)) else "null"
    )


def _number(value: int) -> str:
    text = str(value) if abs(value) < 10**30 else f"a {len(str(abs(value)))}-digit number"
    return text
