"""factory-tour: a 3D visualizer of the Xiaomi EV plant in Beijing E-Town and its public tour.

Layers, each importing only those below it:

* :mod:`viewer.texts` -- every translated text (English and Chinese), read from one data file.
* :mod:`viewer.model` -- plain Python and NumPy: layout, geometry, kinematics, camera presets,
  the table of options.
* :mod:`viewer.scene` -- VTK/PyVista: actors built and updated from the model.
* :mod:`viewer.ui` -- PySide6: the main window, its menus, docks and dialogs.
* :mod:`viewer.app` -- the ``factory-tour`` command line.
"""

__version__ = "0.1.0"
