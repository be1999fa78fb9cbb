"""Tour videos: every frame rendered off-screen at its own moment of the tour, captions burned
in, encoded to H.264 MP4 (or an animated GIF) by the ffmpeg that ships in the imageio-ffmpeg
wheel (nothing is downloaded at run time).

:class:`VideoFrames` draws frame ``k`` of a :class:`~viewer.model.tour.video_plan.VideoPlan`: the
plant at the tour's start time plus the frame's tour time, the shuttle, the camera, the stop's
caption (:mod:`viewer.scene.tour.captions`) and a small time and stop indicator. The same inputs
always give the same frames. :func:`write_video` encodes them, and however it ends (done,
stopped, Ctrl+C) it closes the file so that what was rendered plays.

Examples
--------
>>> from viewer.model.plant.layout import load_plant
>>> from viewer.model.tour.route import load_route
>>> from viewer.model.tour.video_plan import VideoPlan
>>> frames = VideoFrames(load_plant(), load_route(), VideoPlan(0.0, 2.0, 2.0, 1.0), (160, 90))
>>> frames.frame(0).shape, frames.indicator.GetInput().rsplit(" / ", 1)[0][-4:]  # at 0:00
((90, 160, 3), '0:00')
>>> frames.close()
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from vtkmodules.vtkCommonCore import VTK_FONT_FILE
from vtkmodules.vtkRenderingCore import vtkTextActor

from viewer.model.assets import chinese_font_path
from viewer.model.kiosk.kiosk_program import caption_at
from viewer.model.plant.layout import Plant
from viewer.model.tour.route import Route
from viewer.model.tour.shuttle import TourMotion
from viewer.model.tour.video_plan import VideoPlan, frame_camera, indicator_text
from viewer.scene.snapshot import OffscreenRenderer
from viewer.scene.tour.captions import Captions

INDICATOR_SHARE = 0.03  # the indicator's type height, of the frame's height


class VideoFrames:
    """Renders the frames of one video (close it when done)."""

    def __init__(
        self,
        plant: Plant,
        route: Route,
        plan: VideoPlan,
        size: tuple[int, int],
        lang: str = "en",
        camera: str = "auto",
        quality: str | None = "low",
    ) -> None:
        self.plan = plan
        self.lang_mode = lang  # 'en', 'zh' or 'both' (alternating, as in the kiosk)
        self.camera = camera
        self._lang = "zh" if lang == "both" else lang
        self.view = OffscreenRenderer(plant, size, self._lang, route, quality)
        self.motion: TourMotion = self.view.tour_motion  # type: ignore[assignment]
        self.quality = self.view.quality  # the preset drawn ('auto' resolved)
        renderer = self.view.plotter.renderer
        self.captions = Captions(renderer)
        self.indicator = _indicator(size)
        renderer.AddActor(self.indicator)

    @property
    def count(self) -> int:
        """Frames in the video."""
        return self.plan.frame_count

    def frame(self, k: int) -> np.ndarray:
        """Frame ``k`` as an (H, W, 3) uint8 array."""
        time = self.plan.tour_time(k)
        caption = caption_at(self.motion, time, self.lang_mode)
        if caption.lang != self._lang:
            self._lang = caption.lang
            self.view.scene.set_language(caption.lang)
        self.captions.show(caption.title, caption.body)
        self.indicator.SetInput(indicator_text(self.motion, time, caption.lang))
        start = self.view.run.start_time
        camera = frame_camera(self.motion, self.camera, time)
        return self.view.render(time=start + time, tour_time=time, camera=camera)

    def close(self) -> None:
        """Release the render window."""
        self.view.close()


def _indicator(size: tuple[int, int]) -> vtkTextActor:
    """The time and stop indicator, small, at the top right."""
    actor = vtkTextActor()
    prop = actor.GetTextProperty()
    prop.SetFontFamily(VTK_FONT_FILE)
    prop.SetFontFile(str(chinese_font_path()))
    prop.SetFontSize(max(round(size[1] * INDICATOR_SHARE), 9))
    prop.SetColor(1.0, 1.0, 1.0)
    prop.SetBackgroundColor(0.05, 0.07, 0.1)
    prop.SetBackgroundOpacity(0.6)
    prop.SetJustificationToRight()
    prop.SetVerticalJustificationToTop()
    margin = round(size[1] * 0.02)
    actor.SetPosition(size[0] - margin, size[1] - margin)
    return actor


def open_writer(path: str | Path, size: tuple[int, int], fps: float):  # noqa: ANN201 - a generator
    """An ffmpeg writer started for ``path``: H.264 MP4, or an animated GIF for '.gif'.

    Send it (H, W, 3) uint8 frames; ``close()`` finishes the file.
    """
    import imageio_ffmpeg

    if Path(path).suffix.lower() == ".gif":
        writer = imageio_ffmpeg.write_frames(
            str(path),
            size,
            fps=fps,
            codec="gif",
            pix_fmt_out="pal8",
            macro_block_size=1,
            ffmpeg_log_level="error",
            output_params=[
                "-vf",
                "split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse",
                "-loop",
                "0",
            ],
        )
    else:
        writer = imageio_ffmpeg.write_frames(
            str(path),
            size,
            fps=fps,
            codec="libx264",
            pix_fmt_out="yuv420p",  # what every player plays
            macro_block_size=2,
            quality=8,
            ffmpeg_log_level="error",
            output_params=["-movflags", "+faststart"],
        )
    writer.send(None)  # start ffmpeg
    return writer


class VideoEncoder:
    """Renders and encodes ``frames`` to ``out`` one frame per :meth:`step` (a window can step
    it between its events); :meth:`close` finishes the file, which then plays."""

    def __init__(self, frames: VideoFrames, out: str | Path) -> None:
        self.frames = frames
        self.out = Path(out)
        width, height = frames.view.plotter.window_size
        self.writer = open_writer(out, (int(width), int(height)), frames.plan.fps)
        self.written = 0
        self.closed = False

    @property
    def done(self) -> bool:
        """Whether every frame is written."""
        return self.written >= self.frames.count

    def step(self) -> bool:
        """Write the next frame; False when there was none left."""
        if self.done or self.closed:
            return False
        self.writer.send(np.ascontiguousarray(self.frames.frame(self.written)))
        self.written += 1
        return True

    def close(self) -> None:
        """Finish the file (ffmpeg writes the index); safe to call twice."""
        if not self.closed:
            self.closed = True
            self.writer.close()


def write_video(
    frames: VideoFrames,
    out: str | Path,
    progress: Callable[[int, int], None] | None = None,
    stop: Callable[[], bool] | None = None,
) -> int:
    """Render and encode every frame to ``out``; returns the frames written.

    ``progress(done, total)`` is called after each frame; when ``stop()`` returns True the
    video ends there. The file is closed however this returns or raises (KeyboardInterrupt
    included), so the frames written so far play.
    """
    encoder = VideoEncoder(frames, out)
    try:
        while not (stop is not None and stop()) and encoder.step():
            if progress is not None:
                progress(encoder.written, frames.count)
    finally:
        encoder.close()
    return encoder.written
