"""The ui layer: the PySide6 main window, its menus, docks and dialogs (the command line is
:mod:`viewer.app`)."""
