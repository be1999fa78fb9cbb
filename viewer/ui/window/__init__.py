"""The main window and its parts: the 3D view, menus and actions, the clock, transport,
status bar, texts, File's commands, modes and Help."""
