"""What OpenGL renderer draws the scene (whether it is a software one:
:func:`viewer.model.quality.is_software`)."""

from __future__ import annotations

import re

from vtkmodules.vtkRenderingCore import vtkRenderWindow


def renderer_name(render_window: vtkRenderWindow) -> str:
    """The GL renderer string of an initialised render window ('' if unknown)."""
    match = re.search(r"OpenGL renderer string:\s*(.+)", render_window.ReportCapabilities() or "")
    return match.group(1).strip() if match else ""
