"""The window's menus and keyboard shortcuts, declared once in :data:`ACTIONS`.

Each row says what an entry is called (a key of the texts, in both languages), its shortcut,
its menu and what it calls (a name the window's ``lookup`` resolves: ``tour.next_stop``).
The menus, their retranslation and Help's list of shortcuts are all built from the table, so a
new entry is one row. A few rows stand for a group the window fills itself (the preset views,
the languages, the quality presets, the text sizes) or for an action a toolbar already owns
(play, slower, faster): ``group`` names it. The menus hold no window: they write the language
and the text size into the :class:`~viewer.model.viewer_state.ViewerState`, check the entry the
state says, and call the rest through ``lookup``.

>>> [spec.id for spec in ACTIONS if spec.menu == "tour"][:4]
['play', 'slower', 'faster', 'next_stop']
>>> [spec.id for spec in help_rows()][:3]
['play', 'slower', 'faster']
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from viewer.model.plant.layout import Plant
from viewer.model.viewer_state import ViewerState
from viewer.ui.strings import LANGUAGES, plain, tr, view_name

MENUS = (("file", "file"), ("view", "view"), ("tour", "tour_menu"), ("help", "help"))


@dataclass(frozen=True)
class ActionSpec:
    """One entry of a menu.

    ``text``: the key of its text (:func:`~viewer.ui.strings.tr`); ``keys``: its shortcuts
    ('Ctrl+S'; 'Open' or 'Quit' for the platform's standard keys); ``handler``: what it calls,
    as a path the lookup resolves ('files.open_plant_dialog', 'tour.next_stop'), with the
    checked state when ``checkable``; ``window_keys``: the shortcut works in this window only;
    ``line``: a separator before it; ``help``: its place in Help's list of shortcuts (0: none);
    ``help_text``: the keys of its words there, if not its own text ('play', 'pause');
    ``group``: the row stands for what the window fills in ('views', 'languages', 'quality',
    'text_sizes') or for a toolbar's action ('playback_bar.play_action').
    """

    id: str
    menu: str
    text: str = ""
    handler: str = ""
    keys: tuple[str, ...] = ()
    checkable: bool = False
    window_keys: bool = False
    line: bool = False
    help: int = 0
    help_text: tuple[str, ...] = ()
    group: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "file", "open_plant", "files.open_plant_dialog", ("Open",), help=10),
    ActionSpec("open_route", "file", "open_route", "files.open_route_dialog"),
    ActionSpec("export_script", "file", "export_script", "files.export_script_dialog"),
    ActionSpec("export_video", "file", "export_video", "video.export_video_dialog"),
    ActionSpec(
        "save_picture", "file", "save_picture", "files.save_picture_dialog", ("Ctrl+S",), help=9
    ),
    ActionSpec("quit", "file", "quit", "close", ("Quit",), line=True, help=11),
    ActionSpec("views", "view", group="views"),
    ActionSpec("language", "view", "language", group="languages"),
    ActionSpec(
        "rehearsal",
        "view",
        "rehearsal",
        "tour.rehearsal.switch",
        ("Ctrl+R",),
        True,
        line=True,
        help=7,
    ),
    ActionSpec("explain", "view", "explain_plant", "learning.start", ("Ctrl+E",), help=8),
    ActionSpec("quality", "view", line=True, group="quality"),
    ActionSpec("text_size", "view", "text_size_menu", group="text_sizes"),
    ActionSpec(
        "play", "tour", help=1, help_text=("play", "pause"), group="playback_bar.play_action"
    ),
    ActionSpec("slower", "tour", help=2, group="playback_bar.slower_action"),
    ActionSpec("faster", "tour", help=3, group="playback_bar.faster_action"),
    ActionSpec(
        "next_stop", "tour", "next_stop", "tour.next_stop", ("Right",), False, True, True, help=4
    ),
    ActionSpec(
        "previous_stop",
        "tour",
        "previous_stop",
        "tour.previous_stop",
        ("Left",),
        False,
        True,
        help=5,
    ),
    ActionSpec("restart", "tour", "restart_tour", "tour.restart", ("Home",), False, True, help=6),
    ActionSpec("shortcuts", "help", "shortcuts", "help.show_shortcuts"),
    ActionSpec("about", "help", "about", "help.show_about"),
)


def help_rows() -> list[ActionSpec]:
    """The rows listed in Help, in their order there."""
    return sorted((spec for spec in ACTIONS if spec.help), key=lambda spec: spec.help)


def resolve(root: object, path: str) -> Any:  # noqa: ANN401 - whatever the path names
    """``root.a.b`` for the path 'a.b'."""
    for name in path.split("."):
        root = getattr(root, name)
    return root


def key_sequence(key: str) -> QKeySequence:
    """A shortcut: 'Ctrl+S', or a standard key's name ('Open', 'Quit')."""
    standard = getattr(QKeySequence.StandardKey, key, None)
    return QKeySequence(standard) if standard is not None else QKeySequence(key)


class Actions(QObject):
    """The menus in ``bar`` built from :data:`ACTIONS`: ``actions[id]`` is an entry's
    :class:`QAction`, :attr:`menus` the menus by id; :attr:`views`, :attr:`languages` and
    :attr:`text_sizes` the entries of those groups.

    ``lookup(path)``: what a handler's or a group's path names ('tour.next_stop',
    'quality.menu', 'go_to_view'), looked up each time an entry is used."""

    def __init__(
        self,
        state: ViewerState,
        bar: QMenuBar,
        lookup: Callable[[str], Any],
        text_scales: tuple[float, ...],
    ) -> None:
        super().__init__(bar)
        self.state = state
        self._lookup = lookup
        self.menus: dict[str, QMenu] = {key: bar.addMenu("") for key, _ in MENUS}
        self.actions: dict[str, QAction] = {}
        self.views: dict[str, QAction] = {}
        self.languages: dict[str, QAction] = {}
        self.text_sizes: dict[float, QAction] = {}
        self._submenus: dict[str, QMenu] = {}  # by the key of their title
        self._views_before: QAction | None = None
        for spec in ACTIONS:
            menu = self.menus[spec.menu]
            if spec.line:
                menu.addSeparator()
            if spec.group == "views":
                self._views_before = menu.addSeparator()  # the views go before it
                continue
            if spec.group == "languages":
                sub = self._submenu(spec, menu)
                self.languages = self._choices(sub, LANGUAGES, self._set_language, state.lang)
            elif spec.group == "quality":
                menu.addMenu(lookup("quality.menu"))
                menu.addAction(lookup("quality.rate_action"))
            elif spec.group == "text_sizes":
                sub = self._submenu(spec, menu)
                labels = {scale: f"{scale:.0%}" for scale in text_scales}
                self.text_sizes = self._choices(sub, labels, self._set_text_scale, state.text_scale)
            elif spec.group:
                self.actions[spec.id] = action = lookup(spec.group)
                menu.addAction(action)
            else:
                self.actions[spec.id] = self._action(spec, menu)
        state.events.lang.connect(self._check_language)
        state.events.text_scale.connect(self._check_text_scale)
        state.events.plant.connect(self._show_views)
        self._show_views(state.plant)

    def __getitem__(self, key: str) -> QAction:
        """The action of row ``key``."""
        return self.actions[key]

    def _set_language(self, lang: str) -> None:
        self.state.lang = lang

    def _set_text_scale(self, scale: float) -> None:
        self.state.text_scale = scale

    def _check_language(self, lang: str) -> None:
        self.languages[lang].setChecked(True)

    def _check_text_scale(self, scale: float) -> None:
        self.text_sizes[scale].setChecked(True)

    def _submenu(self, spec: ActionSpec, menu: QMenu) -> QMenu:
        sub = menu.addMenu("")
        self._submenus[spec.text] = sub
        return sub

    def _choices(
        self, menu: QMenu, labels: dict, choose: Callable[[Any], None], current: object
    ) -> dict:
        group = QActionGroup(menu)
        actions = {}
        for value, label in labels.items():
            action = menu.addAction(label)
            action.setCheckable(True)
            action.setChecked(value == current)
            action.triggered.connect(lambda _=False, v=value: choose(v))
            group.addAction(action)
            actions[value] = action
        return actions

    def _action(self, spec: ActionSpec, menu: QMenu) -> QAction:
        action = menu.addAction("")
        action.setShortcuts([key_sequence(key) for key in spec.keys])
        if spec.window_keys:
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.setCheckable(spec.checkable)
        handler = spec.handler
        if spec.checkable:
            action.toggled.connect(lambda on, h=handler: self._lookup(h)(on))
        else:
            action.triggered.connect(lambda _=False, h=handler: self._lookup(h)())
        return action

    def _show_views(self, plant: Plant) -> None:
        """The plant's preset views, the overview (key 0) first."""
        views = sorted(plant.views, key=lambda v: (v.key != 0, v.key))
        self.set_views([(view.name, view.key) for view in views])

    def set_views(self, views: list[tuple[str, int]]) -> None:
        """The preset views' entries, (name, key) in menu order, each flying to its view."""
        menu = self.menus["view"]
        for action in self.views.values():
            menu.removeAction(action)
        self.views = {}
        for name, key in views:
            action = QAction(menu)
            action.setShortcut(QKeySequence(str(key)))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _=False, n=name: self._lookup("go_to_view")(n))
            menu.insertAction(self._views_before, action)
            self.views[name] = action
        self.retranslate_views(self.state.lang)

    def retranslate_views(self, lang: str) -> None:
        """The views' names in ``lang``."""
        for name, action in self.views.items():
            action.setText(view_name(name, lang))

    def retranslate(self, lang: str) -> None:
        """Every menu and entry in ``lang``."""
        for key, text in MENUS:
            self.menus[key].setTitle(tr(text, lang))
        for text, sub in self._submenus.items():
            sub.setTitle(tr(text, lang))
        for spec in ACTIONS:
            if spec.text and not spec.group:
                self.actions[spec.id].setText(tr(spec.text, lang))
        self.retranslate_views(lang)

    def shortcut_lines(self, lang: str) -> list[str]:
        """Every keyboard shortcut with what it does, as Help lists it."""
        lines = []
        for spec in help_rows():
            action = self.actions[spec.id]
            keys = ", ".join(
                key.toString(QKeySequence.SequenceFormat.NativeText) for key in action.shortcuts()
            )
            if spec.help_text:
                name = " / ".join(tr(key, lang) for key in spec.help_text)
            else:
                name = plain(action.text())
            lines.append(f"{keys}\t{name}")
        lines.append(f"{tr('keys_views', lang)}\t{tr('fly_to_view', lang)}")
        return lines
