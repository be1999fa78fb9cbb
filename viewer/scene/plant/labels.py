"""Area labels in the 3D view, in English or Chinese, switchable live.

VTK's built-in fonts have no Chinese glyphs, so every label uses the bundled Noto Sans SC subset
through ``VTK_FONT_FILE``. Labels are camera-facing billboards above each building, the track,
the lots and the gates.

Labels declutter: before each render after the camera, the view's size or a label's text
changed, :meth:`Labels.declutter` ranks the labels by importance (a workshop above the track,
the track above the other buildings, those above the lots and gates), then by how near the
middle of the picture they are, and shows a label only if its screen rectangle (the text's
panel, measured by VTK's own text renderer) overlaps none shown before it. Far away, only the
workshops keep their names; zooming in makes room for the rest. A few dozen labels: a projection
and a rectangle test each, nothing when the camera is still.

Seen from inside a building (the camera within its footprint, below its roof: as
:class:`viewer.scene.plant.halls.HallShells` decides when to show a hall's ceiling), only the
labels of
areas in that building are placed: the names of the gates, lots and other halls would float over
the hall's wall in front of them, on the very thing the visitor is looking at. From outside or
above, every label takes part as before.

Seen from near the ground outside the buildings (the eye below :data:`LOW_EYE` m: a tour seat
at the test track), the far ground is seen edge on, at the horizon, behind whatever stands
between: only the labels within :data:`FAR_FROM_LOW_EYE` m are placed, and the test track's
label, whose own place is its far straight, stands over the track's glass bridge instead (the
one thing on the track that rises above the horizon), high enough to clear the bridge's roof
and towers in the picture and whole on it (:meth:`Labels.perched`). From a seat there its far
straight lay right behind the bridge: a stair tower hid the start of its name.

Labels can be muted (:meth:`Labels.set_muted`): none shows until unmuted. The test ride's
passenger camera mutes the labels of its renderer (:func:`labels_of`): building names floating
over the track would hide the road the visitor is there to watch.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

import numpy as np
from vtkmodules.vtkCommonCore import VTK_FONT_FILE
from vtkmodules.vtkRenderingCore import (
    vtkBillboardTextActor3D,
    vtkPropCollection,
    vtkRenderer,
    vtkTextRenderer,
)

from viewer.model.assets import chinese_font_path
from viewer.model.fields import Text
from viewer.model.plant.layout import Plant
from viewer.model.plant.surroundings import inside_polygon
from viewer.model.plant.track_bridge import bridge_corners
from viewer.scene import palette
from viewer.scene.kiosk.tiling import tiling_of


@dataclass
class Label:
    """One label: its texts and its actor."""

    key: str
    text: Text
    actor: vtkBillboardTextActor3D
    size: int  # font size at scale 1; also the label's importance (bigger: more important)
    placed: bool = True  # shown by the declutter (the actor's visibility)
    # where the anchor may move when its own place is off the picture: (its place, a segment)
    slide: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None
    # where it stands seen from near the ground: over this point (the top of the track's bridge)
    perch: np.ndarray | None = None


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


_EVERY: weakref.WeakSet[Labels] = weakref.WeakSet()  # for labels_of
LOW_EYE = 20.0  # m: an eye lower than this sees the far ground edge on (a tour seat, a walker)
FAR_FROM_LOW_EYE = 200.0  # m: from a low eye outside, labels farther than this are not placed
ABOVE_BRIDGE = np.arange(1.0, 12.01, 0.5)  # m over the bridge's roof a label may stand, lowest
# first


class Labels:
    """All area labels; :meth:`set_language` relabels them in place."""

    def __init__(self, plant: Plant, lang: str = "en", scale: float = 1.0) -> None:
        self.lang = lang
        self.scale = scale
        self.muted = False  # no label shows (see set_muted)
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
            unlit(actor)
            self.items.append(Label(key, text, actor, size))
        self._placed_for: tuple | None = None  # camera, view size, texts at the last placing
        self._version = 0  # bumped when a text or its size changes
        self._offset = False  # display offsets set for a video wall's tile
        self._boxes: dict[tuple[str, int, int], tuple[int, int, int, int]] = {}
        self._footprints = [b.footprint for b in plant.buildings]
        self._roofs = np.array([b.height for b in plant.buildings], dtype=float)
        # the building whose footprint holds each label's anchor (-1: none)
        self._owner = np.array(
            [building_at(plant, item.actor.GetPosition()[:2]) for item in self.items], dtype=int
        )
        track = next(item for item in self.items if item.key == plant.track.id)
        home = np.array(track.actor.GetPosition())
        track.slide = (home, *_south_straight(plant, float(home[2])))
        bridge = plant.track.bridge
        self._bridge = None if bridge is None else bridge_corners(bridge)
        if self._bridge is not None:
            track.perch = np.array([*bridge.at, self._bridge[:, 2].max()])
        _EVERY.add(self)

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
        self._version += 1

    def set_language(self, lang: str) -> None:
        """Show every label in ``lang`` ('en' or 'zh')."""
        self.lang = lang
        for item in self.items:
            item.actor.SetInput(item.text.get(lang))
        self._version += 1

    def set_muted(self, muted: bool) -> None:
        """Hide every label now and until unmuted (then the next declutter places them)."""
        if muted == self.muted:
            return
        self.muted = muted
        self._version += 1  # placed again at the next render
        if muted:
            for item in self.items:
                item.placed = False
                item.actor.SetVisibility(False)

    # -- declutter ----------------------------------------------------------------------------
    def building_around(self, eye: tuple[float, float, float]) -> int:
        """Index of the building the camera at ``eye`` is in (within its footprint, below its
        roof), or -1 when it is outside every building or above its roof."""
        point = np.array([eye[:2]], dtype=float)
        for index, (footprint, roof) in enumerate(zip(self._footprints, self._roofs, strict=True)):
            if eye[2] < roof and inside_polygon(point, footprint)[0]:
                return index
        return -1

    def allowed(self, renderer: vtkRenderer) -> np.ndarray:
        """Which labels may be placed from the renderer's camera: those of areas in the building
        the camera is in; from outside near the ground, those within :data:`FAR_FROM_LOW_EYE` m
        and the sliding ones (the track's); from above, all of them."""
        eye = renderer.GetActiveCamera().GetPosition()
        around = self.building_around(eye)
        if around >= 0:
            return self._owner == around
        if eye[2] >= LOW_EYE:
            return np.ones(len(self.items), dtype=bool)
        anchors = np.array([item.actor.GetPosition() for item in self.items])
        near = np.hypot(anchors[:, 0] - eye[0], anchors[:, 1] - eye[1]) <= FAR_FROM_LOW_EYE
        return near | np.array([item.slide is not None for item in self.items])

    def box(self, item: Label, dpi: int) -> tuple[int, int, int, int]:
        """The label's panel in pixels relative to its anchor's display point: (x0, x1, y0, y1),
        y up (VTK's text renderer measures it as the billboard draws it)."""
        prop = item.actor.GetTextProperty()
        key = (item.actor.GetInput(), prop.GetFontSize(), dpi)
        if key not in self._boxes:
            bbox = [0, 0, 0, 0]
            if not vtkTextRenderer.GetInstance().GetBoundingBox(prop, key[0], bbox, dpi):
                bbox = [0, 0, 0, 0]
            self._boxes[key] = (bbox[0], bbox[1], bbox[2], bbox[3])
        return self._boxes[key]

    def anchor_points(self, renderer: vtkRenderer) -> list[tuple[float, float] | None]:
        """Each label's anchor on the render window (x, y pixels, y up), or None for a label
        behind the camera."""
        camera = renderer.GetActiveCamera()
        eye = np.array(camera.GetPosition())
        look = np.array(camera.GetDirectionOfProjection())
        near = camera.GetClippingRange()[0]
        points: list[tuple[float, float] | None] = []
        for item in self.items:
            anchor = np.array(item.actor.GetPosition())
            if float(np.dot(anchor - eye, look)) <= near:
                points.append(None)
                continue
            renderer.SetWorldPoint(*anchor, 1.0)
            renderer.WorldToDisplay()
            x, y, _ = renderer.GetDisplayPoint()
            points.append((x, y))
        return points

    def screen_boxes(self, renderer: vtkRenderer) -> list[tuple[float, float, float, float] | None]:
        """Each label's panel on the render window (x0, x1, y0, y1 pixels, y up), or None for a
        label behind the camera."""
        window = renderer.GetRenderWindow()
        dpi = window.GetDPI() if window is not None else 72
        boxes: list[tuple[float, float, float, float] | None] = []
        for item, point in zip(self.items, self.anchor_points(renderer), strict=True):
            if point is None:
                boxes.append(None)
                continue
            x, y = point
            x0, x1, y0, y1 = self.box(item, dpi)
            boxes.append((x + x0, x + x1, y + y0, y + y1))
        return boxes

    def declutter(self, renderer: vtkRenderer, force: bool = False) -> None:
        """Show the labels that fit: by importance, then nearness to the picture's middle, each
        only where it is whole on the picture, overlaps no label shown before it and, from inside a
        building, is one of that building's (see the module's docstring). Does nothing when the
        camera, the view's size and the texts are as at the last call."""
        camera = renderer.GetActiveCamera()
        width, height = renderer.GetSize()
        wall = tiling_of(renderer)  # a video wall's tile: place in the wall's pixels
        left, bottom = (0, 0) if wall is None else wall.view.bottom_left
        if wall is not None:
            width, height = wall.view.wall_size
        state = (
            camera.GetPosition(),
            camera.GetFocalPoint(),
            camera.GetViewUp(),
            camera.GetViewAngle(),
            width,
            height,
            left,
            bottom,
            self._version,
        )
        if state == self._placed_for and not force:
            return
        self._placed_for = state
        if self.muted:  # all hidden (by set_muted) until unmuted: nothing to place, each frame
            return  # of a ride (the passenger watches the road)
        if wall is None:  # a wall's tiles place every label alike: where it was built
            window = renderer.GetRenderWindow()
            dpi = window.GetDPI() if window is not None else 72
            low = camera.GetPosition()[2] < LOW_EYE
            for item in self.items:
                if item.slide is not None:
                    panel = self.box(item, dpi)
                    place = self.perched(renderer, item, panel, width, height) if low else None
                    if place is None:
                        place = _slid(renderer, item.slide, panel, width, height)
                    item.actor.SetPosition(*place)
        boxes = [
            None
            if box is None
            else (box[0] + left, box[1] + left, box[2] + bottom, box[3] + bottom)
            for box in self.screen_boxes(renderer)
        ]
        if wall is not None or self._offset:  # each anchor where the wall's picture has it
            view = None if wall is None else wall.view
            for item, point in zip(self.items, self.anchor_points(renderer), strict=True):
                shift = (0, 0) if view is None or point is None else view.billboard_offset(*point)
                item.actor.SetDisplayOffset(*shift)
            self._offset = wall is not None
        middle = np.array([width / 2.0, height / 2.0])
        allowed = self.allowed(renderer).tolist()  # Python bools, for SetVisibility

        def rank(index: int) -> tuple[float, float]:
            box = boxes[index]
            if box is None:
                return (0.0, 0.0)
            centre = np.array([(box[0] + box[1]) / 2.0, (box[2] + box[3]) / 2.0])
            return (-self.items[index].size, float(np.linalg.norm(centre - middle)))

        shown: list[tuple[float, float, float, float]] = []
        for index in sorted(range(len(self.items)), key=rank):
            item, box = self.items[index], boxes[index]
            fits = (
                not self.muted
                and allowed[index]
                and box is not None
                and box[0] >= 0
                and box[1] <= width
                and box[2] >= 0
                and box[3] <= height  # whole, not cut by the picture's edge
                and not any(overlap(box, other) for other in shown)
            )
            if fits:
                shown.append(box)  # type: ignore[arg-type]
            if item.placed != fits:
                item.placed = fits
                item.actor.SetVisibility(fits)

    def bridge_rect(self, renderer: vtkRenderer) -> tuple[float, float, float, float] | None:
        """The rectangle (x0, x1, y0, y1 pixels, y up) round the track's bridge on the picture,
        or None without a bridge or with some of it behind the camera."""
        if self._bridge is None:
            return None
        points = [_display(renderer, corner) for corner in self._bridge]
        if any(point is None for point in points):
            return None
        xs, ys = zip(*points, strict=True)  # type: ignore[misc]
        return (min(xs), max(xs), min(ys), max(ys))

    def perched(
        self,
        renderer: vtkRenderer,
        item: Label,
        panel: tuple[int, int, int, int],
        width: int,
        height: int,
    ) -> np.ndarray | None:
        """Where ``item`` stands over the track's bridge (its :attr:`Label.perch`): the lowest
        of :data:`ABOVE_BRIDGE` over the roof's middle at which its ``panel`` (pixels from the
        anchor) is whole on the picture and clear of the rectangle round the whole bridge (so
        no tower or roof of it hides the label). None if there is no such place or bridge."""
        if item.perch is None:
            return None
        bridge = self.bridge_rect(renderer)
        if bridge is None:
            return None
        x0, x1, y0, y1 = panel
        for lift in ABOVE_BRIDGE:
            point = item.perch + np.array([0.0, 0.0, lift])
            place = _display(renderer, point)
            if place is None:
                continue
            box = (place[0] + x0, place[0] + x1, place[1] + y0, place[1] + y1)
            whole = box[0] >= 0 and box[1] <= width and box[2] >= 0 and box[3] <= height
            if whole and not overlap(box, bridge):
                return point
        return None

    def shown(self) -> list[str]:
        """The keys of the labels shown now (after the last declutter)."""
        return [item.key for item in self.items if item.placed]


def _south_straight(plant: Plant, z: float) -> tuple[np.ndarray, np.ndarray]:
    """The test track's south straight (its centre line's points within a metre of its
    southmost), from its west end to its east end, at height ``z``: where its label may stand."""
    line = plant.track.centerline
    south = float(line[:, 1].min())
    straight = line[line[:, 1] <= south + 1.0]
    west, east = float(straight[:, 0].min()), float(straight[:, 0].max())
    return np.array([west, south, z]), np.array([east, south, z])


def _slid(
    renderer: vtkRenderer,
    slide: tuple[np.ndarray, np.ndarray, np.ndarray],
    panel: tuple[int, int, int, int],
    width: int,
    height: int,
) -> np.ndarray:
    """Where a sliding label stands: at its own place while its ``panel`` (x0, x1, y0, y1
    pixels from the anchor) is whole on the picture; else at the point of its segment (of 17
    tried along it, its ends kept a tenth in) nearest the picture's middle, in front of the
    camera. A long thing's label stays on the picture while any of it is, and is not moved onto
    the middle of the picture for nothing (the seat at the test track looks at its bridge)."""

    def on_screen(point: np.ndarray) -> tuple[float, float] | None:
        return _display(renderer, point)

    home, start, end = slide
    place = on_screen(home)
    if place is not None:
        x, y = place
        x0, x1, y0, y1 = panel
        if x + x0 >= 0 and x + x1 <= width and y + y0 >= 0 and y + y1 <= height:
            return home
    best, nearest = home, np.inf
    for share in np.linspace(0.1, 0.9, 17):
        point = start + share * (end - start)
        place = on_screen(point)
        if place is None:
            continue
        distance = float(np.hypot(place[0] - width / 2.0, place[1] - height / 2.0))
        if distance < nearest:
            best, nearest = point, distance
    return best


def _display(renderer: vtkRenderer, point: np.ndarray) -> tuple[float, float] | None:
    """The world ``point`` on the render window (x, y pixels, y up), or None behind the
    camera's near plane."""
    camera = renderer.GetActiveCamera()
    eye = np.array(camera.GetPosition())
    look = np.array(camera.GetDirectionOfProjection())
    if float(np.dot(np.asarray(point) - eye, look)) <= camera.GetClippingRange()[0]:
        return None
    renderer.SetWorldPoint(*point, 1.0)
    renderer.WorldToDisplay()
    x, y, _ = renderer.GetDisplayPoint()
    return x, y


def unlit(actor: vtkBillboardTextActor3D) -> None:
    """Draw the billboard's panel in its own colours, whatever the light: VTK draws the text's
    picture on a quad lit like any surface, and a quad facing away from the sun (the seat at the
    test track looks west, into the shade) came out nearly black, dark text on a dark box."""
    quads = vtkPropCollection()
    actor.GetActors(quads)  # the billboard's own textured quad
    for index in range(quads.GetNumberOfItems()):
        quad = quads.GetItemAsObject(index)
        quad.GetProperty().SetLighting(False)


def building_at(plant: Plant, point: tuple[float, float] | np.ndarray) -> int:
    """Index of the building of ``plant`` whose footprint holds ``point`` (x, y), or -1."""
    xy = np.array([point], dtype=float).reshape(1, 2)
    for index, building in enumerate(plant.buildings):
        if inside_polygon(xy, building.footprint)[0]:
            return index
    return -1


def labels_of(renderer: vtkRenderer) -> list[Labels]:
    """The labels drawn by ``renderer`` (a plant scene's, added to it), or by another renderer
    of its window (a still frame draws them on its layer of what moves)."""
    window = renderer.GetRenderWindow()
    renderers = [renderer]
    if window is not None:
        collection = window.GetRenderers()
        renderers = [collection.GetItemAsObject(i) for i in range(collection.GetNumberOfItems())]
    return [
        labels
        for labels in _EVERY
        if labels.items
        and any(other.GetViewProps().IsItemPresent(labels.items[0].actor) for other in renderers)
    ]


GAP = 2.0  # pixels kept between two labels' panels


def overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    """Whether two panels (x0, x1, y0, y1) come closer than :data:`GAP` pixels.

    >>> overlap((0, 10, 0, 10), (11, 20, 0, 10)), overlap((0, 10, 0, 10), (13, 20, 0, 10))
    (True, False)
    """
    return not (
        a[1] + GAP <= b[0] or b[1] + GAP <= a[0] or a[3] + GAP <= b[2] or b[3] + GAP <= a[2]
    )
