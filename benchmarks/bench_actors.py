"""What each group of actors costs a frame: the render's CPU time with the group hidden.

Usage: ``python benchmarks/bench_actors.py [--quality low] [--views overview,body]
[--stops lobby,paint] [--size 1280x720] [--repeats 7] [--top 15] [--json]``.

Renders the plant off-screen (no display needed) with a quality preset at its render scale
(low: 3/4 of ``--size``, as the window draws it), at each preset view and at the seat view in
the middle of each named stop of the standard tour. For every group of actors (an instanced
shape and its far mesh, a ground layer, the labels, the lobby's actors, ...) it times
``Render()`` with the group hidden against the full scene, interleaved (full, hidden, full,
hidden, ...) so that a busy machine slows both alike; the time is the process's CPU time
(the renderer's threads included), which another program on the machine barely changes. The
saving of hiding a group is what it costs a frame; a group the level of detail already hides
costs nothing.

Use it to find what a preset's frame is made of before changing anything; the frame rate of
the real window is ``bench_quality.py``'s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def actor_groups(renderer: object) -> dict[str, list]:
    """The renderer's props by what they draw: ``{group name: [props]}``."""
    scene, tour = renderer.scene, renderer.tour  # type: ignore[attr-defined]
    names: dict[object, str] = {}
    for name, shape in scene.instanced.items():
        for actor in shape.actors:
            names[actor] = f"shape {name}"
    for name, actor in scene.ground_actors.items():
        names[actor] = f"ground {name}"
    for name, shape in scene.outside.instanced.items():
        for actor in shape.actors:
            names[actor] = f"outside {name}"
    for actor in scene.outside.actors:
        names.setdefault(actor, "outside buildings and fence")
    for actor in scene.labels.actors:
        names[actor] = "labels"
    if tour is not None:
        for actor in tour.actors:
            names[actor] = "tour route and shuttle"
    props = scene.plotter.renderer.GetViewProps()
    groups: dict[str, list] = {}
    for index in range(props.GetNumberOfItems()):
        prop = props.GetItemAsObject(index)
        groups.setdefault(names.get(prop, "other (lobby, highlights)"), []).append(prop)
    return groups


class Timer:
    """Times renders of one off-screen window, with some props kept hidden."""

    def __init__(self, renderer: object) -> None:
        self.window = renderer.plotter.ren_win  # type: ignore[attr-defined]
        self.hidden: list = []
        # after the scene's own observers (level of detail, cutaways): they set visibility
        vtk_renderer = renderer.plotter.renderer  # type: ignore[attr-defined]
        vtk_renderer.AddObserver("StartEvent", self._hide, -1000.0)

    def _hide(self, *_: object) -> None:
        for prop in self.hidden:
            prop.SetVisibility(False)

    def frame(self, hidden: list) -> float:
        """CPU seconds of one render (finished) with ``hidden`` props hidden."""
        shown = [prop.GetVisibility() for prop in hidden]
        self.hidden = hidden
        started = time.process_time()
        self.window.Render()
        self.window.WaitForCompletion()
        spent = time.process_time() - started
        self.hidden = []
        for prop, visible in zip(hidden, shown, strict=True):
            prop.SetVisibility(visible)
        return spent

    def saving(self, hidden: list, repeats: int) -> tuple[float, float]:
        """(median full frame, median saving of hiding ``hidden``) in ms, interleaved."""
        full, savings = [], []
        for _ in range(repeats):
            whole = self.frame([])
            part = self.frame(hidden)
            full.append(whole)
            savings.append(whole - part)
        return 1000 * statistics.median(full), 1000 * statistics.median(savings)


def measure(
    quality: str, views: list[str], stops: list[str], size: tuple[int, int], repeats: int
) -> list[dict]:
    """For each view and stop: the full frame, the bare frame and every group's cost (ms)."""
    from viewer.model.plant.layout import load_plant
    from viewer.model.quality import PRESETS
    from viewer.model.tour.route import load_route
    from viewer.scene.snapshot import OffscreenRenderer, middle_of_stop

    scale = PRESETS[quality].render_scale
    drawn = (round(size[0] * scale), round(size[1] * scale))
    renderer = OffscreenRenderer(load_plant(), drawn, route=load_route(), quality=quality)
    timer = Timer(renderer)
    groups = actor_groups(renderer)
    every = [prop for props in groups.values() for prop in props]
    results = []
    places = [("view", name) for name in views] + [("stop", stop) for stop in stops]
    for kind, name in places:
        if kind == "view":
            renderer.render(view=name)
        else:
            tour_time = middle_of_stop(renderer.tour_motion, name)
            start = renderer.run.start_time
            renderer.render(start + tour_time, tour_time=tour_time, camera="seat")
        for _ in range(3):  # shaders, buffers, the level of detail settled
            timer.frame([])
        full, bare_saving = timer.saving(every, repeats)
        costs = {group: timer.saving(props, repeats)[1] for group, props in groups.items()}
        results.append(
            {
                "place": f"{kind} {name}",
                "size": drawn,
                "full_ms": round(full, 2),
                "bare_ms": round(full - bare_saving, 2),
                "groups_ms": {
                    g: round(c, 2) for g, c in sorted(costs.items(), key=lambda x: -x[1])
                },
            }
        )
    renderer.close()
    return results


def _size(text: str) -> tuple[int, int]:
    width, height = (int(part) for part in text.lower().split("x"))
    return width, height


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quality", default="low", choices=("low", "medium", "high"))
    parser.add_argument("--views", default="overview,body")
    parser.add_argument("--stops", default="")
    parser.add_argument("--size", type=_size, default=(1280, 720))
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    views = [v for v in args.views.split(",") if v]
    stops = [s for s in args.stops.split(",") if s]
    results = measure(args.quality, views, stops, args.size, args.repeats)
    if args.json:
        print(json.dumps(results))
        return
    for result in results:
        width, height = result["size"]
        print(
            f"{args.quality} {result['place']} at {width}x{height}: full {result['full_ms']:.1f}"
            f" ms CPU, bare {result['bare_ms']:.1f} ms"
        )
        for group, cost in list(result["groups_ms"].items())[: args.top]:
            print(f"  {cost:6.1f} ms  {group}")


if __name__ == "__main__":
    main()
