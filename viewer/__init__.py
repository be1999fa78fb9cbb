"""factory-tour: a 3D visualizer of the Xiaomi EV plant in Beijing E-Town and its public tour.

Layers, each importing only downward:

* :mod:`viewer.model` -- plain Python and NumPy: layout, geometry, kinematics, camera presets.
* :mod:`viewer.scene` -- VTK/PyVista: actors built and updated from the model.
* :mod:`viewer.ui` -- PySide6: the main window, menus and the command line.
"""

__version__ = "0.1.0"
