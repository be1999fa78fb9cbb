"""The model layer: plain Python and NumPy, no Qt and no VTK.

Everything the scene shows is computed here from the data files in ``assets/`` and ``routes/``.
"""

from viewer.model.errors import DataFileError
from viewer.model.plant.layout import Plant, load_plant

__all__ = ["DataFileError", "Plant", "load_plant"]
