"""A place's key figures on one line, in the user's language (the rehearsal panel's key
figures, the kiosk's tapped workshop)."""

from __future__ import annotations

from viewer.model.tour.stop_figures import StopFigures
from viewer.ui.strings import tr


def figures_text(figures: StopFigures, lang: str) -> str:
    """A stop's key figures on one line."""
    parts = [figures.name.get(lang)] if figures.name is not None else []
    if figures.area_m2:
        parts.append(tr("fig_area", lang, area=f"{figures.area_m2:,.0f}"))
    if figures.height_m:
        parts.append(tr("fig_height", lang, height=f"{figures.height_m:g}"))
    if figures.length_m:
        parts.append(tr("fig_length", lang, km=f"{figures.length_m / 1000:.1f}"))
    if figures.robots:
        parts.append(tr("fig_robots", lang, count=figures.robots))
    if figures.takt_s:
        parts.append(tr("fig_takt", lang, seconds=f"{figures.takt_s:g}"))
    text = " · ".join(parts)
    if figures.estimated and (figures.area_m2 or figures.length_m):
        text += " " + tr("fig_estimate", lang)
    return text
