"""The main window and its parts: the 3D view, menus and actions, the clock, transport,
status bar, texts, File's commands, modes and Help.

``main_window.MainWindow`` makes the parts and wires them; each part takes the viewer's state,
the window's links (``window_links``), a few plain functions or the other parts it uses, never
the window itself:

- the view: ``plant_view`` (the 3D view and the plant's scene), ``render_quality``,
  ``first_frame``, ``camera_animator`` (flights to preset views), ``plant_change`` (another
  plant opened: the view, clock, quality and figures rebuilt first, the texts last);
- time: ``clock`` (playback, frames, the plant's model), ``frame_loop``, ``transport`` (Play,
  speed, seek), ``playback_bar``;
- around the view: ``window_panels`` (the tour's docks, the picked thing's card, Explain the
  plant), ``window_status`` (``view_status``, ``status_figures``), ``window_texts``
  (language, text size);
- commands: ``window_menus`` builds the menus from ``actions``' table, with
  ``file_commands``, ``picture_dialog`` and ``help_boxes``;
- modes: ``mode`` (a mode's answers, ``ModeSlot`` the mode attached), ``problems`` (a dialog
  unless the mode tells of a problem itself), ``window_size``.
"""
