"""Turns the WebP texture images of a checked car model (``EXT_texture_webp``) into PNG.

VTK's glTF reader knows PNG and JPEG only. :func:`viewer.model.cars.gltf_check.check_gltf`
keeps a texture whose only image is WebP (its size read from the header and held to the same
limits as any image) and marks the checked GLB as using ``EXT_texture_webp``. In the car model
reader's child process (:mod:`viewer.scene.cars.car_model_reader`), since decoding is native
code meeting a downloaded file, :func:`png_textures` decodes each such image with Pillow, only
as WebP, only after its header's size matched the checker's and stayed within
:data:`~viewer.model.cars.gltf_check.MAX_TEXTURE_SIDE` a side (Pillow's own decompression-bomb
limit set to the same), and appends it to the one buffer as PNG; the images point there and the
extension is gone. An image that does not decode raises :class:`WebpError` naming it.
"""

from __future__ import annotations

import io
import warnings

from viewer.model.cars.gltf_check import MAX_TEXTURE_SIDE, WEBP, one_line, webp_size
from viewer.scene.cars.gltf_draco import GltfPartError, _chunks, _glb


class WebpError(GltfPartError):
    """A WebP texture image that cannot be decoded."""


def png_textures(glb: bytes) -> bytes:
    """The GLB ``glb`` (checked) with every WebP image turned into PNG (see the module
    docstring); as it is when it has none."""
    document, binary = _chunks(glb)
    if WEBP not in document.get("extensionsRequired", []) + document.get("extensionsUsed", []):
        return glb
    data = bytearray(binary)
    views = document.setdefault("bufferViews", [])
    for number, image in enumerate(document.get("images", [])):
        if image.get("mimeType") != "image/webp":
            continue
        field = f"images[{number}]"
        view = views[image["bufferView"]]
        start = view.get("byteOffset", 0)
        png = _png(bytes(binary[start : start + view["byteLength"]]), field)
        data += b"\0" * (-len(data) % 8)
        views.append({"buffer": 0, "byteOffset": len(data), "byteLength": len(png)})
        data += png
        image["bufferView"] = len(views) - 1
        image["mimeType"] = "image/png"
    for key in ("extensionsRequired", "extensionsUsed"):
        names = [name for name in document.get(key, []) if name != WEBP]
        if names:
            document[key] = names
        else:
            document.pop(key, None)
    document["buffers"] = [{"byteLength": len(data)}]
    return _glb(document, bytes(data))


def _png(webp: bytes, field: str) -> bytes:
    """The WebP image ``webp`` decoded (first frame) and written as PNG."""
    try:
        from PIL import Image
    except ImportError:
        raise WebpError(field, "its WebP image cannot be decoded: Pillow is missing") from None
    size = webp_size(webp)
    if size is None or max(size[1:]) > MAX_TEXTURE_SIDE:
        raise WebpError(field, "its WebP header does not hold together")
    Image.MAX_IMAGE_PIXELS = MAX_TEXTURE_SIDE * MAX_TEXTURE_SIDE
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(webp), formats=["WEBP"]) as picture:
                if picture.size != size[1:]:
                    raise WebpError(
                        field, f"its WebP frame is {picture.size}, its header says {size[1:]}"
                    )
                picture.load()
                mode = "RGBA" if "A" in picture.getbands() else "RGB"
                out = io.BytesIO()
                picture.convert(mode).save(out, "PNG", compress_level=1)
    except WebpError:
        raise
    except Exception as exc:  # Pillow raises several kinds; each is one reason
        reason = one_line(str(exc) or type(exc).__name__, 120)
        raise WebpError(field, f"its WebP image cannot be decoded ({reason})") from None
    return out.getvalue()
