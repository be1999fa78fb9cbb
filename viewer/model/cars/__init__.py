"""The SU7: the parametric body, the Möbius-strip sculpture it rides, and the checks on a
user's glTF car model."""
