"""Scene benchmark: the plant in motion with N robots, instanced against one actor per part.

Usage: ``python benchmarks/bench_scene.py --robots N [--frames F] [--json]``. Renders
off-screen (no display needed). Builds the plant scaled to N robots (the arms repeated), plays
it, and reports per frame:

* ``model_ms``: the model's state at a new time (robot programs, kinematics, line flow, ...);
* ``update_ms``: that plus writing it into the instanced arrays (what one frame costs the CPU
  before drawing);
* ``render_ms_720p`` and ``render_ms_small``: drawing the full plant at 1280x720 and at 160x90
  (at that size the per-draw overhead dominates, as it does on a GPU);
* ``naive_update_ms``, ``naive_render_ms_small``: the same moving parts drawn the naive way, one
  actor per part created with ``add_mesh`` and moved actor by actor; ``speedup_small`` is
  naive / instanced render time at 160x90;
* ``actors``: actors of the instanced scene (constant whatever N).

Targets on a 2-core CPU-only machine: update within 2 ms at 700 robots and 6 ms at 2,000;
``speedup_small`` at least 3 at 700 robots; the full plant at 1280x720 at 15 frames per second
or more (``render_ms_720p`` + ``update_ms`` under 66 ms).
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pyvista as pv
from vtkmodules.vtkCommonMath import vtkMatrix4x4

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from viewer.model.motion.robot import LINKS  # noqa: E402
from viewer.model.motion.simulation import PlantSimulation, PlantState  # noqa: E402
from viewer.model.plant.equipment import plant_parts  # noqa: E402
from viewer.model.plant.layout import load_plant  # noqa: E402
from viewer.model.plant.parts import with_robot_count  # noqa: E402
from viewer.scene import shapes  # noqa: E402
from viewer.scene.plant.plant_scene import PlantScene  # noqa: E402
from viewer.scene.renderer_info import renderer_name  # noqa: E402

MOVING = [f"robot-{link}" for link in LINKS] + [
    "line-car-body",
    "line-car-glass",
    "line-car-wheels",
    "line-car-lights",
    "moving-boxes",
    "agvs",
    "agv-cargo",
]


def _matrices(position: np.ndarray, quaternion: np.ndarray, scale: np.ndarray) -> np.ndarray:
    """4x4 matrices (N, 16) from positions, (w, x, y, z) quaternions and per-axis scales."""
    w, x, y, z = quaternion.T
    r = np.stack(
        [
            [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
            [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
            [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
        ]
    ).transpose(2, 0, 1)
    m = np.zeros((len(position), 4, 4))
    m[:, :3, :3] = r * scale[:, None, :]
    m[:, :3, 3] = position
    m[:, 3, 3] = 1.0
    return m.reshape(-1, 16)


class NaiveParts:
    """The scene's moving parts as one actor each (``add_mesh``), moved one by one."""

    def __init__(self, plotter: pv.Plotter, scene: PlantScene) -> None:
        self.scene = scene
        self.actors: dict[str, list] = {}
        sources = {f"robot-{link}": shapes.robot_link(link) for link in LINKS}
        sources |= {
            "line-car-body": shapes.car_body(),
            "line-car-glass": shapes.car_glass(),
            "line-car-wheels": shapes.car_wheels(),
            "line-car-lights": shapes.car_tail_light(),
            "moving-boxes": shapes.unit_box(),
            "agvs": shapes.agv(),
            "agv-cargo": shapes.unit_box(),
        }
        for name in MOVING:
            shape = scene.instanced[name]
            for actor in shape.actors:
                actor.VisibilityOff()  # drawn naively instead
            self.actors[name] = [
                plotter.add_mesh(sources[name], color="orange", reset_camera=False)
                for _ in range(shape.count)
            ]

    def update(self, state: PlantState) -> None:
        """Move every actor to where ``state`` puts its part (one call per actor)."""
        self.scene.draw(state)  # the same arrays the instanced scene gets
        visible = {id(entry.shape): entry.visible for entry in self.scene.detail.entries}
        for name, actors in self.actors.items():
            shape = self.scene.instanced[name]
            flat = _matrices(shape.positions, shape.orientations, shape.scales)
            shown = visible.get(id(shape), np.ones(shape.count, dtype=bool))
            for actor, values, show in zip(actors, flat, shown, strict=True):
                matrix = vtkMatrix4x4()
                matrix.DeepCopy(values)
                actor.SetUserMatrix(matrix)
                actor.SetVisibility(bool(show))


