"""The application layer, above the ui: the ``factory-tour`` command line.

:mod:`viewer.app.cli` reads the arguments (built from the one table of options,
:mod:`viewer.model.options`) and runs a command: ``snapshot``, ``video``, ``check-route`` and
``script`` work off-screen and import no Qt widgets; the window and the kiosk import the ui only
when they open. Nothing below this package imports it.
"""
