"""The ui layer: PySide6 main window, menus and the ``factory-tour`` command line."""
