"""The classroom: the learning path, quality presets, text size, saving a picture, settings
that persist, and the language switch reaching menus, 3D labels and cards."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QImage

from viewer.model.classroom.learning_path import PRODUCTION_ORDER
from viewer.model.quality import PRESETS
from viewer.scene import palette
from viewer.scene.snapshot import render_image
from viewer.ui.window.main_window import MainWindow


def read_png(path) -> np.ndarray:
    """An (H, W, 3) uint8 array of a PNG file."""
    image = QImage(str(path)).convertToFormat(QImage.Format.Format_RGB888)
    assert not image.isNull(), path
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1)
    return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def test_the_learning_path_visits_the_workshops_in_production_order(qtbot, window):
    window.actions["explain"].trigger()  # View > Explain the plant
    panel = window.learning
    assert panel.isVisible() and panel.step_label.text() == "Step 1 of 7"
    assert panel.body.title.text().startswith("1 · Stamping")
    assert not panel.previous_button.isEnabled()
    visited = [window.current_view]
    for _ in range(len(PRODUCTION_ORDER) - 1):
        qtbot.mouseClick(panel.next_button, Qt.MouseButton.LeftButton)
        visited.append(window.current_view)
    assert visited == list(PRODUCTION_ORDER)
    assert panel.body.title.text().startswith("7 · Test track")
    assert "2.5 km" in panel.body.figures.text()
    assert not panel.next_button.isEnabled()
    qtbot.mouseClick(panel.previous_button, Qt.MouseButton.LeftButton)
    assert window.current_view == "assembly" and panel.step_label.text() == "Step 6 of 7"
    assert "takt 76 s" in panel.body.figures.text()
    qtbot.mouseClick(panel.close_button, Qt.MouseButton.LeftButton)
    assert not panel.isVisible()


def test_each_step_has_words_for_a_child_and_an_adult_in_both_languages(qtbot, window):
    window.learning.start()
    window.learning.next()  # die casting
    body = window.learning.body
    assert "72 parts" in body.kid.text() and "9,100-tonne" in body.adult.text()
    window.actions.languages["zh"].trigger()
    assert body.title.text().startswith("2 · 压铸")
    assert "72 个零件" in body.kid.text()
    assert window.learning.step_label.text() == "第 2 步，共 7 步"
    assert window.learning.next_button.text() == "下一步"


def test_auto_quality_chooses_low_on_a_software_renderer(window):
    assert "llvmpipe" in window.renderer_name.lower() or "softpipe" in window.renderer_name
    quality = window.quality
    assert quality.choice == "auto" and quality.preset == "low"
    assert window.scene.detail.pixels == PRESETS["low"].detail_pixels
    assert not window.scene.headlight.GetSwitch()
    assert not window.scene.showroom.reflections and window.scene.showroom.light is None
    assert quality.actions["auto"].text() == "Auto (Low)"
    about = window.help.about_text()
    assert "Quality: Auto (drawing: Low)" in about and window.renderer_name in about


@pytest.mark.parametrize(
    ("renderer", "preset"),
    [
        ("llvmpipe (LLVM 15.0.6, 256 bits)", "low"),
        ("Google SwiftShader", "low"),
        ("Microsoft Basic Render Driver", "low"),
        ("NVIDIA GeForce RTX 3060/PCIe/SSE2", "high"),
        ("Mesa Intel(R) UHD Graphics 620 (KBL GT2)", "high"),
    ],
)
def test_auto_reads_the_renderer_string(window, renderer, preset):
    window.quality.start(renderer)
    assert window.quality.preset == preset


def test_auto_steps_down_while_frames_stay_slow(qtbot, window, monkeypatch):
    quality = window.quality
    quality.start("NVIDIA GeForce RTX 3060/PCIe/SSE2")
    assert quality.preset == "high"
    clock = [1000.0]
    monkeypatch.setattr("viewer.ui.window.render_quality.time.monotonic", lambda: clock[0])
    for _ in range(40):  # 40 frames of 80 ms: 3.2 s of slow frames
        quality.frame_started(clock[0])
        clock[0] += 0.080
        quality.frame_shown()
    assert quality.preset == "medium" and quality.stepped_down == ["high"]
    assert "quality lowered to Medium" in window.statusBar().currentMessage()
    for _ in range(40):  # fast frames: it stays
        quality.frame_started(clock[0])
        clock[0] += 0.020
        quality.frame_shown()
    assert quality.preset == "medium"


def test_a_preset_chosen_by_hand_is_not_stepped_down(qtbot, window, monkeypatch):
    quality = window.quality
    quality.actions["high"].trigger()  # View > Quality > High
    assert quality.choice == "high" and quality.preset == "high"
    assert window.scene.detail.pixels == PRESETS["high"].detail_pixels
    assert window.scene.showroom.reflections and window.scene.headlight.GetSwitch()
    clock = [0.0]
    monkeypatch.setattr("viewer.ui.window.render_quality.time.monotonic", lambda: clock[0])
    for _ in range(60):
        quality.frame_started(clock[0])
        clock[0] += 0.2
        quality.frame_shown()
    assert quality.preset == "high"


def test_low_draws_the_view_scaled_down_and_picks_through_the_scale(qtbot, window):
    from viewer.model.quality import PRESETS
    from viewer.ui.classroom.click_to_learn import display_point

    scale = PRESETS["low"].render_scale
    assert window.quality.preset == "low" and window.plotter.render_scale == scale < 1.0
    width, height = window.plotter.ren_win.GetSize()
    ratio = window.plotter.devicePixelRatioF()
    assert width == round(window.plotter.width() * ratio * scale)
    assert height == round(window.plotter.height() * ratio * scale)
    corner = display_point(window.plotter, QPoint(window.plotter.width(), 0))
    assert corner == pytest.approx((width, height), abs=1.0)
    window.quality.set_choice("high")
    assert window.plotter.ren_win.GetSize()[0] == round(window.plotter.width() * ratio)


@pytest.mark.parametrize("preset", ["low", "high"])
def test_the_view_is_opaque_without_an_alpha_clear(window, preset):
    # The widget copies VTK's frame without pyvistaqt's alpha clear: see-through glass, labels
    # and the mirrored lobby must still leave every pixel opaque (else a compositor would
    # blend the window with the desktop behind it).
    window.quality.set_choice(preset)
    for view in ("body", "showroom"):
        window.animator.stop()
        window.scene.show_view(view)
        image = window.plotter.grabFramebuffer().convertToFormat(QImage.Format.Format_ARGB32)
        pixels = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), -1, 4)
        colours = pixels[:, : image.width(), :3].reshape(-1, 3)
        assert len(np.unique(colours, axis=0)) > 50, view  # a real picture was drawn
        assert pixels[:, : image.width(), 3].min() == 255, view


def test_low_culls_small_equipment_boxes_seen_from_far(window):
    boxes = window.scene.instanced["boxes"]
    window.go_to_view("overview")
    window.animator.stop()
    window.scene.show_view("overview")
    window.quality.set_choice("low")
    window.plotter.render()
    low = int(boxes.shown().sum())
    window.quality.set_choice("high")
    window.plotter.render()
    high = int(boxes.shown().sum())
    assert high == boxes.count and low < high


def test_low_draws_a_plain_sky_and_blended_glass_and_high_a_gradient_and_sorted_glass(window):
    renderer = window.plotter.renderer
    window.quality.set_choice("low")
    assert not renderer.GetGradientBackground() and not renderer.GetUseOIT()
    assert np.allclose(renderer.GetBackground(), palette.SKY, atol=1 / 255)
    window.quality.set_choice("high")
    assert renderer.GetGradientBackground() and renderer.GetUseOIT()
    assert np.allclose(renderer.GetBackground2(), palette.SKY_TOP, atol=1 / 255)


def test_text_size_scales_labels_and_cards(qtbot, window):
    label = window.scene.labels.items[0]
    card = window.learning.body
    size, points = label.actor.GetTextProperty().GetFontSize(), card.font().pointSizeF()
    window.actions.text_sizes[1.7].trigger()  # View > Text size > 170%
    drawn = window.plotter.render_scale  # low draws the view scaled down and scales it up
    assert label.actor.GetTextProperty().GetFontSize() == round(label.size * 1.7 * drawn)
    assert label.actor.GetTextProperty().GetFontSize() > size
    assert card.font().pointSizeF() == pytest.approx(points * 1.7)
    assert window.learn.card.body.font().pointSizeF() == pytest.approx(points * 1.7)


def test_settings_persist_across_a_restart_of_the_window(qtbot, plant):
    first = MainWindow(plant, play=False)
    qtbot.addWidget(first)
    assert (first.lang, first.quality.choice, first.state.text_scale) == ("en", "auto", 1.0)
    first.actions.languages["zh"].trigger()
    first.quality.actions["medium"].trigger()
    first.actions.text_sizes[1.3].trigger()
    first.close()
    second = MainWindow(plant, play=False)
    qtbot.addWidget(second)
    assert second.lang == "zh" and second.quality.choice == "medium"
    assert second.quality.actions["medium"].isChecked()
    assert second.state.text_scale == 1.3 and second.actions.text_sizes[1.3].isChecked()
    label = second.scene.labels.items[0]
    assert second.quality.preset == "medium"
    assert label.actor.GetTextProperty().GetFontSize() == round(label.size * 1.3)
    second.close()
    third = MainWindow(plant, play=False, quality="low")  # --quality overrides
    qtbot.addWidget(third)
    assert third.quality.choice == "low"
    third.close()


def test_language_switch_changes_menus_a_3d_label_and_the_cards(qtbot, window):
    window.learning.start()
    window.actions.languages["zh"].trigger()
    assert window.actions.menus["file"].title() == "文件(&F)"
    assert window.actions["save_picture"].text() == "保存图片(&P)..."
    assert window.quality.menu.title() == "画质(&Q)"
    assert window.scene.labels.texts()["body"] == "车身车间（焊装）"
    assert window.learning.body.title.text().startswith("1 · 冲压")
    assert window.learning.windowTitle() == "讲解工厂"


def test_save_picture_writes_the_view_as_the_snapshot_renderer_draws_it(qtbot, window, tmp_path):
    window.go_to_view("body")
    qtbot.waitUntil(lambda: not window.animator.running, timeout=10000)
    out = tmp_path / "picture.png"
    assert window.files.save_picture(out, (320, 180))
    saved = read_png(out)
    assert saved.shape == (180, 320, 3)
    expected = render_image(
        window.plant,
        size=(320, 180),
        time=window.sim_time,
        route=window.state.route,
        pose=window.scene.camera_pose(),
        tour_time=window.tour.time,
        quality="low",
    )
    assert np.array_equal(saved, expected)
    assert saved.std() > 10  # a picture, not a blank
    assert "Picture saved" in window.statusBar().currentMessage()


def test_ctrl_s_saves_a_picture_at_the_window_size(qtbot, window, tmp_path, monkeypatch):
    out = tmp_path / "window.png"
    monkeypatch.setattr(
        "viewer.ui.window.picture_dialog.ask_picture", lambda parent, size, lang: (str(out), None)
    )
    qtbot.keyClick(window.plotter, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(out.exists, timeout=20000)
    ratio = window.plotter.devicePixelRatioF()
    expected = (round(window.plotter.height() * ratio), round(window.plotter.width() * ratio))
    assert read_png(out).shape[:2] == expected


def test_an_unwritable_picture_path_is_reported_not_raised(qtbot, window, tmp_path):
    target = tmp_path / "missing" / "x.png"
    assert not window.files.save_picture(target, (160, 90))
    dialog = window.error_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.windowTitle() == "Cannot save the picture" and str(target) in dialog.text()
    dialog.close()
