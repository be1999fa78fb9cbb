"""File > Export video: the same options as ``factory-tour video``, a progress dialog with
Cancel, and a window that stays responsive (one frame is rendered per turn of the event loop).

A cancelled export closes the file properly: the frames rendered so far play.
"""

from __future__ import annotations

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
)

from viewer.model.options import defaults, option
from viewer.model.quality import CHOICES
from viewer.model.video_plan import CAMERAS, VideoPlan, check_out, plan_video
from viewer.ui.strings import plain, tr

if TYPE_CHECKING:
    from viewer.scene.video import VideoEncoder
    from viewer.ui.main_window import MainWindow

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
    """Asks for the video's options (File > Export video)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        lang = window.lang
        total = window.tour.motion.total_time
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
        self.quality.setCurrentIndex(CHOICES.index(window.quality.preset))
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
    """One export running in the window: a frame per timer turn, a progress dialog."""

    finished = Signal(int, bool)  # frames written, whether it was cancelled

    def __init__(self, window: MainWindow, options: VideoOptions) -> None:
        super().__init__(window)
        self.window = window
        self.options = options
        self.plan: VideoPlan = plan_video(
            window.tour.motion, options.start, options.end, options.fps, options.speed
        )
        self.encoder: VideoEncoder | None = None
        self.cancelled = False
        self.dialog = QProgressDialog(
            tr("writing_video", window.lang, path=str(options.out)),
            tr("cancel", window.lang),
            0,
            self.plan.frame_count,
            window,
        )
        self.dialog.setMinimumDuration(0)
        self.dialog.canceled.connect(self.cancel)
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._step)

    def start(self) -> None:
        """Open the file and start rendering."""
        from viewer.scene.video import VideoEncoder, VideoFrames

        window, options = self.window, self.options
        frames = VideoFrames(
            window.plant,
            window.tour.scene.route,
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
            self.window.error_dialog = self.window.report_problem(
                tr("video_failed", self.window.lang), str(exc)
            )
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
        self.window.statusBar().showMessage(
            tr("video_saved", self.window.lang, path=str(encoder.out), frames=encoder.written),
            10000,
        )
        self.finished.emit(encoder.written, self.cancelled)


def problem_with(options: VideoOptions, window: MainWindow) -> str | None:
    """What is wrong with the options (None: nothing), as the command line would say it."""
    problem = check_out(options.out, options.size)
    if problem:
        return problem
    try:
        plan_video(window.tour.motion, options.start, options.end, options.fps, options.speed)
    except ValueError as exc:
        return str(exc)
    return None


def export_video_dialog(window: MainWindow) -> None:
    """File > Export video: ask, check, then export with a progress dialog."""
    dialog = VideoOptionsDialog(window)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    window.export_video(dialog.options())
