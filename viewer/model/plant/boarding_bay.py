"""The shuttle boarding bay at the exhibition hall's south door, where the tour boards.

Visitors leave the technology showroom by its south door, hand in their phones at the pouch desk
(phones stay sealed in pouches inside the plant) and take their seats in an electric shuttle
cart; the next carts wait in a lay-by along the kerb, under a canopy cantilevered from the
hall's wall. :class:`BoardingBay` is the layout's optional ``[boarding]`` table (see the README's
layout format). In the bay's own frame ``u`` runs along the kerb from ``start`` in the direction
``heading_deg`` and ``v`` to its left, away from the road (the pavement, up to the hall's wall at
``v = pavement_m``):

* :func:`add_boarding_bay` adds the static parts under the bay's id (so a tour stop can name it
  as its subject): the canopy with its fascia, its brackets on the wall, the pouch desk with
  its trays and the bay's signs (:func:`signs_of`; the canopy reaches over the lay-by: the
  bay's extent holds the carts);
* :func:`cart_poses` places the waiting carts (in the road's lay-by, facing back along the
  kerb, the way out: the front cart nearest the door) and :func:`cart_boxes` gives the box each
  one fills;
* :func:`people` places the visitors: some queueing on the pavement beside the front cart,
  some already seated in it, and the staff member at the pouch desk.

The scene draws the carts and the people instanced (:mod:`viewer.scene.plant.boarding_bay`).

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> bay = load_plant().boarding
>>> positions, yaws = cart_poses(bay)
>>> len(positions) == bay.carts
True
>>> builder = PartsBuilder()
>>> add_boarding_bay(builder, bay)
>>> extent = builder.build().extents[bay.id]
>>> bool(extent[5] >= bay.canopy_height)
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from viewer.model.fields import Fields
from viewer.model.plant.parts import PartsBuilder
from viewer.model.plant.signs import Sign, add_sign, bay_signs

MAX_CARTS = 8
MAX_PEOPLE = 24
CART_LENGTH, CART_WIDTH, CART_HEIGHT = 4.2, 1.5, 2.12  # the tour's shuttle (see shapes)
CANOPY_DEPTH = 0.22  # m: the canopy's slab
FASCIA = 0.45  # m: the blue band along the canopy's road edge
DESK = (2.2, 0.7, 1.0)  # m: the pouch desk (along, across, height)
DESK_AT = 1.8  # m along the kerb from ``start``: beside the door
QUEUE_PITCH = 0.75  # m between two people in the queue
QUEUE_V = 1.0  # m from the kerb: where the queue stands on the pavement
# Seats of a cart in its own frame (x forward, y left), behind the driver's bench: the same
# places as the tour shuttle's (viewer.scene.plant.people.SHUTTLE_SEATS), less the driver's.
CART_SEATS = ((0.75, -0.36), (-0.35, 0.43), (-0.35, 0.0), (-0.35, -0.43), (-1.45, 0.43))
SEAT_BACK = 0.15  # m from a bench's middle to a seated figure's origin, as on the shuttle


@dataclass(frozen=True)
class BoardingBay:
    """The boarding bay (see the module docstring); lengths in metres."""

    id: str
    start: np.ndarray  # (x, y): the kerb at the bay's end nearest the door
    heading_deg: float  # along the kerb, from the door towards the waiting carts
    length: float  # of the canopy along the kerb
    pavement: float  # kerb to the hall's wall
    canopy_depth: float  # from the wall out over the lay-by
    canopy_height: float  # underside of the canopy above the ground
    carts: int  # waiting in the lay-by
    cart_offset: float  # kerb to a waiting cart's middle (into the road: positive)
    cart_pitch: float  # between the carts' middles
    queue: int  # visitors queueing on the pavement
    seated: int  # visitors already seated in the front cart

    def frame(self) -> tuple[np.ndarray, np.ndarray, float]:
        """Unit vectors along the kerb and to its left (away from the road), and the yaw."""
        yaw = float(np.radians(self.heading_deg))
        along = np.array([np.cos(yaw), np.sin(yaw)])
        return along, np.array([-along[1], along[0]]), yaw

    def point(self, u: float | np.ndarray, v: float | np.ndarray) -> np.ndarray:
        """World (x, y) of bay coordinates ``u`` (along the kerb) and ``v`` (to its left)."""
        along, left, _ = self.frame()
        u, v = np.asarray(u, dtype=float), np.asarray(v, dtype=float)
        return self.start + u[..., None] * along + v[..., None] * left


def read_boarding_bay(item: Fields) -> BoardingBay:
    """Check the layout's ``[boarding]`` table."""
    item.estimated()
    bay = BoardingBay(
        id=item.string("id"),
        start=item.vector("start", 2),
        heading_deg=item.number("heading_deg", 0.0, minimum=-360, maximum=360),
        length=item.number("length_m", minimum=4, maximum=100),
        pavement=item.number("pavement_m", minimum=1, maximum=20),
        canopy_depth=item.number("canopy_depth_m", minimum=1, maximum=20),
        canopy_height=item.number("canopy_height_m", minimum=2.6, maximum=10),
        carts=int(item.number("carts", minimum=0, maximum=MAX_CARTS, integer=True)),
        cart_offset=item.number("cart_offset_m", minimum=CART_WIDTH / 2, maximum=10),
        cart_pitch=item.number("cart_pitch_m", minimum=CART_LENGTH + 0.3, maximum=20),
        queue=int(item.number("queue", 0, minimum=0, maximum=MAX_PEOPLE, integer=True)),
        seated=int(item.number("seated", 0, minimum=0, maximum=len(CART_SEATS), integer=True)),
    )
    if bay.canopy_depth < bay.pavement:
        raise item.error(
            "canopy_depth_m", f"must reach the kerb ({bay.pavement:g} m from the wall)"
        )
    last = DESK_AT + DESK[0] / 2 + bay.queue * QUEUE_PITCH
    if last > bay.length:
        raise item.error("queue", f"{bay.queue} people queue {last:.1f} m along; at most length_m")
    first = _first_cart(bay)
    if bay.carts and first + (bay.carts - 1) * bay.cart_pitch + CART_LENGTH / 2 > bay.length + 2:
        raise item.error("carts", f"{bay.carts} carts do not fit under the {bay.length:g} m canopy")
    return bay


