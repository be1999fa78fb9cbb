"""The heights inside one press of a tandem line, shared by its frame and its moving slide.

A press of height ``h`` (above the floor) stands on its bed; on the bed the moving bolster,
on the bolster the lower die, on the die the stamped panel. The slide, with the upper die
under it, comes down until the upper die meets the panel and rises ``stroke`` above it; the
crown over the uprights holds the drive. :func:`press_heights` gives those heights so that the
frame (:func:`viewer.model.plant.equipment._press`) and the stroke
(:class:`viewer.model.motion.machines.PressLineMotion`) always agree: there is no empty gap
between the bolster and the slide beyond the open stroke.

Examples
--------
>>> z = press_heights(12.5, stroke=0.9, die_height=1.0)
>>> round(z.upper_die_low - z.panel_top, 6), round(z.upper_die_high - z.upper_die_low, 6)
(0.0, 0.9)
>>> z.slide_top < z.crown_bottom
True
"""

from __future__ import annotations

from dataclasses import dataclass

BED = 0.14  # share of the press's height: the bed's top above the floor
BOLSTER = 0.45  # m: the moving bolster's thickness
PANEL = 0.06  # m: a stamped panel on the lower die
CROWN_BOTTOM = 0.74  # share of the press's height: the crown's underside
CLEARANCE = 0.3  # m at least between the slide's top (at the top of its stroke) and the crown


@dataclass(frozen=True)
class PressHeights:
    """Heights (m above the floor) of one press's parts; the slide's at both ends of its stroke."""

    bed_top: float
    bolster_top: float
    die_top: float  # the lower die's top
    panel_top: float
    upper_die_low: float  # the upper die's underside at the bottom of the stroke
    upper_die_high: float  # and at its top
    upper_die_height: float
    slide_height: float
    crown_bottom: float

    @property
    def slide_top(self) -> float:
        """The slide's top at the top of its stroke."""
        return self.upper_die_high + self.upper_die_height + self.slide_height


def press_heights(height: float, stroke: float, die_height: float) -> PressHeights:
    """The heights in a press ``height`` m tall with dies ``die_height`` m tall (each of the
    lower and upper die) and a slide that opens ``stroke`` m above the panel."""
    bed_top = BED * height
    bolster_top = bed_top + BOLSTER
    die_top = bolster_top + die_height
    panel_top = die_top + PANEL
    crown_bottom = CROWN_BOTTOM * height
    high = panel_top + stroke
    slide = max(crown_bottom - CLEARANCE - high - die_height, 0.5)
    return PressHeights(
        bed_top=bed_top,
        bolster_top=bolster_top,
        die_top=die_top,
        panel_top=panel_top,
        upper_die_low=panel_top,
        upper_die_high=high,
        upper_die_height=die_height,
        slide_height=slide,
        crown_bottom=crown_bottom,
    )
