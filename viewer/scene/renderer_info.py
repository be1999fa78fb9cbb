"""What OpenGL renderer draws the scene, and whether it is a software one."""

from __future__ import annotations

import re

from vtkmodules.vtkRenderingCore import vtkRenderWindow

from viewer.model.quality import is_software

__all__ = ["is_software", "renderer_name"]


def renderer_name(render_window: vtkRenderWindow) -> str:
    """The GL renderer string of an initialised render window ('' if unknown)."""
    match = re.search(r"OpenGL renderer string:\s*(.+)", render_window.ReportCapabilities() or "")
    return match.group(1).strip() if match else ""