def _first_cart(bay: BoardingBay) -> float:
    """``u`` of the front cart's middle: at the bay's start, beside the pouch desk."""
    return CART_LENGTH / 2 + 0.3


def _desk_v(bay: BoardingBay) -> float:
    """``v`` of the pouch desk's middle: room behind it for the staff, against the wall."""
    return bay.pavement - DESK[1] / 2 - 0.6


def signs_of(bay: BoardingBay) -> list[Sign]:
    """The bay's signs with their texts (:func:`viewer.model.plant.signs.bay_signs`): the
    fascia, the sign hanging under the canopy, the one behind the pouch desk."""
    return bay_signs(bay, FASCIA, DESK_AT, bay.pavement, bay.pavement - bay.canopy_depth)


def cart_poses(bay: BoardingBay) -> tuple[np.ndarray, np.ndarray]:
    """The waiting carts' ground points (N, 3) and headings (N,): in the lay-by, facing back
    along the kerb towards the door (the way out), the front cart first."""
    u = _first_cart(bay) + np.arange(bay.carts) * bay.cart_pitch
    xy = bay.point(u, np.full(bay.carts, -bay.cart_offset)).reshape(-1, 2)
    yaw = np.full(bay.carts, bay.frame()[2] + np.pi)
    return np.column_stack([xy, np.zeros(bay.carts)]), yaw


def cart_boxes(bay: BoardingBay) -> np.ndarray:
    """The box (x0, y0, z0, x1, y1, z1) each waiting cart fills, (N, 6)."""
    positions, yaws = cart_poses(bay)
    boxes = []
    for (x, y, _), yaw in zip(positions, yaws, strict=True):
        c, s = abs(np.cos(yaw)), abs(np.sin(yaw))
        half_x = (c * CART_LENGTH + s * CART_WIDTH) / 2
        half_y = (s * CART_LENGTH + c * CART_WIDTH) / 2
        boxes.append((x - half_x, y - half_y, 0.0, x + half_x, y + half_y, CART_HEIGHT))
    return np.array(boxes, dtype=float).reshape(-1, 6)


