"""The plant as data: the layout file, its halls, walls and roofs, equipment, what stands
outside, the technology showroom, and the camera views of it."""
