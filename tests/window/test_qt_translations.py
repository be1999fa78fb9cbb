"""Chinese UI: Qt's own texts (standard dialog buttons) follow the language, live; the view's
status text stays in the status bar after a menu and a dialog."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu, QMessageBox

from viewer.ui.settings import remember_language
from viewer.ui.window.main_window import MainWindow

BUTTONS = (
    QMessageBox.StandardButton.Save,
    QMessageBox.StandardButton.Discard,
    QMessageBox.StandardButton.Cancel,
)


def _unsaved_notes_buttons(qtbot, window) -> dict[str, str]:
    """Open a route with unsaved notes, as File > Open route does: read the buttons of the
    "save your notes?" question, then answer Cancel."""
    window.tour.rehearsal.panel.drafts[("lobby", window.lang)] = "Point at the sculpture."
    seen: dict[str, str] = {}

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, answer)
            return
        for button in BUTTONS:
            seen[button.name] = box.button(button).text()
        qtbot.mouseClick(box.button(QMessageBox.StandardButton.Cancel), Qt.MouseButton.LeftButton)

    QTimer.singleShot(50, answer)
    assert window.tour.open_route("no-such-route.toml") is False  # the guide cancelled
    window.tour.rehearsal.panel.drafts.clear()
    return seen


def test_dialog_buttons_follow_the_language_live(qtbot, window):
    assert _unsaved_notes_buttons(qtbot, window) == {
        "Save": "Save",
        "Discard": "Discard",
        "Cancel": "Cancel",
    }
    window.actions.languages["zh"].trigger()  # View > Language > 中文
    assert _unsaved_notes_buttons(qtbot, window) == {
        "Save": "保存",
        "Discard": "丢弃",
        "Cancel": "取消",
    }
    window.actions["about"].trigger()  # Help > About
    assert window.help.about_box.button(QMessageBox.StandardButton.Ok).text() == "确定"
    window.help.about_box.close()
    window.actions.languages["en"].trigger()
    assert _unsaved_notes_buttons(qtbot, window)["Save"] == "Save"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    assert box.button(QDialogButtonBox.StandardButton.Ok).text() == "OK"


def test_a_remembered_chinese_starts_with_chinese_buttons_and_closing_restores_them(qtbot, plant):
    remember_language("zh")
    window = MainWindow(plant, play=False)  # the language as last time
    qtbot.addWidget(window)
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    assert buttons.button(QDialogButtonBox.StandardButton.Save).text() == "保存"
    assert buttons.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"
    window.close()
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Save)
    assert english.button(QDialogButtonBox.StandardButton.Save).text() == "Save"


def _choose_from_menu(qtbot, window, key: Qt.Key, action) -> None:
    """Open a menu with Alt+key and walk down to ``action`` with the arrow keys (each item
    passed shows its status tip, as the mouse does), then press Return."""
    qtbot.keyClick(window, key, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu), timeout=3000)
    menu = QApplication.activePopupWidget()
    for _ in range(len(menu.actions()) + 1):
        if menu.activeAction() is action:
            break
        qtbot.keyClick(menu, Qt.Key.Key_Down)
    assert menu.activeAction() is action
    qtbot.keyClick(menu, Qt.Key.Key_Return)


def test_the_view_status_stays_after_a_menu_and_a_dialog(qtbot, window):
    window.actions.languages["zh"].trigger()
    window.actions.views["body"].trigger()  # key 3: the body shop
    assert window.statusBar().currentMessage() == "视图：车身车间"
    _choose_from_menu(qtbot, window, Qt.Key.Key_H, window.actions["about"])  # Help > About
    qtbot.waitUntil(lambda: window.help.about_box is not None, timeout=3000)
    box = window.help.about_box
    qtbot.waitExposed(box)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Ok), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "视图：车身车间", timeout=3000)
    window.statusBar().showMessage("图片已保存：x.png", 200)  # a passing message...
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "视图：车身车间", timeout=3000)
    window.tour.set_camera("seat")  # ...and the tour's cameras say their name there too
    assert window.statusBar().currentMessage() == "视图：座位视角"
