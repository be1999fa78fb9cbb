"""The scene layer: VTK/PyVista actors built and updated from the model.

Repeated parts are drawn with GPU instancing (:mod:`viewer.scene.instancing`), one mapper per
shape, so the number of actors does not grow with the number of robots.
"""
