"""Qt's own texts (dialog buttons such as OK, Save, Discard, Cancel; the file dialog) in the
window's language, from the translations that ship with PySide6.

One translator per application: :func:`use_qt_language` installs the Chinese catalogue for
'zh' and removes it for any other language; Qt then sends every widget a LanguageChange event,
so the buttons of dialogs already open change too.

Example (with a QApplication running)::

    use_qt_language("zh")  # QMessageBox's Save button now reads "保存"
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

CATALOGUES = {"zh": "qtbase_zh_CN"}  # the language's Qt catalogue, in PySide6's translations

_installed: dict[str, QTranslator] = {}  # language -> the translator installed for it


def translations_folder() -> str:
    """The folder of Qt's translations shipped with PySide6."""
    return QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)


def use_qt_language(lang: str) -> bool:
    """Show Qt's own texts in ``lang`` ('en' or 'zh'), live; False if the catalogue for
    ``lang`` could not be loaded (Qt's texts then stay English)."""
    app = QCoreApplication.instance()
    if app is None:
        return False
    if lang in _installed:
        return True
    for translator in _installed.values():
        app.removeTranslator(translator)
    _installed.clear()
    catalogue = CATALOGUES.get(lang)
    if catalogue is None:
        return True  # English: Qt's texts as written
    translator = QTranslator(app)
    if not translator.load(catalogue, translations_folder()):
        return False
    app.installTranslator(translator)
    _installed[lang] = translator
    return True


def qt_language() -> str:
    """The language Qt's own texts are shown in now ('en' unless a catalogue is installed)."""
    return next(iter(_installed), "en")