@dataclass(frozen=True)
class BayPeople:
    """Who is at the bay: ground points (N, 3), headings (N,), whether each sits (in a cart)
    and whether each is staff (in uniform; else a visitor in everyday clothes)."""

    position: np.ndarray
    yaw: np.ndarray
    seated: np.ndarray
    staff: np.ndarray

    def __len__(self) -> int:
        return len(self.yaw)


def people(bay: BoardingBay) -> BayPeople:
    """The staff member at the pouch desk, the queue on the pavement beside the front cart
    (facing the cart) and the visitors seated in it."""
    _, _, yaw = bay.frame()
    points = [bay.point(DESK_AT, _desk_v(bay) + DESK[1] / 2 + 0.25)]  # behind the desk
    yaws = [yaw - np.pi / 2]
    u = DESK_AT + DESK[0] / 2 + 0.6 + np.arange(bay.queue) * QUEUE_PITCH
    wobble = 0.18 * np.sin(np.arange(bay.queue) * 2.3)  # a queue is never a ruled line
    points += list(bay.point(u, QUEUE_V + wobble).reshape(-1, 2))
    yaws += list(yaw - np.pi / 2 + 0.35 * np.sin(np.arange(bay.queue) * 1.7))
    count = min(bay.seated, len(CART_SEATS)) if bay.carts else 0
    if count:
        (cx, cy, _), cart_yaw = (part[0] for part in cart_poses(bay))
        seats = np.array(CART_SEATS[:count]) - [SEAT_BACK, 0.0]
        c, s = np.cos(cart_yaw), np.sin(cart_yaw)
        points += list(
            np.column_stack(
                [cx + c * seats[:, 0] - s * seats[:, 1], cy + s * seats[:, 0] + c * seats[:, 1]]
            )
        )
        yaws += [cart_yaw] * count
    xy = np.array(points, dtype=float).reshape(-1, 2)
    total = len(xy)
    seated = np.zeros(total, dtype=bool)
    seated[total - count :] = True
    staff = np.zeros(total, dtype=bool)
    staff[0] = True
    return BayPeople(np.column_stack([xy, np.zeros(total)]), np.array(yaws), seated, staff)


def add_boarding_bay(builder: PartsBuilder, bay: BoardingBay) -> None:
    """The bay's static parts under its id: canopy with its lit soffit, fascia, wall posts,
    the pouch desk with its trays and sign. The canopy reaches over the lay-by, so the bay's
    extent holds the waiting carts too."""
    _, _, yaw = bay.frame()
    builder.equipment = bay.id
    middle_u = bay.length / 2
    wall_v = bay.pavement
    edge_v = wall_v - bay.canopy_depth  # the canopy's road edge
    slab = bay.point(middle_u, (wall_v + edge_v) / 2)
    z = bay.canopy_height
    builder.box(slab, (bay.length, bay.canopy_depth, CANOPY_DEPTH), yaw, "enclosure", z)
    for sign in signs_of(bay):  # the fascia, a hanging sign, the desk's: with their texts
        add_sign(builder, sign)
    # its soffit: a lit panel (drawn in its own colour, as the halls' ceilings: facing down,
    # away from every light, a lit underside would be black)
    builder.box(
        slab, (bay.length - 0.1, bay.canopy_depth - 0.1, 0.02), yaw, "light_tunnel", z - 0.02
    )
    for u in np.linspace(0.6, bay.length - 0.6, max(int(bay.length // 6) + 1, 2)):
        post = bay.point(u, wall_v - 0.2)  # posts against the wall: the canopy cantilevers
        builder.box(post, (0.2, 0.2, z - 0.02), yaw, "column")
    desk_v = _desk_v(bay)
    desk = bay.point(DESK_AT, desk_v)
    builder.box(desk, (DESK[0], DESK[1], DESK[2] - 0.05), yaw, "cabinet")
    builder.box(desk, (DESK[0] + 0.1, DESK[1] + 0.1, 0.05), yaw, "table", DESK[2] - 0.05)
    for k in range(4):  # trays of phone pouches on the desk
        tray = bay.point(DESK_AT - 0.75 + k * 0.5, desk_v - 0.1)
        builder.box(tray, (0.4, 0.3, 0.08), yaw, "parts", DESK[2])
    for side in (-0.75, 0.75):
        builder.box(bay.point(DESK_AT + side, wall_v - 0.12), (0.06, 0.06, 1.95), yaw, "support")
    builder.equipment = ""
