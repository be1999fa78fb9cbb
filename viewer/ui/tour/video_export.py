"""File > Export video: the same options as ``factory-tour video``, a progress dialog with
Cancel, and a window that stays responsive (one frame is rendered per turn of the event loop).

A cancelled export closes the file properly: the frames rendered so far play.
:class:`VideoCommands` is the window's File > Export video; it is handed the viewer's state and
a few plain functions of the window (the tour's motion, the quality preset, where to tell of a
problem, the status bar), not the window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from viewer.model.options import defaults, option
from viewer.model.quality import CHOICES
from viewer.model.tour.video_plan import CAMERAS, VideoPlan, check_out, plan_video
from viewer.model.viewer_state import ViewerState
from viewer.ui.strings import plain, tr

if TYPE_CHECKING:
    from viewer.model.tour.shuttle import TourMotion
    from viewer.scene.tour.video import VideoEncoder

VIDEO = defaults("video")  # the command line's defaults (viewer.model.options), written once
SIZES: tuple[tuple[int, int], ...] = option("video", "size").presets
LANG_MODES = ("en", "zh", "both")


@dataclass(frozen=True)
class VideoOptions:
    """What ``factory-tour video`` takes."""

    out: Path
    start: float = VIDEO["start"]  # type: ignore[assignment]
    end: float | None = VIDEO["end"]  # type: ignore[assignment]
    fps: float = VIDEO["fps"]  # type: ignore[assignment]
    size: tuple[int, int] = VIDEO["size"]  # type: ignore[assignment]
    speed: float = VIDEO["speed"]  # type: ignore[assignment]
    camera: str = VIDEO["camera"]  # type: ignore[assignment]
    lang: str = "en"
    quality: str = "auto"


class VideoOptionsDialog(QDialog):
    """Asks for the video's options (File > Export video), in ``lang``, for a tour of ``total``
    seconds, the quality ``preset`` chosen first."""

    def __init__(self, parent: QWidget, lang: str, total: float, preset: str) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("export_video_title", lang))
        self.setMinimumWidth(480)
        form = QFormLayout(self)
        self.out = QLineEdit(str(Path.home() / "factory-tour.mp4"), self)
        browse = QPushButton(tr("browse", lang), self)
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.out)
        row.addWidget(browse)
        form.addRow(tr("video_file", lang), row)
        self.start = self._seconds(VIDEO["start"], total)  # type: ignore[arg-type]
        self.end = self._seconds(total, total)
        form.addRow(tr("video_start", lang), self.start)
        form.addRow(tr("video_end", lang), self.end)
        self.size = self._combo([(f"{w} × {h}", (w, h)) for w, h in SIZES], VIDEO["size"])
        form.addRow(tr("picture_size", lang), self.size)
        fps = option("video", "fps").presets
        self.fps = self._combo([(f"{f:g}", f) for f in fps], VIDEO["fps"])
        form.addRow(tr("video_fps", lang), self.fps)
        speeds = option("video", "speed").presets
        self.speed = self._combo([(f"{s:g}×", s) for s in speeds], VIDEO["speed"])
        form.addRow(tr("speed", lang), self.speed)
        self.camera = self._combo([(tr(f"camera_{c}", lang), c) for c in CAMERAS], VIDEO["camera"])
        form.addRow(tr("camera", lang), self.camera)
        self.lang = self._combo([(tr(f"video_lang_{m}", lang), m) for m in LANG_MODES])
        self.lang.setCurrentIndex(LANG_MODES.index(lang))
        form.addRow(plain(tr("language", lang)), self.lang)
        self.quality = self._combo([(tr(f"quality_{q}", lang), q) for q in CHOICES])
        self.quality.setCurrentIndex(CHOICES.index(preset))
        form.addRow(plain(tr("quality", lang)), self.quality)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def _seconds(self, value: float, total: float) -> QDoubleSpinBox:
        box = QDoubleSpinBox(self)
        box.setRange(0.0, total)
        box.setDecimals(0)
        box.setSuffix(" s")
        box.setValue(value)
        return box

    def _combo(self, items: list[tuple[str, object]], current: object = None) -> QComboBox:
        box = QComboBox(self)
        for text, data in items:
            box.addItem(text, data)
        if current is not None:  # compared here: Qt's findData tells tuples apart by identity
            box.setCurrentIndex(next(k for k, (_, data) in enumerate(items) if data == current))
        return box

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.windowTitle(), self.out.text(), "MP4 (*.mp4);;GIF (*.gif)"
        )
        if path:
            self.out.setText(path)

    def options(self) -> VideoOptions:
        """The options as chosen."""
        return VideoOptions(
            out=Path(self.out.text()),
            start=self.start.value(),
            end=self.end.value(),
            fps=self.fps.currentData(),
            size=self.size.currentData(),
            speed=self.speed.currentData(),
            camera=self.camera.currentData(),
            lang=self.lang.currentData(),
            quality=self.quality.currentData(),
        )


class VideoExport(QObject):
    """One export of ``state``'s plant and route running in the window: a frame per timer
    turn, a progress dialog over ``parent``; ``tell(title, message)`` shows a problem,
    ``status(text, ms)`` the line saying it is saved."""

    finished = Signal(int, bool)  # frames written, whether it was cancelled

    def __init__(  # noqa: PLR0913 - the window's parts it is handed, each a plain function
        self,
        state: ViewerState,
        options: VideoOptions,
        motion: TourMotion,
        parent: QWidget,
        tell: Callable[[str, str], None],
        status: Callable[[str, int], None],
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.options = options
        self._tell, self._status = tell, status
        self.plan: VideoPlan = plan_video(
            motion, options.start, options.end, options.fps, options.speed
        )
        self.encoder: VideoEncoder | None = None
        self.cancelled = False
        self.dialog = QProgressDialog(
            tr("writing_video", state.lang, path=str(options.out)),
            tr("cancel", state.lang),
            0,
            self.plan.frame_count,
            parent,
        )
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self.cancel)
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._step)

    def start(self) -> None:
        """Open the file and start rendering."""
        from viewer.scene.tour.video import VideoEncoder, VideoFrames

        options = self.options
        frames = VideoFrames(
            self.state.plant,
            self.state.route,
            self.plan,
            options.size,
            options.lang,
            options.camera,
            options.quality,
        )
        self.encoder = VideoEncoder(frames, options.out)
        self.dialog.setValue(0)
        self.timer.start()

    def _step(self) -> None:
        encoder = self.encoder
        if encoder is None or self.cancelled:
            return
        try:
            more = encoder.step()
        except OSError as exc:
            self._finish()
            self._tell(tr("video_failed", self.state.lang), str(exc))
            return
        self.dialog.setValue(encoder.written)
        if not more or encoder.done:
            self._finish()

    def cancel(self) -> None:
        """Stop after the frame being rendered; the file keeps the frames written."""
        self.cancelled = True
        self._finish()

    def _finish(self) -> None:
        self.timer.stop()
        encoder = self.encoder
        if encoder is None:
            return
        self.encoder = None
        encoder.close()
        encoder.frames.close()
        self.dialog.reset()
        self._status(
            tr("video_saved", self.state.lang, path=str(encoder.out), frames=encoder.written),
            10000,
        )
        self.finished.emit(encoder.written, self.cancelled)


def problem_with(options: VideoOptions, motion: TourMotion) -> str | None:
    """What is wrong with the options for a tour of ``motion`` (None: nothing), as the command
    line would say it."""
    problem = check_out(options.out, options.size)
    if problem:
        return problem
    try:
        plan_video(motion, options.start, options.end, options.fps, options.speed)
    except ValueError as exc:
        return str(exc)
    return None


class VideoCommands:
    """File > Export video of one window: ``motion()`` is the tour's motion now, ``preset()``
    the quality preset chosen, ``tell(title, message)`` shows a problem and ``status(text, ms)``
    a line in the status bar; dialogs open over ``parent``."""

    def __init__(  # noqa: PLR0913 - the window's parts it is handed, each a plain function
        self,
        state: ViewerState,
        parent: QWidget,
        motion: Callable[[], TourMotion],
        preset: Callable[[], str],
        tell: Callable[[str, str], None],
        status: Callable[[str, int], None],
    ) -> None:
        self.state, self.parent = state, parent
        self._motion, self._preset, self._tell, self._status = motion, preset, tell, status
        self.export: VideoExport | None = None  # the last export started

    def options_dialog(self) -> VideoOptionsDialog:
        """The dialog asking for the options, in the state's language."""
        total = self._motion().total_time
        return VideoOptionsDialog(self.parent, self.state.lang, total, self._preset())

    def export_video_dialog(self) -> None:
        """File > Export video: ask for the options, check them, then export."""
        dialog = self.options_dialog()
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        self.export_video(dialog.options())

    def export_video(self, options: VideoOptions) -> VideoExport | None:
        """Export a tour video with ``options`` (as ``factory-tour video``), a frame per turn of
        the event loop under a progress dialog; None, with the problem shown, if the options
        are wrong."""
        motion = self._motion()
        problem = problem_with(options, motion)
        if problem is not None:
            self._tell(tr("video_failed", self.state.lang), problem)
            return None
        self.export = VideoExport(
            self.state, options, motion, self.parent, self._tell, self._status
        )
        self.export.start()
        return self.export
