"""Area labels in the 3D view, in English or Chinese, switchable live.

VTK's built-in fonts have no Chinese glyphs, so every label uses the bundled Noto Sans SC subset
through ``VTK_FONT_FILE``. Labels are camera-facing billboards above each building, the track,
the lots and the gates.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from vtkmodules.vtkCommonCore import VTK_FONT_FILE
from vtkmodules.vtkRenderingCore import vtkBillboardTextActor3D

from viewer.model.assets import chinese_font_path
from viewer.model.fields import Text
from viewer.model.layout import Plant
from viewer.scene import palette


@dataclass
class Label:
    """One label: its texts and its actor."""

    key: str
    text: Text
    actor: vtkBillboardTextActor3D
    size: int  # font size at scale 1


def label_anchors(plant: Plant) -> list[tuple[str, Text, np.ndarray, int]]:
    """(key, text, 3D anchor, font size) of every label of the plant."""
    anchors = []
    for building in plant.buildings:
        x, y = building.center
        size = 22 if building.kind == "workshop" else 18
        anchors.append((building.id, building.name, np.array([x, y, building.height + 4]), size))
    track = plant.track
    south = track.centerline[np.argmin(track.centerline[:, 1])]
    anchors.append(
        (track.id, track.name, np.array([track.centerline[:, 0].mean(), south[1], 3.0]), 20)
    )
    for lot in plant.lots:
        x, y = lot.footprint.mean(axis=0)
        anchors.append((lot.id, lot.name, np.array([x, y, 4.0]), 15))
    for gate in plant.gates:
        anchors.append((gate.id, gate.name, np.array([*gate.position, 5.0]), 15))
    return anchors


class Labels:
    """All area labels; :meth:`set_language` relabels them in place."""

    def __init__(self, plant: Plant, lang: str = "en", scale: float = 1.0) -> None:
        self.lang = lang
        self.scale = scale
        self.items: list[Label] = []
        font = str(chinese_font_path())
        for key, text, anchor, size in label_anchors(plant):
            actor = vtkBillboardTextActor3D()
            actor.SetPosition(*anchor)
            actor.SetInput(text.get(lang))
            prop = actor.GetTextProperty()
            prop.SetFontFamily(VTK_FONT_FILE)
            prop.SetFontFile(font)
            prop.SetFontSize(round(size * scale))
            prop.SetColor(palette.LABEL_TEXT)
            prop.SetBackgroundColor(palette.LABEL_BACKGROUND)
            prop.SetBackgroundOpacity(0.82)
            prop.SetFrame(True)
            prop.SetFrameColor(0.55, 0.58, 0.62)
            prop.SetJustificationToCentered()
            prop.SetVerticalJustificationToBottom()
            self.items.append(Label(key, text, actor, size))

    @property
    def actors(self) -> list[vtkBillboardTextActor3D]:
        """The VTK actors, to add to a renderer."""
        return [item.actor for item in self.items]

    def texts(self) -> dict[str, str]:
        """What each label shows now, by key."""
        return {item.key: item.actor.GetInput() for item in self.items}

    def set_scale(self, scale: float) -> None:
        """Draw every label's text ``scale`` times its normal size (for a projector)."""
        self.scale = scale
        for item in self.items:
            item.actor.GetTextProperty().SetFontSize(round(item.size * scale))

    def set_language(self, lang: str) -> None:
        """Show every label in ``lang`` ('en' or 'zh')."""
        self.lang = lang
        for item in self.items:
            item.actor.SetInput(item.text.get(lang))
