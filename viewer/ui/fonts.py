"""Make the bundled Chinese font available to Qt widgets."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from viewer.model.assets import chinese_font_path


def install_app_font(app: QApplication) -> str | None:
    """Register the Noto Sans SC subset and make it the application font; returns its family."""
    font_id = QFontDatabase.addApplicationFont(str(chinese_font_path()))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        return None
    font = QFont(families[0])
    font.setPointSizeF(app.font().pointSizeF())
    app.setFont(font)
    return families[0]