def _plotter(size: tuple[int, int]) -> pv.Plotter:
    """An off-screen plotter set up as the application's view is (no multisampling)."""
    plotter = pv.Plotter(off_screen=True, window_size=list(size), lighting="none")
    plotter.ren_win.SetMultiSamples(0)
    return plotter


def _timed(function, count: int) -> float:
    """Median milliseconds of ``count`` calls of ``function(k)``."""
    samples = []
    for k in range(count):
        start = time.perf_counter()
        function(k)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def measure(robots: int, frames: int, view: str = "overview") -> dict:
    """Run the benchmark for ``robots`` robots seen from preset ``view``; returns the figures."""
    plant = load_plant()
    parts = with_robot_count(plant_parts(plant), robots)
    results: dict = {"robots": robots, "view": view}

    plotter = _plotter((1280, 720))
    simulation = PlantSimulation(plant, parts)  # the model; the scene only draws its states
    t0 = simulation.start_time
    scene = PlantScene(plotter, plant, parts=parts, state=simulation.state(t0))
    scene.show_view(view)
    plotter.ren_win.Render()
    results["renderer"] = renderer_name(plotter.ren_win)
    results["model_ms"] = _timed(lambda k: simulation.state(t0 + 0.25 * k), frames * 3)
    # the model's state and the scene drawing it
    results["update_ms"] = _timed(lambda k: scene.draw(simulation.state(t0 + 0.25 * k)), frames * 3)

    def frame(k: int) -> None:
        scene.draw(simulation.state(t0 + 0.25 * k))
        plotter.ren_win.Render()

    frame(0)
    results["render_ms_720p"] = _timed(frame, frames) - results["update_ms"]
    results["actors"] = scene.actor_count
    plotter.window_size = [160, 90]
    frame(0)
    results["render_ms_small"] = _timed(frame, frames * 2) - results["update_ms"]
    plotter.close()

    plotter = _plotter((160, 90))
    scene = PlantScene(plotter, plant, parts=parts, state=simulation.state(t0))
    naive = NaiveParts(plotter, scene)
    states = [simulation.state(t0 + 0.25 * k) for k in range(frames)]
    naive.update(states[0])
    plotter.ren_win.Render()
    results["naive_actors"] = scene.actor_count
    results["naive_update_ms"] = _timed(
        lambda k: (simulation.state(t0 + 0.25 * k), naive.update(states[k % frames])), frames
    )

    def naive_frame(k: int) -> None:
        plotter.ren_win.Render()

    results["naive_render_ms_small"] = _timed(naive_frame, frames)
    plotter.close()
    results["speedup_small"] = results["naive_render_ms_small"] / results["render_ms_small"]
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--robots", type=int, default=700, help="number of robots (>= 1)")
    parser.add_argument("--frames", type=int, default=20, help="frames to time per figure")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--view", default="overview", help="preset view to render from")
    args = parser.parse_args()
    if args.robots < 1:
        parser.error("--robots must be at least 1")
    results = measure(args.robots, max(args.frames, 3), args.view)
    results = {k: round(v, 3) if isinstance(v, float) else v for k, v in results.items()}
    if args.json:
        print(json.dumps(results))
        return 0
    print(f"machine: {platform.machine()}, {platform.processor() or 'cpu'}; {results['renderer']}")
    for key, value in results.items():
        if key != "renderer":
            print(f"{key:>22}: {value}")
    fps = 1000.0 / (results["render_ms_720p"] + results["update_ms"])
    print(f"{'frames per second 720p':>22}: {fps:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
