"""The plant drawn: the scene that writes each moment's state into actors (plant_scene), the
halls, the ground and the surroundings, floor shading, people and labels."""
