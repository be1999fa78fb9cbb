"""The application's colour palette: a bright, modern car plant (RGB, 0-1)."""

from __future__ import annotations

SKY_TOP = (0.55, 0.71, 0.87)
SKY_BOTTOM = (0.93, 0.95, 0.97)
SKY = (0.72, 0.82, 0.91)  # the plain sky of the low quality preset (a gradient costs a layer)

GRASS = (0.60, 0.69, 0.52)
SURROUNDINGS = (0.70, 0.73, 0.64)
ASPHALT = (0.36, 0.37, 0.39)
TRACK = (0.24, 0.25, 0.27)
TRACK_LINE = (0.96, 0.96, 0.94)
LOT = (0.62, 0.63, 0.64)
VISITOR_AISLE = (0.16, 0.60, 0.42)
AISLE_EDGE = (0.98, 0.82, 0.14)
AGV_LANE = (0.98, 0.75, 0.10)

FLOORS = {
    "workshop": (0.80, 0.85, 0.82),  # light epoxy, a touch of green
    "hall": (0.74, 0.73, 0.70),  # polished grey stone
    "service": (0.86, 0.80, 0.70),  # warm wood
}

INDUSTRIAL_ARM = (0.96, 0.46, 0.06)
PAINT_ARM = (0.94, 0.94, 0.92)
TOOL = (0.26, 0.27, 0.30)
AGV = (0.98, 0.78, 0.12)

ROLES = {
    "wall": (0.78, 0.80, 0.83),
    "glass": (0.70, 0.82, 0.90),
    "column": (0.70, 0.73, 0.78),
    "beam": (0.76, 0.79, 0.84),
    "mezzanine": (0.80, 0.80, 0.80),
    "press": (0.12, 0.36, 0.64),
    "press_crown": (0.09, 0.27, 0.50),
    "press_slide": (0.70, 0.72, 0.75),
    "die_cast": (0.22, 0.26, 0.32),
    "die_cast_platen": (0.66, 0.69, 0.72),
    "furnace": (0.78, 0.30, 0.12),
    "fence": (0.95, 0.80, 0.16),
    "conveyor": (0.42, 0.45, 0.48),
    "rail": (0.30, 0.50, 0.70),
    "support": (0.44, 0.48, 0.52),
    "fixture": (0.28, 0.46, 0.58),
    "pedestal": (0.35, 0.37, 0.40),
    "booth": (0.97, 0.97, 0.97),
    "oven": (0.70, 0.72, 0.72),
    "tank": (0.42, 0.60, 0.70),
    "inspection": (1.00, 0.97, 0.80),
    "rack": (0.90, 0.55, 0.15),
    "die": (0.38, 0.40, 0.42),
    "panels": (0.74, 0.76, 0.78),
    "parts": (0.20, 0.42, 0.72),
    "pack": (0.14, 0.20, 0.30),
    "cells": (0.30, 0.55, 0.35),
    "skid": (0.30, 0.32, 0.35),
    "plinth": (0.95, 0.95, 0.95),
    "table": (0.72, 0.56, 0.38),
    "scanner": (0.25, 0.45, 0.95),
    "hanger": (0.40, 0.42, 0.45),
    "roof": (0.76, 0.77, 0.79),  # the underside of the roof: light grey (drawn unlit)
    "skylight": (0.97, 0.98, 1.00),  # ridge lights: the brightest thing in view
    "truss": (0.62, 0.65, 0.69),
    "lamp": (1.00, 0.99, 0.94),
    "duct": (0.78, 0.80, 0.82),
    "cable_tray": (0.55, 0.58, 0.60),
    "crane": (0.96, 0.76, 0.10),  # overhead gantry cranes are yellow
    "crane_rail": (0.40, 0.42, 0.45),
    "window": (0.78, 0.88, 0.96),
    "door": (0.60, 0.64, 0.68),
    "guard": (0.98, 0.80, 0.10),  # yellow-black guard paint at column bases
    "sign": (0.16, 0.38, 0.70),
    "platform": (0.55, 0.58, 0.62),
    "railing": (0.98, 0.80, 0.12),
    "cabinet": (0.82, 0.83, 0.80),
    "screen": (0.10, 0.14, 0.22),
    "enclosure": (0.88, 0.90, 0.91),
    "machine": (0.40, 0.56, 0.66),
    "light_tunnel": (0.98, 0.98, 0.96),
    "marriage": (0.30, 0.34, 0.40),
    "trolley": (0.25, 0.45, 0.70),
    "mesh_fence": (0.62, 0.64, 0.60),
}
TRANSLUCENT_OPACITY = 0.22
FLOOR_LINE = (0.96, 0.80, 0.16)

LABEL_TEXT = (0.10, 0.12, 0.15)
LABEL_BACKGROUND = (1.0, 1.0, 1.0)
