"""Cars drawn: a user's glTF car model (reading, Draco, materials), the lobby's sculpture and
exhibits (showroom), the cabin seen on the test ride and the light map for the PBR paint."""
