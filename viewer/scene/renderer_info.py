"""What OpenGL renderer draws the scene, and whether it is a software one."""

from __future__ import annotations

import re

from vtkmodules.vtkRenderingCore import vtkRenderWindow

SOFTWARE_RENDERERS = ("llvmpipe", "softpipe", "swiftshader", "microsoft basic render", "swrast")


def renderer_name(render_window: vtkRenderWindow) -> str:
    """The GL renderer string of an initialised render window ('' if unknown)."""
    match = re.search(r"OpenGL renderer string:\s*(.+)", render_window.ReportCapabilities() or "")
    return match.group(1).strip() if match else ""


def is_software(name: str) -> bool:
    """Whether a GL renderer string names a software rasteriser.

    >>> is_software("llvmpipe (LLVM 15.0.6, 256 bits)"), is_software("NVIDIA H100/PCIe/SSE2")
    (True, False)
    """
    lowered = name.lower()
    return any(word in lowered for word in SOFTWARE_RENDERERS)
