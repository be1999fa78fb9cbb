"""The application's colour palette: a bright, modern car plant (RGB, 0-1)."""

from __future__ import annotations

SKY_TOP = (0.50, 0.66, 0.84)
SKY_BOTTOM = (0.86, 0.89, 0.92)  # a hazy horizon, as over a city
SKY = (0.70, 0.79, 0.88)  # the plain sky of the low quality preset (a gradient costs a layer)

# The ground: real materials, seen in daylight from above (unlit: the colour is what shows).
GRASS = (0.47, 0.55, 0.36)  # mown lawn, a muted summer green
SURROUNDINGS = (0.55, 0.58, 0.45)  # the land around: fields and verges, drier than the lawn
ASPHALT = (0.33, 0.34, 0.35)
TRACK = (0.24, 0.25, 0.27)
TRACK_LINE = (0.96, 0.96, 0.94)
KERB_RED = (0.80, 0.12, 0.10)  # the test track's kerbs on the bends: red and white blocks
KERB_WHITE = (0.95, 0.95, 0.93)
TRIAL_SURFACES = {  # the trial track's patches of test road
    "cobbles": (0.47, 0.42, 0.38),  # granite setts, brown-grey
    "gravel": (0.68, 0.62, 0.50),  # loose gravel, light tan
    "plates": (0.64, 0.65, 0.64),  # concrete plates, pale grey
}
LOT = (0.40, 0.41, 0.42)  # car parks and lots: asphalt, a little worn
PAVEMENT = (0.70, 0.69, 0.66)  # concrete paving slabs
ROAD_LINE = (0.93, 0.93, 0.90)  # white road paint: edge and lane lines, bays, zebras
ROAD_CENTER = (0.90, 0.74, 0.22)  # yellow centre lines
VISITOR_AISLE = (0.48, 0.56, 0.52)  # grey-green walkway paint, subdued (much of a seat view)
AISLE_EDGE = (0.90, 0.76, 0.18)  # thin safety-yellow edge lines
AGV_LANE = (0.88, 0.74, 0.20)

FLOORS = {
    "workshop": (0.79, 0.80, 0.80),  # light grey epoxy
    "hall": (0.74, 0.73, 0.70),  # polished light stone
    "service": (0.86, 0.80, 0.70),  # warm wood
}

# Outside the buildings
TREE_CROWNS = ((0.27, 0.40, 0.20), (0.32, 0.45, 0.23), (0.24, 0.36, 0.19), (0.35, 0.47, 0.27))
TREE_TRUNK = (0.36, 0.29, 0.22)
PARKED_CARS = (  # ordinary car colours, most common first (the shares are in the model)
    (0.92, 0.92, 0.90),  # white
    (0.08, 0.08, 0.09),  # black
    (0.42, 0.43, 0.45),  # grey
    (0.70, 0.71, 0.72),  # silver
    (0.13, 0.20, 0.35),  # dark blue
    (0.58, 0.10, 0.10),  # red
    (0.66, 0.60, 0.50),  # champagne
)
PARKED_CAR_GLASS = (0.10, 0.14, 0.18)
PARKED_CAR_TYRES = (0.08, 0.08, 0.09)
OUTSIDE_BUILDINGS = {  # (walls, roof) by kind
    "factory": ((0.80, 0.81, 0.80), (0.68, 0.69, 0.70)),
    "warehouse": ((0.72, 0.75, 0.78), (0.60, 0.62, 0.64)),
    "office": ((0.52, 0.60, 0.67), (0.50, 0.51, 0.52)),
}
CONCRETE = (0.66, 0.65, 0.62)
STEEL = (0.45, 0.48, 0.52)
CRANE_YELLOW = (0.95, 0.72, 0.10)
SOLAR = (0.17, 0.22, 0.32)
FENCE = (0.30, 0.35, 0.33)

INDUSTRIAL_ARM = (0.96, 0.46, 0.06)
PAINT_ARM = (0.94, 0.94, 0.92)
PAINT_BELL = (0.68, 0.70, 0.72)  # a paint robot's flange and bell atomiser: satin grey
TOOL = (0.26, 0.27, 0.30)
AGV = (0.98, 0.78, 0.12)

