"""A plant running: its simulation and the state shown, held by whatever drives time.

The scene draws states and owns no simulation
(:meth:`viewer.scene.plant.plant_scene.PlantScene.draw`).
What drives time owns a :class:`PlantRun`: the window's clock
(:class:`viewer.ui.window.clock.Clock`)
and the off-screen renderer of pictures
(:class:`viewer.scene.snapshot.OffscreenRenderer`). Each new time shown is computed once by
the model (:meth:`PlantRun.at`) and handed to the scene and to whoever reads the figures (the
status bar, the picked thing's card), who all read :attr:`PlantRun.state`.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> run = PlantRun(load_plant())
>>> run.state.time == run.start_time  # built at the start: the car line full
True
>>> run.at(run.start_time + 3 * 76).finished_cars
3
>>> run.at(run.state.time) is run.state  # the time shown: not computed again
True
"""

from __future__ import annotations

from viewer.model.motion.simulation import PlantSimulation, PlantState
from viewer.model.plant.layout import Plant
from viewer.model.plant.parts import PlantParts


class PlantRun:
    """One plant's :class:`~viewer.model.motion.simulation.PlantSimulation` and the
    :class:`~viewer.model.motion.simulation.PlantState` at the time shown (see the module
    docstring).

    ``parts``: the plant's parts when already built (the scene draws the same ones);
    ``time``: the simulation time shown first (None: :attr:`start_time`).
    """

    def __init__(
        self, plant: Plant, parts: PlantParts | None = None, time: float | None = None
    ) -> None:
        self.plant = plant
        self.simulation = PlantSimulation(plant, parts)
        self.state: PlantState = self.simulation.state(self.start_time if time is None else time)

    @property
    def parts(self) -> PlantParts:
        """The plant's static parts (structure, equipment, robots, parked cars, AGVs)."""
        return self.simulation.parts

    @property
    def start_time(self) -> float:
        """Where playback starts: the car line full, on a whole second."""
        return self.simulation.start_time

    def at(self, t: float) -> PlantState:
        """The state at simulation time ``t`` (seconds), now the state shown; computed once
        per new time (asking again for the time shown returns the same state)."""
        if max(float(t), 0.0) != self.state.time:
            self.state = self.simulation.state(t)
        return self.state
