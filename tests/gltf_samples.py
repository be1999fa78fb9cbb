"""Small glTF car models built in code for the tests: boxes with materials and textures, y up,
the length along z (glTF's way). Nothing is downloaded."""

from __future__ import annotations

import base64
import json
import struct
import zlib
from dataclasses import dataclass, field

import numpy as np


def png(image: np.ndarray) -> bytes:
    """An RGB or RGBA uint8 ``image`` (rows from the top) as PNG bytes."""
    image = np.asarray(image, dtype=np.uint8)
    height, width, channels = image.shape
    raw = b"".join(b"\0" + image[row].tobytes() for row in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + data))
        return struct.pack(">I", len(data)) + kind + data + crc

    header = struct.pack(">IIBBBBB", width, height, 8, {3: 2, 4: 6}[channels], 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def webp(image: np.ndarray, lossless: bool = True) -> bytes:
    """An RGB or RGBA uint8 ``image`` as WebP bytes (made by Pillow)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.fromarray(np.asarray(image, dtype=np.uint8)).save(out, "WEBP", lossless=lossless)
    return out.getvalue()


def box(low, high) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """A box from ``low`` to ``high``: 24 points (4 a face), normals, texture coordinates and 12
    triangles wound outward. On each face u runs along the next axis round (x -> y -> z -> x) and
    v against the one after (glTF: v grows down the image)."""
    low, high = np.asarray(low, float), np.asarray(high, float)
    points, normals, uvs, triangles = [], [], [], []
    for axis in range(3):
        for sign in (-1, 1):
            u, v = (axis + 1) % 3, (axis + 2) % 3
            if sign < 0:
                u, v = v, u
            normal = np.zeros(3)
            normal[axis] = sign
            base = len(points)
            for cu, cv in ((0, 0), (1, 0), (1, 1), (0, 1)):
                point = low.copy()
                point[axis] = high[axis] if sign > 0 else low[axis]
                point[u] = (low, high)[cu][u]
                point[v] = (low, high)[cv][v]
                points.append(point)
                normals.append(normal)
                uvs.append((cu, 1 - cv))
            triangles += [(base, base + 1, base + 2), (base, base + 2, base + 3)]
    return np.array(points), np.array(normals), np.array(uvs, float), np.array(triangles)


def grid(rows: int, columns: int, low, high) -> tuple[np.ndarray, np.ndarray]:
    """A finely cut box-like slab: a (rows x columns) grid on top and bottom, for heavy models;
    points and triangles (2 * 2 * rows * columns of them)."""
    x = np.linspace(low[0], high[0], columns + 1)
    z = np.linspace(low[2], high[2], rows + 1)
    gx, gz = np.meshgrid(x, z)
    bump = 0.05 * np.sin(gx * 7.0) * np.cos(gz * 3.0)
    top = np.column_stack([gx.ravel(), (high[1] + bump).ravel(), gz.ravel()])
    bottom = top * [1, 0, 1] + [0, low[1], 0]
    index = np.arange((rows + 1) * (columns + 1)).reshape(rows + 1, columns + 1)
    a, b = index[:-1, :-1].ravel(), index[:-1, 1:].ravel()
    c, d = index[1:, 1:].ravel(), index[1:, :-1].ravel()
    quads = np.concatenate([np.column_stack([a, d, c]), np.column_stack([a, c, b])])
    count = len(top)
    triangles = np.concatenate([quads, quads[:, ::-1] + count])
    return np.vstack([top, bottom]), triangles


@dataclass
class Model:
    """A glTF document built part by part (each part a mesh on its own node)."""

    doc: dict = field(
        default_factory=lambda: {
            "asset": {"version": "2.0"},
            "scene": 0,
            "scenes": [{"nodes": []}],
            "nodes": [],
            "meshes": [],
            "materials": [],
            "accessors": [],
            "bufferViews": [],
        }
    )
    data: bytearray = field(default_factory=bytearray)

    def view(self, blob: bytes) -> int:
        self.data += b"\0" * (-len(self.data) % 4)
        self.doc["bufferViews"].append(
            {"buffer": 0, "byteOffset": len(self.data), "byteLength": len(blob)}
        )
        self.data += blob
        return len(self.doc["bufferViews"]) - 1

    def accessor(self, values: np.ndarray, kind: str, component: int = 5126) -> int:
        dtype = {5126: "<f4", 5125: "<u4", 5123: "<u2"}[component]
        values = np.asarray(values).astype(dtype)
        accessor = {
            "bufferView": self.view(values.tobytes()),
            "componentType": component,
            "count": len(values),
            "type": kind,
        }
        if kind == "VEC3":
            accessor["min"] = values.min(axis=0).tolist()
            accessor["max"] = values.max(axis=0).tolist()
        self.doc["accessors"].append(accessor)
        return len(self.doc["accessors"]) - 1

    def material(self, color, metallic=0.0, roughness=0.5, texture=None, image=None) -> int:
        """A material; ``texture`` an image array, or ``image`` an image entry (dict) as is."""
        pbr = {"baseColorFactor": [*color, 1.0][:4], "metallicFactor": metallic}
        pbr["roughnessFactor"] = roughness
        if texture is not None:
            image = {"bufferView": self.view(png(texture)), "mimeType": "image/png"}
        if image is not None:
            self.doc.setdefault("images", []).append(image)
            self.doc.setdefault("textures", []).append({"source": len(self.doc["images"]) - 1})
            pbr["baseColorTexture"] = {"index": len(self.doc["textures"]) - 1}
        self.doc["materials"].append({"pbrMetallicRoughness": pbr})
        return len(self.doc["materials"]) - 1

    def webp_material(self, color, texture: bytes, fallback: bytes | None = None) -> int:
        """A material whose base colour texture is the WebP image ``texture``
        (``EXT_texture_webp``, required unless a PNG ``fallback`` stands beside it)."""
        images = self.doc.setdefault("images", [])
        images.append({"bufferView": self.view(texture), "mimeType": "image/webp"})
        item: dict = {"extensions": {"EXT_texture_webp": {"source": len(images) - 1}}}
        if fallback is not None:
            images.append({"bufferView": self.view(fallback), "mimeType": "image/png"})
            item["source"] = len(images) - 1
        self.doc.setdefault("textures", []).append(item)
        for key in ("extensionsUsed", "extensionsRequired")[: 1 if fallback else 2]:
            self.doc.setdefault(key, []).append("EXT_texture_webp")
        pbr = {"baseColorFactor": [*color, 1.0][:4], "metallicFactor": 0.0}
        pbr["baseColorTexture"] = {"index": len(self.doc["textures"]) - 1}
        self.doc["materials"].append({"pbrMetallicRoughness": pbr})
        return len(self.doc["materials"]) - 1

    def mesh(self, points, triangles, material: int, normals=None, uvs=None) -> int:
        attributes = {"POSITION": self.accessor(points, "VEC3")}
        if normals is not None:
            attributes["NORMAL"] = self.accessor(normals, "VEC3")
        if uvs is not None:
            attributes["TEXCOORD_0"] = self.accessor(uvs, "VEC2")
        big = len(points) > 65535
        primitive = {
            "attributes": attributes,
            "indices": self.accessor(
                np.asarray(triangles).ravel(), "SCALAR", 5125 if big else 5123
            ),
            "material": material,
        }
        self.doc["meshes"].append({"primitives": [primitive]})
        self.doc["nodes"].append({"mesh": len(self.doc["meshes"]) - 1})
        self.doc["scenes"][0]["nodes"].append(len(self.doc["nodes"]) - 1)
        return len(self.doc["nodes"]) - 1

    def draco_mesh(self, points, triangles, material: int, normals=None, uvs=None) -> int:
        """A mesh whose only geometry is Draco-compressed (``KHR_draco_mesh_compression``
        without a plain fallback: its accessors have no buffer view), encoded with DracoPy."""
        import DracoPy

        blob = DracoPy.encode(
            np.asarray(points, np.float32),
            np.asarray(triangles, np.uint32),
            quantization_bits=16,
            normals=None if normals is None else np.asarray(normals, np.float64),
            tex_coord=None if uvs is None else np.asarray(uvs, np.float64),
        )
        decoded = DracoPy.decode(blob)  # which unique id Draco gave each attribute
        names = {0: "POSITION", 1: "NORMAL", 3: "TEXCOORD_0"}
        ids = {names[item["attribute_type"]]: item["unique_id"] for item in decoded.attributes}
        count = len(decoded.points)
        kinds = {"POSITION": "VEC3", "NORMAL": "VEC3", "TEXCOORD_0": "VEC2"}
        attributes = {}
        for name in ids:
            self.doc["accessors"].append(
                {"componentType": 5126, "count": count, "type": kinds[name]}
            )
            attributes[name] = len(self.doc["accessors"]) - 1
        position = self.doc["accessors"][attributes["POSITION"]]
        position["min"] = decoded.points.min(axis=0).tolist()
        position["max"] = decoded.points.max(axis=0).tolist()
        self.doc["accessors"].append(
            {"componentType": 5125, "count": decoded.faces.size, "type": "SCALAR"}
        )
        extension = {"bufferView": self.view(blob), "attributes": ids}
        primitive = {
            "attributes": attributes,
            "indices": len(self.doc["accessors"]) - 1,
            "material": material,
            "extensions": {"KHR_draco_mesh_compression": extension},
        }
        for key in ("extensionsUsed", "extensionsRequired"):
            self.doc[key] = ["KHR_draco_mesh_compression"]
        self.doc["meshes"].append({"primitives": [primitive]})
        self.doc["nodes"].append({"mesh": len(self.doc["meshes"]) - 1})
        self.doc["scenes"][0]["nodes"].append(len(self.doc["nodes"]) - 1)
        return len(self.doc["nodes"]) - 1

    def box(self, low, high, material: int, draco: bool = False) -> int:
        points, normals, uvs, triangles = box(low, high)
        make = self.draco_mesh if draco else self.mesh
        return make(points, triangles, material, normals, uvs)

    def glb(self) -> bytes:
        doc = json.loads(json.dumps(self.doc))
        doc["buffers"] = [{"byteLength": len(self.data)}]
        text = json.dumps(doc).encode()
        text += b" " * (-len(text) % 4)
        data = bytes(self.data) + b"\0" * (-len(self.data) % 4)
        body = struct.pack("<II", len(text), 0x4E4F534A) + text
        body += struct.pack("<II", len(data), 0x004E4942) + data
        return b"glTF" + struct.pack("<II", 2, 12 + len(body)) + body

    def gltf(self) -> str:
        doc = json.loads(json.dumps(self.doc))
        blob = base64.b64encode(bytes(self.data)).decode()
        doc["buffers"] = [
            {"byteLength": len(self.data), "uri": "data:application/octet-stream;base64," + blob}
        ]
        return json.dumps(doc)


RED, CABIN, BLACK = (0.8, 0.02, 0.02), (0.1, 0.6, 0.15), (0.02, 0.02, 0.02)


def little_car(body=RED, draco: bool = False) -> Model:
    """A car of boxes, y up, 4 m long along z: a ``body``-coloured body, a green cabin on top
    (so that upside down shows), four black wheels below; with ``draco`` every mesh is
    Draco-compressed."""
    model = Model()
    paint = model.material(body, 0.3, 0.4)
    cabin = model.material(CABIN, 0.0, 0.2)
    black = model.material(BLACK, 0.0, 0.9)
    model.box((-0.9, 0.3, -2.0), (0.9, 0.9, 2.0), paint, draco)
    model.box((-0.75, 0.9, -1.0), (0.75, 1.35, 0.8), cabin, draco)
    for x in (-0.95, 0.65):
        for z in (-1.5, 1.1):
            model.box((x, 0.0, z), (x + 0.3, 0.6, z + 0.6), black, draco)
    return model