ROLES = {
    "wall": (0.78, 0.80, 0.83),
    "glass": (0.70, 0.82, 0.90),
    "column": (0.70, 0.73, 0.78),
    "beam": (0.76, 0.79, 0.84),
    "mezzanine": (0.80, 0.80, 0.80),
    "press": (0.80, 0.81, 0.80),  # press frames (bed, uprights, drive housing): maker's light grey
    "press_crown": (0.16, 0.34, 0.64),  # their accent: crowns, flywheel covers, feeder beams, blue
    "press_slide": (0.70, 0.72, 0.75),
    "die_cast": (0.22, 0.40, 0.68),  # the die-casting machine's accent, its maker's blue: bands,
    # collars, the moving platen (machines.PLATEN), motor-pump sets
    "die_cast_platen": (0.70, 0.73, 0.77),  # polished steel (tie bars, shot sleeve, castings):
    # silver, darker than the machine's white paint and brighter than its blue
    "furnace": (0.96, 0.52, 0.16),  # molten aluminium glowing behind furnace doors
    "fence": (0.95, 0.90, 0.60),  # the cells' wire mesh, pale safety yellow, drawn as rails and
    # wires (opaque): light to the eye, it shows against the machines without hiding them
    "conveyor": (0.42, 0.45, 0.48),
    "rail": (0.30, 0.50, 0.70),
    "support": (0.44, 0.48, 0.52),
    "fixture": (0.38, 0.45, 0.52),
    "pedestal": (0.35, 0.37, 0.40),
    "booth": (0.97, 0.97, 0.97),
    "oven": (0.82, 0.83, 0.82),  # an oven's insulated cladding: light silver-grey panels
    "tank": (0.56, 0.64, 0.69),
    "inspection": (1.00, 0.97, 0.80),
    "rack": (0.38, 0.49, 0.61),  # steel-blue rack uprights
    "die": (0.38, 0.40, 0.42),  # bare steel: a die's lower shoe, die-casting dies
    "panels": (0.74, 0.76, 0.78),  # stamped panels and blanks, galvanised steel: silver-grey
    "parts": (0.16, 0.36, 0.66),  # blue plastic parts bins
    "pack": (0.14, 0.20, 0.30),
    "cells": (0.42, 0.52, 0.44),
    "steel": (0.55, 0.58, 0.62),  # cold-rolled steel: coils and blanks, darker than panels
    "aluminium": (0.85, 0.86, 0.87),  # aluminium ingots and castings: light, whitish
    "bins": (0.60, 0.62, 0.63),  # grey plastic parts bins
    "die_green": (0.30, 0.47, 0.38),  # the painted bodies of stamping dies: machinery green,
    "die_blue": (0.26, 0.42, 0.62),  # blue
    "die_yellow": (0.86, 0.68, 0.20),  # and ochre yellow
    "floor_marking": (0.90, 0.76, 0.18),  # yellow lines painted on the floor
    "skid": (0.30, 0.32, 0.35),
    "plinth": (0.95, 0.95, 0.95),
    "table": (0.72, 0.56, 0.38),
    "scanner": (0.32, 0.48, 0.82),  # blue-light scanners
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
    "sign": (0.07, 0.16, 0.33),  # dark blue, as the letters' ground (scene.plant.signs)
    "platform": (0.64, 0.66, 0.67),  # steel decks, cell floor plates, marked zones
    "railing": (0.88, 0.74, 0.24),  # safety-yellow railings
    "cabinet": (0.80, 0.81, 0.79),  # light grey control cabinets
    "screen": (0.16, 0.38, 0.80),  # a lit screen's blue face (its bright bands: "inspection")
    "enclosure": (0.88, 0.90, 0.91),
    "machine": (0.52, 0.57, 0.61),  # hydraulic units, utilities, air houses
    "light_tunnel": (0.98, 0.98, 0.96),
    "marriage": (0.30, 0.34, 0.40),
    "trolley": (0.38, 0.43, 0.50),
    "mesh_fence": (0.94, 0.78, 0.22),  # the mesh fences' yellow posts
    "white_steel": (0.95, 0.95, 0.94),  # white-painted steel outdoors (drawn sky-lit)
    "counter": (0.80, 0.83, 0.86),  # brushed stainless steel
    "sneeze_guard": (0.80, 0.90, 0.95),  # glass (drawn translucent)
    "food": (0.90, 0.55, 0.16),  # braised and fried dishes: amber, brown-orange
    "food_red": (0.80, 0.20, 0.12),  # chilli and tomato dishes
    "food_green": (0.42, 0.66, 0.22),  # greens
    "heat_lamp": (1.00, 0.58, 0.22),  # the warm glow under a heat-lamp bar
    "menu_screen": (1.00, 0.96, 0.86),  # a lit menu board's warm white face
    "menu_picture": (0.78, 0.26, 0.12),  # the pictures of dishes on it (lit from behind)
    "accent_wall": (0.93, 0.50, 0.16),  # the flood-lit orange wall behind a serving line
    "fridge": (0.86, 0.94, 1.00),  # a drinks fridge's lit glass door
    "tray_return": (0.20, 0.22, 0.25),  # the dark hatch of a tray return, its belt inside
    "plant": (0.26, 0.50, 0.20),  # potted plants' leaves
    "tunnel_wall": (0.17, 0.18, 0.20),  # a light tunnel's back wall and roof: dark, so its
    # glowing strips stand out as in the real inspection tunnels
    "die_cast_body": (0.93, 0.93, 0.92),  # the die-casting machine's white-grey paint
    "chrome": (0.97, 0.98, 1.00),  # the bright line of the sky's reflection on a polished bar
    "pt_bath": (0.55, 0.78, 0.80),  # a pretreatment tank's bath: pale blue-green water
    "ed_bath": (0.22, 0.24, 0.27),  # the e-coat tank's bath: dark grey electro-coat paint
    "air_house": (0.80, 0.83, 0.85),  # a booth's air supply house: galvanised steel panels
    "supply_duct": (0.70, 0.73, 0.76),  # its supply duct down into the booth's ceiling
}
TRANSLUCENT_OPACITY = 0.22
# free-standing opaque glass (the ``window`` role outside the halls' walls: a footbridge's
# glazing) is lit mostly by the sky it reflects: a strong ambient term keeps it a light
# blue-grey on the sides facing away from the sun, where the Low preset has no headlight
GLASS_AMBIENT = 0.6
GLASS_DIFFUSE = 0.3
# free-standing white-painted steel (the ``white_steel`` role: the footbridge's frame, deck, roof
# and stair towers): the sky lights every side and the sun shades it, so a face towards the sun
# is lighter than one away from it and the deck's underside (no sun) darker, never charcoal
WHITE_STEEL_AMBIENT = 0.75
WHITE_STEEL_DIFFUSE = 0.5
FLOOR_LINE = (0.88, 0.75, 0.20)  # yellow lane lines on the floor

LABEL_TEXT = (0.10, 0.12, 0.15)
LABEL_BACKGROUND = (1.0, 1.0, 1.0)
